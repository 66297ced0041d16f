"""Decode the FIT binary layout (Garmin "FIT Protocol", rev. 2.x) into :class:`FitData` tables.

Speed comes from doing the least possible per message in Python: one loop walks the record headers and notes,
for each data message, its definition and offset; the bytes of all messages sharing a definition are then
gathered into one 2-D array and every field is converted for all of them at once with NumPy. Damage (a
truncated file, a message whose local type was never defined, a bad chained header, a checksum mismatch) stops
the walk and is reported in ``FitData.damage``; the messages before it are kept.
"""

from __future__ import annotations

import struct

from fibrokit.errors import UnsupportedFormat
from fibrokit.readers.fit._crc import fit_crc
from fibrokit.readers.fit._fields import decode_groups
from fibrokit.readers.fit._tables import FitData
from fibrokit.readers.fit._walk import Definition, Walk

_SIGNATURE = b".FIT"


def fit_decode(data: bytes, name: str) -> FitData:
    """Decode a whole FIT file (chained files included) into tables.

    Raises
    ------
    UnsupportedFormat
        When the bytes do not start with a FIT file header.
    """
    if not fit_header_ok(data):
        raise UnsupportedFormat(name, "is not a FIT file (no FIT header)")
    walk = Walk()
    start = 0
    while start < len(data) and not walk.damage:
        end = _walk_file(data, start, walk)
        start = end
        if start < len(data) and not walk.damage and len(data) - start < 12:
            break  # a few padding bytes after the last file are harmless
    if start < len(data) and not walk.damage and len(data) - start >= 12:
        walk.damage = f"the bytes after FIT file {walk.files} do not start another FIT file"
    tables, warnings = decode_groups(data, walk)
    return FitData(tables, len(walk.message_pos), walk.files, walk.damage, warnings)


def fit_header_ok(head: bytes) -> bool:
    """Whether ``head`` starts with a FIT file header (size 12 or more, ``.FIT`` at bytes 8-11)."""
    return len(head) >= 12 and head[0] >= 12 and head[8:12] == _SIGNATURE


def _walk_file(data: bytes, start: int, walk: Walk) -> int:
    """Walk one file of a chain from ``start``; return where the next file would begin."""
    header_size = data[start]
    if len(data) - start < 12 or header_size < 12 or data[start + 8 : start + 12] != _SIGNATURE:
        walk.damage = f"FIT file {walk.files + 1} of the chain has a corrupt header"
        return len(data)
    if len(data) - start < header_size:
        walk.damage = "the file ends inside its header"
        return len(data)
    data_size = int.from_bytes(data[start + 4 : start + 8], "little")
    stored = int.from_bytes(data[start + 12 : start + 14], "little") if header_size >= 14 else 0
    if stored and fit_crc(memoryview(data)[start : start + 12]) != stored:
        walk.damage = "its header checksum does not match: the header is damaged"
        return len(data)
    walk.files += 1
    body_end = start + header_size + data_size
    available_end = min(body_end, len(data))
    _walk_messages(data, start + header_size, available_end, walk)
    if walk.damage:
        return len(data)
    if body_end + 2 > len(data):
        walk.damage = "the file is truncated: it ends before the size its header states"
        return len(data)
    stored_crc = int.from_bytes(data[body_end : body_end + 2], "little")
    if fit_crc(memoryview(data)[start:body_end]) != stored_crc:
        walk.damage = "its checksum does not match its content: the file is damaged"
    return body_end + 2


def _walk_messages(data: bytes, pos: int, end: int, walk: Walk) -> None:
    """The hot loop: note each data message's definition and offset; parse definitions as they come.

    Two 256-entry tables, indexed by the header byte and updated at each definition, give a data message's
    length (header included; 0 while its local type is undefined) and its code for :class:`Walk`, so each
    data message costs two lookups and two appends.
    """
    step = [0] * 256
    code = [0] * 256
    add_code, add_pos = walk.message_code.append, walk.message_pos.append
    while pos < end:
        header = data[pos]
        size = step[header]
        if size:
            add_code(code[header])
            add_pos(pos + 1)
            pos += size
            continue
        if header & 0xC0 != 0x40:
            walk.damage = f"a message at byte {pos} uses local type {header & 0x0F} that was never defined"
            return
        definition, pos = _definition(data, pos, end, header, walk.files - 1)
        if definition is None:
            walk.damage = _truncated_or(pos, end, len(data), "a definition message is malformed")
            return
        _define(step, code, header & 0x0F, len(walk.definitions), definition.size + 1)
        walk.definitions.append(definition)
    if pos > end:  # the last data message runs past the data
        walk.message_code.pop()
        start = walk.message_pos.pop() - 1
        walk.damage = _truncated_or(pos, end, len(data), f"a message at byte {start} overruns the data")


def _define(step: list[int], code: list[int], local: int, index: int, size: int) -> None:
    """Point the header bytes of local type ``local`` at definition ``index`` (messages ``size`` bytes long).

    A normal data header carries the local type in its low 4 bits (bits 4 and 5 are reserved); a
    compressed-timestamp header (bit 7) carries local types 0-3 in bits 5-6 and a time offset in bits 0-4.
    """
    for reserved in (0x00, 0x10, 0x20, 0x30):
        step[local | reserved] = size
        code[local | reserved] = index * 64
    if local < 4:
        for offset in range(32):
            header = 0x80 | local << 5 | offset
            step[header] = size
            code[header] = index * 64 + offset + 1


def _truncated_or(pos: int, end: int, length: int, other: str) -> str:
    if pos > end and end >= length - 2:
        return "the file is truncated: its last message is incomplete"
    return other


def _definition(
    data: bytes, pos: int, end: int, header: int, file_index: int
) -> tuple[Definition | None, int]:
    """Parse the definition message at ``pos``; ``(None, where)`` when it is malformed or cut off."""
    if pos + 6 > end:
        return None, pos + 6
    architecture = data[pos + 2]
    if architecture > 1:
        return None, pos
    big = architecture == 1
    number = struct.unpack_from(">H" if big else "<H", data, pos + 3)[0]
    count = data[pos + 5]
    cursor = pos + 6 + 3 * count
    if cursor > end:
        return None, cursor
    raw = data[pos + 6 : cursor]
    fields = tuple((raw[i], raw[i + 1], raw[i + 2]) for i in range(0, 3 * count, 3))
    developer: tuple[tuple[int, int, int], ...] = ()
    if header & 0x20:
        if cursor + 1 > end:
            return None, cursor + 1
        dev_count = data[cursor]
        dev_end = cursor + 1 + 3 * dev_count
        if dev_end > end:
            return None, dev_end
        raw = data[cursor + 1 : dev_end]
        developer = tuple((raw[i], raw[i + 1], raw[i + 2]) for i in range(0, 3 * dev_count, 3))
        cursor = dev_end
    size = sum(f[1] for f in fields) + sum(f[1] for f in developer)
    return Definition(number, big, fields, developer, size, file_index), cursor
