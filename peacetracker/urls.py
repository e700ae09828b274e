from django.contrib import admin
from django.urls import include, path

from events.views.pages import favicon

admin.site.site_header = "Peacetracker curation"
admin.site.site_title = "Peacetracker"
admin.site.index_title = "Timeline curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", favicon, name="favicon"),
    path("", include("events.urls")),
]
