"""The regulations and documents deadline rules come from, as entries of the sources list.

Each constant names its document by id in :mod:`ketacover.core.sourcebook` (``appeals.toml``),
which records the document's number, date, address and how sure we are of the rule.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.sourcebook import cite
from ketacover.core.sources import Confidence, Source

V: Final = Confidence.VERIFIED
PV: Final = Confidence.PARTLY_VERIFIED
U: Final = Confidence.UNVERIFIED

# ERISA claims procedure.
ERISA_CLAIM_DECISION: Final = cite("cfr-29-2560-503-1-f-2")
ERISA_APPEAL_FILING: Final = cite("cfr-29-2560-503-1-h-3-i")
ERISA_APPEAL_URGENT: Final = cite("cfr-29-2560-503-1-i-2-i")
ERISA_APPEAL_PRE_SERVICE: Final = cite("cfr-29-2560-503-1-i-2-ii")
ERISA_APPEAL_POST_SERVICE: Final = cite("cfr-29-2560-503-1-i-2-iii-a")

# ACA internal claims and appeals and external review.
ACA_INDIVIDUAL_AS_GROUP: Final = cite("cfr-45-147-136-b-3-ii-g")
ACA_EXTERNAL_FILING: Final = cite("cfr-45-147-136-d-2-i")
ACA_EXTERNAL_STANDARD: Final = cite("cfr-45-147-136-d-2-iii-b-6")
ACA_EXTERNAL_EXPEDITED: Final = cite("cfr-45-147-136-d-3-iv")

# CMS-0057-F.
CMS_0057_F: Final = cite("cms-0057-f")
CMS_0057_F_FFE_QHP_EXCLUSION: Final = cite("cms-0057-f-ffe-qhp-exclusion")
CMS_0057_F_DRUG_EXCLUSION: Final = cite("cms-0057-f-drug-exclusion")

# Original Medicare, Parts A and B.
MEDICARE_REDETERMINATION: Final = cite("cfr-42-405-subpart-i")
MEDICARE_RECONSIDERATION: Final = cite("cfr-42-405-subpart-i")

# Medicare Advantage, 42 CFR 422 subpart M.
MA_STANDARD_BEFORE_2026: Final = cite("cfr-42-422-568-b-1")
MA_STANDARD_FROM_2026: Final = Source(
    "42 CFR 422.568(b)(1) as amended by CMS-0057-F (89 FR 8758)",
    V,
    cite("cfr-42-422-568-b-1").url,
    key="cfr-42-422-568-b-1",
)
MA_EXPEDITED: Final = cite("cfr-42-422-572")
MA_PART_B_DRUG: Final = cite("cms-4180-f-part-b-drug-clocks")
MA_RECONSIDERATION_FILING: Final = cite("cfr-42-422-subpart-m")
MA_RECONSIDERATION_DECISION: Final = cite("cfr-42-422-590")

# Medicaid managed care, 42 CFR 438 subpart F.
MEDICAID_MC_APPEAL_FILING: Final = cite("cfr-42-438-subpart-f")
MEDICAID_MC_APPEAL_DECISION: Final = cite("cfr-42-438-408-b")

# Our own practice: reminders, not rules. Not a public document, so not in the sources list.
PRACTICE: Final = Source("ketacover practice: a reminder, not a legal deadline", V)
