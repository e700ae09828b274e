from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Peacetracker curation"
admin.site.site_title = "Peacetracker"
admin.site.index_title = "Timeline curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("events.urls")),
]
