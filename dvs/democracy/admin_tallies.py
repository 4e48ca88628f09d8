"""The back office of grassroots democracy (tallies): to be written."""

VIEWSETS = ()
