"""Alembic environment: run migrations on the engine fibrokit hands over (never a URL from a file)."""

from __future__ import annotations

from alembic import context

from fibrokit.store.tables import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot alter most constraints in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
