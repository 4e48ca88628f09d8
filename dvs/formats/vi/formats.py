# Dates are shown dd/mm/yyyy everywhere (ARCHITECTURE: Vietnamese text), and read day
# first: "1/3/2026" and "01/03/2026" are 1 March 2026 (Python's %d and %m take one or two
# digits). Never month first. ISO (2026-03-01) is read too, for pasted machine dates.
# Text none of these formats reads is refused (dvs.lib.forms.DateField), never replaced;
# a date and time needs both (a date alone is not taken as midnight).
# The back office's date picker writes WAGTAIL_DATE_FORMAT (settings), the first below.
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%H:%M %d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
