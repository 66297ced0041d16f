"""What spans the areas: daily summaries and readiness, the dashboard, the clinician's home, reports, research.

- ``queries.py``: every SQLAlchemy statement of the area (and only there; a test checks it), and the short
  write turn routes use before a long read.
- ``actions.py``: what changes the daily summaries and the readiness stored on them — the steps other areas
  run after a recording is stored (:func:`~fibrokit.services.home.actions.refresh_day_summary`) or a diary day
  changed (:func:`~fibrokit.services.home.actions.diary_changed`,
  :func:`~fibrokit.services.home.actions.queue_diary_change`). Each takes the caller's session, never commits.
- ``views.py``: the home page's typed, frozen models (the dashboard, its morning, weekly and monthly averages);
  ``clinic.py``, ``research.py``: those pages' models; ``reports.py``: a period's report gathered for the
  report package; ``daily.py``: each morning's readiness judged (reading only).
- ``kept.py``: pages kept per change of a person's data; ``figures.py``: the one set of typed Plotly figures every
  chart of the app is built from (the recordings', pacing and diary charts), with the shared layout and heart-rate
  line.
"""
