"""Services: compose the readers and the scientific core into stored results, accounts and imports.

The web app and the command line call these; they hold no science of their own (that stays in the core
packages) and no page or command logic. Functions taking a ``Session`` never commit: the caller owns the
transaction.
"""
