"""Reading an X12 271 eligibility and benefits response (005010X279A1) into
:class:`~ketacover.core.eligibility.Eligibility` records, one per subscriber or dependent the
payer answered for.

The envelope (ISA/GS/ST ... SE/GE/IEA) is checked by :mod:`ketacover.interop.x12.parser`; this
module reads the body. Loops are implied by order and by the hierarchical levels (HL03): 20 the
information source (the payer, NM1*PR), 21 the information receiver (the provider), 22 the
subscriber (NM1*IL, REF, DTP, then one EB per benefit with its DTP and MSG), 23 a dependent. An
NM1 between LS and LE (loop 2120, a benefit-related entity such as another payer) is not the
subscriber's. AAA segments are the payer's reasons for not answering.

What each EB says (X12 element lists, confirmed against the public CMS HETS 270/271 companion
guide and the X12 element dictionary):

- EB01 ``1`` to ``5`` active coverage, ``6`` to ``8`` inactive; ``A`` coinsurance (EB08, a
  decimal: 0.2 is 20%), ``B`` copay (EB07), ``C`` deductible (EB07), ``G`` out of pocket (EB07),
  ``I`` non-covered.
- EB02 coverage level: only individual (``IND``) or unstated amounts are read for the plan's
  figures; family amounts are left out.
- EB03 service types (repeated with the repetition separator), EB04 insurance type, EB05 plan
  description.
- EB06 time period: ``23`` calendar year, ``22`` service year, ``25`` contract for the yearly
  amount; ``29`` remaining.
- EB11 authorization or certification required (``Y``/``N``); EB12 in plan network (``Y`` in,
  ``N`` out, ``W`` both; unstated read as in network).
- DTP*346/347 plan begin and end, DTP*291 plan (a range), DTP*356/357/307 eligibility.

Problems raise :class:`~ketacover.interop.x12.errors.EligibilityError` naming the segment number,
its id and the element, never a value: MSG text and names are never part of a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from ketacover.core.eligibility import (
    SERVICE_TYPES,
    Eligibility,
    NetworkBenefits,
    ServiceBenefit,
)
from ketacover.interop.x12.delimiters import Delimiters
from ketacover.interop.x12.errors import EligibilityError, quoted
from ketacover.interop.x12.parser import parse_interchange, read_file

Elements = list[str]

_ACTIVE: Final = frozenset("12345")
_INACTIVE: Final = frozenset("678")
_YEARLY: Final = frozenset({"21", "22", "23", "25"})
_REMAINING: Final = "29"
_HUNDRED: Final = Decimal(100)


class _Member:
    """What is read for one subscriber or dependent."""

    def __init__(self, payer: str, payer_id: str | None) -> None:
        self.payer = payer
        self.payer_id = payer_id
        self.member_id: str | None = None
        self.birth_date: date | None = None
        self.group_number: str | None = None
        self.group_kind = ""
        self.plan_name: str | None = None
        self.insurance_type: str | None = None
        self.active: bool | None = None
        self.any_active = False
        self.dates: dict[str, tuple[date, date | None]] = {}
        self.benefit_dates: dict[str, tuple[date, date | None]] = {}
        self.tiers: dict[tuple[bool, str], Decimal] = {}
        self.services: dict[tuple[str, bool | None], ServiceBenefit] = {}
        self.messages: list[str] = []
        self.rejections: list[str] = []
        self.benefits = 0

    def eligibility(self) -> Eligibility:
        begin, end = self._plan_dates()
        active = self.active if self.active is not None else (True if self.any_active else None)
        return Eligibility(
            payer=self.payer,
            payer_id=self.payer_id,
            member_id=self.member_id,
            birth_date=self.birth_date,
            group_number=self.group_number,
            plan_name=self.plan_name,
            insurance_type=self.insurance_type,
            active=active,
            plan_begin=begin,
            plan_end=end,
            in_network=self._tier(True),
            out_of_network=self._tier(False),
            services=tuple(self.services.values()),
            messages=tuple(self.messages),
            rejections=tuple(self.rejections),
        )

    def _tier(self, in_network: bool) -> NetworkBenefits:
        tiers = self.tiers
        return NetworkBenefits(
            deductible=tiers.get((in_network, "C")),
            deductible_remaining=tiers.get((in_network, "C29")),
            out_of_pocket_max=tiers.get((in_network, "G")),
            out_of_pocket_remaining=tiers.get((in_network, "G29")),
        )

    def _plan_dates(self) -> tuple[date | None, date | None]:
        for dates in (self.dates, self.benefit_dates):
            begin = dates.get("346", (None, None))[0]
            end = dates.get("347", (None, None))[0]
            for range_code in ("291", "307"):
                if range_code in dates:
                    first, last = dates[range_code]
                    begin = begin or first
                    end = end or last
            begin = begin or dates.get("356", (None, None))[0]
            end = end or dates.get("357", (None, None))[0]
            if begin or end:
                return begin, end
        return None, None


class EligibilityBody:
    """Reads the body of one 271 transaction set (see the module docstring)."""

    def __init__(self, segments: list[str], found: Delimiters, control: str) -> None:
        self.segments = segments
        self.element = found.element
        self.repetition = found.repetition
        self.component = found.component
        self.control = control
        self.index = 0
        self.level = ""
        self.payer = ""
        self.payer_id: str | None = None
        self.in_loop_2120 = False
        self.member: _Member | None = None
        self.subscriber: _Member | None = None
        self.in_benefit = False
        self.done: list[Eligibility] = []
        self.early_rejections: list[str] = []
        self.handlers: dict[str, Callable[[Elements], None]] = {
            "HL": self._hl,
            "NM1": self._nm1,
            "REF": self._ref,
            "DTP": self._dtp,
            "EB": self._eb,
            "MSG": self._msg,
            "AAA": self._aaa,
            "LS": self._ls,
            "DMG": self._dmg,
            "LE": self._le,
        }

    # -- errors and elements --------------------------------------------------------------------

    def fail(self, problem: str) -> EligibilityError:
        """The error for ``problem`` at the segment being handled."""
        sid = self.segments[self.index].split(self.element, 1)[0].strip()
        return EligibilityError(problem, self.index + 1, sid[:3])

    def _need(self, elements: Elements, at: int) -> str:
        if len(elements) > at and elements[at]:
            return elements[at]
        raise self.fail(f"{elements[0]}{at:02d} is missing")

    @staticmethod
    def _get(elements: Elements, at: int) -> str:
        return elements[at] if len(elements) > at else ""

    def _amount(self, elements: Elements, at: int) -> Decimal:
        value = self._need(elements, at)
        try:
            found = Decimal(value)
        except InvalidOperation:
            found = None
        if found is None or not found.is_finite():
            raise self.fail(f"{elements[0]}{at:02d} {quoted(value)}is not a number")
        return found

    def _day(self, elements: Elements, at: int, value: str) -> date:
        try:
            if len(value) != 8 or not value.isdigit():
                raise ValueError(value)
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            raise self.fail(
                f"{elements[0]}{at:02d} {quoted(value)}is not a date (CCYYMMDD)"
            ) from None

    # -- levels and names -----------------------------------------------------------------------

    def _close_member(self) -> None:
        member = self.member
        if member is not None and (member.benefits or member.rejections or member.messages):
            self.done.append(member.eligibility())
        self.member = None

    def _hl(self, elements: Elements) -> None:
        """HL: a hierarchical level; HL03 20 payer, 21 provider, 22 subscriber, 23 dependent."""
        self._close_member()
        self.level = self._need(elements, 3)
        self.in_loop_2120 = False
        self.in_benefit = False
        if self.level == "22":
            self.member = _Member(self.payer, self.payer_id)
            self.subscriber = self.member
        elif self.level == "23":
            member = _Member(self.payer, self.payer_id)
            subscriber = self.subscriber
            if subscriber is not None:
                member.member_id = subscriber.member_id
                member.group_number = subscriber.group_number
                member.group_kind = subscriber.group_kind
                member.dates = dict(subscriber.dates)
            self.member = member

    def _nm1(self, elements: Elements) -> None:
        """NM1*PR: the payer (NM103 name, NM109 id); NM1*IL: the subscriber's member id."""
        if self.in_loop_2120:
            return
        code = self._need(elements, 1)
        if code == "PR" and self.level == "20":
            self.payer = self._get(elements, 3)
            self.payer_id = self._get(elements, 9) or None
        elif code == "IL" and self.member is not None and self.level == "22":
            self.member.member_id = self._get(elements, 9) or None

    def _ref(self, elements: Elements) -> None:
        """REF*6P group number (REF03 the group's name), REF*1L group or policy, REF*18 plan."""
        member = self.member
        if member is None or self.in_benefit:
            return
        code = self._need(elements, 1)
        rank = {"6P": "3", "1L": "2", "18": "1"}.get(code)
        if rank is None or rank <= member.group_kind:
            return
        member.group_kind = rank
        member.group_number = self._need(elements, 2)
        if code == "6P" and self._get(elements, 3) and member.plan_name is None:
            member.plan_name = self._get(elements, 3)

    def _dmg(self, elements: Elements) -> None:
        """DMG*D8: the date of birth of the subscriber or dependent (DMG02)."""
        member = self.member
        if member is None or self._get(elements, 1) != "D8" or not self._get(elements, 2):
            return
        member.birth_date = self._day(elements, 2, elements[2])

    def _dtp(self, elements: Elements) -> None:
        """DTP: DTP01 qualifier, DTP02 D8 or RD8, DTP03 the date or range."""
        member = self.member
        if member is None:
            return
        qualifier = self._need(elements, 1)
        form = self._need(elements, 2)
        value = self._need(elements, 3)
        span: tuple[date, date | None]
        if form == "D8":
            span = (self._day(elements, 3, value), None)
        elif form == "RD8":
            first, _, last = value.partition("-")
            span = (self._day(elements, 3, first), self._day(elements, 3, last))
        else:
            raise self.fail(f"DTP02 {quoted(form, 3)}is not D8 or RD8")
        target = member.benefit_dates if self.in_benefit else member.dates
        target.setdefault(qualifier, span)

    # -- benefits -------------------------------------------------------------------------------

    def _eb(self, elements: Elements) -> None:
        """EB: one eligibility or benefit (see the module docstring)."""
        member = self.member
        if member is None:
            raise self.fail("EB comes before the subscriber (HL*22)")
        self.in_benefit = True
        self.in_loop_2120 = False
        code = self._need(elements, 1)
        level = self._get(elements, 2)
        types = [t for t in self._get(elements, 3).split(self.repetition) if t] or ["30"]
        network_code = self._get(elements, 12)
        if network_code and network_code not in ("Y", "N", "W", "U"):
            raise self.fail(f"EB12 {quoted(network_code, 2)}is not Y, N, W or U")
        networks = {"Y": (True,), "N": (False,), "W": (True, False)}.get(network_code, (True,))
        member.benefits += 1
        if code in _ACTIVE or code in _INACTIVE:
            self._coverage(member, elements, code, types)
            return
        if code in ("C", "G"):
            period = self._get(elements, 6)
            if level in ("", "IND") and self._get(elements, 7):
                amount = self._amount(elements, 7)
                key = code + _REMAINING if period == _REMAINING else code
                if period == _REMAINING or period in _YEARLY or not period:
                    for tier in networks:
                        member.tiers.setdefault((tier, key), amount)
            return
        authorization = {"Y": True, "N": False}.get(self._get(elements, 11))
        in_network = {"Y": True, "N": False}.get(network_code)
        for service in types:
            if service not in SERVICE_TYPES:
                continue
            self._service(member, elements, code, service, in_network, authorization)

    def _coverage(self, member: _Member, elements: Elements, code: str, types: Elements) -> None:
        plan_level = "30" in types
        if code in _ACTIVE:
            member.any_active = True
            if plan_level:
                member.active = True
            member.insurance_type = member.insurance_type or self._get(elements, 4) or None
            member.plan_name = self._get(elements, 5) or member.plan_name
        elif plan_level and member.active is None:
            member.active = False
            member.insurance_type = member.insurance_type or self._get(elements, 4) or None

    def _service(
        self,
        member: _Member,
        elements: Elements,
        code: str,
        service: str,
        in_network: bool | None,
        authorization: bool | None,
    ) -> None:
        key = (service, in_network)
        benefit = member.services.get(key) or ServiceBenefit(
            service_type=service, in_network=in_network
        )
        if code == "A" and self._get(elements, 8) and benefit.coinsurance_percent is None:
            percent = self._amount(elements, 8)
            if not Decimal(0) <= percent <= Decimal(1):
                raise self.fail("EB08 is not a percentage as a decimal (0 to 1)")
            benefit = replace(benefit, coinsurance_percent=_percent(percent))
        elif code == "B" and self._get(elements, 7) and benefit.copay is None:
            benefit = replace(benefit, copay=self._amount(elements, 7))
        elif code == "I":
            benefit = replace(benefit, covered=False)
        if authorization is not None and benefit.prior_authorization is not True:
            benefit = replace(benefit, prior_authorization=authorization)
        member.services[key] = benefit

    def _msg(self, elements: Elements) -> None:
        """MSG: free text from the payer (MSG01), kept with the subscriber it follows."""
        if self.member is not None and self._get(elements, 1):
            self.member.messages.append(self._get(elements, 1))

    def _aaa(self, elements: Elements) -> None:
        """AAA: the request was not answered; AAA01 N and AAA03 the reason."""
        valid = self._need(elements, 1)
        if valid not in ("Y", "N"):
            raise self.fail(f"AAA01 {quoted(valid, 2)}is not Y or N")
        reason = self._need(elements, 3)
        if self.member is not None:
            self.member.rejections.append(reason)
        else:
            self.early_rejections.append(reason)

    def _ls(self, elements: Elements) -> None:
        """LS: opens loop 2120 (a benefit-related entity)."""
        self.in_loop_2120 = True

    def _le(self, elements: Elements) -> None:
        """LE: closes loop 2120."""
        self.in_loop_2120 = False

    def finish(self) -> tuple[Eligibility, ...]:
        """Every subscriber or dependent answered for, once SE is reached."""
        self._close_member()
        if not self.payer:
            raise self.fail("the transaction set has no payer (NM1*PR in HL*20)")
        if not self.done and self.early_rejections:
            return (Eligibility(payer=self.payer, rejections=tuple(self.early_rejections)),)
        return tuple(self.done)


def _percent(fraction: Decimal) -> Decimal:
    """EB08's decimal as a percentage without exponent: 0.2 -> 20, 0.125 -> 12.5."""
    value = fraction * _HUNDRED
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_271(text: str) -> tuple[Eligibility, ...]:
    """Read a 271 interchange: every subscriber or dependent of every transaction set."""
    sets = parse_interchange(text, "271", EligibilityBody, EligibilityError)
    return tuple(each for found in sets for each in found)


def load_271(path: Path | str) -> tuple[Eligibility, ...]:
    """Read the 271 file at ``path``."""
    return parse_271(read_file(path, EligibilityError))
