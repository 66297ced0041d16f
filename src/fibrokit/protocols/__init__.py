"""The standard autonomic tests, each scored against cited norms with a plain-language summary."""

from fibrokit._lazy import keep_functions as _keep_functions
from fibrokit.protocols._result import Finding, Norm, ProtocolResult
from fibrokit.protocols.active_stand import BloodPressure, active_stand
from fibrokit.protocols.deep_breathing import deep_breathing
from fibrokit.protocols.ewing import ewing
from fibrokit.protocols.exercise_test import exercise_test
from fibrokit.protocols.hrmax_predicted import hrmax_predicted
from fibrokit.protocols.morning_reading import morning_reading
from fibrokit.protocols.muscle_oxygen import muscle_oxygen
from fibrokit.protocols.ppg_reading import ppg_reading
from fibrokit.protocols.recognise_kind import Recognition, recognise_kind
from fibrokit.protocols.recognise_protocol import recognise_protocol
from fibrokit.protocols.registry import KIND_NAMES, KINDS, PROTOCOLS, ProtocolSpec, ScoringInput
from fibrokit.protocols.valsalva import valsalva

__all__ = [
    "KINDS",
    "KIND_NAMES",
    "PROTOCOLS",
    "BloodPressure",
    "Finding",
    "Norm",
    "ProtocolResult",
    "ProtocolSpec",
    "Recognition",
    "ScoringInput",
    "active_stand",
    "deep_breathing",
    "ewing",
    "exercise_test",
    "hrmax_predicted",
    "morning_reading",
    "muscle_oxygen",
    "ppg_reading",
    "recognise_kind",
    "recognise_protocol",
    "valsalva",
]


# ``ppg_reading`` and others are both a module and the function it defines: the package keeps the function.
_keep_functions(__name__, frozenset(__all__))
