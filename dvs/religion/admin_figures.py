"""The back office of religious affairs: figures (stub, filled by its part)."""

VIEWSETS = ()
