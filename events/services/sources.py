"""Sources: an article's text is stored once, however many times it arrives."""

from datetime import date

from events.models import Source, text_checksum


def source_for_text(
    *,
    text: str,
    published: date,
    title: str,
    publisher: str = "",
    url: str = "",
    language: str = "",
) -> tuple[Source, bool]:
    """The source holding `text` (white space aside), made from the other details if there is
    none yet; and whether it was made now. A known source keeps the details it has."""
    source = Source.objects.filter(checksum=text_checksum(text)).first()
    if source is not None:
        return source, False
    source = Source(
        title=title,
        publisher=publisher,
        url=url,
        language=language,
        published=published,
        text=text,
    )
    source.full_clean()
    source.save()
    return source, True
