"""Camera frames for a fingertip pulse reading: each frame's mean red, green and blue level with its time.

Three kinds of file are read:

* **Y4M** (YUV4MPEG2), an uncompressed video format simple enough to parse here: its header gives the size, the
  frame rate and the chroma layout (4:2:0, 4:2:2, 4:4:4 or mono); frames are timed at the nominal rate.
* **CSV** of frame means, with a header naming ``time_s`` and ``red`` columns (``green`` and ``blue`` optional),
  as the app's camera page collects them: real, uneven frame times.
* **MP4, MOV, WebM and other compressed video**, decoded with PyAV when the optional extra is installed
  (``pip install 'fibrokit[video]'``); the decoder's presentation times are used.

Colours are converted from Y'CbCr with the full-range BT.601 matrix (Y4M's default, ``C420jpeg``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import numpy.typing as npt

from fibrokit.errors import CorruptFile, UnsupportedFormat
from fibrokit.readers._source import load
from fibrokit.records import Channel, Recording

FloatArray = npt.NDArray[np.float64]
_Y4M_MAGIC = b"YUV4MPEG2 "
_CHROMA_SHIFT = {"420": (1, 1), "422": (1, 0), "444": (0, 0), "mono": None}


def read_camera_frames(path: str | Path) -> Recording:
    """Read a camera video or a CSV of frame means into ``red``, ``green`` and ``blue`` channels.

    Raises
    ------
    UnsupportedFormat
        For a file that is none of the kinds above, or a compressed video without the ``video`` extra.
    CorruptFile
        For a Y4M or CSV file whose content is broken (no frames, a truncated frame, missing columns).
    """
    file = Path(path)
    source = load(file)
    if source.data.startswith(_Y4M_MAGIC):
        times, rgb, fmt = *_y4m_means(source.name, source.data), "y4m"
    elif file.suffix.lower() in {".csv", ".txt"}:
        times, rgb, fmt = *_csv_means(source.name, source.data), "camera-csv"
    else:
        times, rgb, fmt = *_decoded_means(file), "video"
    channels = {
        name: Channel(name, "level", rgb[:, i], times) for i, name in enumerate(("red", "green", "blue"))
    }
    return Recording(
        channels=channels,
        device="camera",
        source_format=fmt,
        source_name=source.name,
        source_sha256=source.sha256,
    )


def _y4m_means(name: str, data: bytes) -> tuple[FloatArray, FloatArray]:
    end = data.find(b"\n")
    if end < 0:
        raise CorruptFile(name, "the Y4M header is not terminated")
    tags = {t[:1]: t[1:] for t in data[len(_Y4M_MAGIC) : end].decode("ascii", "replace").split()}
    try:
        width, height = int(tags["W"]), int(tags["H"])
        num, den = (int(v) for v in tags.get("F", "30:1").split(":"))
        fps = num / den
    except (KeyError, ValueError, ZeroDivisionError):
        raise CorruptFile(name, "the Y4M header lacks a valid size or frame rate") from None
    layout = tags.get("C", "420jpeg")
    kind = "mono" if layout.startswith("mono") else layout[:3]
    if kind not in _CHROMA_SHIFT or width <= 0 or height <= 0 or fps <= 0:
        raise CorruptFile(name, f"the Y4M colour layout {layout!r} or size is not supported")
    shift = _CHROMA_SHIFT[kind]
    luma = width * height
    chroma = 0 if shift is None else (-(-width // 2 ** shift[0])) * (-(-height // 2 ** shift[1]))
    frame_size = luma + 2 * chroma
    means: list[tuple[float, float, float]] = []
    position = end + 1
    while position < len(data):
        line_end = data.find(b"\n", position)
        if line_end < 0 or not data.startswith(b"FRAME", position):
            raise CorruptFile(name, f"frame {len(means) + 1} does not start with a FRAME marker")
        start = line_end + 1
        if start + frame_size > len(data):
            raise CorruptFile(name, f"frame {len(means) + 1} is truncated")
        frame = np.frombuffer(data, dtype=np.uint8, count=frame_size, offset=start)
        y = float(frame[:luma].mean())
        cb = 128.0 if shift is None else float(frame[luma : luma + chroma].mean())
        cr = 128.0 if shift is None else float(frame[luma + chroma :].mean())
        means.append((y, cb, cr))
        position = start + frame_size
    if not means:
        raise CorruptFile(name, "the Y4M file holds no frames")
    ycc = np.array(means)
    return np.arange(len(means)) / fps, _rgb(ycc)


def _rgb(ycc: FloatArray) -> FloatArray:
    y, cb, cr = ycc[:, 0], ycc[:, 1] - 128.0, ycc[:, 2] - 128.0
    rgb = np.column_stack([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb])
    return np.asarray(np.clip(rgb, 0.0, 255.0), dtype=np.float64)


def _csv_means(name: str, data: bytes) -> tuple[FloatArray, FloatArray]:
    try:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    except UnicodeDecodeError:
        raise CorruptFile(name, "is not a text file") from None
    if not rows or "time_s" not in rows[0] or "red" not in rows[0]:
        raise CorruptFile(name, "needs a header with at least the columns time_s and red")
    try:
        table = np.array(
            [
                [float(r["time_s"]), float(r["red"]), float(r.get("green") or 0), float(r.get("blue") or 0)]
                for r in rows
            ]
        )
    except (TypeError, ValueError):
        raise CorruptFile(name, "holds a value that is not a number") from None
    return table[:, 0], table[:, 1:]


def _decoded_means(file: Path) -> tuple[FloatArray, FloatArray]:
    try:
        import av
    except ImportError:
        raise UnsupportedFormat(
            file.name,
            "is not a Y4M or CSV file; compressed video (MP4, MOV, WebM) needs the optional extra: "
            "pip install 'fibrokit[video]'",
        ) from None
    times: list[float] = []
    means: list[FloatArray] = []
    try:
        with av.open(str(file)) as container:
            for frame in container.decode(video=0):
                pixels = frame.to_ndarray(format="rgb24")
                means.append(pixels.reshape(-1, 3).mean(axis=0))
                times.append(float(frame.time) if frame.time is not None else len(times) / 30.0)
    except av.error.FFmpegError:
        raise UnsupportedFormat(file.name, "is not a video the decoder can read") from None
    if not means:
        raise CorruptFile(file.name, "holds no video frames")
    return np.array(times, dtype=np.float64), np.array(means, dtype=np.float64)
