from pathlib import Path

import pytest

from vendorwatch.config import (
    ConfigError,
    check_production_secret_key,
    debug_mode,
    email_config,
    envbool,
    envint,
    envlist,
    envstr,
    max_upload_mb,
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


def test_a_short_secret_key_is_refused_in_production(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="VENDORWATCH_SECRET_KEY has only 12 characters"):
        secret_key(tmp_path, production=True, env={"VENDORWATCH_SECRET_KEY": "kurz-geheim1"})


def test_a_short_secret_key_is_fine_locally(tmp_path: Path) -> None:
    assert secret_key(tmp_path, production=False, env={"VENDORWATCH_SECRET_KEY": "dev"}) == "dev"


def test_the_message_says_how_to_make_a_good_key() -> None:
    with pytest.raises(ConfigError, match=r"at least 50 random characters.*token_urlsafe"):
        check_production_secret_key("x" * 10)


def test_djangos_insecure_example_key_is_refused_whatever_its_length() -> None:
    with pytest.raises(ConfigError, match="insecure example key"):
        check_production_secret_key("django-insecure-" + "abcdefghij" * 6)


def test_a_long_key_of_one_repeated_character_is_refused() -> None:
    with pytest.raises(ConfigError, match="too few different characters"):
        check_production_secret_key("abab" * 20)


def test_a_key_of_50_random_characters_is_accepted() -> None:
    check_production_secret_key("Xq7#vL2pW9zR4tY8uJ1mK6nB3cD5fG0hS-aE+iO=yT!wQ*eU@r")


def test_debug_is_refused_in_production() -> None:
    with pytest.raises(ConfigError, match="set VENDORWATCH_DEBUG=false"):
        debug_mode(True, {"VENDORWATCH_DEBUG": "true"})


def test_debug_is_allowed_locally() -> None:
    assert debug_mode(False, {"VENDORWATCH_DEBUG": "true"}) is True


def test_the_upload_limit_defaults_to_20_mb() -> None:
    assert max_upload_mb({}) == 20


def test_an_upload_limit_below_one_mb_is_refused() -> None:
    with pytest.raises(ConfigError, match="VENDORWATCH_MAX_UPLOAD_MB: expected at least 1"):
        max_upload_mb({"VENDORWATCH_MAX_UPLOAD_MB": "0"})


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
