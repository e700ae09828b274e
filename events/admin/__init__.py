"""Curation: what editors use to keep the timeline true.

One module per part of the work; importing them registers their model admins.
"""

from events.admin import catalogue, commitments, event, phases, sources, suggestions  # noqa: F401
