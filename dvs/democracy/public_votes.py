"""The residents' side on the portal (public_votes): to be written."""

urlpatterns = []
