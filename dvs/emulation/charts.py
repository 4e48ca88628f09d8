"""The exemplar statistics' charts: drawn by the platform's shared module (dvs.lib.charts)."""

from dvs.lib.charts import Chart, bars  # noqa: F401
