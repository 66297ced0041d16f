"""Stored recordings: the area in the services' shape.

- ``queries.py``: every SQLAlchemy statement of the area (and only there; a test and an import contract check
  it): recordings, their originals, data bundles and results.
- ``actions.py``: what changes a recording — store it with its analysis, score it again as a test, recompute
  stale results, set its day, rename it. Each takes the caller's session and never commits.
- ``after_store.py``: the one step a caller runs once a recording is stored or analysed again (the day's summary
  and readiness, then the pacing reviews): the area's only reach into other areas' data.
- ``views.py``: the typed, frozen page models (a recording's page, a test's page, the recordings list).
- ``analysis.py`` (the frozen :class:`~fibrokit.services.recordings.analysis.Analysis`, built from the core's
  pipeline), ``results.py`` (results in their stored JSON form and read back as the core's types),
  ``stored.py`` (a stored recording read back), ``charts.py`` (typed Plotly figures, built from
  :mod:`fibrokit.services.home.figures`),
  ``title.py``, ``kinds.py``, and the camera reading and guided tests (``camera.py``, ``guided.py``,
  ``guided_steps.py``).
"""
