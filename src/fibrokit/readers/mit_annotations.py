"""Read PhysioNet (MIT format) beat-annotation files such as ``nsr001.ecg`` or ``100.atr``.

Format (PhysioNet WFDB "annot" documentation): 16-bit little-endian words; the top 6 bits hold the annotation
code, the low 10 bits a time increment in samples. Code 59 (SKIP) is followed by a 32-bit increment stored as
two words, high word first; codes 60-62 (NUM, SUB, CHN) carry a value and no time; code 63 (AUX) is followed by
a string of as many bytes as its low bits say, padded to whole words; a zero word ends the file. The sampling
rate comes from the record's ``.hea`` header beside the file unless given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from fibrokit.errors import CorruptFile, UnsupportedFormat
from fibrokit.readers._source import FileInput, load, path_of
from fibrokit.records import BeatFlag, BeatSeries, Recording

_SKIP, _NUM, _SUB, _CHN, _AUX = 59, 60, 61, 62, 63
_NORMAL = 1
# Codes that mark a QRS complex (WFDB's isqrs table): normal, bundle-branch, aberrant, ventricular, fusion,
# nodal, atrial, supraventricular, escape, paced, unclassifiable, and the rarer beat labels.
BEAT_CODES = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41})


def read_mit_annotations(
    path: FileInput,
    *,
    fs_hz: float | None = None,
    annotations: Literal["beats", "all"] = "beats",
) -> Recording:
    """Read an MIT-format annotation file into a :class:`Recording` with a :class:`BeatSeries`.

    Parameters
    ----------
    path : str, Path or OpenedFile
        The annotation file.
    fs_hz : float, optional
        Sampling rate of the annotation times. Default: read from the ``.hea`` header of the same record.
    annotations : {"beats", "all"}
        ``"beats"`` keeps annotations that mark heartbeats; ``"all"`` keeps every annotation, as the PhysioNet
        Cardiovascular Signal Toolbox does, so that noise marks become interval boundaries too.

    Returns
    -------
    Recording
        Beats at the annotation times; an interval is ``NORMAL`` when both of its ends are normal beats
        (code N), otherwise ``ANNOTATED``.

    Examples
    --------
    Each annotation is a 16-bit word: its code in the upper 6 bits, the samples since the previous one in
    the lower 10; a zero word ends the file.

    >>> import pathlib, struct, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rec.atr"
    >>> _ = path.write_bytes(struct.pack("<7H", *[1 << 10 | 100] * 6, 0))  # six normal beats, 100 samples apart
    >>> rec = read_mit_annotations(path, fs_hz=128)
    >>> rec.metadata["fs_hz"], rec.beats.rr_ms.tolist()
    ('128', [781.25, 781.25, 781.25, 781.25, 781.25])
    """
    source = load(path)
    if annotations not in ("beats", "all"):
        raise ValueError(f"`annotations` must be 'beats' or 'all', not {annotations!r}")
    rate = fs_hz if fs_hz is not None else _header_rate(path_of(path), source.name)
    samples, codes = _parse(source.data, source.name)
    keep = np.isin(codes, list(BEAT_CODES)) if annotations == "beats" else np.ones(codes.size, dtype=bool)
    samples, codes = samples[keep], codes[keep]
    if samples.size < 2:
        raise CorruptFile(source.name, "holds fewer than two beat annotations")
    if np.any(np.diff(samples) <= 0):
        raise CorruptFile(source.name, "has annotations out of time order")
    ms_per_sample = 1000.0 / rate
    rr_ms = np.diff(samples).astype(np.float64) * ms_per_sample
    times_s = samples[1:].astype(np.float64) / rate
    normal_end = (codes[1:] == _NORMAL) & (codes[:-1] == _NORMAL)
    flags = np.where(normal_end, BeatFlag.NORMAL, BeatFlag.ANNOTATED).astype(np.uint8)
    return Recording(
        beats=BeatSeries(times_s, rr_ms, flags),
        source_format="mit-annotations",
        source_name=source.name,
        source_sha256=source.sha256,
        metadata={"fs_hz": f"{rate:g}", "annotations": annotations},
    )


def _parse(data: bytes, name: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    if len(data) < 2:
        raise CorruptFile(name, "is empty or too short to be an annotation file")
    words = np.frombuffer(data[: len(data) // 2 * 2], dtype="<u2").tolist()
    samples: list[int] = []
    codes: list[int] = []
    time = 0
    i = 0
    while i < len(words):
        word = words[i]
        code, value = word >> 10, word & 0x3FF
        i += 1
        if code == 0 and value == 0:
            return np.array(samples, dtype=np.int64), np.array(codes, dtype=np.int64)
        if code == _SKIP:
            if i + 1 >= len(words):
                break
            time += _signed32((words[i] << 16) | words[i + 1])
            i += 2
        elif code == _AUX:
            i += (value + 1) // 2
        elif code in (_NUM, _SUB, _CHN):
            continue
        elif code == 0:
            raise UnsupportedFormat(name, "is not an MIT-format annotation file (annotation code 0)")
        else:
            time += value
            samples.append(time)
            codes.append(code)
    raise CorruptFile(name, "ends without the end-of-annotations marker; the file is truncated")


def _signed32(value: int) -> int:
    return value - (1 << 32) if value & 0x80000000 else value


def _header_rate(path: Path, name: str) -> float:
    header = path.with_suffix(".hea")
    try:
        lines = header.read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        raise CorruptFile(
            name, f"has no readable header {header.name} to give its sampling rate; pass fs_hz"
        ) from None
    record_lines = [line.split() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    try:
        return float(record_lines[0][2].split("/")[0])
    except (IndexError, ValueError):
        raise CorruptFile(header.name, "does not state a sampling rate on its first line") from None
