from ketacover.core.sources import Confidence, Source


def test_a_verified_source_prints_without_a_mark():
    assert str(Source("29 CFR 2560.503-1")) == "29 CFR 2560.503-1"


def test_a_partly_verified_source_says_so_in_words():
    source = Source("42 CFR 422.582", Confidence.PARTLY_VERIFIED)
    assert str(source) == "42 CFR 422.582 (partly verified)"


def test_an_unverified_source_says_so_in_words():
    source = Source("payer FAQ", Confidence.UNVERIFIED)
    assert str(source) == "payer FAQ (not confirmed in a public source)"


def test_each_confidence_has_plain_words():
    assert [c.label for c in Confidence] == ["verified", "partly verified", "unverified"]
