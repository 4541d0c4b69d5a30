from ketacover.core.sources import Confidence, Source


def test_a_verified_source_prints_without_a_mark():
    assert str(Source("29 CFR 2560.503-1")) == "29 CFR 2560.503-1"


def test_a_partly_verified_source_prints_its_mark():
    assert str(Source("42 CFR 422.582", Confidence.PARTLY_VERIFIED)) == "42 CFR 422.582 [PV]"


def test_an_unverified_source_prints_its_mark():
    assert str(Source("payer FAQ", Confidence.UNVERIFIED)) == "payer FAQ [U]"


def test_each_confidence_has_plain_words():
    assert [c.label for c in Confidence] == ["verified", "partly verified", "unverified"]
