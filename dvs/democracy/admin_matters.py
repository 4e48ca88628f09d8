"""The back office of grassroots democracy (matters): to be written."""

VIEWSETS = ()
