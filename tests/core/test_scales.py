import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.errors import KetacoverError
from ketacover.core.model import Scale
from ketacover.core.scales import (
    ANSWERS,
    BANDS,
    ITEM_COUNTS,
    ITEMS,
    InvalidScoreError,
    check_total,
    score_gad7,
    score_items,
    score_phq9,
    severity,
    suicidal_ideation_flag,
)


@pytest.mark.parametrize(
    ("items", "total"),
    [
        ([0] * 9, 0),
        ([3] * 9, 27),
        ([1, 2, 3, 0, 1, 2, 3, 0, 1], 13),
        ([3, 3, 2, 2, 3, 2, 3, 2, 2], 22),
    ],
)
def test_it_scores_a_phq9_as_the_sum_of_its_items(items, total):
    assert score_phq9(items) == total


@pytest.mark.parametrize(
    ("items", "total"),
    [([0] * 7, 0), ([3] * 7, 21), ([2, 1, 0, 3, 2, 1, 0], 9)],
)
def test_it_scores_a_gad7_as_the_sum_of_its_items(items, total):
    assert score_gad7(items) == total


@pytest.mark.parametrize(
    ("scorer", "items", "item", "message"),
    [
        (score_phq9, [0, 0, 0, 4, 0, 0, 0, 0, 0], 4, "PHQ-9 item 4: 4 is not an answer"),
        (score_phq9, [0, 0, 0, 0, 0, 0, 0, 0, -1], 9, "PHQ-9 item 9: -1 is not an answer"),
        (score_gad7, [0, 5, 0, 0, 0, 0, 0], 2, "GAD-7 item 2: 5 is not an answer"),
        (score_gad7, [0, 0, 0, 0, 0, 0, True], 7, "GAD-7 item 7: the answer must be a whole"),
        (score_phq9, [0, 0, 1.5, 0, 0, 0, 0, 0, 0], 3, "PHQ-9 item 3: the answer must be a whole"),
    ],
)
def test_it_names_the_item_with_a_bad_answer(scorer, items, item, message):
    with pytest.raises(InvalidScoreError) as caught:
        scorer(items)
    assert caught.value.item == item
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("scorer", "count", "message"),
    [
        (score_phq9, 8, "PHQ-9 needs exactly 9 item answers, not 8"),
        (score_phq9, 10, "PHQ-9 needs exactly 9 item answers, not 10"),
        (score_gad7, 9, "GAD-7 needs exactly 7 item answers, not 9"),
        (score_gad7, 0, "GAD-7 needs exactly 7 item answers, not 0"),
    ],
)
def test_it_rejects_the_wrong_number_of_answers(scorer, count, message):
    with pytest.raises(InvalidScoreError, match=message) as caught:
        scorer([1] * count)
    assert caught.value.item is None


def test_a_scale_without_items_cannot_be_scored_item_by_item():
    with pytest.raises(InvalidScoreError, match="MADRS is entered as a total"):
        score_items(Scale.MADRS, [1, 2, 3])


def test_a_score_error_is_a_ketacover_error():
    assert issubclass(InvalidScoreError, KetacoverError)
    assert issubclass(InvalidScoreError, ValueError)


@pytest.mark.parametrize(
    ("scale", "total"),
    [
        (Scale.PCL5, 0),
        (Scale.PCL5, 80),
        (Scale.MADRS, 34),
        (Scale.MADRS, 60),
        (Scale.HAMD17, 52),
        (Scale.PHQ9, 27),
    ],
)
def test_it_accepts_totals_within_the_range(scale, total):
    assert check_total(scale, total) == total


@pytest.mark.parametrize(
    ("scale", "total", "message"),
    [
        (Scale.PCL5, 81, "PCL-5 total 81 is out of range \\(0 to 80\\)"),
        (Scale.MADRS, 61, "MADRS total 61 is out of range \\(0 to 60\\)"),
        (Scale.HAMD17, 53, "HAM-D 17 total 53 is out of range \\(0 to 52\\)"),
        (Scale.HAMD17, -1, "HAM-D 17 total -1 is out of range"),
        (Scale.MADRS, False, "MADRS total must be a whole number"),
        (Scale.MADRS, 3.0, "MADRS total must be a whole number"),
    ],
)
def test_it_rejects_totals_out_of_range(scale, total, message):
    with pytest.raises(InvalidScoreError, match=message):
        check_total(scale, total)


@given(st.sampled_from(sorted(ITEM_COUNTS)), st.data())
def test_the_total_is_the_sum_of_the_answers(scale, data):
    items = data.draw(
        st.lists(
            st.integers(min_value=0, max_value=3),
            min_size=ITEM_COUNTS[scale],
            max_size=ITEM_COUNTS[scale],
        )
    )
    total = score_items(scale, items)
    assert total == sum(items)
    assert 0 <= total <= scale.max_score
    assert check_total(scale, total) == total


@given(
    st.sampled_from(sorted(ITEM_COUNTS)),
    st.data(),
    st.integers().filter(lambda n: not 0 <= n <= 3),
)
def test_any_answer_out_of_range_is_rejected_with_its_item(scale, data, bad):
    count = ITEM_COUNTS[scale]
    items = data.draw(st.lists(st.integers(0, 3), min_size=count, max_size=count))
    position = data.draw(st.integers(min_value=0, max_value=count - 1))
    items[position] = bad
    with pytest.raises(InvalidScoreError) as caught:
        score_items(scale, items)
    assert caught.value.item == position + 1


@given(st.sampled_from(list(Scale)), st.integers())
def test_a_total_is_accepted_exactly_when_it_is_within_the_range(scale, total):
    if 0 <= total <= scale.max_score:
        assert check_total(scale, total) == total
    else:
        with pytest.raises(InvalidScoreError):
            check_total(scale, total)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_each_phq9_total_falls_in_its_published_band(total, band):
    assert severity(Scale.PHQ9, total) == band


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_each_gad7_total_falls_in_its_published_band(total, band):
    assert severity(Scale.GAD7, total) == band


def test_a_band_is_refused_for_a_total_out_of_range_or_a_scale_without_bands():
    with pytest.raises(InvalidScoreError):
        severity(Scale.PHQ9, 28)
    with pytest.raises(InvalidScoreError):
        severity(Scale.MADRS, 30)


def test_the_bands_cover_each_range_without_gaps():
    for scale, bands in BANDS.items():
        assert bands[-1][0] == scale.max_score
        assert [ceiling for ceiling, _ in bands] == sorted(ceiling for ceiling, _ in bands)


def test_each_item_scale_has_its_worded_items_and_four_answers():
    assert len(ITEMS[Scale.PHQ9]) == 9
    assert len(ITEMS[Scale.GAD7]) == 7
    assert ITEMS[Scale.PHQ9][8].startswith("Thoughts that you would be better off dead")
    assert ANSWERS == ("Not at all", "Several days", "More than half the days", "Nearly every day")


@pytest.mark.parametrize(("answer", "flagged"), [(0, False), (1, True), (2, True), (3, True)])
def test_phq9_item_9_above_zero_raises_the_flag(answer, flagged):
    assert suicidal_ideation_flag(Scale.PHQ9, [0] * 8 + [answer]) is flagged


def test_the_gad7_raises_no_suicidal_ideation_flag():
    assert not suicidal_ideation_flag(Scale.GAD7, [3] * 7)
