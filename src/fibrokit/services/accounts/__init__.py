"""Accounts: sign-up, login and its throttling, admin, the people's profiles, and sharing with others.

``queries.py`` holds every statement, ``actions.py`` what changes accounts (sign-up, profile, admin),
``views.py`` the typed page models; ``auth.py`` passwords, sessions and one-time links, ``throttle.py`` the
counting of wrong passwords, ``sharing.py`` and ``links.py`` who may see whose data, ``people.py`` a person's
profile as the analyses need it, ``server.py`` the server's start. The web app takes the account's row types
from here rather than from the store.
"""

from fibrokit.store.tables import AREAS, LoginSession, ShareLink, User, utcnow

__all__ = ["AREAS", "LoginSession", "ShareLink", "User", "utcnow"]
