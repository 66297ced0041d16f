"""Storage of the app: SQLAlchemy 2 tables, query functions (the caller owns the transaction), migrations.

SQLite by default (one file, WAL mode), PostgreSQL when a URL says so; the schema only changes through the
Alembic migrations in ``store/migrations``.
"""
