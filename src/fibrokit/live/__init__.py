"""The live monitor behind ``fibrokit live``.

A Bluetooth heart-rate strap or a replayed file is fed through the pacing pipeline
(:class:`fibrokit.pacing.PaceMonitor`), shown in the terminal, alerting, and recorded to a file fibrokit reads
back.

Everything here but the Bluetooth connection runs without hardware; ``bleak`` (the ``live`` extra) is imported
only when a strap is connected.
"""

from fibrokit.live.replay import replay_samples
from fibrokit.live.run import SessionSummary, run_session
from fibrokit.live.samples import Sample
from fibrokit.live.session import SessionRecorder

__all__ = ["Sample", "SessionRecorder", "SessionSummary", "replay_samples", "run_session"]
