"""The back office of grassroots democracy (consultations): to be written."""

VIEWSETS = ()
