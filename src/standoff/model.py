"""The shared types of standoff, from one article's Reading to a Standoff.

Every item a reader finds carries its :class:`Evidence` (the sentence, its
character offsets in the article body, the source and the publication date),
so any number or claim a user sees can be traced back to the text.

The flow is one-directional::

    Article --read--> Reading --track--> Standoff --forecast--> Forecast

These models hold data only; the code that builds them lives in
``standoff.read``, ``standoff.track`` and ``standoff.forecast``.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- evidence


class Evidence(_Model):
    """Where an item was read: a sentence of one article.

    ``start`` and ``end`` are character offsets of the sentence in
    :attr:`Article.text` (the cleaned body, paragraphs joined by a blank line).
    """

    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    article_id: str | None = None
    source: str | None = None
    published: date | None = None


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNRESOLVED = "unresolved"


class ResolvedDate(_Model):
    """A date as the text gives it, resolved against the publication date.

    ``value`` is None when the words could not be resolved (for example a
    relative date in an article with no known publication date).
    ``approximate`` is set for words such as "about" or "10 or 12 days".
    """

    value: date | None
    precision: DatePrecision
    text: str
    approximate: bool = False
    relative: bool = False


# --------------------------------------------------------------------------- article


class RawArticle(_Model):
    """An article as it arrives, before reading: a file, a JSON Lines record, a page.

    Exactly one of ``text`` and ``html`` is set. ``origin`` names where it came
    from (``path`` or ``path:line``) for error messages.
    """

    text: str | None = None
    html: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: date | None = None
    origin: str = "<input>"
    decode_warning: str | None = None
    supplied_date: date | None = Field(
        default=None,
        description="a publication date the user supplied (ingest --date) for an article that "
        "states none; a date the article states wins",
    )


class Article(_Model):
    """One cleaned news article."""

    id: str = Field(description="sha256 of the raw input, first 16 hex digits")
    title: str | None = None
    published: date | None = None
    source: str | None = Field(None, description="the outlet, a domain such as reuters.com")
    url: str | None = None
    place: str | None = Field(None, description="the dateline's place, if any")
    paragraphs: list[str] = Field(default_factory=list, description="body paragraphs kept")
    headings: list[str] = Field(default_factory=list, description="section headings seen")
    duplicate_paragraphs_dropped: int = 0
    boilerplate_dropped: list[str] = Field(default_factory=list)
    undated_dateline: str | None = Field(
        None, description="a dateline's day ('July 14') whose year the text does not settle"
    )
    headline: str | None = Field(
        None, description="the title above the body, read as the text's first paragraph"
    )
    text: str = Field(
        "",
        description="what is read: the headline, if any, and the kept paragraphs, "
        "joined by a blank line",
    )


# --------------------------------------------------------------------------- reading


class Mention(_Model):
    text: str
    start: int
    end: int


class ActorKind(StrEnum):
    STATE = "state"
    IGO = "igo"
    PERSON = "person"
    ORGANISATION = "organisation"
    METONYM = "metonym"  # "the Kremlin", "Washington" used for a government
    GROUP = "group"  # "Ukrainian officials", "Russian forces"


class Actor(_Model):
    """A named entity of the article resolved to an actor code.

    ``code`` is an ISO 3166 alpha-3 country code, optionally followed by a
    sector (``RUSGOV``, ``UKRMIL``), or an IGO's short name (``NATO``, ``EU``).
    ``country`` is the country part alone (``RUS``) or the IGO name.
    """

    code: str
    country: str
    name: str
    kind: ActorKind
    role: str | None = None
    mentions: list[Mention] = Field(default_factory=list)
    how: str = Field(
        "dictionary", description="how the code was found: dictionary, appositive, ..."
    )


class Event(_Model):
    """A PLOVER event: who did what to whom, when, read from one sentence."""

    type: str = Field(description="PLOVER event type, e.g. THREATEN")
    mode: str | None = Field(None, description="PLOVER mode, e.g. 'sanction' for THREATEN")
    context: list[str] = Field(default_factory=list)
    source: str
    target: str | None = None
    date: ResolvedDate | None = None
    cue: str = Field("", description="the words that carry the event")
    evidence: Evidence


class ClaimKind(StrEnum):
    DEMAND = "demand"
    PROPOSAL = "proposal"
    REJECTION = "rejection"
    CONDITION = "condition"
    BELIEF = "belief"


class Claim(_Model):
    kind: ClaimKind
    actor: str
    target: str | None = None
    text: str
    evidence: Evidence


class ThreatStatus(StrEnum):
    PENDING = "pending"
    MODIFIED = "modified"
    CARRIED_OUT = "carried_out"
    PARTLY_CARRIED_OUT = "partly_carried_out"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class Threat(_Model):
    """A coercive threat: sender threatens target with measures unless demand, by deadline."""

    sender: str
    target: str
    third_parties: list[str] = Field(default_factory=list)
    demand: str | None = None
    measures: list[str] = Field(default_factory=list)
    deadline: ResolvedDate | None = None
    status: ThreatStatus = ThreatStatus.PENDING
    evidence: list[Evidence] = Field(default_factory=list)


class Proposal(_Model):
    """A proposal floated in the standoff (a ceasefire, a moratorium, a summit)."""

    name: str = Field(description="the key noun phrase, e.g. 'air-strike moratorium'")
    text: str
    sponsors: list[str] = Field(default_factory=list)
    supporters: list[str] = Field(default_factory=list)
    opponents: list[str] = Field(default_factory=list)
    origin: str | None = Field(None, description="who first floated the idea, if said")
    evidence: list[Evidence] = Field(default_factory=list)


class Warning(_Model):  # noqa: A001 - the Reading's own warnings, not Python's
    kind: str
    message: str
    evidence: Evidence | None = None


class Reading(_Model):
    """Everything read from one article."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    threats: list[Threat] = Field(default_factory=list)
    proposals: list[Proposal] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


# --------------------------------------------------------------------------- standoff


class StateChange(_Model):
    """One dated step in a ledger entry's history, with the evidence that reports it."""

    date: date | None
    state: str
    detail: str = ""
    evidence: Evidence | None = None


class Execution(_Model):
    """A threatened measure carried out: on whom, when, and the sentence that reports it."""

    measure: str = Field(description="the threatened measure it carries out ('' if none stated)")
    on: str = Field(description="who it was imposed on: the target or a third party")
    date: date | None
    evidence: Evidence | None = None


class ThreatRecord(_Model):
    """A threat as the tracker knows it across articles."""

    id: str = Field(description="a stable hash of the first statement; for programs")
    label: str = Field(
        default="",
        description="the threat for people: 'USA -> RUS, secondary tariffs, deadline 8 Aug'",
    )
    sender: str
    target: str
    third_parties: list[str] = Field(default_factory=list)
    demand: str | None = None
    measures: list[str] = Field(default_factory=list)
    deadline: ResolvedDate | None = None
    status: ThreatStatus = ThreatStatus.PENDING
    executions: list[Execution] = Field(
        default_factory=list, description="measures carried out, on the target or third parties"
    )
    live: bool | None = Field(
        default=None,
        description="as of the standoff's date, something still waits on the threat: not "
        "withdrawn, not carried out in full, its deadline (if any) not passed; None when "
        "not computed (read the status)",
    )
    rank: int | None = Field(default=None, description="1 = the standoff's main threat")
    rank_reason: str = Field(default="", description="what the rank rests on")
    history: list[StateChange] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class ProposalState(StrEnum):
    FLOATED = "floated"
    BACKED = "backed"
    REJECTED = "rejected"
    AGREED = "agreed"
    DROPPED = "dropped"


class ProposalRecord(_Model):
    id: str
    name: str
    text: str
    sponsors: list[str] = Field(default_factory=list)
    supporters: list[str] = Field(default_factory=list)
    opponents: list[str] = Field(default_factory=list)
    state: ProposalState = ProposalState.FLOATED
    history: list[StateChange] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Standoff(_Model):
    """The state of a standoff as known on ``as_of``, merged from many Readings."""

    as_of: date | None = None
    articles: list[Article] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    threats: list[ThreatRecord] = Field(default_factory=list)
    proposals: list[ProposalRecord] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


Outcome = Literal["concede", "settle", "back_down", "imposed", "stalemate"]


# --------------------------------------------------------------------------- forecast


class Interval(_Model):
    """A forecast number with its uncertainty: the mean and a central interval."""

    mean: float
    low: float
    high: float
    level: float = Field(0.9, description="coverage of [low, high], e.g. 0.9")


class FeatureValue(_Model):
    """One model input as coded from the reading, with the reason shown to the user."""

    name: str
    value: float | int | str | bool
    why: str = Field(description="the evidence or rule behind the value")
    overridden: bool = False


class OutcomeProbability(_Model):
    outcome: Outcome
    probability: Interval


Horizon = Literal["deadline", "year", "any_time"]


class HorizonProbability(_Model):
    """P(imposed) by one horizon: the outcome model's P(imposed) timed by the timing model
    (docs/models/threat-timing.md), given nothing imposed up to the forecast's date."""

    horizon: Horizon
    label: str = Field(description="for people: 'by the deadline (8 Aug)', 'within a year ...'")
    by: date | None = Field(description="the horizon's last day (None: at any time)")
    days: int | None = Field(description="days from the threat's start to ``by``")
    probability: Interval


class ThreatForecast(_Model):
    """How a threat ends: a probability for each outcome (they sum to 1)."""

    threat_id: str
    sender: str
    target: str
    features: list[FeatureValue] = Field(default_factory=list)
    outcomes: list[OutcomeProbability] = Field(default_factory=list)
    model_card: str = Field(description="path of the model card under docs/models/")
    label: str = Field(default="", description="the threat's label for people (ThreatRecord.label)")
    horizon: str = Field(
        default="", description="the time span every probability of this forecast is for"
    )
    imposed_by: list[HorizonProbability] = Field(
        default_factory=list, description="P(imposed) by the deadline, within a year, at any time"
    )
    timing: str = Field(default="", description="what the horizon figures are conditional on")


class NotForecast(_Model):
    """A threat the forecast leaves out, and why (what happened, or what it lacks)."""

    threat_id: str
    label: str = ""
    reason: str


class IssueForecast(_Model):
    """Where a bargain lands on one issue (0-100), by one bargaining model."""

    issue: str
    low_label: str = ""
    high_label: str = ""
    model: str
    position: Interval
    trajectory: list[float] = Field(
        default_factory=list,
        description="the predicted outcome round by round, if the model has rounds",
    )
    model_card: str
    status: str = Field(
        default="",
        description="a caveat on the model itself, e.g. 'not replicated' (see its card)",
    )


class ExposureRow(_Model):
    """Trade a third country puts at risk under a secondary measure at a given rate."""

    threat_id: str | None
    country: str
    rate: float = Field(description="tariff rate as a fraction, e.g. 1.0 for 100%")
    exports_to_sender_usd: float | None
    energy_from_target: str | None = Field(None, description="as the source states it")
    exposed_usd: Interval | None
    sources: list[str] = Field(default_factory=list)


class Forecast(_Model):
    """Everything forecast about a standoff (or a scenario), reproducible from draws and seed."""

    as_of: date | None = None
    draws: int = 0
    seed: int | None = None
    threats: list[ThreatForecast] = Field(default_factory=list)
    not_forecast: list[NotForecast] = Field(
        default_factory=list, description="threats with no probability, and why"
    )
    scenario: str | None = Field(
        default=None, description="the scenario the issues come from and how it was chosen"
    )
    issues: list[IssueForecast] = Field(default_factory=list)
    exposure: list[ExposureRow] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
