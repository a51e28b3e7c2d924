"""Keys in secret links never reach a log line: neither the application's nor gunicorn's
access log."""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config

from vendorwatch.feedback import tokens
from vendorwatch.web.log_masking import AccessLog, MaskKeysFilter, mask_keys

TOKEN, _HASH = tokens.new_link("survey", 42)


def test_a_feedback_link_is_masked() -> None:
    assert (
        mask_keys(f"GET /feedback/survey/{TOKEN}/ HTTP/1.1") == "GET /feedback/survey/…/ HTTP/1.1"
    )


def test_a_password_reset_link_is_masked() -> None:
    line = "/password-reset/MQ/c8x4z2-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d/"
    assert mask_keys(line) == "/password-reset/MQ/…/"


def test_ordinary_paths_are_left_alone() -> None:
    path = "/feedback/surveys/3/questions/from-templates/?round=2"
    assert mask_keys(path) == path


def test_the_application_log_masks_a_key_in_its_arguments() -> None:
    record = logging.LogRecord(
        "django.security.csrf",
        logging.WARNING,
        __file__,
        1,
        "Forbidden: %s",
        (f"/feedback/rate/{TOKEN}/",),
        None,
    )
    MaskKeysFilter().filter(record)
    assert record.getMessage() == "Forbidden: /feedback/rate/…/"


def test_the_access_log_masks_the_request_line_path_and_referrer() -> None:
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": f"/feedback/survey/{TOKEN}/",
        "PATH_INFO": f"/feedback/survey/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://vw.example/feedback/survey/{TOKEN}/",
        "REMOTE_ADDR": "192.0.2.7",
    }
    response = SimpleNamespace(status="303 See Other", headers=[], sent=0)
    atoms = AccessLog(Config()).atoms(response, [], environ, timedelta(milliseconds=12))
    assert TOKEN not in " ".join(str(value) for value in atoms.values())
    assert atoms["r"] == "POST /feedback/survey/…/ HTTP/1.1"


def test_answering_a_survey_writes_no_access_log_line(caplog) -> None:
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": f"/feedback/survey/{TOKEN}/",
        "PATH_INFO": f"/feedback/survey/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
    }
    config = Config()
    config.set("accesslog", "-")
    log = AccessLog(config)
    response = SimpleNamespace(status="303 See Other", headers=[], sent=0)
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        log.access(response, [], environ, timedelta(milliseconds=12))
        log.access(response, [], {**environ, "PATH_INFO": "/feedback/thanks/"}, timedelta(0))
        log.access(
            response,
            [],
            {**environ, "PATH_INFO": "/problems/", "RAW_URI": "/problems/"},
            timedelta(0),
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "gunicorn.access"]
    assert len(lines) == 1 and "/problems/" in lines[0]
