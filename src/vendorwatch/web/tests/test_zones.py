from django.utils import translation

from vendorwatch.web.zones import all_zone_choices, zone_label


def test_a_common_zone_is_named_by_its_country() -> None:
    with translation.override("de"):
        assert str(zone_label("Europe/Berlin")) == "Deutschland (Berlin)"


def test_another_zone_is_named_by_region_and_place() -> None:
    with translation.override("de"):
        assert str(zone_label("America/Sao_Paulo")) == "Amerika – Sao Paulo"


def test_the_common_zones_come_first() -> None:
    (_common, first), (_others, rest) = all_zone_choices()
    assert first[0][0] == "Europe/Berlin"
    assert "Europe/Berlin" not in {name for name, _label in rest}


def test_no_zone_is_offered_by_a_code_only() -> None:
    _common, (_others, rest) = all_zone_choices()
    assert all("/" not in str(label) for _name, label in rest)
