"""Accounts: sign-up, login and its throttling, admin, the people's profiles, and sharing with others.

``queries.py`` holds every statement, ``actions.py`` everything that changes data (logging in and out,
passwords, one-time links, sign-up, the profile, the admin's changes, shares, links, invitations and the access
log), ``views.py`` the typed page models. The others only read: ``auth.py`` hashes and checks passwords and
finds sessions and one-time links, ``throttle.py`` decides how long a login must wait, ``sharing.py`` and
``links.py`` say who may see whose data, ``people.py`` gives a person's profile as the analyses need it;
``server.py`` starts the server. The web app takes the account's row types
from here rather than from the store.
"""

from fibrokit.store.tables import AREAS, LoginSession, ShareLink, User, utcnow

__all__ = ["AREAS", "LoginSession", "ShareLink", "User", "utcnow"]
