import pytest

from facturo_chassis.etags import etag, parse_if_match


@pytest.mark.parametrize(
    ("header", "version"),
    [(None, None), ('W/"3"', 3), ('"3"', 3), (' W/"12" ', 12), ("garbage", -1)],
)
def test_if_match_names_a_version(header: str | None, version: int | None) -> None:
    assert parse_if_match(header) == version


def test_the_etag_of_a_version_reads_back_as_it() -> None:
    assert etag(7) == 'W/"7"'
    assert parse_if_match(etag(7)) == 7
