"""A population of simulated people: a profile's typical values with between-person variability."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from fibrokit.simulate.profiles import Profile, Sex

# Between-person coefficient of variation of each parameter (log-normal), chosen so that simulated groups
# spread about as widely as the published groups do (docs/simulator.md shows the calibration).
_SPREAD = {
    "vagal_rest": 0.3,
    "sympathetic_rest": 0.2,
    "sympathetic_gain": 0.25,
    "vagal_reactivation_s": 0.25,
    "sympathetic_decay_s": 0.25,
    "rsa_depth": 0.2,
    "stand_vagal": 0.2,
    "stand_sympathetic": 0.2,
}
# Spreads that differ in the fibromyalgia-like family.
_FAMILY_SPREAD = {"fibromyalgia-like": {"vagal_reactivation_s": 0.4, "vagal_rest": 0.45}}
# Blunting varies between people as a beta distribution around the profile's value; the concentration (a + b)
# sets how widely, and no one loses more than the cap (a heart that hardly answers at all would not finish a test).
_BLUNTING_CONCENTRATION = 5.1
_BLUNTING_CAP = 0.7
# No one's sinus node is driven faster than this at maximal effort: the widest spread of sympathetic gain would
# otherwise draw a few people with peaks of 240-280 bpm, rates no adult's sinus node reaches.
_HIGHEST_PEAK_BPM = 220.0


def sample_population(
    profile: Callable[[float, Sex], Profile],
    count: int,
    *,
    age_range: tuple[float, float] = (35.0, 55.0),
    sex: Sex = "f",
    seed: int = 0,
) -> list[Profile]:
    """Draw ``count`` people from a profile family, each with their own age and parameters.

    Parameters
    ----------
    profile : callable
        A profile factory taking ``(age, sex)``, such as :func:`typical` or :func:`fibromyalgia_like`.
    count : int
        Number of people.
    age_range : (float, float)
        Ages are drawn uniformly from this range.
    sex : {"f", "m"}
        Sex of everyone drawn (the published groups are women).
    seed : int
        Seed; the same seed gives the same people.

    Returns
    -------
    list of Profile
        Named ``"<family> #<n>"``.

    Examples
    --------
    >>> from fibrokit.simulate import sample_population, typical
    >>> people = sample_population(typical, 3, seed=1)
    >>> [p.name for p in people]
    ['typical #1', 'typical #2', 'typical #3']
    """
    if count < 1:
        raise ValueError(f"`count` must be at least 1, not {count}")
    rng = np.random.default_rng(seed)
    people = []
    for number in range(1, count + 1):
        base = profile(float(rng.uniform(*age_range)), sex)
        spreads = _SPREAD | _FAMILY_SPREAD.get(base.name, {})
        changes = {
            name: getattr(base, name) * float(rng.lognormal(0.0, spread)) for name, spread in spreads.items()
        }
        # Standing withdraws part of the person's own vagal drive: a person whose vagal drive at rest is high
        # keeps more of it standing, one whose drive is low keeps less (``simulate.stand_vagal_relative``).
        changes["stand_vagal"] *= changes["vagal_rest"] / base.vagal_rest
        # Likewise standing raises the person's own sympathetic drive (``simulate.stand_sympathetic_relative``):
        # drawn apart from the resting drives, a person could stand with less drive than lying.
        changes["stand_sympathetic"] *= changes["sympathetic_rest"] / base.sympathetic_rest
        if base.blunting > 0:
            a = base.blunting * _BLUNTING_CONCENTRATION
            changes["blunting"] = min(float(rng.beta(a, _BLUNTING_CONCENTRATION - a)), _BLUNTING_CAP)
        person = base.replace(**changes)
        people.append(person.replace(name=f"{base.name} #{number}", **_within_highest_peak(person)))
    return people


def _within_highest_peak(person: Profile) -> dict[str, float]:
    """The sympathetic gain lowered, if needed, so that heart rate at maximal effort stays a sinus rate."""
    vagal, sympathetic = person.drives_at(1.0)
    peak = person.intrinsic_hr_bpm * (1 + person.cardiac_sympathetic_gain * sympathetic)
    peak /= 1 + person.vagal_gain * vagal
    if peak <= _HIGHEST_PEAK_BPM:
        return {}
    room = (_HIGHEST_PEAK_BPM * (1 + person.vagal_gain * vagal) / person.intrinsic_hr_bpm - 1) / sympathetic
    return {"sympathetic_gain": room / (1.0 - person.blunting)}
