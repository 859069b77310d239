"""The HQ address a person types (enroll dialog, `sync enroll --server`): a malformed one is
refused naming it, never raised as an unexpected error."""
from __future__ import annotations

import pytest

from core.errors import InvalidInput
from sync.link import check_server_url


@pytest.mark.parametrize("url", ["http://[::1", "http://hq:99999", "http://hq:port",
                                 "ftp://hq", "hq.example", ""])
def test_a_malformed_address_is_refused_by_name(url):
    with pytest.raises(InvalidInput, match="无效"):
        check_server_url(url)


def test_a_good_address_is_kept_without_its_trailing_slash():
    assert check_server_url(" https://[::1]:8765/ ") == "https://[::1]:8765"
