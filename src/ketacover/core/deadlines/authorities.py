"""The regulations and documents deadline rules come from, with their confidence marks.

Each constant is cited as ``shared/domain/facts.md`` sections 4 and 5 give it; the confidence is
the mark facts.md puts on the fact the deadline rests on.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.sources import Confidence, Source

V: Final = Confidence.VERIFIED
PV: Final = Confidence.PARTLY_VERIFIED
U: Final = Confidence.UNVERIFIED

# ERISA claims procedure (facts §4).
ERISA_CLAIM_DECISION: Final = Source("29 CFR 2560.503-1 (initial claim decisions)", V)
ERISA_APPEAL_FILING: Final = Source("29 CFR 2560.503-1(h)(3)(i)", V)
ERISA_APPEAL_URGENT: Final = Source("29 CFR 2560.503-1(i)(2)(i)", V)
ERISA_APPEAL_PRE_SERVICE: Final = Source("29 CFR 2560.503-1(i)(2)(ii)", V)
ERISA_APPEAL_POST_SERVICE: Final = Source("29 CFR 2560.503-1(i)(2)(iii)(A)", V)

# ACA internal claims and appeals and external review (facts §4).
ACA_INDIVIDUAL_AS_GROUP: Final = Source(
    "45 CFR 147.136(b)(3)(ii)(G), applying 29 CFR 2560.503-1 to individual coverage", V
)
ACA_EXTERNAL_FILING: Final = Source("45 CFR 147.136(d)(2)(i)", V)
ACA_EXTERNAL_STANDARD: Final = Source("45 CFR 147.136(d)(2)(iii)(B)(6)", V)
ACA_EXTERNAL_EXPEDITED: Final = Source("45 CFR 147.136(d)(3)(iv)", V)

# CMS-0057-F (facts §5).
CMS_0057_F: Final = Source("CMS-0057-F, 89 FR 8758 (prior-authorization decision clocks)", V)
CMS_0057_F_FFE_QHP_EXCLUSION: Final = Source(
    "45 CFR 147.136 clocks; FFE QHP issuers excluded from CMS-0057-F decision clocks", PV
)
CMS_0057_F_DRUG_EXCLUSION: Final = Source(
    "drugs excluded from the CMS-0057-F prior-authorization provisions", PV
)

# Original Medicare, Parts A and B (facts §4).
MEDICARE_REDETERMINATION: Final = Source(
    "Medicare Parts A/B appeals, level 1 redetermination (42 CFR 405 subpart I)", V
)
MEDICARE_RECONSIDERATION: Final = Source(
    "Medicare Parts A/B appeals, level 2 reconsideration (42 CFR 405 subpart I)", V
)

# Medicare Advantage, 42 CFR 422 subpart M (facts §4).
MA_STANDARD_BEFORE_2026: Final = Source("42 CFR 422.568(b)(1)", V)
MA_STANDARD_FROM_2026: Final = Source("42 CFR 422.568(b)(1) as amended by CMS-0057-F", V)
MA_EXPEDITED: Final = Source("42 CFR 422.572", V)
MA_RECONSIDERATION_FILING: Final = Source(
    "42 CFR 422 subpart M; CMS managed-care appeals page (65 days from 2025-01-01)", PV
)
MA_RECONSIDERATION_DECISION: Final = Source("42 CFR 422.590", V)

# Medicaid managed care, 42 CFR 438 subpart F (facts §4).
MEDICAID_MC_APPEAL_FILING: Final = Source("42 CFR 438 subpart F (plan appeal filing)", PV)
MEDICAID_MC_APPEAL_DECISION: Final = Source("42 CFR 438.408(b) (plan appeal decisions)", PV)

# Our own practice: reminders, not rules.
PRACTICE: Final = Source("ketacover practice: a reminder, not a legal deadline", V)
