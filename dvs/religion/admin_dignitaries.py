"""The back office of religious affairs: dignitaries (stub, filled by its part)."""

VIEWSETS = ()
