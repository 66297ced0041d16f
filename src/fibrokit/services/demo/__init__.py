"""The demo account and the simulated data it (and the app benchmark) is filled with.

- ``queries.py``: the area's SQLAlchemy statements (and only there; a test checks it).
- ``actions.py``: what changes the demo account (the account, its plan); takes a session, never commits.
- ``views.py``: what the person who started the demo is shown (how to log in).
- ``account.py``: :func:`~fibrokit.services.demo.account.ensure_demo`, which owns the transactions.
- ``simulated_history.py`` and ``simulated_diary.py``: a simulated history and diary, stored in batches as
  imports and check-ins are (also used by the app benchmark and the tests).
"""
