from django.db import models


class Throttle(models.Model):
    """A counter of attempts (failed sign-ins, public submissions) under one key, kept in
    the database so every web worker and process shares it and a restart forgets nothing.
    Changed only through dvs.lib.throttle."""

    key = models.CharField(max_length=255, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"
