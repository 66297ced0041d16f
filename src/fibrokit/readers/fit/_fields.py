"""Turn the walked FIT messages into columns: all messages of one definition are converted at once."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from fibrokit.readers.fit._tables import DeveloperColumn, FloatArray, MessageTable
from fibrokit.readers.fit._walk import Walk, message_arrays

_TIMESTAMP = 253
_FIELD_DESCRIPTION = 206
_STRING, _BYTE = 7, 13
# Base type number (low 5 bits of the base-type byte) -> NumPy type and the raw value that means "invalid"
# (FIT protocol, table "FIT base types and invalid values"; NaN stands for the floats' all-ones pattern).
_BASE_TYPES: dict[int, tuple[str, int | None]] = {
    0: ("u1", 0xFF),
    1: ("i1", 0x7F),
    2: ("u1", 0xFF),
    3: ("i2", 0x7FFF),
    4: ("u2", 0xFFFF),
    5: ("i4", 0x7FFFFFFF),
    6: ("u4", 0xFFFFFFFF),
    8: ("f4", None),
    9: ("f8", None),
    10: ("u1", 0),
    11: ("u2", 0),
    12: ("u4", 0),
    14: ("i8", 0x7FFFFFFFFFFFFFFF),
    15: ("u8", 0xFFFFFFFFFFFFFFFF),
    16: ("u8", 0),
}

Column = FloatArray | list[str]
_Group = tuple[npt.NDArray[np.int64], dict[int, Column]]


def decode_groups(data: bytes, walk: Walk) -> tuple[dict[int, MessageTable], list[str]]:
    """Decode every data message of the walk into one :class:`MessageTable` per global message number."""
    def_index, positions, compressed = message_arrays(walk)
    if not def_index.size:
        return {}, []
    buffer = np.frombuffer(data, dtype=np.uint8)
    order = np.argsort(def_index, kind="stable")
    cuts = np.flatnonzero(np.diff(def_index[order])) + 1
    warnings: set[str] = set()
    by_number: dict[int, list[_Group]] = {}
    developer_blocks: list[tuple[int, npt.NDArray[np.int64], npt.NDArray[np.uint8]]] = []
    for seq in np.split(order, cuts):
        seq = seq.astype(np.int64)
        index = int(def_index[seq[0]])
        definition = walk.definitions[index]
        rows = buffer[positions[seq][:, None] + np.arange(definition.size)]
        columns: dict[int, Column] = {}
        offset = 0
        for number, size, base in definition.fields:
            column = field_column(rows[:, offset : offset + size], base, definition.big_endian)
            if column is None:
                warnings.add("some fields whose size does not fit their type were skipped")
            elif size:
                columns[number] = column
            offset += size
        by_number.setdefault(definition.number, []).append((seq, columns))
        if definition.developer:
            developer_blocks.append((index, seq, rows[:, offset:]))
    stream_time = _stream_timestamps(by_number, def_index.size, compressed)
    tables = {number: _merge(number, groups, stream_time) for number, groups in by_number.items()}
    _add_developer_fields(tables, walk, developer_blocks, warnings)
    return tables, sorted(warnings)


def field_column(block: npt.NDArray[np.uint8], base: int, big_endian: bool) -> Column | None:
    """Convert one field of every message (``block``: messages x bytes) to floats or strings.

    Returns None when the field's size is not a whole number of its type's elements.
    """
    kind = base & 0x1F
    if kind == _STRING:
        return [bytes(row).split(b"\0", 1)[0].decode("utf-8", "replace") for row in block]
    if kind not in _BASE_TYPES:  # byte arrays, and unknown base types read as bytes
        values = block.astype(np.float64)
        values[np.all(block == 0xFF, axis=1)] = np.nan
        return values
    code, invalid = _BASE_TYPES[kind]
    dtype = np.dtype(code).newbyteorder(">" if big_endian else "<")
    if block.shape[1] % dtype.itemsize:
        return None
    raw = np.ascontiguousarray(block).view(dtype)
    values = raw.astype(np.float64)
    if invalid is not None:
        values[raw == invalid] = np.nan
    return values


def _stream_timestamps(
    by_number: dict[int, list[_Group]], count: int, compressed: npt.NDArray[np.int8]
) -> FloatArray:
    """Timestamp of every message in stream order, compressed-header offsets resolved (NaN when none)."""
    times = np.full(count, np.nan)
    for groups in by_number.values():
        for seq, columns in groups:
            stamp = columns.get(_TIMESTAMP)
            if isinstance(stamp, np.ndarray):
                times[seq] = stamp[:, 0]
    if np.any(compressed >= 0):
        # FIT protocol, "Compressed timestamp header": the 5-bit offset counts on from the last timestamp seen,
        # rolling over every 32 s; each resolved time becomes the new reference.
        last = np.nan
        for i, offset in enumerate(compressed.tolist()):
            if offset >= 0 and last == last:
                last = last + ((offset - int(last)) & 0x1F)
                times[i] = last
            elif times[i] == times[i]:
                last = float(times[i])
    return times


def _merge(number: int, groups: list[_Group], stream_time: FloatArray) -> MessageTable:
    seq = np.concatenate([g[0] for g in groups])
    order = np.argsort(seq, kind="stable")
    table = MessageTable(number, seq[order], timestamp=stream_time[seq[order]])
    starts = np.cumsum([0] + [g[0].size for g in groups])
    numbers = {n for _, columns in groups for n in columns}
    for field_number in numbers:
        parts = [
            (start, columns.get(field_number)) for start, (_, columns) in zip(starts, groups, strict=False)
        ]
        if any(isinstance(part, list) for _, part in parts):
            texts = [""] * seq.size
            for start, part in parts:
                if isinstance(part, list):
                    texts[start : start + len(part)] = part
            table.text[field_number] = [texts[i] for i in order]
            continue
        width = max(part.shape[1] for _, part in parts if isinstance(part, np.ndarray))
        merged = np.full((seq.size, width), np.nan)
        for start, part in parts:
            if isinstance(part, np.ndarray):
                merged[start : start + part.shape[0], : part.shape[1]] = part
        table.numeric[field_number] = merged[order]
    return table


def _add_developer_fields(
    tables: dict[int, MessageTable],
    walk: Walk,
    blocks: list[tuple[int, npt.NDArray[np.int64], npt.NDArray[np.uint8]]],
    warnings: set[str],
) -> None:
    descriptions = _descriptions(tables, walk)
    for index, seq, rows in blocks:
        definition = walk.definitions[index]
        table = tables[definition.number]
        where = np.searchsorted(table.seq, seq)
        offset = 0
        for number, size, developer_index in definition.developer:
            block = rows[:, offset : offset + size]
            offset += size
            key = (definition.file_index, developer_index, number)
            if key not in descriptions:
                warnings.add("developer fields used without a field description were skipped")
                continue
            name, units, base, scale, shift, native = descriptions[key]
            column = field_column(block, base, definition.big_endian)
            if column is None:
                warnings.add("some fields whose size does not fit their type were skipped")
                continue
            target = table.developer.setdefault(
                key, DeveloperColumn(name, units, np.full(len(table), np.nan), native_field=native)
            )
            if isinstance(column, list):
                target.texts = target.texts or [""] * len(table)
                for i, text in zip(where.tolist(), column, strict=True):
                    target.texts[i] = text
            else:
                target.values[where] = column[:, 0] / scale - shift


def _descriptions(
    tables: dict[int, MessageTable], walk: Walk
) -> dict[tuple[int, int, int], tuple[str, str, int, float, float, int | None]]:
    """``field_description`` messages by (file, developer data index, field number)."""
    table = tables.get(_FIELD_DESCRIPTION)
    if table is None or not len(table):
        return {}
    def_index = message_arrays(walk)[0]
    files = [walk.definitions[int(i)].file_index for i in def_index[table.seq]]
    index, number = table.raw("developer_data_index")[:, 0], table.raw("field_definition_number")[:, 0]
    base, scale = table.raw("fit_base_type_id")[:, 0], table.raw("scale")[:, 0]
    offset, native = table.raw("offset")[:, 0], table.raw("native_field_num")[:, 0]
    names, units = table.strings("field_name"), table.strings("units")
    found = {}
    for i in range(len(table)):
        if not (np.isfinite(index[i]) and np.isfinite(number[i]) and np.isfinite(base[i])):
            continue
        key = (files[i], int(index[i]), int(number[i]))
        found[key] = (
            names[i] or f"developer_field_{int(number[i])}",
            units[i],
            int(base[i]),
            float(scale[i]) if np.isfinite(scale[i]) and scale[i] else 1.0,
            float(offset[i]) if np.isfinite(offset[i]) else 0.0,
            int(native[i]) if np.isfinite(native[i]) else None,
        )
    return found
