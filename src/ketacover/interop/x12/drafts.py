"""A claim payment and a service line while they are being read: mutable and slotted, turned
into the frozen :class:`~ketacover.interop.x12.model.ClaimPayment` and
:class:`~ketacover.interop.x12.model.ServiceLine` when their loop closes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ketacover.interop.x12.model import Adjustment, ServiceLine

Elements = list[str]


class LineDraft:
    """A service line being read (SVC loop)."""

    __slots__ = (
        "adjustments",
        "allowed",
        "charge",
        "code",
        "control",
        "on",
        "paid",
        "remarks",
        "units",
    )

    def __init__(self, code: list[str], charge: Decimal, paid: Decimal, units: Decimal) -> None:
        self.code = code
        self.charge = charge
        self.paid = paid
        self.units = units
        self.on: date | None = None
        self.allowed: Decimal | None = None
        self.control: str | None = None
        self.adjustments: list[Adjustment] = []
        self.remarks: list[str] = []


class ClaimDraft:
    """A claim payment being read (CLP loop)."""

    __slots__ = (
        "adjustments",
        "amounts",
        "charge",
        "elements",
        "index",
        "insured_id",
        "lines",
        "paid",
        "patient_id",
        "patient_name",
        "quantities",
        "received",
        "remarks",
        "service_from",
        "service_to",
        "share",
    )

    def __init__(
        self, index: int, elements: Elements, charge: Decimal, paid: Decimal, share: Decimal
    ) -> None:
        self.index = index
        self.elements = elements
        self.charge = charge
        self.paid = paid
        self.share = share
        self.patient_name: str | None = None
        self.patient_id: str | None = None
        self.insured_id: str | None = None
        self.service_from: date | None = None
        self.service_to: date | None = None
        self.received: date | None = None
        self.adjustments: list[Adjustment] = []
        self.remarks: list[str] = []
        self.amounts: list[tuple[str, Decimal]] = []
        self.quantities: list[tuple[str, Decimal]] = []
        self.lines: list[ServiceLine] = []
