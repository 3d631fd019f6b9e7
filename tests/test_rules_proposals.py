"""Each proposal and condition rule on its own example, through the pipeline.

The detectors and role rules of ``standoff.read.proposals`` (a case's finding is a
proposal, ``"ceasefire by UKR"``, ``"ceasefire opposed by RUS"``) and the condition
rules of ``standoff.read.claims`` (``"RUS: sanctions relief"``): each is read with every
rule and is gone when that rule alone is disabled.
"""

from __future__ import annotations

import pytest

from rulecheck import check_rule, conditions, proposals
from standoff.read import Reader
from standoff.read.claims import CONDITIONS
from standoff.read.proposals import HEAD_ROLES, PROPOSAL_ROLES, PROPOSALS
from standoff.read.rules import Rules

CASES = {
    PROPOSALS: [
        ("offered_act", "Mexico offered to deploy troops to its southern border.",
         "deployment by MEX"),
        ("proposal_noun", "The moratorium demanded by Kyiv never came.", "moratorium by UKR"),
        ("offered_noun", "Denmark offered the use of its bases in Greenland.", "use by DNK"),
    ],
    PROPOSAL_ROLES: [
        ("own_sponsors", "A Turkish ceasefire plan is on the table.", "plan by TUR"),
        ("proposal_for", "An American proposal for a truce was discussed on Monday.",
         "truce by USA"),
        ("participle_stance", "The ceasefire demanded by Kyiv did not come.",
         "ceasefire by UKR"),
        ("governing_words", "Kyiv proposed a ceasefire.", "ceasefire by UKR"),
    ],
    HEAD_ROLES: [
        ("stance_verb", "Moscow rejected the ceasefire.", "ceasefire opposed by RUS"),
        ("endorsement", "Kyiv maintains that only a ceasefire would suffice.",
         "ceasefire by UKR"),
    ],
    CONDITIONS: [
        ("listed_conditions",
         "Moscow's conditions include the withdrawal of foreign troops, a neutral Ukraine and "
         "sanctions relief.",
         "RUS: sanctions relief"),
        ("insisted_on", "Kyiv insists on security guarantees.", "UKR: security guarantees"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("registry", "rule", "text", "finding"),
    [(registry, *case) for registry, cases in CASES.items() for case in cases],
    ids=[c[0] for cs in CASES.values() for c in cs],
)
def test_rule_reads_its_example(
    reader: Reader, registry: Rules, rule: str, text: str, finding: str
) -> None:
    outcome = conditions if registry is CONDITIONS else proposals
    check_rule(reader, registry, rule, text, finding, outcome)


@pytest.mark.parametrize("registry", list(CASES), ids=lambda r: r.step)
def test_every_rule_has_a_case(registry: Rules) -> None:
    assert registry.names() == [c[0] for c in CASES[registry]]
