"""Run every benchmark in bench/ (bench_*.py: import, people, portal, scope, exemplars,
clearance, religion, democracy, …) in turn; each prints its own figures. bench_portal needs wrk (`apt-get install -y wrk`).

make bench                       # SQLite
DATABASE_URL=postgres://... make bench
bench/run.py bench_exemplars     # one of them

Each runs in its own process: benchmarks choose their own database before Django starts
(bench_exemplars keeps var/bench_exemplars.sqlite3 and dvs_bench_exemplars, bench_clearance
var/bench_clearance.sqlite3 and dvs_bench_clearance, bench_religion
var/bench_religion.sqlite3 and dvs_bench_religion, bench_democracy
var/bench_democracy.sqlite3 and dvs_bench_democracy, apart from the
residents' var/bench.sqlite3 and dvs_bench).
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
