"""The vocabulary of each PLOVER type, drawn from the CAMEO categories CAMEO2PLOVER maps to it.

Each case names the CAMEO category (code and name, as in
``../shared/data/plover/CAMEO2PLOVER-2021.txt``) or the PLOVER manual section that puts
its wording under the type, a sentence written in the shape wire reports use, and the
event the reader must find (country level, ``?`` for no target). The second table holds
the same words in moods that are not the act: threatened, refused, negated.
"""

from __future__ import annotations

import pytest

from rulecheck import events
from standoff.read import Reader

FOUND = [
    # CONSULT: 041 discuss by telephone, 042 make a visit, 046 engage in negotiation
    ("041", "The leaders of India and China spoke over the hotline on Tuesday.",
     "CONSULT IND->CHN"),
    ("042", "Modi travelled to Moscow on Monday.", "CONSULT IND->RUS"),
    ("042", "Scholz paid a visit to Kyiv in June.", "CONSULT DEU->UKR"),
    ("046", "The Chinese defence minister sat down with his American counterpart in Singapore.",
     "CONSULT CHN->USA"),
    ("040", "Iran reached out to Saudi Arabia after the election.", "CONSULT IRN->SAU"),
    ("040", "The American envoy briefed NATO allies on the talks.", "CONSULT USA->NATO"),
    ("040", "The foreign ministers of India and China exchanged views on the border.",
     "CONSULT IND->CHN"),
    # SUPPORT: 051 praise or endorse
    ("051", "Washington hailed the accord between Armenia and Azerbaijan.", "SUPPORT USA->ARM"),
    ("051", "Turkey lauded Qatar for its mediation.", "SUPPORT TUR->QAT"),
    ("053", "France threw its weight behind the Moroccan plan.", "SUPPORT FRA->MAR"),
    ("053", "Germany rallied behind Ukraine.", "SUPPORT DEU->UKR"),
    ("052", "Washington reassured Kyiv of its continued support.", "SUPPORT USA->UKR"),
    # CONCEDE: 083 accede to demands, 0811 ease restrictions; PLOVER 3.4 regret
    ("083", "Islamabad acceded to Kabul's demands on Thursday.", "CONCEDE PAK->AFG"),
    ("083", "Iran gave in to American demands.", "CONCEDE IRN->USA"),
    ("0831", "Mali's junta agreed to hand power to an elected government.", "AGREE MLI->?"),
    ("PLOVER 3.4", "Japan expressed regret to South Korea over the remarks.", "CONCEDE JPN->KOR"),
    ("0832", "Poland reversed its decision to ban Ukrainian grain.", "CONCEDE POL->?"),
    ("0832", "Ankara dropped its opposition to Sweden's membership.", "CONCEDE TUR->SWE"),
    # AID: 071 economic aid, 072 military aid
    ("071", "The EU disbursed 5 billion euros to Ukraine.", "AID EU->UKR"),
    ("072", "Germany delivered tanks to Ukraine last month.", "AID DEU->UKR"),
    # RETREAT: 0841 release persons, 0874 retreat, 0863 allow delivery of humanitarian aid
    ("0841", "Russia released the American journalist on Thursday.", "RETREAT RUS->USA"),
    ("0841", "Moscow and Kyiv exchanged prisoners on Friday.", "RETREAT RUS->UKR"),
    ("0841", "India repatriated Pakistani fishermen.", "RETREAT IND->PAK"),
    ("0874", "Armenia handed over four villages to Azerbaijan.", "RETREAT ARM->AZE"),
    ("0863", "Israel allowed aid trucks into Gaza.", "RETREAT ISR->PSE"),
    ("087", "Israel halted its offensive in Gaza.", "RETREAT ISR->PSE"),
    ("087", "Azerbaijan ceased hostilities with Armenia.", "RETREAT AZE->ARM"),
    # REQUEST: 10 demand (encouraging another to act)
    ("102", "The UN encouraged Serbia and Kosovo to resume talks.", "REQUEST UN->SRB"),
    # ACCUSE: 111 criticize or denounce, 115 bring lawsuit against, 114 complain officially
    ("111", "Beijing lashed out at Tokyo over the visit.", "ACCUSE CHN->JPN"),
    ("111", "Kyiv branded Moscow a terrorist state.", "ACCUSE UKR->RUS"),
    ("111", "Beijing voiced strong dissatisfaction with Tokyo.", "ACCUSE CHN->JPN"),
    ("115", "Ukraine took Russia to the International Court of Justice.", "ACCUSE UKR->RUS"),
    ("115", "Brussels launched legal action against London.", "ACCUSE EU->GBR"),
    ("114", "China delivered a diplomatic protest to Japan.", "ACCUSE CHN->JPN"),
    ("111", "Beijing rapped Washington over the arms sale.", "ACCUSE CHN->USA"),
    ("111", "Trump blasted China over its trade practices.", "ACCUSE USA->CHN"),
    ("111", "India called out Pakistan for harbouring militants.", "ACCUSE IND->PAK"),
    ("111", "Moscow took aim at the European Union.", "ACCUSE RUS->EU"),
    # REJECT: 120 reject (a ruling appealed), 1232 reject demand for policy change
    ("120", "Indonesia has appealed against the WTO ruling.", "REJECT IDN->WTO"),
    ("1232", "Minsk ignored the EU's demands.", "REJECT BLR->EU"),
    ("120", "Israel shrugged off the American criticism.", "REJECT ISR->USA"),
    ("120", "Beijing rebutted the American accusations.", "REJECT CHN->USA"),
    ("125", "Seoul called off the summit with Tokyo.", "REJECT KOR->JPN"),
    ("125", "Pyongyang cancelled the planned meeting with Seoul.", "REJECT PRK->KOR"),
    ("125", "Moscow walked out of the talks with Kyiv.", "REJECT RUS->UKR"),
    ("124", "Serbia remained adamant that it would not recognise Kosovo.", "REJECT SRB->~XKX"),
    # MOBILIZE: 152 increase military alert status, 154 mobilize armed forces
    ("152", "Beijing put its forces on high alert.", "MOBILIZE CHN->?"),
    ("152", "Seoul raised its military alert level.", "MOBILIZE KOR->?"),
    ("154", "ECOWAS activated its standby force.", "MOBILIZE ECOWAS->?"),
    ("154", "Azerbaijan called up reservists.", "MOBILIZE AZE->?"),
    ("154", "India scrambled fighter jets.", "MOBILIZE IND->?"),
    # SANCTION: 161 reduce or break relations; PLOVER 3.13 court-ordered payments
    ("161", "Russia suspended the Treaty of Friendship with Ukraine.", "SANCTION RUS->UKR"),
    ("161", "Moscow pulled out of the grain deal with Kyiv.", "SANCTION RUS->UKR"),
    ("161", "Washington terminated the agreement with Tehran.", "SANCTION USA->IRN"),
    ("162", "The EU froze funds for Hungary.", "SANCTION EU->HUN"),
    ("161", "London suspended the Northern Ireland protocol with Brussels.", "SANCTION GBR->EU"),
    ("166", "Moscow cut embassy staff in Washington.", "SANCTION RUS->USA"),
    ("161", "Mali quit the G5 Sahel alliance.", "SANCTION MLI->?"),
    ("166", "Niger revoked the French ambassador's diplomatic immunity.", "SANCTION NER->FRA"),
    ("163", "Lithuania restricted the transit of Russian goods to Kaliningrad.",
     "SANCTION LTU->RUS"),
    ("PLOVER 3.13", "The EU court fined Poland.", "SANCTION EU->POL"),
    # COERCE: 174 expel or deport individuals, 191 impose blockade, restrict movement
    ("174", "Moscow expelled the American journalists.", "COERCE RUS->USA"),
    ("191", "Chinese coast guard ships blocked Philippine supply boats.", "COERCE CHN->PHL"),
    ("191", "Chinese vessels harassed Philippine ships.", "COERCE CHN->PHL"),
    ("1721", "Mali suspended the broadcasts of France 24.", "COERCE MLI->FRA"),
    # ASSAULT: 175 violent repression (crowd control), 182 physical assault, 181 hijack,
    # 190 use conventional military force
    ("175", "Chinese coast guard ships blasted Philippine vessels with water cannon.",
     "ASSAULT CHN->PHL"),
    ("175", "Chinese ships used water cannon against Philippine vessels.", "ASSAULT CHN->PHL"),
    ("182", "Chinese sailors boarded Philippine navy boats.", "ASSAULT CHN->PHL"),
    ("181", "Iranian commandos hijacked the British tanker.", "ASSAULT IRN->GBR"),
    ("190", "Ukraine downed 30 Russian drones.", "ASSAULT UKR->RUS"),
    ("190", "Iran sank a British oil tanker.", "ASSAULT IRN->GBR"),
    ("195", "Russian jets bombarded Syrian rebel positions.", "ASSAULT RUS->SYR"),
    ("196", "Russia violated the ceasefire with Ukraine.", "ASSAULT RUS->UKR"),
    # PROTEST: 141 demonstrate or rally
    ("141", "Thousands of Serbians took to the streets of Belgrade.", "PROTEST SRB->?"),
]  # fmt: skip

NOT_THE_ACT = [
    # threatened: the measure is not taken
    ("Beijing threatened to recall its ambassador from Vilnius.", "SANCTION CHN->LTU"),
    ("Washington threatened not to renew the agreement with Kabul.", "SANCTION USA->AFG"),
    ("Ankara warned it could suspend the treaty with Athens.", "SANCTION TUR->GRC"),
    # negated or refused
    ("China did not fire water cannon at the Philippine vessel.", "ASSAULT CHN->PHL"),
    ("Serbia refused to expel the Russian journalists.", "COERCE SRB->RUS"),
    # other senses of the same words
    ("Algeria had the envoy flown to Spain in April.", "CONSULT DZA->ESP"),
    ("The talks were given in Riyadh by the Saudi foreign minister.", "CONCEDE SAU->?"),
    ("Russia and China held naval exercises in the Sea of Japan.", "MOBILIZE RUS->?"),
    ("Thousands protested against the tariffs in Brasilia.", "ACCUSE BRA->?"),
    ("North Korea launched a ballistic missile into the sea on Sunday.", "ASSAULT PRK->?"),
    ("Kyiv accused Moscow of violating the ceasefire.", "ASSAULT RUS->UKR"),
    ("Kyiv welcomed the decision by Washington.", "CONSULT UKR->USA"),
    ("Sanchez cancelled a trip to Paris to fly to Ceuta.", "REJECT ESP->FRA"),
    ("The American envoy briefed NATO allies on the talks.", "CONSULT NATO->USA"),
]  # fmt: skip


@pytest.mark.parametrize(("cameo", "text", "event"), FOUND, ids=[f"{c[0]}:{c[2]}" for c in FOUND])
def test_the_category_is_read(reader: Reader, cameo: str, text: str, event: str) -> None:
    assert event in events(reader, text), f"CAMEO {cameo}"


@pytest.mark.parametrize(("text", "event"), NOT_THE_ACT, ids=[c[1] for c in NOT_THE_ACT])
def test_the_words_in_another_mood_are_not_the_act(reader: Reader, text: str, event: str) -> None:
    assert event not in events(reader, text)
