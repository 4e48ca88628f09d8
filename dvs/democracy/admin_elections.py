"""The back office of grassroots democracy (elections): to be written."""

VIEWSETS = ()
