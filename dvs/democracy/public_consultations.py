"""The residents' side on the portal (public_consultations): to be written."""

urlpatterns = []
