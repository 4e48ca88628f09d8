"""The back office of religious affairs: registry (stub, filled by its part)."""

VIEWSETS = ()
