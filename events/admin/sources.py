"""Curating sources, and importing articles as sources with suggested events."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from events.admin.forms import ArticleImportForm
from events.admin.links import LinkFilter, link_summary
from events.ingest.articles import ArticleError
from events.models import Source, Suggestion
from events.services.articles import import_article


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "language", "published", "link", "suggestions_to_review"]
    list_filter = [LinkFilter, "publisher", "language"]
    search_fields = ["title", "publisher", "via", "url", "text"]
    date_hierarchy = "published"
    fields = [
        "title",
        "publisher",
        "via",
        "url",
        "link",
        "archive_url",
        "published",
        "language",
        "text",
        "suggestions_to_review",
    ]
    readonly_fields = ["link", "suggestions_to_review"]

    class Media:
        css = {"all": ["events/admin.css"]}

    def get_urls(self) -> list[URLPattern]:
        importer = path(
            "import/",
            self.admin_site.admin_view(self.import_article),
            name="events_source_import",
        )
        return [importer, *super().get_urls()]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        pending = Count("suggestions", filter=Q(suggestions__status=Suggestion.Status.PENDING))
        # A counted (grouped) query drops the model's default order: restate it.
        return (
            super().get_queryset(request).annotate(pending=pending).order_by("-published", "title")
        )

    @admin.display(description=_("link"), ordering="check_status")
    def link(self, source: Source) -> str:
        return link_summary(source)

    @admin.display(description=_("suggestions to review"), ordering="pending")
    def suggestions_to_review(self, source: Source) -> str:
        if source.pk is None:
            return "–"
        pending = getattr(source, "pending", None)
        if pending is None:  # the change page's object does not come from get_queryset
            pending = source.suggestions.filter(status=Suggestion.Status.PENDING).count()
        query = urlencode({"source__id__exact": source.pk, "status__exact": "pending"})
        url = f"{reverse('admin:events_suggestion_changelist')}?{query}"
        return format_html(_('<a href="{url}">{count} to review</a>'), url=url, count=pending)

    def import_article(self, request: HttpRequest) -> HttpResponse:
        """Paste or upload an article: it becomes a source with suggested events."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        imported = None
        if request.method == "POST" and form.is_valid():
            try:
                imported = import_article(
                    form.article,
                    title=form.cleaned_data["title"],
                    publisher=form.cleaned_data["publisher"],
                    url=form.cleaned_data["url"],
                    language=form.cleaned_data["language"],
                )
            except ArticleError as error:  # refused while it was read, before any write
                form.add_error(None, str(error))
        if imported is not None:
            source = imported.source
            said = _("Imported “%(title)s”: %(count)s new suggestion(s).") % {
                "title": source.title,
                "count": imported.new_suggestions,
            }
            if not imported.new_source:
                said += " " + _("It was imported before.")
            self.message_user(request, said, messages.SUCCESS)
            return redirect(
                f"{reverse('admin:events_suggestion_changelist')}?source__id__exact={source.pk}"
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import article"),
            "form": form,
        }
        return render(request, "admin/events/source/import.html", context)
