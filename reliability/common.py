"""What the reliability scripts share: databases, installations, the server, small figures.

Every script makes its own PostgreSQL database beside the one ``PG_URL`` names (suffix
``_reliability_<part>``), creates it fresh and drops it at the end, and runs Vendorwatch as
in production (``VENDORWATCH_ENV=production``, gunicorn through ``vendorwatch serve``,
static files collected), so that what is measured is what an installation does.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VENDORWATCH = str(ROOT / ".venv" / "bin" / "vendorwatch")
PG_URL = os.environ.get("PG_URL") or "postgres://postgres@127.0.0.1:5432/vendorwatch"
HOST = "127.0.0.1"

sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)] if ordered else float("nan")


def verdict(ok: bool) -> str:
    return "OK" if ok else "FAILED"


# --- databases -------------------------------------------------------------------------------


def _server_url(parts: Any, name: str) -> str:
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(part: str) -> str:
    base = urlsplit(PG_URL).path.lstrip("/") or "vendorwatch"
    return f"{base}_reliability_{part}"


def fresh_database(part: str, server_url: str = PG_URL) -> str:
    """An empty PostgreSQL database for this part (dropped first if left over); its URL."""
    import psycopg

    parts = urlsplit(server_url)
    name = database_name(part)
    with psycopg.connect(_server_url(parts, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return _server_url(parts, name)


def drop_database(part: str, server_url: str = PG_URL) -> None:
    import psycopg

    parts = urlsplit(server_url)
    with psycopg.connect(_server_url(parts, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database_name(part)}" WITH (FORCE)')


def pg_reachable() -> bool:
    check = subprocess.run([PYTHON, str(ROOT / "scripts" / "pg_reachable.py"), PG_URL], cwd=ROOT)
    return check.returncode == 0


# --- installations ---------------------------------------------------------------------------


def installation(data_dir: Path, database_url: str = "", production: bool = True) -> dict[str, str]:
    """The environment of one installation: its data directory and database; in production
    mode behind a TLS proxy on loopback (the proxy's header is sent by the clients here)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PG_URL")}
    env |= {"VENDORWATCH_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    if database_url:
        env["DATABASE_URL"] = database_url
    if production:
        env |= {
            "VENDORWATCH_ENV": "production",
            "VENDORWATCH_SECRET_KEY": secrets.token_urlsafe(50),
            "VENDORWATCH_ALLOWED_HOSTS": HOST,
            "VENDORWATCH_STATIC_ROOT": str(data_dir / "static"),
            "VENDORWATCH_LOG_LEVEL": "WARNING",
        }
    data_dir.mkdir(parents=True, exist_ok=True)
    return env


# What nginx in front says about the connection: HTTPS, so no redirect and secure cookies.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}


def vendorwatch(env: dict[str, str], *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("check", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("capture_output", True)
    try:
        return subprocess.run([VENDORWATCH, *args], env=env, cwd=ROOT, **kwargs)
    except subprocess.CalledProcessError as error:
        print(error.stdout, error.stderr, sep="\n", file=sys.stderr)
        raise


def set_up(env: dict[str, str], demo: bool = True) -> None:
    """Migrated, with the demo company, static files collected (production serves them)."""
    vendorwatch(env, "migrate", "--no-input")
    if demo:
        vendorwatch(env, "demo")
    if env.get("VENDORWATCH_ENV") == "production":
        vendorwatch(env, "collectstatic", "--no-input")


def in_django(env: dict[str, str], code: str) -> Any:
    """Run ``code`` in a configured Django of this installation; it sets ``result`` (JSON)."""
    program = (
        "import json, django, os\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'vendorwatch.settings')\n"
        "django.setup()\n"
        "result = None\n" + code + "\nprint('RESULT ' + json.dumps(result, default=str))\n"
    )
    done = subprocess.run(
        [PYTHON, "-c", program], env=env, cwd=ROOT, text=True, capture_output=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"Django child failed:\n{done.stdout}\n{done.stderr}")
    line = [row for row in done.stdout.splitlines() if row.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT ") :])


CREDENTIALS = """
from django.contrib.auth import get_user_model
from django.test import Client
from vendorwatch.api.models import ApiToken
admin = get_user_model().objects.get(username="admin")
sessions = []
for _ in range(SESSIONS):
    client = Client()
    client.force_login(admin)
    sessions.append(client.cookies["sessionid"].value)
_row, token = ApiToken.issue(admin, "reliability " + os.urandom(4).hex(), "write")
result = {"sessions": sessions, "token": token}
"""


def credentials(env: dict[str, str], sessions: int = 1) -> dict[str, Any]:
    """Logged-in sessions of the demo administrator and a read-write API token."""
    result: dict[str, Any] = in_django(env, f"SESSIONS = {sessions}\n" + CREDENTIALS)
    return result


# --- the server ------------------------------------------------------------------------------


def start_server(
    env: dict[str, str], log_path: Path, *extra: str, jobs: bool = False
) -> tuple[subprocess.Popen[bytes], int]:
    """``vendorwatch serve`` on a free loopback port, once it answers /healthz."""
    import httpx
    from pages_bench import free_port

    port = free_port()
    log = open(log_path, "ab")  # noqa: SIM115
    command = [VENDORWATCH, "serve", "--host", HOST, "--port", str(port), *extra]
    server = subprocess.Popen(
        command if jobs else [*command, "--no-jobs"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so that stopping it stops its gunicorn workers too
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            answer = httpx.get(
                f"http://{HOST}:{port}/healthz?only=database", headers=PROXY_HEADERS, timeout=2
            )
            if answer.status_code == 200:
                return server, port
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"the server did not start; see {log_path}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    from pages_bench import stop_server as stop

    if server.poll() is None:
        stop(server)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (gunicorn's workers, say)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(child) for child in path.read_text().split()]
    except OSError:
        return []
