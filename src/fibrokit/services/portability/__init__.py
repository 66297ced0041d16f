"""Take your data with you, or away: export an account to one zip, bring it into another instance, delete it.

The export is generic over the schema: it walks the tables that :mod:`fibrokit.store.ownership` finds holding a
person's data, so tables added later travel without changes here. The zip holds

* ``manifest.json`` — export format and its version, the fibrokit version and database schema revision it
  came from, row counts, and the SHA-256 and size of every other member;
* ``account.json`` — the profile (e-mail, name, year of birth, sex);
* ``tables/<table>.json`` — every row of every carried table, each value typed (timestamps in UTC with their
  zone), with the person's own numbering of rows instead of this server's ids;
* ``files/`` — the original uploaded files, byte for byte; ``blobs/`` — stored data bundles (NumPy ``.npz``);
* ``csv/`` — the tables as spreadsheets can open them, plus each test's findings and each recording's HRV;
* ``README.txt`` — the above, for the person who opens the zip.

:func:`~fibrokit.services.portability.export.export_account` writes it, :func:`~fibrokit.services.portability.
archive.open_export` checks it (format, versions, every member's hash) before anything is stored, and
:func:`~fibrokit.services.portability.actions.restore_account` stores it into an empty account in the caller's
single transaction, and :func:`~fibrokit.services.portability.actions.delete_account` deletes an account with
every byte of it (:mod:`~fibrokit.services.portability.deletion` removes its files once that is committed).

The area's shape: ``queries.py`` holds every statement (and how each column type is written), ``actions.py``
what changes stored data, ``views.py`` the typed summaries pages and commands show; ``export.py``,
``spreadsheets.py`` (the CSV files), ``binary.py``, ``writer.py``, ``archive.py``, ``restore.py``,
``format.py`` and ``readme.py`` each do one part of writing or reading the zip.
"""
