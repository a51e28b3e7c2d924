import pytest

from vendorwatch.core.businesstime import (
    PriorityTargets,
    SlaPolicy,
    StepKind,
    Target,
    TargetKind,
    Ticket,
    Unit,
    business_seconds,
    explain,
    explain_ticket,
    render,
    translator,
)
from vendorwatch.core.businesstime.explain import format_target
from vendorwatch.core.businesstime.i18n import identity

from .factory import berlin, office

PAUSE = (berlin(2026, 1, 8, 10), berlin(2026, 1, 8, 11))


def sample():
    return explain(office("DE-BY"), berlin(2026, 1, 5, 16), berlin(2026, 1, 8, 12), [PAUSE])


def test_total_equals_business_seconds() -> None:
    calendar, start, end = office("DE-BY"), berlin(2026, 1, 5, 16), berlin(2026, 1, 8, 12)
    assert sample().total_seconds == business_seconds(calendar, start, end, [PAUSE])


def test_holiday_step_has_german_name() -> None:
    holiday = next(s for s in sample().steps if s.kind is StepKind.HOLIDAY)
    assert holiday.name == "Heilige Drei Könige"


def test_holiday_name_in_english() -> None:
    steps = explain(
        office("DE-BY"), berlin(2026, 1, 5, 16), berlin(2026, 1, 8), language="en"
    ).steps
    assert any(s.name == "Epiphany" for s in steps)


def test_pause_step_records_skipped_business_time() -> None:
    paused = [s for s in sample().steps if s.kind is StepKind.PAUSED]
    assert [s.seconds for s in paused] == [3600]


def test_counted_windows_are_listed_per_day() -> None:
    counted = [(s.date.day, s.seconds) for s in sample().steps if s.kind is StepKind.COUNTED]
    assert counted == [(5, 3600), (7, 9 * 3600), (8, 2 * 3600), (8, 3600)]


def test_render_english_lines() -> None:
    lines = render(sample(), identity)
    assert "Counted 07.01.2026: 08:00-17:00 (9:00 h)" in lines
    assert "Skipped 06.01.2026: public holiday 'Heilige Drei Könige'" in lines


def test_render_ends_with_total_and_source() -> None:
    lines = render(sample())
    assert lines[-2] == "Total business time: 13:00 h" and "holiday data version" in lines[-1]


def test_render_uses_translate_callable() -> None:
    lines = render(sample(), lambda message: message.replace("Counted", "Gezählt"))
    assert any(line.startswith("Gezählt 05.01.2026") for line in lines)


def test_translator_falls_back_to_identity_for_unknown_language() -> None:
    assert translator("xx")("Counted {date}") == "Counted {date}"


def test_explain_ticket_adds_target_summary() -> None:
    policy = SlaPolicy(office(), {"high": PriorityTargets(resolution=Target(4, Unit.HOURS))})
    ticket = Ticket(berlin(2026, 3, 4, 9), "high")
    explanation = explain_ticket(
        policy, ticket, berlin(2026, 3, 4, 12), TargetKind.RESOLUTION, language="en"
    )
    assert "resolution: target 4 h, due 04.03.2026 13:00, elapsed 3:00 h, state: at risk" in render(
        explanation
    )


@pytest.mark.parametrize(
    ("seconds", "language", "text"),
    [
        (8 * 3600, "de", "8 Std."),
        (4 * 3600 + 30 * 60, "de", "4 Std. 30 Min."),
        (30 * 60, "de", "30 Min."),
        (8 * 3600, "en", "8 h"),
        (0, "en", "0 min"),
    ],
)
def test_a_target_reads_as_a_duration_not_a_time_of_day(
    seconds: int, language: str, text: str
) -> None:
    assert format_target(seconds, language) == text
