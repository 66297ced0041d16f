"""Compressed array bundles: how beats, channels and per-beat flags are stored beside their recording.

NumPy's ``.npz`` with zlib compression: self-describing (names, dtypes, shapes), readable without fibrokit, and
loaded with ``allow_pickle=False`` so stored bytes can never run code.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

CODEC = "npz"


def pack(arrays: Mapping[str, npt.ArrayLike]) -> bytes:
    """Compress named arrays into one bundle.

    Examples
    --------
    >>> import numpy as np
    >>> unpack(pack({"rr_ms": np.array([800.0, 810.0])}))["rr_ms"].tolist()
    [800.0, 810.0]
    """
    buffer = io.BytesIO()
    named: dict[str, Any] = {name: np.asarray(value) for name, value in arrays.items()}
    np.savez_compressed(buffer, **named)
    return buffer.getvalue()


def unpack(data: bytes) -> dict[str, npt.NDArray[Any]]:
    """The named arrays of a bundle made by :func:`pack`."""
    with np.load(io.BytesIO(data), allow_pickle=False) as bundle:
        return {name: bundle[name] for name in bundle.files}
