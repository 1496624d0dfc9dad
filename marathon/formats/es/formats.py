# Django groups Spanish thousands with a space ("36 495"), while browsers (CLDR) write "36.495": the live counters
# and the charts, written by the browser, switched style from the numbers around them. Spanish here writes a full
# stop, as the browser does; everything else comes from Django's own Spanish formats.
THOUSAND_SEPARATOR = "."
