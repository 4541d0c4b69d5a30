"""Antidepressants and augmenting agents, by class, so a trial history can be judged by class.

Payer criteria count failed antidepressant trials "from at least 2 classes" and ask for an
augmentation trial. The classes follow the WHO ATC classification (WHO ATC/DDD index, N06A
antidepressants): N06AB selective serotonin reuptake inhibitors; N06AA non-selective monoamine
reuptake inhibitors (the tricyclics); N06AF and N06AG monoamine oxidase inhibitors; and N06AX
"other antidepressants", split here by mechanism into SNRIs, the NDRI bupropion, the serotonin
modulators and the NaSSA mirtazapine. Augmenting agents: second-generation antipsychotics (N05A),
lithium (N05AN) and thyroid hormone (liothyronine, H03AA).

The olanzapine/fluoxetine combination is one product: one trial that is both an SSRI trial and an
augmentation with an antipsychotic.

Names are matched as whole words, ignoring case, salts and dose text, and common US brand names
map to the generic. A name not in the table gives ``None``: unknown, not "not an antidepressant".

>>> drug_class("Zoloft 100 mg")
<DrugClass.SSRI: 'ssri'>
>>> normalize_name("venlafaxine HCl ER")
'venlafaxine'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from ketacover.core.sourcebook import cite


class DrugClass(StrEnum):
    """A class of antidepressant or augmenting agent."""

    SSRI = "ssri"
    """Selective serotonin reuptake inhibitor (ATC N06AB)."""
    TCA = "tca"
    """Tricyclic: non-selective monoamine reuptake inhibitor (ATC N06AA)."""
    MAOI = "maoi"
    """Monoamine oxidase inhibitor (ATC N06AF, N06AG)."""
    SNRI = "snri"
    """Serotonin-norepinephrine reuptake inhibitor (ATC N06AX)."""
    NDRI = "ndri"
    """Norepinephrine-dopamine reuptake inhibitor: bupropion (ATC N06AX)."""
    SEROTONIN_MODULATOR = "serotonin_modulator"
    """Serotonin modulator: trazodone, nefazodone, vilazodone, vortioxetine (ATC N06AX)."""
    NASSA = "nassa"
    """Noradrenergic and specific serotonergic (tetracyclic): mirtazapine (ATC N06AX)."""
    ANTIPSYCHOTIC = "antipsychotic"
    """Second-generation antipsychotic used for augmentation (ATC N05A)."""
    LITHIUM = "lithium"
    """Lithium, used for augmentation (ATC N05AN)."""
    THYROID_HORMONE = "thyroid_hormone"
    """Thyroid hormone (liothyronine), used for augmentation (ATC H03AA)."""

    @property
    def label(self) -> str:
        """How a letter writes the class, e.g. ``SSRI`` or ``serotonin modulator``."""
        return _CLASS_LABELS[self]


_CLASS_LABELS: Final = {
    DrugClass.SSRI: "SSRI",
    DrugClass.TCA: "tricyclic (TCA)",
    DrugClass.MAOI: "MAOI",
    DrugClass.SNRI: "SNRI",
    DrugClass.NDRI: "NDRI",
    DrugClass.SEROTONIN_MODULATOR: "serotonin modulator",
    DrugClass.NASSA: "NaSSA (tetracyclic)",
    DrugClass.ANTIPSYCHOTIC: "second-generation antipsychotic",
    DrugClass.LITHIUM: "lithium",
    DrugClass.THYROID_HORMONE: "thyroid hormone",
}

ANTIDEPRESSANT_CLASSES: Final = frozenset(
    {
        DrugClass.SSRI,
        DrugClass.TCA,
        DrugClass.MAOI,
        DrugClass.SNRI,
        DrugClass.NDRI,
        DrugClass.SEROTONIN_MODULATOR,
        DrugClass.NASSA,
    }
)
"""The antidepressant classes (ATC N06A)."""
AUGMENTING_CLASSES: Final = frozenset(
    {DrugClass.ANTIPSYCHOTIC, DrugClass.LITHIUM, DrugClass.THYROID_HORMONE}
)
"""The classes of agents added to an antidepressant to augment it."""

SOURCE: Final = cite("code-who-atc")
"""The authority for the classes."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Drug:
    """One generic drug (or fixed combination), its classes and the brand names that mean it."""

    name: str
    """Generic name, lower case; a combination joins its parts with ``/``."""
    classes: tuple[DrugClass, ...]
    """Its classes; the first is the one :func:`drug_class` reports."""
    brands: tuple[str, ...] = ()
    """US brand names, lower case, one word each."""
    parts: tuple[str, ...] = ()
    """For a combination product, the generics it contains."""


_C = DrugClass
DRUGS: Final[tuple[Drug, ...]] = (
    Drug(name="citalopram", classes=(_C.SSRI,), brands=("celexa",)),
    Drug(name="escitalopram", classes=(_C.SSRI,), brands=("lexapro",)),
    Drug(name="fluoxetine", classes=(_C.SSRI,), brands=("prozac", "sarafem")),
    Drug(name="fluvoxamine", classes=(_C.SSRI,), brands=("luvox",)),
    Drug(name="paroxetine", classes=(_C.SSRI,), brands=("paxil", "pexeva")),
    Drug(name="sertraline", classes=(_C.SSRI,), brands=("zoloft",)),
    Drug(name="amitriptyline", classes=(_C.TCA,), brands=("elavil",)),
    Drug(name="clomipramine", classes=(_C.TCA,), brands=("anafranil",)),
    Drug(name="desipramine", classes=(_C.TCA,), brands=("norpramin",)),
    Drug(name="doxepin", classes=(_C.TCA,), brands=("sinequan",)),
    Drug(name="imipramine", classes=(_C.TCA,), brands=("tofranil",)),
    Drug(name="nortriptyline", classes=(_C.TCA,), brands=("pamelor",)),
    Drug(name="protriptyline", classes=(_C.TCA,), brands=("vivactil",)),
    Drug(name="trimipramine", classes=(_C.TCA,), brands=("surmontil",)),
    Drug(name="isocarboxazid", classes=(_C.MAOI,), brands=("marplan",)),
    Drug(name="phenelzine", classes=(_C.MAOI,), brands=("nardil",)),
    Drug(name="tranylcypromine", classes=(_C.MAOI,), brands=("parnate",)),
    Drug(name="moclobemide", classes=(_C.MAOI,)),
    Drug(name="desvenlafaxine", classes=(_C.SNRI,), brands=("pristiq",)),
    Drug(name="duloxetine", classes=(_C.SNRI,), brands=("cymbalta",)),
    Drug(name="levomilnacipran", classes=(_C.SNRI,), brands=("fetzima",)),
    Drug(name="milnacipran", classes=(_C.SNRI,), brands=("savella",)),
    Drug(name="venlafaxine", classes=(_C.SNRI,), brands=("effexor",)),
    Drug(name="bupropion", classes=(_C.NDRI,), brands=("wellbutrin", "aplenzin", "forfivo")),
    Drug(name="nefazodone", classes=(_C.SEROTONIN_MODULATOR,), brands=("serzone",)),
    Drug(name="trazodone", classes=(_C.SEROTONIN_MODULATOR,), brands=("desyrel", "oleptro")),
    Drug(name="vilazodone", classes=(_C.SEROTONIN_MODULATOR,), brands=("viibryd",)),
    Drug(name="vortioxetine", classes=(_C.SEROTONIN_MODULATOR,), brands=("trintellix",)),
    Drug(name="mirtazapine", classes=(_C.NASSA,), brands=("remeron",)),
    Drug(name="aripiprazole", classes=(_C.ANTIPSYCHOTIC,), brands=("abilify",)),
    Drug(name="brexpiprazole", classes=(_C.ANTIPSYCHOTIC,), brands=("rexulti",)),
    Drug(name="cariprazine", classes=(_C.ANTIPSYCHOTIC,), brands=("vraylar",)),
    Drug(name="olanzapine", classes=(_C.ANTIPSYCHOTIC,), brands=("zyprexa",)),
    Drug(name="quetiapine", classes=(_C.ANTIPSYCHOTIC,), brands=("seroquel",)),
    Drug(name="lithium", classes=(_C.LITHIUM,), brands=("lithobid",)),
    Drug(name="liothyronine", classes=(_C.THYROID_HORMONE,), brands=("cytomel",)),
    Drug(
        name="olanzapine/fluoxetine",
        classes=(_C.SSRI, _C.ANTIPSYCHOTIC),
        brands=("symbyax",),
        parts=("olanzapine", "fluoxetine"),
    ),
)
"""Every drug ketacover can class."""

_BY_NAME: Final = {drug.name: drug for drug in DRUGS}
_ALIASES: Final = {alias: drug.name for drug in DRUGS for alias in (drug.name, *drug.brands)}
_COMBINATIONS: Final = {frozenset(drug.parts): drug.name for drug in DRUGS if drug.parts}
_WORD: Final = re.compile(r"[a-z]+")


def normalize_name(text: str) -> str | None:
    """The generic name a drug text means, or ``None`` when it names no drug in the table.

    Case, salts (``hydrochloride``, ``HCl``), release forms and dose text are ignored because
    only words naming a drug count: ``"Sertraline HCl 100 mg"`` gives ``sertraline``. Naming the
    two parts of a combination product gives the product; naming two unrelated drugs gives
    ``None``, since the text does not say which one was taken.
    """
    named = {_ALIASES[word] for word in _WORD.findall(text.lower()) if word in _ALIASES}
    if len(named) == 1:
        return named.pop()
    return _COMBINATIONS.get(frozenset(named))


def drug_classes(name: str) -> tuple[DrugClass, ...]:
    """All classes of the drug ``name`` names (two for a combination product); empty if unknown."""
    generic = normalize_name(name)
    return _BY_NAME[generic].classes if generic else ()


def drug_class(name: str) -> DrugClass | None:
    """The class of the drug ``name`` names (an SSRI for olanzapine/fluoxetine), or ``None``."""
    classes = drug_classes(name)
    return classes[0] if classes else None


def is_antidepressant(name: str) -> bool:
    """Whether ``name`` is an antidepressant in the table (olanzapine/fluoxetine counts)."""
    return any(drug in ANTIDEPRESSANT_CLASSES for drug in drug_classes(name))


def is_augmenting_agent(name: str) -> bool:
    """Whether ``name`` is an augmenting agent in the table (olanzapine/fluoxetine counts)."""
    return any(drug in AUGMENTING_CLASSES for drug in drug_classes(name))
