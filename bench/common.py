"""Helpers shared by the benchmarks: Django set-up, timing, percentiles."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvs.settings")
    import django

    django.setup()


def timings(function, runs=50, warmup=3):
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(label, samples):
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{label:<55} median {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms")
    return p95
