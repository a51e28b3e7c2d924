"""Typed readers for configuration from environment variables.

All configuration comes from the environment (prefix ``VENDORWATCH_``, plus ``DATABASE_URL``).
A value that cannot be parsed stops the start with a message naming the variable, rather than
silently falling back to a default the operator did not choose.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PREFIX = "VENDORWATCH_"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A configuration variable has a value that cannot be used."""


def _raw(name: str, env: Mapping[str, str] | None = None) -> str | None:
    env = os.environ if env is None else env
    value = env.get(name)
    file_name = env.get(f"{name}_FILE")
    if value is None and file_name:
        # Docker/systemd style secrets: NAME_FILE points at a file holding the value.
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE: cannot read {file_name}: {exc}") from exc
    return value


def envstr(name: str, default: str, env: Mapping[str, str] | None = None) -> str:
    value = _raw(name, env)
    return default if value is None else value


def envbool(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, env)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name}: expected true or false, got {value!r}")


def envint(name: str, default: int, env: Mapping[str, str] | None = None) -> int:
    value = _raw(name, env)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name}: expected a whole number, got {value!r}") from exc


def envlist(name: str, default: list[str], env: Mapping[str, str] | None = None) -> list[str]:
    value = _raw(name, env)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def envchoice(
    name: str, default: str, choices: tuple[str, ...], env: Mapping[str, str] | None = None
) -> str:
    value = envstr(name, default, env).strip()
    if value not in choices:
        raise ConfigError(f"{name}: expected one of {', '.join(choices)}, got {value!r}")
    return value


def secret_key(data_dir: Path, production: bool, env: Mapping[str, str] | None = None) -> str:
    """The secret key: from the environment, else (locally only) generated once and kept.

    Production must be given a key explicitly, so that several app servers share it and a lost
    data directory does not silently invalidate every session and password-reset link.
    """
    value = _raw(f"{PREFIX}SECRET_KEY", env)
    if value:
        if production:
            check_production_secret_key(value)
        return value
    if production:
        raise ConfigError(
            f"{PREFIX}SECRET_KEY (or {PREFIX}SECRET_KEY_FILE) must be set when "
            f"{PREFIX}ENV=production"
        )
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Written with 0600 so that other local users cannot read it.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


# Django's own check (security.W009) only warns, and only when asked with --deploy.
MIN_SECRET_KEY_LENGTH = 50
_NEW_KEY_COMMAND = "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"


def check_production_secret_key(key: str) -> None:
    """Refuse a key that can be guessed: sessions and password-reset links are signed with it."""
    if key.startswith("django-insecure-"):
        problem = "is Django's insecure example key"
    elif len(key) < MIN_SECRET_KEY_LENGTH:
        problem = f"has only {len(key)} characters"
    elif len(set(key)) < 5:
        problem = "repeats too few different characters"
    else:
        return
    raise ConfigError(
        f"{PREFIX}SECRET_KEY {problem}. When {PREFIX}ENV=production, set it to at least "
        f"{MIN_SECRET_KEY_LENGTH} random characters, for example the output of: {_NEW_KEY_COMMAND}"
    )


def debug_mode(production: bool, env: Mapping[str, str] | None = None) -> bool:
    """Django's debug pages; refused in production, where they would show every visitor the
    settings and the code around an error."""
    value = envbool(f"{PREFIX}DEBUG", False, env)
    if value and production:
        raise ConfigError(
            f"{PREFIX}DEBUG is on, which is not allowed when {PREFIX}ENV=production: error "
            f"pages would show internal details to every visitor. Remove {PREFIX}DEBUG or set "
            f"{PREFIX}DEBUG=false."
        )
    return value


def max_upload_mb(env: Mapping[str, str] | None = None) -> int:
    """The largest file a user may upload, in MB (the forms say so next to the field)."""
    value = envint(f"{PREFIX}MAX_UPLOAD_MB", 20, env)
    if value < 1:
        raise ConfigError(f"{PREFIX}MAX_UPLOAD_MB: expected at least 1 (MB), got {value}")
    return value


@dataclass(frozen=True)
class EmailConfig:
    backend: str
    host: str = ""
    port: int = 0
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    file_path: str = ""
    timeout: int = 20


_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def email_config(url: str) -> EmailConfig:
    """Parse an e-mail URL.

    ``smtp://user:password@host:587?starttls=1`` (STARTTLS), ``smtps://user:password@host:465``
    (implicit TLS), ``smtp://localhost:25``, ``console://`` (print to the terminal),
    ``file:///path/to/dir`` and ``locmem://`` (tests).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _EMAIL_BACKENDS:
        raise ConfigError(
            f"{PREFIX}EMAIL_URL: unknown scheme {parts.scheme!r}; "
            "use smtp://, smtps://, console://, file:// or locmem://"
        )
    backend = _EMAIL_BACKENDS[scheme]
    if scheme == "file":
        return EmailConfig(backend=backend, file_path=unquote(parts.path))
    if scheme not in ("smtp", "smtps"):
        return EmailConfig(backend=backend)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    starttls = query.get("starttls", query.get("tls", "0")).lower() in _TRUE
    try:
        port = parts.port or (465 if scheme == "smtps" else 25)
        timeout = int(query.get("timeout", "20"))
    except ValueError as exc:
        raise ConfigError(f"{PREFIX}EMAIL_URL: {exc}") from exc
    if not parts.hostname:
        raise ConfigError(f"{PREFIX}EMAIL_URL: the host is missing")
    return EmailConfig(
        backend=backend,
        host=parts.hostname,
        port=port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=starttls and scheme == "smtp",
        use_ssl=scheme == "smtps",
        timeout=timeout,
    )
