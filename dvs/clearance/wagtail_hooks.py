"""The back office of land clearance advocacy. The screens of the clocks, the figures and
the import are registered by their own modules, imported here."""

from . import clock_hooks, figures_hooks, import_hooks  # noqa: F401
