"""Conventions the file readers use: re-aligning beats, plausible sensor ranges, and limits on untrusted input.

None of these interprets a person's values; they decide how a file is read, and each states its reasoning.
"""

from __future__ import annotations

from fibrokit.evidence._types import Fact

FACTS: tuple[Fact, ...] = (
    Fact(
        "readers.fit.hrv_gap_s",
        2.0,
        "s",
        "fibrokit",
        "FIT 'hrv' messages carry RR intervals without times. A message whose running sum of intervals falls "
        "more than this behind the timestamp of the message written before it has lost beats; later beats are "
        "moved to that time and the first beat after the loss is flagged as a gap. In the Garmin files of the "
        "test data the running sum never falls more than 0.6 s behind without a dropout.",
        "FIT protocol: 'hrv' message (global 78) has no timestamp",
        convention=True,
    ),
    Fact(
        "readers.daily.night_cutoff_hour",
        18.0,
        "h",
        "fibrokit",
        "A wearable's night is dated with the morning it ended on, in the device's local time. A sleep period "
        "ending at or after this hour (an evening doze, a nap before a night shift) counts for the next "
        "morning, like the start of the coming night; Apple Watch SDNN readings from this hour on count for the "
        "next morning too, and those from noon to this hour for none (daytime readings are not the night's).",
        convention=True,
    ),
    Fact(
        "readers.nirs.smo2_range_pct",
        (0.0, 100.0),
        "%",
        "fibrokit",
        "Muscle oxygen saturation (SmO2) is a percentage. Developer-field values whose median lies outside "
        "this span were stored with a scale of 10 or 100 (a known fault of some NIRS data fields) and are "
        "divided back, with a warning saying so.",
        convention=True,
    ),
    Fact(
        "readers.nirs.thb_range_g_dl",
        (0.0, 40.0),
        "g/dL",
        "fibrokit",
        "Total haemoglobin (THb) under a NIRS sensor is reported in g/dL and stays well below 40 (Moxy "
        "exports show about 10-15 g/dL). Developer-field values whose median exceeds 40 were stored scaled by "
        "10 or 100 and are divided back, with a warning saying so.",
        convention=True,
    ),
    Fact(
        "readers.zip.max_member_mb",
        8192.0,
        "MB",
        "fibrokit",
        "Largest uncompressed member read from an Apple Health export.zip; a ten-year export with "
        "beat-to-beat data is a few gigabytes, so a member declaring more is refused rather than inflated.",
        convention=True,
    ),
    Fact(
        "readers.zip.max_ratio",
        200.0,
        "",
        "fibrokit",
        "Largest compression ratio accepted for a zip member. Health XML compresses about 10-30 to 1; ratios "
        "in the thousands are the signature of a zip bomb, and reading stops with an error when the bytes "
        "actually inflated exceed this multiple of the compressed size.",
        convention=True,
    ),
)
