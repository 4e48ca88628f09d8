"""The back office of grassroots democracy (boards): to be written."""

VIEWSETS = ()
