"""Pacing on stored data: the lines in force, settings, reviews of recordings, live pacing and its pages."""
