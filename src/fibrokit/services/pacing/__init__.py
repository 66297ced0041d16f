"""Pacing on stored data: the area in the services' shape.

- ``queries.py``: every SQLAlchemy statement of the area (and only there; a test checks it).
- ``actions.py``: what changes pacing data — the settings (lines, budget, plan) and the reviews of recordings,
  with :func:`~fibrokit.services.pacing.actions.review_stored`, the step run after a recording is stored. Each
  takes the caller's session and never commits; the caller owns the transaction.
- ``views.py``: the typed, frozen page models — the pacing page, today, the budget, the plan, one activity, the
  list of activities, the settings form, the dashboard's pacing card.
- ``forms.py``: the settings forms as typed and their checks, and the choices they offer.
- ``lines.py`` (the heart-rate lines in force on a day), ``reviews.py`` (one recording's review computed),
  ``symptoms.py`` (the diary as pacing's daily symptoms), ``charts.py`` (typed Plotly figures) and ``live.py``
  (the browser's live monitor and saving its session) each have one role.
"""
