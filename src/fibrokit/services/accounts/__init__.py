"""Accounts: sign-up, login and its throttling, admin, the people's profiles, and sharing with others."""
