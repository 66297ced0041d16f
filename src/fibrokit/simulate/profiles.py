"""Profiles of the autonomic seesaw: the parameters of one simulated person.

A profile says how strongly each branch of the autonomic nervous system drives the sinus node and how fast each
branch responds. The fibromyalgia-like profile changes the drives, not the node (design.md, "The simulator"):
more sympathetic drive at rest, less vagal drive, and a heart that answers sympathetic drive less (the receptor
desensitisation the exercise studies propose). Recovery after effort is slower for those two reasons (a smaller
rise to fall from, less vagal drive to return to), with the same time constants as the typical profile. The
numbers are model parameters, calibrated so that simulated groups reproduce the published group figures and
their spread; the calibration is a test (``tests/simulate/test_distribution_calibration.py``) and
``docs/simulator.md`` shows it beside the papers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from fibrokit.choices import Sex as Sex
from fibrokit.evidence import fact


@dataclass(frozen=True)
class Profile:
    """Parameters of one simulated person.

    Drives are dimensionless: 1.0 is the resting vagal drive of a typical adult; sympathetic drive 1.0 is its
    level at maximal effort.

    Parameters
    ----------
    name : str
        Profile name (``"typical"``, ``"fibromyalgia-like"``).
    age : float
        Years; sets the intrinsic heart rate.
    sex : {"f", "m"}
        Sets the intrinsic heart rate equation.
    vagal_rest, sympathetic_rest : float
        Drives at rest, lying or sitting.
    vagal_gain : float
        How much vagal drive slows the node: HR ∝ 1 / (1 + vagal_gain · V).
    sympathetic_gain : float
        How much sympathetic drive speeds a responsive node: HR ∝ 1 + sympathetic_gain · (1 − blunting) · S.
    blunting : float
        Share (0-1) of the node's answer to sympathetic drive that is lost, the receptor desensitisation the
        fibromyalgia exercise studies propose; 0 in the typical profile. It varies widely between people with
        fibromyalgia (see :func:`sample_population`), which is what makes chronotropic incompetence common but
        not universal.
    vagal_withdrawal_s, vagal_reactivation_s : float
        Time constants of vagal drive falling (onset of effort, standing) and recovering after it.
    sympathetic_rise_s, sympathetic_decay_s : float
        Time constants of sympathetic drive rising with effort and decaying after it.
    rsa_depth : float
        Depth of the respiratory modulation of vagal drive at normal breathing.
    mayer_depth : float
        Depth of the ~0.1 Hz (Mayer wave) modulation of sympathetic drive.
    drift : float
        Relative size of slow random fluctuations of both drives (very-low-frequency variability).
    stand_vagal, stand_sympathetic : float
        Drives while standing still (orthostatic reflex).
    full_withdrawal_workload : float
        Workload (fraction of maximal) at which vagal drive is fully withdrawn; below it vagal drive falls
        in proportion (heart rate rises first by vagal withdrawal).
    sympathetic_exponent : float
        Shape of the sympathetic rise with workload, S = S_rest + (1 − S_rest) · W ** exponent (it climbs
        mostly at higher workloads).
    """

    name: str
    age: float
    sex: Sex
    vagal_rest: float
    sympathetic_rest: float
    vagal_gain: float
    sympathetic_gain: float
    vagal_withdrawal_s: float
    vagal_reactivation_s: float
    sympathetic_rise_s: float
    sympathetic_decay_s: float
    rsa_depth: float
    mayer_depth: float
    drift: float
    stand_vagal: float
    stand_sympathetic: float
    blunting: float = 0.0
    full_withdrawal_workload: float = 0.6
    sympathetic_exponent: float = 1.6

    @property
    def intrinsic_hr_bpm(self) -> float:
        """Heart rate of the denervated sinus node for this age and sex (Jose & Collison 1970)."""
        intercept, slope = fact(f"simulate.intrinsic_hr.{self.sex}").pair()
        return intercept - slope * self.age

    @property
    def cardiac_sympathetic_gain(self) -> float:
        """How much sympathetic drive speeds this person's sinus node, after blunting."""
        return self.sympathetic_gain * (1.0 - self.blunting)

    def replace(self, **changes: Any) -> Profile:
        """A copy with some parameters changed."""
        return dataclasses.replace(self, **changes)

    def drives_at(self, workload: float) -> tuple[float, float]:
        """Vagal and sympathetic drive targets at a workload (0 at rest, 1 at maximal effort)."""
        w = min(max(workload, 0.0), 1.0)
        vagal = self.vagal_rest * max(0.0, 1.0 - w / self.full_withdrawal_workload)
        sympathetic = self.sympathetic_rest + (1.0 - self.sympathetic_rest) * w**self.sympathetic_exponent
        return vagal, sympathetic


def typical(age: float = 41.0, sex: Sex = "f") -> Profile:
    """A typical adult: the seesaw balanced, vagal drive dominant at rest, a full response to effort."""
    return Profile(
        name="typical",
        age=age,
        sex=sex,
        vagal_rest=1.0,
        sympathetic_rest=0.12,
        vagal_gain=0.75,
        sympathetic_gain=0.96,
        vagal_withdrawal_s=4.0,
        vagal_reactivation_s=175.0,
        sympathetic_rise_s=40.0,
        sympathetic_decay_s=600.0,
        rsa_depth=0.15,
        mayer_depth=0.16,
        drift=0.05,
        stand_vagal=0.55,
        stand_sympathetic=0.22,
    )


def fibromyalgia_like(age: float = 46.0, sex: Sex = "f") -> Profile:
    """The seesaw stuck, as the fibromyalgia studies describe it.

    More sympathetic and less vagal drive at rest and a blunted cardiac answer to sympathetic drive; recovery
    after effort is slower because the rise was smaller and there is less vagal drive to return to.
    """
    return typical(age, sex).replace(
        name="fibromyalgia-like",
        vagal_rest=0.85,
        sympathetic_rest=0.3,
        blunting=0.38,
        vagal_reactivation_s=175.0,
        rsa_depth=0.125,
        mayer_depth=0.08,
        stand_vagal=0.42,
        stand_sympathetic=0.42,
    )


PROFILES = {"typical": typical, "fibromyalgia-like": fibromyalgia_like}
