"""Small Apple Health exports that follow the export's own DTD (HealthKit Export Version 13).

No real export with a licence that allows its use exists, so tests build these: the DTD, the element and
attribute names, their order, the date format ('YYYY-MM-DD hh:mm:ss +hhmm'), the escaped HKDevice description
and the InstantaneousBeatsPerMinute time of day ('7:00:01.00 AM') are those of the Health app's export.
"""

from __future__ import annotations

import datetime as dt
import random

DTD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth                   CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex                 CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBloodType                     CDATA #REQUIRED
  HKCharacteristicTypeIdentifierFitzpatrickSkinType           CDATA #REQUIRED
  HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse   CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  sourceName            CDATA #REQUIRED
  sourceVersion         CDATA #IMPLIED
  device                CDATA #IMPLIED
  creationDate          CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
<!-- Note: Heart Rate Variability records captured by Apple Watch may include an associated list of instantaneous beats-per-minute readings. -->
<!ELEMENT HeartRateVariabilityMetadataList (InstantaneousBeatsPerMinute*)>
<!ELEMENT InstantaneousBeatsPerMinute EMPTY>
<!ATTLIST InstantaneousBeatsPerMinute
  bpm  CDATA #REQUIRED
  time CDATA #REQUIRED
>
]>
<HealthData locale="en_US">
 <ExportDate value="2024-03-01 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
"""
WATCH = (
    "&lt;&lt;HKDevice: 0x283a1c0a0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, "
    "hardware:Watch6,1, software:10.1&gt;"
)
PHONE = (
    "&lt;&lt;HKDevice: 0x283a1d1e0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, "
    "hardware:iPhone14,2, software:17.1&gt;"
)


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def record(
    kind: str,
    unit: str,
    value: str,
    moment: dt.datetime,
    source: str = "Apple Watch",
    device: str = WATCH,
    body: str = "",
) -> str:
    attributes = (
        f'type="{kind}" sourceName="{source}" sourceVersion="10.1" device="{device}" unit="{unit}" '
        f'creationDate="{stamp(moment)}" startDate="{stamp(moment)}" endDate="{stamp(moment)}" value="{value}"'
    )
    return f" <Record {attributes}>\n{body} </Record>\n" if body else f" <Record {attributes}/>\n"


def hrv_record(moment: dt.datetime, sdnn: float, beat_offsets_s: list[float], bpm: list[int]) -> str:
    beats = "".join(
        f'   <InstantaneousBeatsPerMinute bpm="{b}" time="{_clock(moment + dt.timedelta(seconds=s))}"/>\n'
        for s, b in zip(beat_offsets_s, bpm, strict=True)
    )
    body = f"  <HeartRateVariabilityMetadataList>\n{beats}  </HeartRateVariabilityMetadataList>\n"
    return record("HKQuantityTypeIdentifierHeartRateVariabilitySDNN", "ms", f"{sdnn}", moment, body=body)


def _clock(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment:%M:%S}.{moment.microsecond // 10_000:02d} {'AM' if moment.hour < 12 else 'PM'}"


def workout(kind: str, start: dt.datetime, minutes: float) -> str:
    end = start + dt.timedelta(minutes=minutes)
    return (
        f' <Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{minutes}" durationUnit="min" '
        f'sourceName="Apple Watch" sourceVersion="10.1" device="{WATCH}" creationDate="{stamp(end)}" '
        f'startDate="{stamp(start)}" endDate="{stamp(end)}">\n'
        '  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n </Workout>\n'
    )


def small_export(start: dt.datetime, heart_rates: int = 50, seed: int = 1) -> str:
    """An export with steps (ignored), heart rate from two devices, resting HR, an HRV reading and a walk."""
    rnd = random.Random(seed)
    parts = [DTD]
    parts += [
        record(
            "HKQuantityTypeIdentifierStepCount",
            "count",
            str(rnd.randint(1, 99)),
            start + dt.timedelta(minutes=i),
            "iPhone",
            PHONE,
        )
        for i in range(20)
    ]
    parts += [
        record(
            "HKQuantityTypeIdentifierHeartRate",
            "count/min",
            str(60 + i % 30),
            start + dt.timedelta(minutes=5 * i),
            body='  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n' if i % 2 else "",
        )
        for i in range(heart_rates)
    ]
    parts.append(
        record(
            "HKQuantityTypeIdentifierHeartRate",
            "count/min",
            "70",
            start + dt.timedelta(seconds=30),
            "iPhone",
            PHONE,
        )
    )
    parts.append(
        record("HKQuantityTypeIdentifierRestingHeartRate", "count/min", "55", start + dt.timedelta(hours=2))
    )
    parts.append(hrv_record(start + dt.timedelta(hours=1), 48.5, [1.0, 1.97, 2.99, 4.05], [60, 62, 59, 57]))
    parts.append(workout("Walking", start + dt.timedelta(hours=3), 30))
    parts.append("</HealthData>\n")
    return "".join(parts)
