"""Pair the pulse intervals found in a synthetic camera video with the true RR intervals it was made from."""

from __future__ import annotations

import numpy as np

from fibrokit.beats import classify_pulse_intervals, rr_flag_artifacts
from fibrokit.records import BeatFlag, BeatSeries
from fibrokit.simulate.simulate_ppg_video import PpgVideo


def ppg_video_truth(video: PpgVideo, camera: BeatSeries) -> tuple[BeatSeries, BeatSeries]:
    """The true and the camera intervals, each classified for artefacts, with the same beats set aside on both.

    Both series first go through the same artefact classification as a morning reading (Lipponen & Tarvainen
    2019; the camera's with its set-aside intervals bridged, as ``ppg_reading`` does). Each camera interval is then matched with the true interval between the same two heartbeats (pulse
    times minus their median delay after the beat). An interval is kept on one side only when it is normal on
    both sides; a true interval the camera did not measure (movement, a missed pulse) and a camera interval
    without a true partner are set aside. The two series then describe the same heartbeats, so their difference
    is the camera's timing error alone, not a different choice of beats (with an ectopic beat in the truth, the
    classifier can keep a borderline beat on one side and set it aside on the other).

    Parameters
    ----------
    video : PpgVideo
        The synthetic video, with its true beat times.
    camera : BeatSeries
        The intervals found in it (``ppg_beats(...).beats``), times from the first frame.

    Returns
    -------
    tuple of BeatSeries
        ``(truth, camera)``, flagged alike (the true intervals keep their own flag reasons).

    Examples
    --------
    >>> import numpy as np
    >>> from fibrokit.beats import ppg_beats
    >>> from fibrokit.simulate.simulate_ppg_video import simulate_ppg_video
    >>> video = simulate_ppg_video(950 + 40 * np.sin(np.arange(100) / 2), seed=1)
    >>> truth, camera = ppg_video_truth(video, ppg_beats(video.times_s, video.red, video.green).beats)
    >>> int(truth.normal.sum()), int(camera.normal.sum())
    (98, 98)
    >>> bool(np.max(np.abs(truth.rr_ms[truth.normal] - camera.rr_ms[camera.normal])) < 10.0)
    True
    """
    truth = rr_flag_artifacts(BeatSeries.from_rr(video.rr_ms))
    found = classify_pulse_intervals(camera)
    beats = video.beat_times_s - float(video.times_s[0])
    if len(found) == 0:
        return truth.with_flags(np.full(len(truth), BeatFlag.GAP, dtype=np.uint8)), found
    first = np.searchsorted(beats, found.times_s, side="right") - 1
    delay = float(np.median(found.times_s[first >= 0] - beats[first[first >= 0]]))
    nearest = np.abs(beats[None, :] - (found.times_s - delay)[:, None]).argmin(axis=1)
    paired = np.zeros(len(found), dtype=np.bool_)
    paired[1:] = np.diff(nearest) == 1  # the first interval's opening pulse is not in the series: set aside
    both = paired & found.normal & truth.normal[nearest]
    camera_flags = found.flags.copy()
    camera_flags[~both & (camera_flags == BeatFlag.NORMAL)] = BeatFlag.OUTLIER
    truth_flags = truth.flags.copy()
    kept = np.zeros(len(truth), dtype=np.bool_)
    kept[nearest[both]] = True
    truth_flags[~kept & (truth_flags == BeatFlag.NORMAL)] = BeatFlag.GAP
    return truth.with_flags(truth_flags), found.with_flags(camera_flags)
