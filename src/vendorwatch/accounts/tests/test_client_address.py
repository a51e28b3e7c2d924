import pytest
from django.test import RequestFactory

from vendorwatch.accounts.client_address import client_address


def request(forwarded: str | None = None, remote: str = "127.0.0.1"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.fixture
def proxies(settings):
    def configure(count: int) -> None:
        settings.PROXY_COUNT = count

    return configure


def test_without_a_proxy_the_header_is_ignored(proxies) -> None:
    proxies(0)
    assert client_address(request("203.0.113.9", remote="198.51.100.7")) == "198.51.100.7"


def test_behind_one_proxy_the_right_most_entry_is_the_client(proxies) -> None:
    proxies(1)
    assert client_address(request("10.9.9.9, 203.0.113.9")) == "203.0.113.9"


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(proxies) -> None:
    proxies(2)
    assert client_address(request("10.9.9.9, 203.0.113.9, 192.168.0.2")) == "203.0.113.9"


def test_fewer_entries_than_proxies_fall_back_to_the_connection(proxies) -> None:
    proxies(2)
    assert client_address(request("203.0.113.9")) == "127.0.0.1"


def test_a_missing_header_falls_back_to_the_connection(proxies) -> None:
    proxies(1)
    assert client_address(request()) == "127.0.0.1"


def test_garbage_in_the_trusted_position_falls_back_to_the_connection(proxies) -> None:
    proxies(1)
    assert client_address(request("203.0.113.9, not-an-address")) == "127.0.0.1"


def test_ipv6_addresses_are_normalised(proxies) -> None:
    proxies(1)
    assert client_address(request("2001:DB8:0::1")) == "2001:db8::1"
