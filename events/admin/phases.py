"""Curating the phases of the process: named periods ("US–Taliban talks") that section the
timeline and filter it."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from events.admin.forms import PhaseForm, describe_when, phase_base
from events.models import Phase


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    form = PhaseForm
    list_display = ["name", "when", "slug"]
    search_fields = ["name"]
    ordering = ["start", "precision", "name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        ("name_fa", "name_ps"),
        "slug",
        "when",
        "description",
        ("description_fa", "description_ps"),
    ]

    class Media:
        css = {"all": ["events/admin.css"]}
        js = ["django_htmx/htmx-2.min.js"]

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "when-preview/",
            self.admin_site.admin_view(self.when_preview),
            name="events_phase_when_preview",
        )
        return [preview, *super().get_urls()]

    def when_preview(self, request: HttpRequest) -> HttpResponse:
        """The "When" field's preview, for htmx, as the editor types."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        resolution, preview = describe_when(request.GET.get("when", "")[:200], base=phase_base())
        context = {"preview": preview, "preview_ok": resolution is not None}
        return render(request, "admin/events/event/_when_preview.html", context)

    @admin.display(description=_("period"), ordering="start")
    def when(self, phase: Phase) -> str:
        return phase.when
