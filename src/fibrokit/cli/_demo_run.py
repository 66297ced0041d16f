"""The demo: two simulated people through the autonomic tests, analysed and reported.

A typical and a fibromyalgia-like person; every step after the simulation is the same as for a person's own
files (written as a CSV, read back, analysed, reported).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from fibrokit._atomic import write_text_atomic
from fibrokit.cli._protocols import score

if TYPE_CHECKING:
    from fibrokit.protocols import ProtocolResult
    from fibrokit.records import Recording
    from fibrokit.simulate import Simulation

_SHOWN = (
    ("morning-reading", "resting_hr_bpm", "Resting heart rate (bpm)"),
    ("morning-reading", "rmssd_ms", "RMSSD (ms)"),
    ("exercise-test", "peak_hr_bpm", "Peak heart rate (bpm)"),
    ("exercise-test", "chronotropic_reserve_pct", "Chronotropic reserve (%)"),
    ("exercise-test", "hrr_60s_bpm", "Heart-rate recovery, 1 min (bpm)"),
    ("exercise-test", "hrr_120s_bpm", "Heart-rate recovery, 2 min (bpm)"),
    ("active-stand", "max_rise_bpm", "Rise on standing (bpm)"),
    ("deep-breathing", "ei_ratio", "E/I ratio of deep breathing"),
    ("valsalva", "valsalva_ratio", "Valsalva ratio"),
)


def run_demo(out_dir: Path) -> Iterator[str]:
    """Run the demo, yielding the lines to show; files go to ``out_dir``."""
    from fibrokit.protocols import ewing
    from fibrokit.report import Item, Person, write_report
    from fibrokit.simulate import fibromyalgia_like, typical

    yield (
        "fibrokit demo: two simulated people (not real patients) — a typical adult and a fibromyalgia-like "
        "profile — through a morning reading, an active stand, deep breathing, a Valsalva manoeuvre and an "
        "exercise test."
    )
    table: dict[str, dict[str, ProtocolResult]] = {}
    for factory, seed in ((typical, 11), (fibromyalgia_like, 12)):
        person = factory()
        results, items = {}, []
        for protocol, simulation in _sessions(person, seed):
            recording = _through_a_file(simulation, out_dir / f"{person.name}-{protocol}.csv")
            result = score(recording, protocol, age=person.age, cool_down="active", peak_effort=True)
            results[result.protocol] = result
            items.append(Item(recording, result))
        composite = ewing(results["deep-breathing"], results["valsalva"], results["active-stand"])
        items.append(Item(None, composite))
        who = Person(name=f"Simulated {person.name} person", age=person.age, sex=person.sex)
        for suffix in ("html", "pdf"):
            path = write_report(out_dir / f"{person.name}-report.{suffix}", tuple(items), who)
            yield f"  wrote {path}"
        table[person.name] = results
    yield ""
    yield from _comparison(table)
    yield ""
    yield f"Open the reports in {out_dir}/ (HTML in a browser, PDF to print)."
    yield "Analyse your own file:  fibrokit analyze YOUR_FILE --age 46 --sex f --report my-report.pdf"
    yield "fibrokit informs; it does not diagnose. Group differences in studies are not a diagnosis."


def _sessions(person: object, seed: int) -> list[tuple[str, Simulation]]:
    from fibrokit.simulate import (
        simulate_deep_breathing,
        simulate_exercise_test,
        simulate_rest,
        simulate_stand,
        simulate_valsalva,
    )

    return [
        ("morning", simulate_rest(person, duration_s=300, seed=seed)),  # type: ignore[arg-type]
        ("stand", simulate_stand(person, seed=seed)),  # type: ignore[arg-type]
        ("breathing", simulate_deep_breathing(person, seed=seed)),  # type: ignore[arg-type]
        ("valsalva", simulate_valsalva(person, seed=seed)),  # type: ignore[arg-type]
        ("exercise", simulate_exercise_test(person, cool_down="active", seed=seed)),  # type: ignore[arg-type]
    ]


def _through_a_file(simulation: Simulation, path: Path) -> Recording:
    """Write the simulated beats as a chest-strap style CSV, read it back, and keep the phase markers."""
    from fibrokit.readers import read

    beats = simulation.recording.beats
    assert beats is not None
    rows = "\n".join(f"{t:.3f},{rr:.0f}" for t, rr in zip(beats.times_s, beats.rr_ms, strict=True))
    write_text_atomic(path, "time_s,rr_ms\n" + rows + "\n")
    recording = read(path)
    # A real device file carries laps; the simulated phases play that part.
    from dataclasses import replace

    return replace(
        recording,
        markers=simulation.recording.markers,
        metadata={**recording.metadata, **simulation.recording.metadata},
    )


def _comparison(table: dict[str, dict[str, ProtocolResult]]) -> Iterator[str]:
    names = list(table)
    yield f"{'':34s}" + "".join(f"{name:>20s}" for name in names)
    for protocol, symbol, label in _SHOWN:
        values = [table[name][protocol][symbol] for name in names]
        cells = "".join(f"{value:>20.3g}" if math.isfinite(value) else f"{'–':>20s}" for value in values)
        yield f"{label:34s}{cells}"
