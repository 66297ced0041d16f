"""The app under load: a year of one person's data, 20 concurrent clients, latency of every page.

Setup (cached in the temp folder, keyed by fibrokit's version): one account, and a year simulated through the
same analysis and storage as an upload — a 5-minute morning reading every day, a 45-minute walk with
beat-to-beat data every day, and 20 autonomic tests, each reviewed for pacing as it is stored — a progression
plan, a clinician the person shares every area with, and a year of diary, one to three check-ins a day, saved
as the check-in form saves them. Then ``fibrokit serve`` runs on loopback with two worker processes, on a copy
of the cached database (so the check-ins posted during a run do not pile up), and wrk (Debian's package,
installed here when missing) keeps 20 connections busy on one page at a time; its latency histogram gives the
percentiles. Saving a check-in is measured as the form's post, each request a check-in at a random time of the
past year. The clinician's requests each write an access-log row. Beside latency, which depends on what else
the machine runs, each page's CPU time per request (the server's processes, from the operating system) and its
SQL statements per visit (counted in process afterwards) say what the page itself costs.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""
# The check-in form's post: three ratings, a factor and a note, at a random time of the past year, with the
# session's CSRF token. A 303 back to the form is a success; a 4xx or 5xx counts as an error.
POST_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local counter = 0
request = function()
  counter = counter + 1
  local at = os.date("%Y-%m-%dT%H:%M", os.time() - math.random(0, 364 * 86400))
  local body = "csrf_token=CSRF_TOKEN&rate.pain=" .. math.random(0, 10) .. "&rate.fatigue=" .. math.random(0, 10)
    .. "&rate.brain_fog=" .. math.random(0, 10) .. "&factor=stress&note=bench+" .. counter .. "&at=" .. at
  return wrk.format(nil, nil, nil, body)
end
"""


def _ensure_wrk() -> str:
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    return "wrk"


def _setup(days: int, folder: Path) -> tuple[dict[str, int], float]:
    """Build (or reuse) the database; returns ids and the seconds the build took (0 when reused)."""
    from sqlalchemy import func, select

    from fibrokit.services.accounts import actions as accounts
    from fibrokit.services.demo.simulated_diary import DiaryPlan, store_diary
    from fibrokit.services.demo.simulated_history import Plan, store_history
    from fibrokit.store.db import make_engine, session_factory, transaction, upgrade
    from fibrokit.store.tables import CheckInRow, RecordingRow

    engine = make_engine(f"sqlite:///{folder / 'fibrokit.db'}")
    upgrade(engine)
    factory = session_factory(engine)
    built = 0.0
    done = folder / "complete"
    if not done.exists():
        start = time.perf_counter()
        with transaction(factory) as session:
            user = accounts.create_user(session, "bench@example.org", "a long bench password")
            user.birth_year = dt.date.today().year - 46
            user_id = user.id
        plan = Plan(days=days, walk_every=1, walk_s=2700.0, tests=20, reading_s=300.0, seed=3)
        store_history(factory, user_id, plan, end=dt.date.today(), age=46.0, batch=50)
        store_diary(factory, user_id, DiaryPlan(days=days, seed=3), end=dt.date.today())
        built = time.perf_counter() - start
        _share_and_plan(factory, user_id)
        done.write_text("ok")
    with transaction(factory) as session:
        user_id = 1
        walk = session.scalar(
            select(RecordingRow.id)
            .where(RecordingRow.kind == "activity")
            .order_by(RecordingRow.id.desc())
            .limit(1)
        )
        test = session.scalar(
            select(RecordingRow.id)
            .where(RecordingRow.kind == "exercise-test")
            .order_by(RecordingRow.id.desc())
        )
        counts = {
            "recordings": session.scalar(select(func.count()).select_from(RecordingRow)) or 0,
            "beats": session.scalar(select(func.sum(RecordingRow.beat_count))) or 0,
            "checkins": session.scalar(select(func.count()).select_from(CheckInRow)) or 0,
        }
    engine.dispose()
    return {"user": user_id, "walk": walk or 0, "test": test or 0, **counts}, built


def _share_and_plan(factory: Any, user_id: int) -> None:
    from fibrokit.services.accounts import actions as accounts
    from fibrokit.services.pacing import actions as pacing_actions
    from fibrokit.store.db import transaction
    from fibrokit.store.tables import AREAS

    today = dt.date.today()
    with transaction(factory) as session:
        clinician = accounts.create_user(session, CLINICIAN, "a long bench password")
        accounts.grant_share(session, user_id, clinician.id, AREAS)
        start = (today - dt.timedelta(weeks=5)).isoformat()
        form = {"plan_activity": "walking", "plan_minutes": "20", "plan_start": start}
        pacing_actions.save_plan(session, user_id, form, today)


CLINICIAN = "clinician@example.org"


def _session_cookie(folder: Path, email: str = "bench@example.org") -> tuple[str, str]:
    from sqlalchemy import select

    from fibrokit.config import load_settings
    from fibrokit.services.accounts import actions as accounts
    from fibrokit.store.db import make_engine, session_factory, transaction
    from fibrokit.store.tables import User

    settings = load_settings(data_dir=folder, env="development")
    engine = make_engine(settings.database_url)
    with transaction(session_factory(engine)) as session:
        user = session.scalar(select(User).where(User.email == email))
        assert user is not None
        signed = accounts.start_session(session, user, secret=settings.secret(), days=1)
    engine.dispose()
    return f"fibrokit_session={signed.token}", signed.csrf


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wrk(url: str, cookie: str, seconds: int, script: Path) -> dict[str, float]:
    command = [
        "wrk",
        "-t2",
        "-c20",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration_us, errors, p50, p95, p99, worst = (int(v) for v in line.split()[1:])
    return {
        "requests": requests,
        "rps": requests / (duration_us / 1e6),
        "errors": errors,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "max": worst / 1000,
    }


def run(quick: bool) -> str:
    """Measure every page and return the Markdown section."""
    days, seconds = (30, 5) if quick else (365, 10)
    measured = measure(days, seconds)
    return _report(
        days, measured["ids"], measured["built"], measured["size_mb"], seconds, measured["results"]
    )


def _pages(ids: dict[str, int]) -> dict[str, str]:
    """Every page of the app (and the chart data pages fetch), as the person and as their clinician."""
    p = f"/p/{ids['user']}"
    return {
        "dashboard": p,
        "dashboard's chart data (JSON)": f"{p}/trends.json",
        "recordings list": f"{p}/recordings",
        "recording page (a 45-min walk)": f"{p}/recordings/{ids['walk']}",
        "recording page (an exercise test)": f"{p}/recordings/{ids['test']}",
        "chart data of the walk (JSON)": f"{p}/recordings/{ids['walk']}/charts.json",
        "exercise tests over time": f"{p}/tests/exercise-test",
        "exercise tests' chart data (JSON)": f"{p}/tests/exercise-test/charts.json",
        "diary check-in page": f"{p}/diary/checkin",
        "diary history (90 days)": f"{p}/diary",
        "diary's chart data (JSON)": f"{p}/diary/trends.json",
        "FIQR questionnaire": f"{p}/diary/fiqr",
        "pacing page": f"{p}/pacing",
        "pacing's chart data (JSON)": f"{p}/pacing/charts.json",
        "activities and their load": f"{p}/pacing/activities",
        "pacing review of the walk": f"{p}/pacing/activities/{ids['walk']}",
        "pacing settings": f"{p}/pacing/settings",
        "trials": f"{p}/trials",
        "report page": f"{p}/report",
        "research page": f"{p}/research",
        "sharing": f"{p}/sharing",
        "access log": f"{p}/sharing/log",
        "account": "/account",
        "clinician's home: patients with summaries (access logged)": "/",
        "dashboard, as a clinician (access logged)": p,
        "diary history, as a clinician (access logged)": f"{p}/diary",
        "recording page, as a clinician (access logged)": f"{p}/recordings/{ids['walk']}",
        # Last: each post has the background worker judge mornings again, which would weigh on the next page.
        "diary check-in saved (form post)": f"{p}/diary/checkin",
    }


def measure(days: int, seconds: int) -> dict[str, Any]:
    """Build (or reuse) the year, serve it, load every page in turn; then count each page's queries."""
    _ensure_wrk()
    from fibrokit import __version__
    from fibrokit.store.db import head_revision

    # Cached between runs; a new version or schema builds it again.
    folder = Path(tempfile.gettempdir()) / f"fibrokit-bench-app-{days}d-{__version__}-r{head_revision()}"
    folder.mkdir(exist_ok=True)
    ids, built = _setup(days, folder)
    size_mb = (folder / "fibrokit.db").stat().st_size / 1e6
    # The server works on a copy: the check-ins posted during the run do not change the cached year.
    work = Path(tempfile.mkdtemp(prefix="fibrokit-bench-app-run-"))
    shutil.copytree(folder, work, dirs_exist_ok=True)
    folder = work
    cookie, csrf = _session_cookie(folder)
    clinician, _ = _session_cookie(folder, CLINICIAN)
    port = _free_port()
    environment = {
        **os.environ,
        "FIBROKIT_DATA_DIR": str(folder),
        "FIBROKIT_ENV": "development",
        "FIBROKIT_LOG_LEVEL": "warning",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "fibrokit", "serve", "--port", str(port), "--workers", "2"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    pages = _pages(ids)
    results: dict[str, dict[str, float]] = {}
    try:
        import urllib.request

        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/login", timeout=1)  # loopback only
                break
            except OSError:
                time.sleep(0.1)
        script, post = folder / "report.lua", folder / "post.lua"
        script.write_text(LUA)
        post.write_text(POST_LUA.replace("CSRF_TOKEN", csrf) + LUA)
        for name, path in pages.items():
            chosen = post if "form post" in name else script
            who = clinician if "clinician" in name else cookie
            _wrk(base + path, who, 2, chosen)  # warm-up: both workers, their caches and connections
            cpu = _cpu_s(server.pid)
            results[name] = _wrk(base + path, who, seconds, chosen)
            results[name]["cpu_ms"] = 1000 * (_cpu_s(server.pid) - cpu) / max(results[name]["requests"], 1)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    try:
        for name, count in _queries(work, pages, cookie, clinician).items():
            results[name]["queries"] = count
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"ids": ids, "built": built, "size_mb": size_mb, "results": results}


def _cpu_s(pid: int) -> float:
    """CPU seconds the server and its worker processes have used so far."""
    import psutil

    root = psutil.Process(pid)
    total = 0.0
    for process in (root, *root.children(recursive=True)):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _queries(folder: Path, pages: dict[str, str], owner: str, clinician: str) -> dict[str, int]:
    """SQL statements of one visit to each page once it is warm (in process, on the same database)."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from fibrokit.config import load_settings
    from fibrokit.web import create_app

    app = create_app(load_settings(data_dir=folder, env="development", log_level="warning"), run_worker=False)
    statements: list[str] = []
    event.listen(app.state.fibrokit.engine, "before_cursor_execute", lambda *a: statements.append(str(a[2])))
    counts = {}
    for cookie in (owner, clinician):
        client = TestClient(app, follow_redirects=False)
        client.cookies.set(*cookie.split("=", 1))
        for name, path in pages.items():
            if "form post" in name or ("clinician" in name) != (cookie == clinician):
                continue
            client.get(path)
            statements.clear()
            client.get(path)
            counts[name] = len(statements)
    app.state.fibrokit.engine.dispose()
    return counts


def _report(
    days: int,
    ids: dict[str, int],
    built: float,
    size_mb: float,
    seconds: int,
    results: dict[str, dict[str, float]],
) -> str:
    lines = [
        "## App under load (issues 7, 8 and 16)",
        "",
        f"One person, {days} days: a 5-minute morning reading and a 45-minute walk with beat-to-beat data every "
        f"day, 20 autonomic tests and one to three diary check-ins a day — {ids['recordings']:,} recordings, "
        f"{ids['beats']:,} beats and {ids['checkins']:,} check-ins, stored through the same analysis (and pacing "
        f"review) and forms as an upload and a check-in into a {size_mb:.0f} MB SQLite database"
        + (f" (built in {built / 60:.1f} min)" if built else "")
        + ". `fibrokit serve --workers 2` on loopback; wrk keeps 20 connections busy on one page for "
        f"{seconds} s (after a 2-s warm-up), on the same 2-core machine, every page in one run. Saving a check-in is the form's post "
        "(three ratings, a factor, a note) at a random time of the past year, so each post also refolds that "
        "day and queues the mornings it bears on, which the server's background worker judges again once the "
        "diary has rested 2 s. Latency in milliseconds; the target is a 95th percentile under 200 ms for every page. The "
        "dashboard carries a pacing panel (today's load against the budget, the lines, the plan's week); a "
        "clinician's request also writes its access-log row. *CPU per request* is the server's own (both workers, from the operating system's counters) divided by"
        " the requests served; *queries* are the SQL statements of one visit once the page is warm, counted in"
        " process on the same database. Neither depends much on what else the machine is doing; latency does.",
        "",
        "| page | requests/s | p50 | p95 | p99 | max | errors | CPU per request (ms) | queries |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        queries = f"{int(r['queries'])}" if "queries" in r else "–"
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | **{r['p95']:.1f}** | {r['p99']:.1f} | {r['max']:.0f} "
            f"| {int(r['errors'])} | {r['cpu_ms']:.1f} | {queries} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import json

    # python bench/bench_app.py OUT.json: measure the full year and keep the raw numbers (for before/after tables)
    sys.path.insert(0, str(ROOT / "bench"))
    Path(sys.argv[1]).write_text(json.dumps(measure(365, 10), indent=1, default=str), encoding="utf-8")
