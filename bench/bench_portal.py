"""Portal article page under load: the production server (gunicorn, 2 sync workers, as
bin/serve starts it) answering 64 concurrent connections from wrk on 127.0.0.1, the
portal as deployed (view counting + page cache for anonymous visitors) side by side with
the same page and server without counting and without page cache, in one run.

Target (PERFORMANCE.md): ≥ 5× the plain page's requests/s, 0 errors, and the stored
count grown by exactly the counted views. The witness for "counted views" is the
server's own access log (every GET of the article answered 200): wrk stops mid-flight
and cannot count what the server answered after it stopped reading.

    .venv/bin/python bench/run.py bench_portal
    BENCH_PORTAL_SECONDS=10 BENCH_PORTAL_ROUNDS=3 (defaults) — needs `wrk` (Debian package)

Each server runs alone (the two never compete for the 2 cores); its counts are flushed at
shutdown (SIGTERM), then read from the database. Every request counts here
(PORTAL_RELOAD_WINDOW=0: wrk is one visitor), so the check covers every request.
"""

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
SECONDS = int(os.environ.get("BENCH_PORTAL_SECONDS", 10))
ROUNDS = int(os.environ.get("BENCH_PORTAL_ROUNDS", 3))
CONNECTIONS = 64
PORTS = {"portal": 8202, "plain": 8203}
SEED = ROOT / "dvs/portal/demo_media/ban-dan-van-so-ket-6-thang-2024.txt"
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

if not shutil.which("wrk"):
    sys.exit("bench_portal needs wrk: apt-get install -y wrk")

work = Path(tempfile.mkdtemp(prefix="dvs-bench-portal-"))
(work / "secret_key").write_text("bench-" + "x" * 50)
base_env = {
    **os.environ,
    "DVS_VAR_DIR": str(work),
    "SQLITE_PATH": str(work / "portal.sqlite3"),
    "FIELD_ENCRYPTION_KEYS": "x5-0dAFJlqW4Cm9Qz2Q6bHkHIBrmx6H-5hEt7fgHwwQ=",
    "OTP_REQUIRED_ROLES": "",
    "DEBUG": "0",
    "PORTAL_RELOAD_WINDOW": "0",
}
base_env.pop("DVS_TESTING", None)
SETTINGS = {
    "portal": {},
    "plain": {"PORTAL_COUNT_VIEWS": "0", "PORTAL_CACHE_SECONDS": "0"},
}


def manage(*args, env=None):
    return subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env or base_env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def views(page_id):
    code = (
        "from dvs.portal.models import PageCounter as C;"
        f"print(C.objects.filter(page_id={page_id}).values_list('views', flat=True).first() or 0)"
    )
    return int(manage("shell", "-c", code).strip().splitlines()[-1])


print(f"setting up in {work} ({'DATABASE_URL' in os.environ and 'PostgreSQL' or 'SQLite'})")
manage("migrate", "--noinput")
manage("collectstatic", "--noinput", "--verbosity", "0")
code = (
    "from dvs.portal.models import SectionPage as S; from dvs.portal.setup import ensure_portal;"
    "h = ensure_portal();"
    "S.objects.filter(slug='cong-tac-dan-van').exists() or "
    "h.add_child(instance=S(title='Công tác dân vận', slug='cong-tac-dan-van'))"
)
manage("shell", "-c", code)
title = f"Sơ kết 6 tháng đầu năm 2024 (đo tải {int(time.time())})"
manage("import_article", str(SEED), "--title", title, "--section", "cong-tac-dan-van")
info = (
    manage(
        "shell",
        "-c",
        f"from dvs.portal.models import ArticlePage as A; a = A.objects.get(title='{title}'); print(a.pk, a.url)",
    )
    .strip()
    .splitlines()[-1]
)
page_id, path = int(info.split()[0]), info.split()[1]


def start(kind):
    port = PORTS[kind]
    log = work / f"access-{kind}.log"
    log.write_text("")
    server = subprocess.Popen(
        [
            GUNICORN,
            "dvs.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            os.environ.get("WEB_WORKERS", "2"),
            "--access-logfile",
            str(log),
            "--graceful-timeout",
            "10",
            "--control-socket",
            str(work / f"{kind}.ctl"),
        ],
        cwd=ROOT,
        env={**base_env, **SETTINGS[kind]},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}{path}"
    for _ in range(100):
        try:
            request = urllib.request.Request(url, headers={"User-Agent": UA})
            with urllib.request.urlopen(request, timeout=2) as response:
                body = response.read().decode()
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        sys.exit(f"{kind} server did not answer on {url}")
    assert "Minh Khang" in body and "16:42:07" in body, "the article did not render"
    return server, url, log


def stop(server):
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def wrk(url):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--latency",
            "--timeout",
            "5s",
            "-H",
            f"User-Agent: {UA}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    done = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket:
        errors += sum(int(x) for x in socket.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    return rps, p99_ms, done, errors


results = {"portal": [], "plain": []}
exact = []
for round_ in range(1, ROUNDS + 1):
    for kind in ("plain", "portal"):
        before = views(page_id)
        server, url, log = start(kind)
        rps, p99, done, errors = wrk(url)
        stop(server)
        after = views(page_id)
        answered = sum(
            1
            for line in log.read_text().splitlines()
            if f'"GET {path} HTTP' in line and '" 200 ' in line
        )
        results[kind].append((rps, p99, errors))
        print(
            f"round {round_} {kind:<7} {rps:9.0f} req/s  p99 {p99:7.1f} ms  errors {errors}"
            f"  wrk completed {done}  server answered {answered}  stored views +{after - before}"
        )
        if kind == "portal":
            exact.append((after - before, answered, done))
        elif after != before:
            print(f"  !! the plain server changed the count by {after - before}")

median = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
p99s = {k: statistics.median(r[1] for r in v) for k, v in results.items()}
errors = sum(r[2] for v in results.values() for r in v)
ratio = median["portal"] / median["plain"]
exact_ok = all(grown == answered for grown, answered, _done in exact)
print()
print(
    f"plain Wagtail page (no counting, no cache)  {median['plain']:8.0f} req/s  p99 {p99s['plain']:7.1f} ms"
)
print(
    f"portal article (counting + page cache)      {median['portal']:8.0f} req/s  p99 {p99s['portal']:7.1f} ms"
)
print(
    f"ratio {ratio:.1f}× (target ≥ 5×)   errors {errors} (target 0)   "
    f"exact count: {'yes' if exact_ok else 'NO'} ({sum(e[0] for e in exact)} stored = "
    f"{sum(e[1] for e in exact)} answered; wrk saw {sum(e[2] for e in exact)})"
)
shutil.rmtree(work, ignore_errors=True)
