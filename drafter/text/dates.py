"""Months, weekdays, seasons and quarters: the words that date an event."""

from __future__ import annotations

MONTH_NAMES = (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
               ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
               ("november", "nov"), ("december", "dec"))  # each month's full name, then its short ones
MONTH_NUMBERS = {name: index for index, names in enumerate(MONTH_NAMES, start=1) for name in names}
MONTH_FULL_NAMES = {name: names[0] for names in MONTH_NAMES for name in names}  # each month's name, short or full,
# to its full name: "Oct" and "October" date the same month
# the months in the languages summaries come in besides English (Spanish, Portuguese, French, German, Italian, Dutch,
# Indonesian and Malay, Polish and Czech with their common case forms, Turkish, Romanian, Tagalog, Swahili, and
# Ukrainian and Russian with theirs), each to the English full name: "marzo", "März" and "Maret" date the same month
# as "March"
FOREIGN_MONTHS = {word: MONTH_NAMES[month - 1][0] for month, words in enumerate((
    "enero janeiro janvier januar gennaio januari ianuarie styczeń stycznia styczniu leden ledna ocak січень січня "
    "січні январь января январе",
    "febrero fevereiro février februar febbraio februari februarie luty lutego lutym únor února şubat pebrero лютий "
    "лютого лютому февраль февраля феврале",
    "marzo março mars märz maart maret mac martie marzec marca marcu březen března mart marso machi березень березня "
    "березні март марта марте",
    "abril avril aprile aprilie kwiecień kwietnia kwietniu duben dubna nisan aprili квітень квітня квітні апрель "
    "апреля апреле",
    "mayo maio mai maggio mei maj maja maju květen května mayıs травень травня травні мая мае",
    "junio junho juin juni giugno iunie czerwiec czerwca czerwcu červen června haziran hunyo червень червня червні "
    "июнь июня июне",
    "julio julho juillet juli luglio julai iulie lipiec lipca lipcu červenec července temmuz hulyo липень липня липні "
    "июль июля июле",
    "agosto août augustus agustus ogos sierpień sierpnia sierpniu srpen srpna ağustos agosti серпень серпня серпні "
    "август августа августе",
    "septiembre setiembre setembro septembre settembre septembrie wrzesień września wrześniu září eylül setyembre "
    "septemba вересень вересня вересні сентябрь сентября сентябре",
    "octubre outubro octobre oktober ottobre octombrie październik października październiku říjen října ekim oktubre "
    "oktoba жовтень жовтня жовтні октябрь октября октябре",
    "noviembre novembro novembre noiembrie listopad listopada listopadzie listopadu kasım nobyembre novemba листопад "
    "листопада листопаді ноябрь ноября ноябре",
    "diciembre dezembro décembre dezember dicembre desember disember decembrie grudzień grudnia grudniu prosinec "
    "prosince aralık disyembre desemba грудень грудня грудні декабрь декабря декабре",
), start=1) for word in words.split() if word not in MONTH_NUMBERS}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
SEASONS = frozenset("spring summer autumn winter".split())
SEASON_MONTHS = {"spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11), "fall": (9, 10, 11),
                 "winter": (12, 1, 2)}  # the months a season names (the northern year: the facts' own months decide)
QUARTERS = frozenset("q1 q2 q3 q4 h1 h2".split())
DATE_WORDS = frozenset(MONTH_NUMBERS) | WEEKDAYS | SEASONS | QUARTERS | {"fall"}  # any word that dates an event
