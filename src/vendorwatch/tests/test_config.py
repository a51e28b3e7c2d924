from pathlib import Path

import pytest

from vendorwatch.config import (
    ConfigError,
    email_config,
    envbool,
    envint,
    envlist,
    envstr,
    secret_key,
)


def test_envbool_reads_yes_as_true() -> None:
    assert envbool("X", False, {"X": "yes"}) is True


def test_envbool_rejects_a_word_it_does_not_know() -> None:
    with pytest.raises(ConfigError, match="X: expected true or false"):
        envbool("X", False, {"X": "maybe"})


def test_envint_names_the_variable_on_a_bad_value() -> None:
    with pytest.raises(ConfigError, match="PORT: expected a whole number"):
        envint("PORT", 1, {"PORT": "eighty"})


def test_envlist_splits_on_commas_and_drops_blanks() -> None:
    assert envlist("H", [], {"H": "a.example, b.example,,"}) == ["a.example", "b.example"]


def test_envstr_reads_the_value_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    assert envstr("S", "", {"S_FILE": str(secret)}) == "s3cret"


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = secret_key(tmp_path, production=False, env={})
    assert secret_key(tmp_path, production=False, env={}) == first
    assert len(first) >= 50


def test_secret_key_file_is_private(tmp_path: Path) -> None:
    secret_key(tmp_path, production=False, env={})
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_secret_key_is_required_in_production(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="VENDORWATCH_SECRET_KEY"):
        secret_key(tmp_path, production=True, env={})


def test_email_url_with_starttls() -> None:
    config = email_config("smtp://user%40firma.de:pa%3Ass@mail.example:587?starttls=1")
    assert (config.host, config.port, config.user, config.password) == (
        "mail.example",
        587,
        "user@firma.de",
        "pa:ss",
    )
    assert config.use_tls and not config.use_ssl


def test_email_url_smtps_uses_implicit_tls_on_465() -> None:
    config = email_config("smtps://mail.example")
    assert (config.port, config.use_ssl, config.use_tls) == (465, True, False)


def test_email_url_console_prints_to_the_terminal() -> None:
    assert email_config("console://").backend.endswith("console.EmailBackend")


def test_email_url_with_unknown_scheme_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown scheme"):
        email_config("pop3://mail.example")
