"""Other packages' apps, as the project configures them."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _


class LoginThrottlingConfig(AxesConfig):
    """django-axes, named in the admin in the editor's language: it calls itself "Axes",
    a name no translation reaches."""

    verbose_name = _("Login throttling")
