"""Months, weekdays, seasons and quarters: the words that date an event."""

from __future__ import annotations

MONTH_NAMES = (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
               ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
               ("november", "nov"), ("december", "dec"))  # each month's full name, then its short ones
MONTH_NUMBERS = {name: index for index, names in enumerate(MONTH_NAMES, start=1) for name in names}
MONTH_FULL_NAMES = {name: names[0] for names in MONTH_NAMES for name in names}  # each month's name, short or full,
# to its full name: "Oct" and "October" date the same month
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
SEASONS = frozenset("spring summer autumn winter".split())
SEASON_MONTHS = {"spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11), "fall": (9, 10, 11),
                 "winter": (12, 1, 2)}  # the months a season names (the northern year: the facts' own months decide)
QUARTERS = frozenset("q1 q2 q3 q4 h1 h2".split())
DATE_WORDS = frozenset(MONTH_NUMBERS) | WEEKDAYS | SEASONS | QUARTERS | {"fall"}  # any word that dates an event
