"""The back office of religious affairs: filings (stub, filled by its part)."""

VIEWSETS = ()
