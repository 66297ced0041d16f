"""The benchmarks' memory figures belong to the measured process, not to the process that started it."""

from __future__ import annotations

import resource
import subprocess
import sys

import numpy as np
from bench._measure import REPORT, START, measure_once, python


def test_a_small_child_under_a_large_parent_reports_its_own_peak() -> None:
    ballast = np.ones(300 * 2**20 // 8)  # 300 MiB, every page touched
    parent_peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert parent_peak_mib > 300
    child = measure_once(python("x = b'x' * (40 * 2**20)"))  # 40 MiB written
    assert 40 <= child.peak_mib < 120, child.peak_mib  # its 40 MiB plus an interpreter, not the parent's 300
    # The method the benchmarks used before: the child reads its own ru_maxrss, which on Linux starts at ours.
    naive = subprocess.run(
        [sys.executable, "-c", "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(naive.stdout) / 1024 >= 0.9 * parent_peak_mib  # so this test would catch an inheriting method
    assert ballast[-1] == 1.0


def test_start_up_and_work_are_reported_apart() -> None:
    code = "import numpy\n" + START + "EXTRA = {'n': float(numpy.arange(10**6).sum() > 0)}\n" + REPORT
    figures = measure_once(python(code))
    assert figures.report["n"] == 1.0
    # GNU time prints user and system time to the hundredth of a second, each cut short: the whole process's
    # CPU time may read up to 0.02 s under what the process measured of itself.
    resolution_s = 0.02
    assert 0 < figures.startup_cpu_s <= figures.cpu_s + resolution_s
    assert 0 <= figures.work_cpu_s <= figures.cpu_s + resolution_s
    assert 0 < figures.start_mib <= figures.peak_mib
