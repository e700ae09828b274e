"""The timeline as a reader moves through it: pages of events (`paging`) under their year
and month headings (`grouping`), the counts per period (`overview`) and the zoomable time
axis above the list (`axis`). Shared by every view of the timeline (the page, its embed)."""
