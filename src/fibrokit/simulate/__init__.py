"""The autonomic seesaw simulator: sympathetic and vagal drives → heart rate → beats, with the ground truth."""

from fibrokit.simulate.profiles import PROFILES, Profile, fibromyalgia_like, typical
from fibrokit.simulate.result import GroundTruth, Simulation
from fibrokit.simulate.simulate_rest import simulate_rest

__all__ = [
    "PROFILES",
    "GroundTruth",
    "Profile",
    "Simulation",
    "fibromyalgia_like",
    "simulate_rest",
    "typical",
]
