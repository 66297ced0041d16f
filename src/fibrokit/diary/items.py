"""What a diary can hold: symptoms rated 0-10 and factors (triggers and exposures) marked as present.

The defaults follow the symptoms people with fibromyalgia rate most often and the triggers diary users ask to
track (Flaredown issue #553, Bearable's factors): over-exertion, poor sleep, cold, stress, menstruation and
warm water or heat before exercise. Three come from the exercise article (docs/research.md): dry mouth after
exertion (the article links it to a saliva study whose 50 % figure fibrokit could not confirm; a wearable cannot
measure saliva, so the diary asks), Raynaud-like symptoms with cold, and warm water or heat before exercise, the
article's advice; the diary shows how symptoms differed on days with and without a factor, never a cause. Anyone can add their own items; a key is lower-case letters, digits and underscores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fibrokit.choices import ITEM_KINDS
from fibrokit.choices import ItemKind as ItemKind

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class DiaryItem:
    """One thing a check-in can record.

    Parameters
    ----------
    key : str
        Stable identifier (``"pain"``, ``"jaw_pain"``, ``"warm_water"``).
    label : str
        Plain-language question or name shown to the person.
    kind : {"symptom", "trigger", "exposure"}
        A symptom is rated 0 (none) to 10 (worst); a trigger (something that may worsen symptoms) or an
        exposure (a therapy, an activity, a medicine) is marked present, optionally with an amount 0-10.
    custom : bool
        True for items the person added.
    """

    key: str
    label: str
    kind: ItemKind
    custom: bool = False

    def __post_init__(self) -> None:
        if not _KEY.match(self.key):
            raise ValueError(
                f"`key` {self.key!r} must be 1-40 lower-case letters, digits or underscores, starting with a letter"
            )
        if self.kind not in ITEM_KINDS:
            raise ValueError(f"`kind` must be 'symptom', 'trigger' or 'exposure', not {self.kind!r}")
        if not self.label.strip():
            raise ValueError("`label` must not be empty")


DEFAULT_SYMPTOMS: tuple[DiaryItem, ...] = (
    DiaryItem("pain", "Pain (0 = none, 10 = worst imaginable)", "symptom"),
    DiaryItem("fatigue", "Tiredness (0 = none, 10 = exhausted)", "symptom"),
    DiaryItem("sleep_quality", "Unrefreshing sleep (0 = woke rested, 10 = woke exhausted)", "symptom"),
    DiaryItem("brain_fog", "Brain fog (0 = clear, 10 = cannot think)", "symptom"),
    DiaryItem("mood", "Low mood (0 = fine, 10 = very low)", "symptom"),
    DiaryItem("stiffness", "Stiffness (0 = none, 10 = very stiff)", "symptom"),
    DiaryItem("dry_mouth", "Dry mouth after exertion (0 = none, 10 = very dry)", "symptom"),
    DiaryItem(
        "raynaud_like",
        "Cold, painful or pale/blue fingers or toes, Raynaud-like (0 = none, 10 = severe)",
        "symptom",
    ),
)

DEFAULT_FACTORS: tuple[DiaryItem, ...] = (
    DiaryItem("over_exertion", "Did more than my body allows", "trigger"),
    DiaryItem("poor_sleep", "Slept badly or too little", "trigger"),
    DiaryItem("cold", "Cold or damp exposure", "trigger"),
    DiaryItem("stress", "Stress", "trigger"),
    DiaryItem("menstruation", "Menstruation", "trigger"),
    DiaryItem("warm_water", "Warm water or heat before exercise (pool, bath, hot shower)", "exposure"),
)

DEFAULT_ITEMS: tuple[DiaryItem, ...] = DEFAULT_SYMPTOMS + DEFAULT_FACTORS
