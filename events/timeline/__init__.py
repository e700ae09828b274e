"""Reading the timeline: keyset pages (`paging`), year and month headings (`grouping`), the
count of events per period (`overview`) and its drawing (`strip`). Shared by every view of
the timeline, so that a page address means the same thing everywhere."""
