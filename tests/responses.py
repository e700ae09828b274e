"""Reading a response as a reader (or a program) reads it: its HTML, its whole body, the
events a timeline page lists and the messages it shows."""

from bs4 import BeautifulSoup, Tag


def body(response) -> bytes:
    """The whole body, whether it was sent whole or streamed."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def page(response) -> BeautifulSoup:
    return BeautifulSoup(body(response).decode(), "html.parser")


def articles(response) -> list[Tag]:
    """The events a timeline page lists, in the order a reader sees them."""
    return page(response).select("#results article")


def listed(response) -> list[str]:
    """The titles of the events listed, in the order a reader sees them."""
    return [article.find(["h3", "h4"]).get_text(strip=True) for article in articles(response)]


def linked(response) -> list[str]:
    """The addresses the listed events' headings link to, in order."""
    return [article.find(["h3", "h4"]).a["href"] for article in articles(response)]


def errors(response) -> list[str]:
    """The messages about the filters, as a reader reads them."""
    return [" ".join(item.get_text().split()) for item in page(response).select(".form-errors li")]
