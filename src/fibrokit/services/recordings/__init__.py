"""Stored recordings: their analysis, titles and dates, kinds, guided and camera tests, pages and charts."""
