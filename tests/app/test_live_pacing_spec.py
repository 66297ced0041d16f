"""One pacing pipeline, two implementations: the browser's pace_monitor.js must give exactly the events of the
Python core (fibrokit.pacing.PaceMonitor) on the same beats, from the parameters PaceMonitor.spec() hands it.

The JavaScript runs in node (``/usr/bin/node``); a missing node fails the tests, never skips them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import shared_file

from fibrokit import read
from fibrokit.live.ble import BeatClock
from fibrokit.pacing import hr_measurement, pace_monitor, pace_thresholds
from fibrokit.pacing.pace_monitor import PaceMonitor

SCRIPT = Path(str(files("fibrokit.web").joinpath("static", "pace_monitor.js")))
LINES = pace_thresholds(75, threshold_bpm=90, ceiling_bpm=104)

# Feeds the spec and the samples to pace_monitor.js and prints its events, final status and parsed packets.
_RUNNER = """
const Pace = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const monitor = new Pace.Monitor(input.spec);
const events = [];
for (const [t, rr, hr] of input.samples) {
  const out = rr !== null ? monitor.addBeat(t, rr) : monitor.addHr(t, hr);
  for (const e of out) { events.push([e.time_s, e.kind, e.zone, e.message]); }
}
const clock = new Pace.BeatClock();
const parsed = input.packets.map(([arrived, bytes]) => {
  const m = Pace.parseMeasurement(new DataView(Uint8Array.from(bytes).buffer));
  return [m.hr_bpm, m.contact, m.rr_1024, clock.samples(arrived, m).map((s) => [s.time_s, s.rr_ms ?? null])];
});
const s = monitor.status;
console.log(JSON.stringify({ events, status: [s.time_s, s.hr_bpm, s.zone, s.points, s.over_s],
  used: monitor.beatsUsed, rejected: monitor.beatsRejected, parsed }));
"""


def _node(spec: dict[str, object], samples: list[list[float | None]], packets: list[object]) -> dict:  # type: ignore[type-arg]
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: the browser's pacing pipeline is checked against the core with node")
    done = subprocess.run(
        [node, "-e", _RUNNER, str(SCRIPT)],
        input=json.dumps({"spec": spec, "samples": samples, "packets": packets}),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _python(monitor: PaceMonitor, samples: list[list[float | None]]) -> list[list[object]]:
    events = []
    for t, rr, hr in samples:
        assert t is not None
        out = monitor.add_beat(t, rr) if rr is not None else monitor.add_hr(t, float(hr or 0.0))
        events.extend([e.time_s, e.kind, int(e.zone), e.message] for e in out)
    return events


def _exercise_samples() -> list[list[float | None]]:
    beats = read(shared_file("polar/exercise_rri.hrm")).beats
    assert beats is not None
    return [[float(t), float(rr), None] for t, rr in zip(beats.times_s, beats.rr_ms, strict=True)]


@pytest.mark.parametrize("budget", [None, 60.0])
def test_browser_pipeline_gives_the_cores_events_on_a_real_exercise_recording(budget: float | None) -> None:
    samples = _exercise_samples()
    core = pace_monitor(LINES, budget_points=budget, used_points=12.5)
    expected = _python(core, samples)
    got = _node(pace_monitor(LINES, budget_points=budget, used_points=12.5).spec(), samples, [])
    kinds = [e[1] for e in expected]
    # The recording crosses the ceiling and comes back more than once: every kind of event is exercised.
    assert {"zone", "warn", "alert", "alert_end"} <= set(kinds)
    assert (budget is not None) == ("budget" in kinds)
    assert got["events"] == expected
    status = core.status
    assert got["status"][:3] == [status.time_s, status.hr_bpm, int(status.zone)]
    assert got["status"][3] == pytest.approx(status.points, rel=1e-12)
    assert (got["used"], got["rejected"]) == (core.beats_used, core.beats_rejected)


def test_browser_pipeline_matches_on_a_hovering_rate_and_on_heart_rates_without_beats() -> None:
    time = np.arange(0.0, 900.0, 0.5)
    hr = 100 + 8 * np.sin(time / 20) + 3 * np.sin(time / 1.3)  # hovering around the ceiling
    samples: list[list[float | None]] = [[float(t), None, float(h)] for t, h in zip(time, hr, strict=True)]
    changes = 0
    for dwell, hysteresis in ((20.0, 3.0), (5.0, 0.0), (0.0, 6.0)):
        settings = {"dwell_s": dwell, "hysteresis_bpm": hysteresis}
        expected = _python(pace_monitor(LINES, **settings), samples)
        changes += len([e for e in expected if e[1] == "zone"])
        assert _node(pace_monitor(LINES, **settings).spec(), samples, [])["events"] == expected
    assert changes > 20


def test_browser_parses_heart_rate_packets_and_times_beats_as_the_core_does() -> None:
    packets: list[tuple[float, bytes]] = [
        (1.0, bytes([0x16, 72, 0x00, 0x04])),  # UINT8 HR, contact, one RR of 1 s
        (2.0, bytes([0x17, 0x48, 0x00, 0x00, 0x04, 0x00, 0x03])),  # UINT16 HR, two RR
        (2.9, bytes([0x1E, 75, 0x10, 0x00, 0x80, 0x03])),  # energy expended, then RR
        (9.0, bytes([0x10, 80, 0x00, 0x03])),  # after lost packets: the beat clock jumps ahead
        (9.5, bytes([0x00, 81])),  # no RR at all: a heart rate at arrival
    ]
    clock = BeatClock()
    expected = []
    for arrived, data in packets:
        m = hr_measurement(data)
        samples = [[s.time_s, s.rr_ms] for s in clock.samples(arrived, m)]
        expected.append([m.hr_bpm, m.sensor_contact, list(m.rr_1024), samples])
    got = _node(pace_monitor(LINES).spec(), [], [[t, list(d)] for t, d in packets])["parsed"]
    assert got == expected
