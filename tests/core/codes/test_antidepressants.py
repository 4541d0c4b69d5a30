import pytest

from ketacover.core.codes import antidepressants as ad
from ketacover.core.codes.antidepressants import DrugClass as C


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("sertraline", "sertraline"),
        ("Sertraline 100 mg", "sertraline"),
        ("sertraline hydrochloride", "sertraline"),
        ("Sertraline HCl 50mg daily", "sertraline"),
        ("Zoloft", "sertraline"),
        ("LEXAPRO 20 MG", "escitalopram"),
        ("Wellbutrin XL 300 mg", "bupropion"),
        ("bupropion hydrobromide", "bupropion"),
        ("Effexor XR", "venlafaxine"),
        ("venlafaxine HCl ER", "venlafaxine"),
        ("desvenlafaxine succinate", "desvenlafaxine"),
        ("Cymbalta", "duloxetine"),
        ("Abilify 5 mg", "aripiprazole"),
        ("Rexulti", "brexpiprazole"),
        ("Seroquel XR", "quetiapine"),
        ("Remeron SolTab", "mirtazapine"),
        ("Trintellix", "vortioxetine"),
        ("lithium carbonate 300 mg", "lithium"),
        ("Cytomel 25 mcg", "liothyronine"),
        ("Symbyax", "olanzapine/fluoxetine"),
        ("olanzapine/fluoxetine 6/25", "olanzapine/fluoxetine"),
        ("fluoxetine and olanzapine", "olanzapine/fluoxetine"),
    ],
)
def test_it_normalizes_brands_salts_and_doses_to_the_generic(text, generic):
    assert ad.normalize_name(text) == generic


@pytest.mark.parametrize("text", ["", "ketamine", "CBT", "100 mg", "sertraline then bupropion"])
def test_it_gives_none_for_text_naming_no_single_drug(text):
    assert ad.normalize_name(text) is None
    assert ad.drug_class(text) is None
    assert not ad.is_antidepressant(text)
    assert not ad.is_augmenting_agent(text)


@pytest.mark.parametrize(
    ("name", "drug_class"),
    [
        ("fluoxetine", C.SSRI),
        ("escitalopram", C.SSRI),
        ("nortriptyline", C.TCA),
        ("amitriptyline", C.TCA),
        ("phenelzine", C.MAOI),
        ("moclobemide", C.MAOI),
        ("venlafaxine", C.SNRI),
        ("levomilnacipran", C.SNRI),
        ("bupropion", C.NDRI),
        ("trazodone", C.SEROTONIN_MODULATOR),
        ("vilazodone", C.SEROTONIN_MODULATOR),
        ("nefazodone", C.SEROTONIN_MODULATOR),
        ("Trintellix", C.SEROTONIN_MODULATOR),
        ("mirtazapine", C.NASSA),
        ("aripiprazole", C.ANTIPSYCHOTIC),
        ("cariprazine", C.ANTIPSYCHOTIC),
        ("olanzapine", C.ANTIPSYCHOTIC),
        ("lithium", C.LITHIUM),
        ("liothyronine", C.THYROID_HORMONE),
        ("Symbyax", C.SSRI),
    ],
)
def test_each_drug_has_its_atc_based_class(name, drug_class):
    assert ad.drug_class(name) is drug_class


@pytest.mark.parametrize(
    ("name", "antidepressant", "augmenting"),
    [
        ("sertraline", True, False),
        ("Wellbutrin", True, False),
        ("Abilify", False, True),
        ("lithium", False, True),
        ("Cytomel", False, True),
        ("olanzapine/fluoxetine", True, True),
    ],
)
def test_it_tells_antidepressants_from_augmenting_agents(name, antidepressant, augmenting):
    assert ad.is_antidepressant(name) is antidepressant
    assert ad.is_augmenting_agent(name) is augmenting


def test_the_combination_is_one_product_with_both_classes():
    assert ad.drug_classes("Symbyax") == (C.SSRI, C.ANTIPSYCHOTIC)


def test_every_alias_names_one_drug_only():
    aliases = [alias for drug in ad.DRUGS for alias in (drug.name, *drug.brands)]
    assert len(aliases) == len(set(aliases))


def test_every_class_is_either_an_antidepressant_or_an_augmenting_class():
    assert set(C) == ad.ANTIDEPRESSANT_CLASSES | ad.AUGMENTING_CLASSES
    assert not ad.ANTIDEPRESSANT_CLASSES & ad.AUGMENTING_CLASSES


def test_the_source_is_the_who_atc_index():
    assert ad.SOURCE.citation.startswith("WHO Collaborating Centre for Drug Statistics")


def test_the_docstring_example_holds():
    assert ad.drug_class("Zoloft 100 mg") is C.SSRI
    assert ad.normalize_name("venlafaxine HCl ER") == "venlafaxine"


def test_every_class_has_a_label_for_letters():
    from ketacover.core.codes.antidepressants import DrugClass

    assert DrugClass.SSRI.label == "SSRI"
    assert DrugClass.SEROTONIN_MODULATOR.label == "serotonin modulator"
    assert all(klass.label for klass in DrugClass)
