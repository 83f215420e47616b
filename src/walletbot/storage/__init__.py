"""Storage: engine and session setup, ORM models, Alembic migrations, the masking gate."""
