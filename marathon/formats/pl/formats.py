# Django writes short Polish dates as 10-12-2012 (and two spaces before the time); Polish writes 10.12.2012.
# Everything else comes from Django's own Polish formats (the custom module is asked first, attribute by attribute).
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
