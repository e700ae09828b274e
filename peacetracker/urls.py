from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from events.views.pages import favicon

admin.site.site_header = _("Peacetracker curation")
admin.site.site_title = _("Peacetracker")
admin.site.index_title = _("Timeline curation")

urlpatterns = [
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", favicon, name="favicon"),
    # Every page in English at its address, in Dari under /fa/ and in Pashto under /ps/.
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("", include("events.urls")),
        prefix_default_language=False,
    ),
]
