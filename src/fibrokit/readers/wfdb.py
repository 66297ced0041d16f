"""Read PhysioNet WFDB records: the ``.hea`` header, the signal file(s), and beat annotations beside them.

Format (PhysioNet WFDB documentation, "header(5)" and "signal(5)"): the first non-comment header line is
``name n_signals fs[/counter] n_samples [base_time base_date]``; each signal line is
``file format gain[(baseline)][/units] adc_resolution adc_zero initial_value checksum block_size
description``. Physical value = (stored - baseline) / gain, baseline defaulting to ``adc_zero``. Signal
formats read: 212 (two 12-bit samples in three bytes), 16, 61 (big-endian 16), 80 (8-bit offset by 128),
24 and 32. Beat annotations (``.atr`` by default) are read by :func:`read_mit_annotations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from fibrokit.errors import CorruptFile, UnsupportedFormat
from fibrokit.readers._source import FileInput, load, path_of
from fibrokit.readers.mit_annotations import read_mit_annotations
from fibrokit.records import Channel, Recording

_ECG_LEADS = re.compile(r"^(ml?ii|mli|mliii|v\d|i{1,3}|avr|avl|avf|ecg\d*|d\d|lead.*)$", re.IGNORECASE)
_FORMATS = {16: "<i2", 61: ">i2", 80: "u1", 24: "<i3", 32: "<i4", 212: "212"}


@dataclass(frozen=True)
class _Signal:
    file: str
    fmt: int
    gain: float
    baseline: float
    units: str
    description: str


def read_wfdb(
    path: FileInput, *, annotator: str = "atr", annotations: Literal["beats", "all"] = "beats"
) -> Recording:
    r"""Read a WFDB record: signals as channels, reference beat annotations as ``beats``.

    Parameters
    ----------
    path : str, Path or OpenedFile
        The record's ``.hea`` header, or any file of the record (``100.dat``): the header beside it is used.
    annotator : str
        Suffix of the annotation file whose beats become ``beats`` (``"atr"`` for reference annotations,
        ``"qrs"`` for a detector's); no beats when the file does not exist.
    annotations : {"beats", "all"}
        Passed to :func:`read_mit_annotations`.

    Returns
    -------
    Recording
        One channel per signal in physical units (the first ECG lead is ``"ecg"``, further leads
        ``"ecg_<lead>"``, other signals their snake-case description), and ``beats`` from the annotations.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import numpy as np
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "rec.hea").write_text("rec 1 250 500\nrec.dat 16 200/mV 16 0 0 0 0 MLII\n")
    >>> _ = (folder / "rec.dat").write_bytes(np.arange(500, dtype="<i2").tobytes())
    >>> ecg = read_wfdb(folder / "rec.hea").channels["ecg"]
    >>> ecg.fs_hz, ecg.unit, ecg.values[:3].tolist()
    (250.0, 'mV', [0.0, 0.005, 0.01])
    """
    header_path = path_of(path).with_suffix(".hea")
    header = load(path if path_of(path) == header_path else header_path)  # the header as given, opened once
    fs, length, signals, comments = _header(header.data, header.name)
    channels = _channels(header_path.parent, signals, fs, length, header.name)
    beats = None
    annotation_path = header_path.with_suffix(f".{annotator}")
    if annotation_path.is_file():
        beats = read_mit_annotations(annotation_path, fs_hz=fs, annotations=annotations).beats
    metadata = {"fs_hz": f"{fs:g}", "leads": ", ".join(s.description for s in signals)}
    if comments:
        metadata["comments"] = " | ".join(comments)
    if beats is not None:
        metadata["annotator"] = annotator
    return Recording(
        channels=channels,
        beats=beats,
        source_format="wfdb",
        source_name=header.name,
        source_sha256=header.sha256,
        metadata=metadata,
    )


def _header(data: bytes, name: str) -> tuple[float, int, list[_Signal], list[str]]:
    text = data.decode("latin-1")
    comments = [line.lstrip("#").strip() for line in text.splitlines() if line.strip().startswith("#")]
    lines = [line.split() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    try:
        record = lines[0]
        count, fs = int(record[1]), float(record[2].split("/")[0].split("(")[0])
        length = int(record[3]) if len(record) > 3 else -1
        signals = [_signal(line) for line in lines[1 : 1 + count]]
    except (IndexError, ValueError):
        raise UnsupportedFormat(name, "is not a WFDB header (its record line is not understood)") from None
    if fs <= 0 or len(signals) != count:
        raise CorruptFile(name, "states a sampling rate or a number of signals it does not hold")
    return fs, length, signals, [c for c in comments if c]


def _signal(cells: list[str]) -> _Signal:
    fmt = int(re.split(r"[x:+]", cells[1])[0])
    gain_text = cells[2] if len(cells) > 2 else "200"
    match = re.match(r"^([-\d.eE+]+)(?:\(([-\d]+)\))?(?:/(\S+))?$", gain_text)
    if match is None:
        raise ValueError(gain_text)
    gain = float(match.group(1)) or 200.0  # WFDB: a gain of 0 means "uncalibrated", read as the default 200
    zero = float(cells[4]) if len(cells) > 4 else 0.0
    baseline = float(match.group(2)) if match.group(2) else zero
    description = " ".join(cells[8:]) if len(cells) > 8 else ""
    return _Signal(cells[0], fmt, gain, baseline, match.group(3) or "mV", description)


def _channels(folder: Path, signals: list[_Signal], fs: float, length: int, name: str) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    by_file: dict[str, list[int]] = {}
    for i, signal in enumerate(signals):
        by_file.setdefault(signal.file, []).append(i)
    for file, members in by_file.items():
        fmt = signals[members[0]].fmt
        if fmt not in _FORMATS:
            raise CorruptFile(name, f"uses signal format {fmt}, which fibrokit does not read")
        raw = _samples(folder / file, fmt, len(members), length)
        for column, index in enumerate(members):
            signal = signals[index]
            values = (raw[:, column] - signal.baseline) / signal.gain
            key = _channel_name(signal.description, index, channels)
            channels[key] = Channel.regular(key, signal.units, values, fs)
    return channels


def _samples(path: Path, fmt: int, width: int, length: int) -> npt.NDArray[np.float64]:
    source = load(path)
    data = np.frombuffer(source.data, dtype=np.uint8)
    if fmt == 212:
        triples = data[: data.size // 3 * 3].reshape(-1, 3).astype(np.int32)
        first = triples[:, 0] | (triples[:, 1] & 0x0F) << 8
        second = triples[:, 2] | (triples[:, 1] & 0xF0) << 4
        flat = np.column_stack([first, second]).ravel()
        flat = np.where(flat >= 2048, flat - 4096, flat)  # 12-bit two's complement
    elif fmt == 24:
        bytes3 = data[: data.size // 3 * 3].reshape(-1, 3).astype(np.int32)
        flat = bytes3[:, 0] | bytes3[:, 1] << 8 | bytes3[:, 2] << 16
        flat = np.where(flat >= 1 << 23, flat - (1 << 24), flat)
    else:
        dtype = np.dtype(_FORMATS[fmt])
        flat = np.frombuffer(source.data[: len(source.data) // dtype.itemsize * dtype.itemsize], dtype=dtype)
        flat = flat.astype(np.int32) - (128 if fmt == 80 else 0)
    frames = flat.size // width
    if frames == 0:
        raise CorruptFile(source.name, "holds no samples")
    if length > frames:
        raise CorruptFile(source.name, f"holds {frames} samples per signal, fewer than the header's {length}")
    used = frames if length < 0 else length
    return flat[: used * width].reshape(used, width).astype(np.float64)


def _channel_name(description: str, index: int, taken: dict[str, Channel]) -> str:
    lead = description.strip()
    if _ECG_LEADS.match(lead.replace(" ", "")):
        name = "ecg" if "ecg" not in taken else f"ecg_{lead.lower()}"
    else:
        name = re.sub(r"[^0-9a-z]+", "_", lead.lower()).strip("_") or f"signal_{index + 1}"
    return name if name not in taken else f"{name}_{index + 1}"
