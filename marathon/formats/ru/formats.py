# Django's Russian "j F" writes the month in the nominative ("27 Декабрь") where a day and month need the
# genitive ("27 декабря"), as the back office's date links show them. Everything else comes from Django's formats.
MONTH_DAY_FORMAT = "j E"
