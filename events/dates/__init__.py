"""Dates as Peacetracker holds, shows and reads them, one job to a module.

- `values`: a date as a start, a precision and an optional end; ISO 8601 values; month
  arithmetic. No words.
- `deadlines`: a promise's deadline (a date, or "within N days of" another) and whether
  what kept it came on time. No words.
- `display`: the one place a date becomes words for a reader, in a language and a calendar.
- `vocabulary`: the words and shapes dates are written with (month and weekday names, the
  patterns' building blocks), shared by reading and extraction.
- `reading`: an expression as an editor types it ("February last year") resolved to a date.
- `extraction`: the dates mentioned in running text, each read by `reading`.

Callers import from the module that owns the name.
"""
