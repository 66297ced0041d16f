"""Importing files: the area in the services' shape.

- ``queries.py``: every SQLAlchemy statement of the area (the import queue's jobs and files; whose they are).
- ``actions.py``: what changes the queue — create a job, claim a file, record its outcome, requeue the files of
  a process that died. Each takes the caller's session and never commits.
- ``views.py``: a job's progress and the latest jobs, for the import pages.
- ``file.py``: one file read, analysed and stored (through the recordings area) in the caller's transaction;
  ``uploads.py`` stages uploads; ``worker.py`` is the background importer and ``cli.py`` the command line's
  import, each owning its transactions.
"""
