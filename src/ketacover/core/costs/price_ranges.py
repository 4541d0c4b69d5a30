"""Self-pay price ranges reported by consumer sources, for when the clinic's price is not known.

From the consumer cost guides and press reports in the sources list (``sourcebook/ketamine.toml``).
They are consumer-level and only partly verified, so they are shown only as ranges in notes,
never used as a number in a calculation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from ketacover.core.costs.amounts import usd
from ketacover.core.model import Treatment
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source


@dataclass(frozen=True, slots=True)
class PriceRange:
    """A reported price range for one thing, with its source."""

    what: str
    low: Decimal
    high: Decimal
    source: Source

    def __str__(self) -> str:
        return f"{self.what}: {usd(self.low)}–{usd(self.high)} (source: {self.source.citation})"


IV_MOOD: Final = PriceRange(
    "IV ketamine for mood disorders, per infusion",
    Decimal("400"),
    Decimal("800"),
    cite("price-thervo"),
)
IV_MOOD_SERIES: Final = (6, 8)
"""Infusions in a first (induction) series for mood disorders, as the same cost guide gives it:
with :data:`IV_MOOD` it makes the $2,400-$6,400 it reports for a series (6 x $400, 8 x $800)."""
IV_MOOD_WIDE: Final = (
    PriceRange(
        "wider reports, per infusion", Decimal("300"), Decimal("1500"), cite("price-healingmaps")
    ),
    PriceRange(
        "wider reports, per infusion",
        Decimal("400"),
        Decimal("1200"),
        cite("price-biologyinsights"),
    ),
)
IV_PAIN: Final = PriceRange(
    "IV ketamine for pain (longer infusions), per infusion",
    Decimal("600"),
    Decimal("1400"),
    cite("price-thervo"),
)
EVALUATION: Final = PriceRange(
    "initial evaluation, when billed separately",
    Decimal("150"),
    Decimal("350"),
    cite("price-thervo"),
)
ESKETAMINE_DRUG_2019: Final = (
    PriceRange(
        "Spravato drug list price at launch (2019), 56 mg session, drug only",
        Decimal("590"),
        Decimal("590"),
        cite("spravato-price-2019"),
    ),
    PriceRange(
        "Spravato drug list price at launch (2019), 84 mg session, drug only",
        Decimal("885"),
        Decimal("885"),
        cite("spravato-price-2019"),
    ),
)


def session_price_notes(treatment: Treatment) -> tuple[str, ...]:
    """What consumer sources report for one session of ``treatment``, and to ask the clinic."""
    ask = "Ask the clinic for its self-pay price per session."
    if treatment is Treatment.IV_KETAMINE:
        reported = "; ".join(str(r) for r in (IV_MOOD, *IV_MOOD_WIDE, IV_PAIN))
        return (f"Reported self-pay prices: {reported}. {ask}",)
    if treatment is Treatment.ESKETAMINE:
        launch = "; ".join(
            f"{r.what}: {usd(r.low)} (source: {r.source.citation})" for r in ESKETAMINE_DRUG_2019
        )
        return (f"Reported prices: {launch}. The current list price was not found. {ask}",)
    return (f"No reported price range for {treatment.label} is on record. {ask}",)


def evaluation_price_note() -> str:
    """The reported range for a separately billed evaluation."""
    return f"Reported price of an {EVALUATION}; none is included here."
