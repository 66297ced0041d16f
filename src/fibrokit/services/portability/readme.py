"""The README.txt inside every export, for the person who opens the zip."""

from __future__ import annotations

README_TEXT = """\
Your fibrokit export
====================

This zip holds everything you stored in fibrokit, so you can keep it, read it with other programs, or bring it
into another fibrokit (on the Account page of your new account: "Bring in a fibrokit export", or with
`fibrokit restore-account`).

csv/         Your data as spreadsheets open them: one file per table (recordings with their headline numbers,
             daily summaries, and the other tables), test_findings.csv (every finding of every scored test)
             and recording_hrv.csv (the HRV of every recording). Times are UTC.
files/       The original files you uploaded, exactly as they were uploaded.
tables/      Every table in full, as JSON: one object with the table's columns and their types, and its rows.
             Timestamps carry their time zone (UTC). Rows are numbered 1, 2, 3 ... within each table, and a
             column that refers to another table (recording_id, source_file_id ...) holds that number.
blobs/       Stored data bundles the JSON rows point to: beats, channels, flags and curves as NumPy .npz files
             (numpy.load(path, allow_pickle=False) opens them).
account.json Your profile: e-mail address, name, year of birth and sex.
manifest.json The export's format and version, the fibrokit version and database revision it came from, how many
             rows each table has, and the SHA-256 checksum of every other file here. fibrokit checks them all
             before it imports anything.

fibrokit informs; it does not diagnose or prescribe.
"""
