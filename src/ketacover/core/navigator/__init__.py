"""The patient navigator: "Will my insurance pay for ketamine?" for someone with no account.

A short question flow (:mod:`.answers`) is read as one or more cases (:mod:`.readings`), each
assessed by the real coverage engine and merged (:mod:`.outlook`), then told in a patient's words
in English or Spanish (:mod:`.guide`) and composed as a printable action plan
(:mod:`.action_plan`). Everyday words for conditions map to ICD-10-CM in :mod:`.conditions`;
:mod:`.readability` measures how hard the explanations are to read. See docs/navigator.md.
"""
