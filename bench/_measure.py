"""True figures for one side of a benchmark: a fresh process, its own CPU time, wall time and peak memory.

Each run is a new process started under GNU ``/usr/bin/time``, which forks a small process of its own and reads
the peak resident set size of the measured program from ``wait4``. That figure belongs to the program alone.
Reading ``ru_maxrss`` of a child from the benchmark's own process does not work on Linux: a child created with
``fork``/``vfork`` starts from its parent's peak, so a 20 MiB child under a 500 MiB parent reports 500 MiB
(tests/common/test_bench_measure.py shows the method here does not inherit it).

A program that wants its start-up reported apart from its work prints, as its last line, a JSON object made by
:data:`REPORT` (CPU and wall time of the work alone, and the memory in use once everything was imported).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

TIME = "/usr/bin/time"
ROOT = Path(__file__).resolve().parent.parent

# Snippets for a measured Python program: START after its imports, then REPORT at the end prints the work's own
# figures. ``time.process_time`` counts from process creation, so its value at START is the start-up's CPU time.
START = """
import json as _json, time as _time
with open("/proc/self/status") as _status:
    _start_mib = next(int(l.split()[1]) / 1024 for l in _status if l.startswith("VmRSS:"))
_start_cpu, _start_wall = _time.process_time(), _time.perf_counter()
"""
REPORT = """
print(_json.dumps({"startup_cpu_s": _start_cpu, "work_cpu_s": _time.process_time() - _start_cpu,
                   "work_wall_s": _time.perf_counter() - _start_wall, "start_mib": _start_mib,
                   **globals().get("EXTRA", {})}))
"""


@dataclass(frozen=True)
class Figures:
    """Medians over runs of one measured program (times in seconds, memory in MiB)."""

    cpu_s: float
    wall_s: float
    peak_mib: float
    runs: int
    report: dict[str, float] = field(default_factory=dict)
    stdout: str = ""

    @property
    def startup_cpu_s(self) -> float:
        """CPU time before the work began (interpreter and imports), if the program reported it."""
        return self.report.get("startup_cpu_s", float("nan"))

    @property
    def work_cpu_s(self) -> float:
        """CPU time of the work alone, if the program reported it."""
        return self.report.get("work_cpu_s", float("nan"))

    @property
    def start_mib(self) -> float:
        """Memory in use once everything was imported, before the work, if the program reported it."""
        return self.report.get("start_mib", float("nan"))

    @property
    def work_wall_s(self) -> float:
        """Wall time of the work alone, if the program reported it."""
        return self.report.get("work_wall_s", float("nan"))


def bench_env() -> dict[str, str]:
    """The environment for measured programs: this checkout's source first, bytecode cached as after install."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "120", "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_source() -> None:
    """Write the bytecode of the checkout's source, as ``pip install`` does, so start-up is not compilation."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")],
        env=bench_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure_once(argv: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> Figures:
    """Run ``argv`` once in a fresh process; its CPU time (user + system), wall time and own peak memory."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as sink:
        done = subprocess.run(
            [TIME, "-o", sink.name, "-f", "%e %U %S %M", *argv],
            capture_output=True,
            text=True,
            env=env if env is not None else bench_env(),
            timeout=timeout,
            check=False,
        )
        last = Path(sink.name).read_text().strip().splitlines()[-1]
    if done.returncode != 0:
        raise RuntimeError(f"{argv[:4]} failed ({done.returncode}): {done.stderr[-1500:]}")
    wall, user, system, peak_kib = (float(v) for v in last.split())
    report: dict[str, float] = {}
    lines = done.stdout.strip().splitlines()
    if lines and lines[-1].startswith("{"):
        report = dict(json.loads(lines[-1]))
    return Figures(user + system, wall, peak_kib / 1024, 1, report, done.stdout)


def measure(
    argv: list[str], runs: int = 5, env: dict[str, str] | None = None, timeout: float | None = None
) -> Figures:
    """Medians of ``runs`` fresh runs of ``argv`` (every figure, and every number the program reported)."""
    return _medians([measure_once(argv, env, timeout) for _ in range(runs)])


def measure_in_turn(
    argvs: list[list[str]], runs: int = 5, env: dict[str, str] | None = None, timeout: float | None = None
) -> list[Figures]:
    """Medians for several programs run in turn (a, b, a, b, …), so each sees the same load on a shared machine."""
    each: list[list[Figures]] = [[] for _ in argvs]
    for _ in range(runs):
        for figures, argv in zip(each, argvs, strict=True):
            figures.append(measure_once(argv, env, timeout))
    return [_medians(figures) for figures in each]


def _medians(each: list[Figures]) -> Figures:
    runs = len(each)
    keys = set().union(*(f.report for f in each))
    report = {
        k: statistics.median(float(f.report[k]) for f in each if k in f.report)
        for k in keys
        if all(isinstance(f.report.get(k, 0.0), int | float) for f in each)
    }
    return Figures(
        statistics.median(f.cpu_s for f in each),
        statistics.median(f.wall_s for f in each),
        statistics.median(f.peak_mib for f in each),
        runs,
        report,
        each[-1].stdout,
    )


def python(code: str, *args: str) -> list[str]:
    """The argv that runs a Python snippet in a fresh interpreter of this virtual environment."""
    return [sys.executable, "-c", code, *args]


def load_note() -> str:
    """One sentence on how busy the machine was, since the figures depend on it."""
    one, five, _ = os.getloadavg()
    return (
        f"Load average {one:.1f} (5 min: {five:.1f}) on {os.cpu_count()} cores while this ran: the machine was shared, "
        "so absolute times are inflated; the ratios compare sides measured in turn in the same run."
    )
