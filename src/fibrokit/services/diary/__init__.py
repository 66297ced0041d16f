"""The symptom diary: check-ins, stored diary days, questionnaires, and what the diary pages show."""
