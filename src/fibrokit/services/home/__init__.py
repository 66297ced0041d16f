"""What spans the areas: daily summaries, the dashboard, the clinician's home, reports, research, kept pages."""
