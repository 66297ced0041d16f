"""The autonomic seesaw simulator: sympathetic and vagal drives → heart rate → beats, with the ground truth."""

from fibrokit.simulate.population import sample_population
from fibrokit.simulate.ppg_video_truth import ppg_video_truth
from fibrokit.simulate.ppg_video_y4m import ppg_video_y4m
from fibrokit.simulate.profiles import PROFILES, Profile, fibromyalgia_like, typical
from fibrokit.simulate.result import GroundTruth, Simulation
from fibrokit.simulate.simulate_artefacts import simulate_artefacts
from fibrokit.simulate.simulate_day import simulate_day
from fibrokit.simulate.simulate_deep_breathing import simulate_deep_breathing
from fibrokit.simulate.simulate_exercise_test import simulate_exercise_test
from fibrokit.simulate.simulate_intervals import simulate_intervals
from fibrokit.simulate.simulate_ppg_video import PpgVideo, simulate_ppg_video
from fibrokit.simulate.simulate_rest import simulate_rest
from fibrokit.simulate.simulate_stand import simulate_stand
from fibrokit.simulate.simulate_valsalva import simulate_valsalva
from fibrokit.simulate.simulate_walk import simulate_walk

__all__ = [
    "PROFILES",
    "GroundTruth",
    "PpgVideo",
    "Profile",
    "Simulation",
    "fibromyalgia_like",
    "ppg_video_truth",
    "ppg_video_y4m",
    "sample_population",
    "simulate_artefacts",
    "simulate_day",
    "simulate_deep_breathing",
    "simulate_exercise_test",
    "simulate_intervals",
    "simulate_ppg_video",
    "simulate_rest",
    "simulate_stand",
    "simulate_valsalva",
    "simulate_walk",
    "typical",
]
