"""Exit 0 when the PostgreSQL server of the given DATABASE_URL answers, else 1."""

import sys

import dj_database_url
import psycopg

config = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=5,
    ).close()
except psycopg.Error as error:
    print(f"PostgreSQL check: {error}".strip(), file=sys.stderr)
    sys.exit(1)
