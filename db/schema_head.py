"""The newest schema revision, spelt out so opening a current data folder needs no Alembic
import. tests/db/test_migrations.py checks it against the migration scripts."""

SCHEMA_HEAD = "0022"
