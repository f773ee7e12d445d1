"""A mark for tests of what only PostgreSQL does here (its casts and bulk SQL, its column limits, the
migrations' schema edits inside a transaction). CI runs PostgreSQL, so there they always run; on the
embedded SQLite default they are skipped with the reason."""

import pytest
from django.db import connection

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only (CI runs it; set DATABASE_URL to run it here)"
)
