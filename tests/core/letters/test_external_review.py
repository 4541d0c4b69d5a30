import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import external_review
from ketacover.core.letters.catalog import Options, compose
from ketacover.core.letters.letter import Letter
from ketacover.core.model import (
    Appeal,
    AppealOutcome,
    Case,
    DenialLevel,
    DenialReason,
    PayerCategory,
    Urgency,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)


def example() -> Case:
    return load_case(EXAMPLES / "denial-appeal-running.yaml")


def final(**changes: object) -> Case:
    """The example after the internal appeal of denial-1 was upheld on 2027-01-15."""
    case = example()
    fields: dict[str, object] = {
        "id": "denial-3",
        "level": DenialLevel.FINAL_INTERNAL,
        "notice_date": date(2027, 1, 15),
        "received": date(2027, 1, 19),
        **changes,
    }
    upheld = replace(case.denials[0], **fields)  # type: ignore[arg-type]
    appeal = Appeal(
        denial_id="denial-1",
        submitted=date(2026, 12, 1),
        outcome=AppealOutcome.UPHELD,
        decided=date(2027, 1, 15),
    )
    return replace(case, denials=(*case.denials, upheld), appeals=(appeal,))


def matches_golden(kind: str, name: str, letter: Letter) -> None:
    path = GOLDEN / kind / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_example_has_no_final_internal_denial_so_external_review_is_refused():
    with pytest.raises(KetacoverError, match="follows the final internal decision"):
        compose("external-review", example(), TODAY, Options(denial_id="denial-1"))


def test_the_final_internal_example_matches_its_golden_text():
    letter = compose("external-review", final(), TODAY, Options())
    matches_golden("external-review", "denial-appeal-running.final-internal", letter)
    text = letter.text()
    assert "the last day is May 19, 2027; the date on the final notice governs" in text
    assert "This denial (experimental or investigational) is one of them." in text
    assert "The plan is not grandfathered." in text
    assert "within 45 days" in text
    assert "72 hours" in text
    assert "binds the plan" in text
    assert "December 1, 2026: appeal filed, upheld on January 15, 2027." in text
    assert letter.enclosures == (
        "Denial notice dated 10/30/2026",
        "Denial notice dated 01/15/2027",
        "Internal appeal filed 12/01/2026",
        "Letter of medical necessity",
        "Treatment-history summary",
        "Evidence list",
        "Recent clinical notes",
    )


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 10, 31), "March 1, 2027"),  # no February 31: first day of the fifth month
        (date(2027, 1, 2), "May 3, 2027"),  # May 2, 2027 is a Sunday
        (date(2027, 3, 4), "July 6, 2027"),  # July 4 is a Sunday, observed Monday July 5
    ],
)
def test_the_four_month_deadline_follows_the_month_end_and_business_day_rules(received, due):
    text = external_review.compose(final(received=received), TODAY, Options()).text()
    assert f"the last day is {due};" in text


def test_a_date_printed_on_the_final_notice_governs():
    case = final(appeal_deadline_on_notice=date(2027, 3, 15))
    text = external_review.compose(case, TODAY, Options()).text()
    assert "The final notice gives March 15, 2027 as the last day, and that date governs." in text


def test_unknown_grandfathering_and_an_ineligible_reason_are_said_plainly():
    case = final(reason=DenialReason.OUT_OF_NETWORK)
    case = replace(case, plan=replace(case.plan, grandfathered=None))
    text = external_review.compose(case, TODAY, Options()).text()
    assert "Whether the plan is grandfathered is not recorded" in text
    assert "I ask the plan to confirm that this denial qualifies." in text


@pytest.mark.parametrize(
    ("plan_changes", "match"),
    [
        ({"grandfathered": True}, "grandfathered"),
        ({"category": PayerCategory.MEDICARE}, "45 CFR 147.136"),
    ],
)
def test_plans_without_federal_external_review_are_refused(plan_changes, match):
    case = final()
    case = replace(case, plan=replace(case.plan, **plan_changes))
    with pytest.raises(KetacoverError, match=match):
        external_review.compose(case, TODAY, Options())


def test_an_urgent_case_asks_for_expedited_review_and_the_patient_can_send_it():
    case = replace(final(), urgency=Urgency.URGENT)
    letter = external_review.compose(case, TODAY, Options(variant="patient"))
    text = letter.text()
    assert "I ask for an expedited external review." in text
    assert "I request an external review" in text
    assert letter.signature is not None
    assert letter.signature.name == "Morgan Fictional"


def test_without_a_recorded_appeal_the_internal_appeal_is_still_enclosed():
    case = replace(final(), appeals=())
    letter = external_review.compose(case, TODAY, Options())
    assert "Internal appeal" in letter.enclosures
    assert "Decisions and appeals so far" in letter.text()
    alone = replace(case, denials=(replace(case.denials[2], prior_authorization_id=None),))
    assert (
        "Decisions and appeals so far"
        not in external_review.compose(alone, TODAY, Options()).text()
    )


def test_missing_member_id_is_listed():
    case = final()
    case = replace(case, plan=replace(case.plan, member_id=None))
    with pytest.raises(MissingFactsError) as raised:
        external_review.compose(case, TODAY, Options())
    assert raised.value.missing[0].startswith("plan.member_id")
