"""The reader's quality targets (issue 3), measured by the tool's own evaluations.

These guard the figures reported in docs/measurements.md against regressions: the
development set (`standoff eval gold tests/data/dev`) and the PLOVER gold sentences
(`standoff eval plover ../shared/data/plover/PLOVER_GSR_CAMEO.txt`, skipped when the
shared data is absent). The reader is deterministic, so the thresholds are exact
targets, not tolerances. The bundled examples, which no rule was tuned on, are held to
a floor a little under today's figure: a drop there is over-fitting showing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from standoff.read import Reader
from standoff.read.evaluate import evaluate_gold_dir, evaluate_plover

REPO = Path(__file__).resolve().parents[1]
PLOVER = REPO / ".." / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
EXAMPLES = REPO / "src" / "standoff" / "data" / "examples"


def test_development_set_targets(reader: Reader) -> None:
    result = evaluate_gold_dir(REPO / "tests" / "data" / "dev", reader)
    # floors of the figures on the set as it grows with new, unseen articles (issue 12
    # section 3): 80 articles, events F1 0.586, deadlines 20/41; events F1 0.600 with the
    # recall mechanisms of issue 12 section 2 (told clauses, conditional threats, denials,
    # held meetings, group members, short names, no guessed addressee); 0.610 with the
    # bodies taken up by their noun and deterrent warnings; 0.632 (P 0.712, R 0.568) with who
    # takes part in a meeting (hosts, chairs and mediators, parties at a summit); 0.639
    # (P 0.724, R 0.572) with calls told in a joined clause, pronouns taking up mentions in
    # reading order and words addressed "to" someone running one way; 0.642 with calls had
    # "with" someone running both ways, "and with" and "spoke by phone"; 0.643 (P 0.726) with
    # meetings one is ready for offered, not held, and trips running one way; 0.647 with
    # headlines read, rulers ("the junta") and a title's possessor placed; 0.682 (P 0.750,
    # R 0.625) with conditions set on another's act, "both sides" as the story's principal
    # pair, orders and told clauses, reciprocal deeds, bans on goods and faced measures
    # 98 articles (18 unseen ones added on 6 new standoffs, 0.531 on them alone): 0.692;
    # 0.694 (P 0.778, R 0.626) with the precision mechanisms of issue 12 all on the set;
    # 116 articles (batch D: 18 unseen ones on 6 new standoffs, 0.502 on them alone at
    # ba10f67): 0.679 (P 0.764, R 0.611) with the reader of 6194635 (0.708 on the 98);
    # 0.687 (P 0.768, R 0.621; batch D alone 0.503 -> 0.521) with the vocabulary of each
    # PLOVER type drawn from its CAMEO categories (water cannon, boarding, treaties
    # suspended or not renewed, fines), not from the set's errors; 0.689 (P 0.769, R 0.623)
    # with envoys ordered out, rockets launched at a party, censorship, legal action;
    # 0.700 (P 0.788, R 0.630) with pronouns, pairs, questions, bodies owned by a state and
    # a dateline after a headline (stop 22); 0.718 (P 0.795, R 0.655) with held answerable,
    # kept on the table, wants and hopes, relative pronouns, roles of reported speech acts,
    # free relatives and judged deeds (stop 23); 134 articles (batch E: 18 unseen ones on 6
    # new standoffs, 0.533 on them alone at 9996ed5, 0.558 at the end of stop 23): 0.695
    # (P 0.784, R 0.625); 0.707 (P 0.794, R 0.637) with judged threats and linking verbs,
    # courts by their seat, headlines counted from the lede's day, charges answered, a
    # clause opened on a place and a wire story's bare "the cabinet" (stop 24); 149 articles
    # (batch F: 15 unseen ones on 5 new standoffs, 0.631 on them alone at 4a95abb, 0.628
    # with stop 24's rules before it was read): 0.701 (P 0.793, R 0.629); 164 articles
    # (batch G: 15 unseen ones on 5 new standoffs, 0.455 on them alone at 60afd9f and with
    # stop 25's first rules before it was read): 0.684 (P 0.793, R 0.601); 0.715 (P 0.803, R
    # 0.645) with some 1,800 more people in the dictionary, "I" and "we" read as the speaker
    # of a transcript turn or a quotation, weapons by model, contacts cut, units sent, acts
    # named by nouns ("the closure of its embassy"), owed deeds, pressure withstood, calls
    # held both ways and a judged blow told after (stop 25)
    events = result["total"]["events"]
    assert events["f1"] >= 0.70, events
    # 20/41, 21/41 with calendar months ("two months" from 19 September is 19 November);
    # 25/41 with "charge a tariff from August 1", a cut told to its victim ("notified
    # Moldova that deliveries could be halted within 48 hours") and measures faced unless;
    # 27/41 with a present-perfect lede counted from the day the next paragraph names and
    # "within 60 days of its request" counted from the day of the request; 28/41 with a
    # limit named by an occasion ("by Ramadan") dated by the sentence that says when it begins;
    # 31/49 (0.633) with 18 unseen articles added (2/8 right on them); 32/49 with "Both face
    # U.S. tariffs from Friday unless ..." read as the story's pair; 35/49 (0.714) with a
    # named day over a counted period, "the first deadline" not the moved one, and "had
    # given ... until Tuesday" resolved backwards; 36/49 (0.735) with "gave ... until today"
    # read as a limit when up to 60 characters part the verb from "until"; 37/49 (0.755)
    # with "tariffs ... came into force on Wednesday" dated the day the measure took effect;
    # 39/53 (0.736) with batch D's 18 unseen articles added (2/4 right on them); 44/53
    # (0.830) with limits in "before ... meet" clauses, expiries, joined threats and "stop X
    # from ... from DATE unless" (stop 23); 44/57 (0.772) with batch E's 18 unseen articles
    # added (0/4 right on them); 48/57 with a headline's duration counted from the lede's
    # day, 49/57 with "chief" a role word (stop 24); 49/61 (0.803) with batch F's 15 unseen
    # articles added (0/4 right on them); 49/65 (0.754) with batch G's 15 unseen articles
    # added (0/4 right on them); 58/65 (0.892) with weekdays counted from a stated day, days
    # spelt out, spans with no date entity ("a fortnight"), "has until" as a limit, expulsion
    # periods of people ordered out and a midnight still to come (stop 25)
    deadlines = result["deadlines"]
    assert deadlines["recall"] >= 0.85, deadlines
    # threats by (sender, target): F1 0.593 before the threat-side rules of issue 12
    # section 2 ("failing which", danger described, measures), 0.595 after, 0.612 with
    # measures promised on a condition ("will extend the ban if Kyiv escalates"), 0.636
    # with deterrent warnings ("any attack ... would be met with a firm response"), 0.646 with
    # pronouns taking up mentions in reading order, 0.662 with headlines read (a threat
    # stated only there) and a victims-only threat sent by whoever set the deadline; 0.677
    # with measures faced unless one acts ("both countries face U.S. tariffs ... unless");
    # 0.687 with a measure answering the other side's earlier measure no threat of its own,
    # 0.695 with a nationality adjective naming a condition's doer ("if Israeli operations
    # push ..."), 0.713 with a legal recourse weighed ("considering a complaint to the WTO")
    # a threat against the state it targets, the body being the forum, not the target;
    # 0.725 with firms given time aimed at the state their phrase ties them to ("companies
    # operating under Guyanese concessions") and "Y has N days" sent by whoever says so;
    # 0.734 with an "unless" clause the parser hangs on a later verb no ultimatum of it,
    # 0.741 with a threat's missing target taken from its measure before its condition;
    # 0.731 with 18 unseen articles added (0.619 on them alone); 0.735 with a bare "Both" as
    # a subject taking up the story's pair; 0.703 with batch D's 18 unseen articles added
    # (0.458 on them alone at ba10f67); 0.736 with a bystander's measure opening no record,
    # an envoy's hours to leave an expulsion, and a plea to a state no legal recourse;
    # 0.748 with joined threats and warnings of foreseen harm no threat (stop 23); 0.735
    # with batch E's 18 unseen articles added (0.654 on them alone); 0.742 with a clause
    # opened on a place and a wire story's bare "the cabinet" (stop 24); 0.746 with batch
    # F's 15 unseen articles added (0.780 on them alone); 0.738 with batch G's 15 unseen
    # articles added (0.667 on them alone); 0.757 with the same (stop 25)
    threats = result["total"]["threats"]
    assert threats["f1"] >= 0.75, threats
    # proposals found by what they are (issue 12 section 2): 28/109 found, P 0.26 before;
    # 51/109, P 0.55 after; 54/109, P 0.56 with meetings taken up and pledges; 55/109 with
    # a modal shared by conjoined verbs and ceasefires named by what they stop; 58/109, P
    # 0.574 -> 68/109, P 0.701 with things put forward whatever their noun (proposed,
    # undertaken, asked to be taken up, a summit of leaders) and things not put to the
    # other side kept out (a body asked to convene, one's own plan, a length, a law)
    # 71/122, P 0.676 with 18 unseen articles added (3/13 found on them, P 0.43); 73/122,
    # P 0.682 with urged things negotiated and ways to settle asked after another act;
    # 74/122, P 0.679 with a repeated "for" and a verb hung on a relative clause's noun;
    # 75/122, P 0.682 with a thing negotiated accepted from the side met; 76/122, P 0.685
    # with a thing negotiated agreed on (also a set of them); 78/122, P 0.684 with a thing
    # negotiated two sides reach together (or agree to, announced by a third party);
    # 79/122, P 0.687 with a thing a speaker insists must come or be taken up; 82/137
    # (0.599), P 0.636 with batch D's 18 unseen articles added (3/15 found on them, P 0.214);
    # P 0.656 with talks under way that only go on ("would keep talking") floating nothing;
    # 84/137, P 0.672 with a participle kept in the text ("abuses reported in Moura") and a
    # role in calming the situation read as a mediation; 85/137, P 0.685 with what an
    # effort seeks put forward by its maker, and no act supposed under "if" nor attempt made;
    # 89/158 (0.563), P 0.622 with batch E's 18 unseen articles added (4/21 found on them);
    # 97/158 (0.614), P 0.655 with gerunds proposed, a plan's content, readiness nouns and
    # calls for a clause (stop 24); 103/185 (0.557), P 0.652 with batch F's 15 unseen
    # articles added (6/27 found on them): the floor follows the harder set down;
    # 111/213 (0.521), P 0.657 with batch G's 15 unseen articles added (8/28 found on them);
    # 124/213 (0.582), P 0.667 with offers to discuss, things proposed in a relative clause,
    # work undertaken, content after "suggested" and calls shared by those met (stop 25)
    proposals = result["total"]["proposals"]
    assert proposals["recall"] >= 0.57, proposals
    assert proposals["precision"] >= 0.65, proposals


def test_examples_do_not_fall_back(reader: Reader) -> None:
    result = evaluate_gold_dir(REPO / "tests" / "data" / "examples_gold", reader, EXAMPLES)
    assert result["total"]["events"]["f1"] >= 0.65, result["total"]["events"]
    assert result["deadlines"]["recall"] >= 0.7, result["deadlines"]
    # proposals 6/13 -> 8/13 with a ceasefire a speaker insists must come first
    assert result["total"]["proposals"]["recall"] >= 0.6, result["total"]["proposals"]


@pytest.mark.skipif(not PLOVER.is_file(), reason="shared PLOVER gold not found")
def test_plover_gold_targets(reader: Reader) -> None:
    result = evaluate_plover(PLOVER, reader)
    # type accuracy 0.801, triples F1 0.619 before the news-phrasing rules of issue 12
    # (demands wrapped in "must be ready to", "a reminder that"; easing a blockade or an
    # emergency; country names tagged as nationalities; leaders' family names): 0.814, 0.634;
    # 0.842, 0.648 with CAMEO's verb classes (withdrawing monitors, receiving observers,
    # evacuating the wounded, outlawing, attempted blows), "pressed X to", and the
    # sentence's types read with the same non-events and retypings as its events; 0.851,
    # 0.647 with acts ruled out ("is out of the question"), vows parsed as purpose clauses
    # and decisions taken ("decided to allow") read as the act; triples F1 0.660 with all
    # of a demand's clause asked for, the place of an act's object ("its troops in
    # Lebanon") and the grievance a complaint is "over"; 0.662 with "sought to" read as
    # trying and a border's country no party ("a stronghold on the Thai border"); 0.854,
    # 0.726 (P 0.799, R 0.665) with peoples coded by the state they live in ("Bosnian
    # Serbs", "ethnic Albanians"), promised acts on the ground and mediation efforts
    # reaching their parties, title holders "of" a state, "despite" and clauses with their
    # own doer kept out of targets, visits told with an arrival, armed groups in the
    # dictionary, coordinated modifiers ("US and British forces"), a demand's displaced
    # "that" clause, likened names ("a Bosnia-style war") and intended purposes; 0.854,
    # 0.730 (P 0.804, R 0.669) with the CAMEO categories' words (releases are RETREAT,
    # pardons and regret CONCEDE, deported individuals COERCE, lone drills MOBILIZE)
    assert result["type_accuracy"] >= 0.854, result["type_accuracy"]
    assert result["triples"]["f1"] >= 0.728, result["triples"]
