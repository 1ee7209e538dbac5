"""Sizes as the template page shows them."""

from mitkb.documents import size_text


def test_sizes_in_french_units():
    assert size_text(1) == "1\u00a0Ko"
    assert size_text(14_000) == "14\u00a0Ko"
    assert size_text(14_001) == "15\u00a0Ko"
    assert size_text(999_000) == "999\u00a0Ko"
    assert size_text(999_001) == "1,0\u00a0Mo"
    assert size_text(1_200_000) == "1,2\u00a0Mo"
