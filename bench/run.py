"""Run every benchmark in bench/ (bench_*.py) in turn; each prints its own figures.

make bench                       # SQLite
DATABASE_URL=postgres://... make bench

Each runs in its own process: a benchmark chooses its own SQLite file (bench_cases.py
uses var/bench_cases.sqlite3) before Django is set up, which happens once per process.
"""

import subprocess
import sys
from pathlib import Path

here = Path(__file__).parent
selected = sys.argv[1:]
failed = False
for script in sorted(here.glob("bench_*.py")):
    if selected and script.stem not in selected:
        continue
    print(f"== {script.stem}", flush=True)
    failed |= subprocess.run([sys.executable, str(script)]).returncode != 0
sys.exit(1 if failed else 0)
