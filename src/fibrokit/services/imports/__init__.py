"""Importing files: uploads and their staging, the queue of jobs, the background worker, the command line."""
