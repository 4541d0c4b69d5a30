"""Cost and reimbursement math: what each way of paying costs the patient.

Decimal dollars rounded to cents throughout, never floats. Split by concept:

- :mod:`~ketacover.core.costs.share`: the patient's share under a plan's cost sharing
- :mod:`~ketacover.core.costs.reimbursement`: out-of-network superbill reimbursement
- :mod:`~ketacover.core.costs.tax`: HSA/FSA tax saving and the 2026 account limits
- :mod:`~ketacover.core.costs.payment_plan`: amortization schedules
- :mod:`~ketacover.core.costs.comparison`: the side-by-side comparison of a case's pathways
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketacover.core.lazy import lazy_exports

if TYPE_CHECKING:
    from ketacover.core.costs.amounts import CostInputError
    from ketacover.core.costs.comparison import CostComparison, case_costs, cheapest
    from ketacover.core.costs.pathways import PathwayCost
    from ketacover.core.costs.payment_plan import (
        Installment,
        PaymentPlan,
        add_months,
        amortization_schedule,
        level_payment,
    )
    from ketacover.core.costs.reimbursement import (
        ChargeLine,
        Reimbursement,
        course_reimbursement,
        superbill_reimbursement,
    )
    from ketacover.core.costs.share import (
        NetworkTier,
        SessionShare,
        ShareResult,
        share_ceiling,
        share_for_course,
        share_for_service,
        share_for_sessions,
    )
    from ketacover.core.costs.tax import Account, TaxSaving, limit_2026, tax_saving

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "amounts": ("CostInputError",),
        "comparison": (
            "CostComparison",
            "case_costs",
            "cheapest",
        ),
        "pathways": ("PathwayCost",),
        "payment_plan": (
            "Installment",
            "PaymentPlan",
            "add_months",
            "amortization_schedule",
            "level_payment",
        ),
        "reimbursement": (
            "ChargeLine",
            "Reimbursement",
            "course_reimbursement",
            "superbill_reimbursement",
        ),
        "share": (
            "NetworkTier",
            "SessionShare",
            "ShareResult",
            "share_ceiling",
            "share_for_course",
            "share_for_service",
            "share_for_sessions",
        ),
        "tax": (
            "Account",
            "TaxSaving",
            "limit_2026",
            "tax_saving",
        ),
    },
)

__all__ = [
    "Account",
    "ChargeLine",
    "CostComparison",
    "CostInputError",
    "Installment",
    "NetworkTier",
    "PathwayCost",
    "PaymentPlan",
    "Reimbursement",
    "SessionShare",
    "ShareResult",
    "TaxSaving",
    "add_months",
    "amortization_schedule",
    "case_costs",
    "cheapest",
    "course_reimbursement",
    "level_payment",
    "limit_2026",
    "share_ceiling",
    "share_for_course",
    "share_for_service",
    "share_for_sessions",
    "superbill_reimbursement",
    "tax_saving",
]
