"""Run every benchmark in bench/ (bench_*.py) in turn; each prints its own figures.

make bench                       # SQLite
DATABASE_URL=postgres://... make bench
"""

import runpy
import sys
from pathlib import Path

here = Path(__file__).parent
selected = sys.argv[1:]
for script in sorted(here.glob("bench_*.py")):
    if selected and script.stem not in selected:
        continue
    print(f"== {script.stem}")
    runpy.run_path(str(script), run_name="__main__")
