"""HTTP: the reader's pages (`pages`) and the timeline as data (`data`)."""
