"""Wearables' nights and daily values: importing them, readiness from them, the diary against them, the report."""
