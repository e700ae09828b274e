"""Formats: the timeline's events as JSON records, TimelineJS, CSV and iCalendar.

Every format is built from one record per event (`records.record`), so a field means the
same thing in each, and every format is fed by the same filtered queryset as the timeline,
read in keyset batches (`records.rows`) so that an export of any size streams.
"""
