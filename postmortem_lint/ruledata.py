"""Rule data: the lexicons, synonyms and policies that rules read, kept as YAML.

The built-in files live in the top-level ``rules/`` folder (shipped inside the
wheel as ``postmortem_lint/_data/rules``). An organisation adds its own files
through the config's ``rule-data`` key; lists are extended and mappings merged,
so a pack only states what it adds.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator

from postmortem_lint.defaults import new_dict, new_list


class DepthPolicy(BaseModel):
    """Sections a postmortem must have when its severity level is at most ``max_level``."""

    model_config = ConfigDict(extra="forbid")

    name: str
    max_level: int = Field(
        description="Applies to severities at or above this one (0 = most severe).")
    required: list[str] = Field(description="Canonical section kinds that must be present.")
    five_whys: bool = Field(
        False, description="Whether a five-whys (or fishbone) analysis is expected.")
    lightweight: bool = Field(
        False, description="A lightweight retro (the guides' word for minor incidents): no "
        "follow-up review of the action items, no what went well and wrong.")
    timeline_resolution_minutes: int = Field(
        15, description="The coarsest timeline granularity acceptable at this severity.")


# Validation context of rule data read back from the cache, which held only valid data.
_CHECKED = "already-checked"


class SensitivePattern(BaseModel):
    """A kind of data that must not reach a customer-facing postmortem."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(description="What the finding calls it, e.g. 'an e-mail address'.")
    category: Literal["personal data", "internal address", "secret"]
    pattern: str = Field(description="A linear regular expression (no nested quantifiers).")
    private_ip_only: bool = Field(
        False, description="Report a match only when it is a private or internal IP address.")
    min_digits: int = Field(0, description="Report a match only when it has this many digits.")
    random_value: bool = Field(
        False, description="Report a match only when its value mixes letters and digits "
        "(a real credential, not 'redacted' or a word).")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str, info: ValidationInfo) -> str:
        if info.context and info.context.get(_CHECKED):
            return value  # read back from the cache: compiled when it was written
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"invalid regular expression {value!r}: {error}") from error
        return value


class ScoreArea(BaseModel):
    """One area of the audit's compliance score and the points it holds."""

    model_config = ConfigDict(extra="forbid")

    points: float = Field(ge=0, description="The area's share of the 100 points.")
    label: str = Field(description="How reports name the area.")


class ScorePolicy(BaseModel):
    """How the audit's compliance score is made (``rules/score.yaml``): areas and their
    points, what a finding of each level takes from its area, and which area a rule
    belongs to (by code, else by the code's prefix; anything else is ``metadata``)."""

    model_config = ConfigDict(extra="forbid")

    areas: dict[str, ScoreArea] = Field(default_factory=new_dict)
    loss: dict[str, float] = Field(
        default_factory=new_dict,
        description="Level (error, warning, info) -> share of the area's points a rule "
        "takes the first time it fires.")
    repeat: float = Field(
        default=0.25, ge=0,
        description="Each further finding of the same rule takes this times as much.")
    max_counted: int = Field(default=3, ge=1, description="Findings of one rule counted at most.")
    prefixes: dict[str, str] = Field(
        default_factory=new_dict, description="Rule-code prefix (PM2) -> area.")
    rules: dict[str, str] = Field(default_factory=new_dict, description="Rule code -> area.")
    _filed: dict[str, str] = PrivateAttr(default_factory=dict)

    def area_of(self, code: str) -> str:
        """The area of a rule code (remembered: asked for every finding of an audit)."""
        area = self._filed.get(code)
        if area is None:
            best = max((prefix for prefix in self.prefixes if code.startswith(prefix)),
                       key=len, default=None)
            area = self.rules.get(code) or (self.prefixes[best] if best is not None
                                            else "metadata")
            self._filed[code] = area
        return area


def _words(description: str) -> Any:
    return Field(default_factory=new_list, description=description)


_AUXILIARIES = frozenset(("be", "have", "do"))


class BlameLexicon(BaseModel):
    """The words the blameless rules (PM1xx) look for, in lower case.

    Verbs are written in their base form (``forget``); the analysis adds the
    inflections (forgot, forgotten, forgets…). Phrases may have several words
    (``drop the ball``, ``on-call engineer``). Packs extend each list.
    """

    model_config = ConfigDict(extra="forbid")

    people: list[str] = _words("Pronouns and words that stand for a person (she, someone).")
    nobody: list[str] = _words("Words that name no one (nobody, no one): negation, not blame.")
    collective: list[str] = _words("The authors as a whole (we, the team): owning a gap is fine.")
    roles: list[str] = _words("Personal roles (on-call engineer, DBA, intern, release manager).")
    ambiguous_roles: list[str] = _words(
        "Roles that are also software (operator, manager): a person only without a technical "
        "modifier ('the operator', not 'the Kubernetes operator').")
    human_qualifiers: list[str] = _words(
        "Modifiers that keep an ambiguous role human (on-call, junior, night-shift).")
    teams: list[str] = _words("Team names that stand alone as a subject (QA, ops, support).")
    team_heads: list[str] = _words("Nouns that make '<X> <noun>' a team (team, squad, crew).")
    safe_subjects: list[str] = _words(
        "Systems and tools whose names look like people's names (Jenkins, Patroni).")
    failure_verbs: list[str] = _words(
        "Verbs that put a failure on their subject (forget, ignore, overlook, drop the ball).")
    negated_verbs: list[str] = _words(
        "Diligence verbs that blame their subject when negated (never checked, didn't read).")
    damage_verbs: list[str] = _words(
        "Verbs that make their subject the agent of the damage (break, take down, wipe).")
    cause_verbs: list[str] = _words(
        "Verbs that blame a person subject when their object is damage (cause, trigger).")
    damage_nouns: list[str] = _words("Nouns that name damage (outage, data loss, regression).")
    wrong_words: list[str] = _words(
        "Adjectives that make a person's action a mistake (deleted the wrong volume).")
    cause_links: list[str] = _words(
        "Phrases that link an outcome to its cause (caused by, due to, traces back to).")
    cause_nouns: list[str] = _words("Nouns for 'the cause' (root cause, culprit).")
    cause_labels: list[str] = _words(
        "Words in a 'Label:' that make the rest of the sentence a cause (root cause, factor).")
    outcome_words: list[str] = _words(
        "Words that describe a bad outcome, for 'because <person> did X, <outcome>'.")
    action_verbs: list[str] = _words(
        "Acts that make a person the cause when a cause statement says they did them (deploy, "
        "delete, run): enough even where a capitalised first word may not be a name.")
    neutral_verbs: list[str] = _words(
        "What responders do that is never blame (page, declare, roll back, investigate).")
    stative_verbs: list[str] = _words("Verbs that describe a state, not an act (be, have, know).")
    fault_nouns: list[str] = _words(
        "Nouns that blame their owner (mistake, fault, oversight, carelessness).")
    judgment_words: list[str] = _words(
        "Judgmental words about people or their work (careless, sloppy, reckless, lazy).")
    judgment_phrases: list[str] = _words(
        "Judgmental phrases (should have known better, any competent, rookie mistake).")
    counterfactual_judgments: list[str] = _words(
        "Phrases that judge a person inside a counterfactual (had we been more careful).")
    hindsight_adverbs: list[str] = _words(
        "Adverbs of hindsight that judge a person's act (obviously).")
    minimisers: list[str] = _words("Adverbs that minimise a person's failure (just, simply).")
    counterfactual_modals: list[str] = _words(
        "Modal phrases for what someone should have done (should have, ought to have).")
    discipline_phrases: list[str] = _words(
        "Disciplinary language (held accountable, formal warning, retraining, consequences).")
    discipline_verbs: list[str] = _words(
        "Verbs that are discipline when a person undergoes them (reprimand, write up, retrain).")
    human_error_phrases: list[str] = _words(
        "'Human error' and its synonyms (operator error, user mistake, manual error).")
    human_error_modifiers: list[str] = _words(
        "Words that make any fault noun human error ('a manual slip', 'an operator misstep').")
    meta_verbs: list[str] = _words(
        "Verbs that talk about blame instead of assigning it (call, say, blame, avoid).")
    software_terms: list[str] = _words(
        "Technical terms that contain a blame word and are never blame (lazy loading, "
        "user errors, fault injection).")
    leadership: list[str] = _words(
        "Those a person answers to for an outcome (CTO, VP, leadership): 'will answer to the "
        "CTO' is discipline.")
    irregular_verbs: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Irregular verbs the lexicons use: base form -> its other forms.")
    verb_prefixes: list[str] = _words(
        "Prefixes whose verbs inflect like their base (over, mis: overwrite -> overwrote).")
    grammar: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Named groups of function words and cues the analysis reads (pronouns, "
        "negators, time markers…); a group name ending in '_verbs' holds base forms.")

    @cached_property
    def irregular_past(self) -> frozenset[str]:
        """The irregular past forms of the lexicon's verbs ("sent", "wrote"), not those
        the same as the verb ("set", "put") nor the auxiliaries' ("was", "had", "did")."""
        return frozenset(form for verb, forms in self.irregular_verbs.items()
                         if verb not in _AUXILIARIES for form in forms
                         if form != verb and form.isalpha() and not form.endswith("ing")
                         and not form.endswith("s"))


class PreventionItem(BaseModel):
    """One line of the review framework's recurrence-prevention checklist."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(description="How a finding names it, e.g. 'monitoring for this "
                       "failure mode'.")
    terms: list[str] = Field(description="Words in an action item that cover it.")
    link_terms: list[str] = Field(
        default_factory=new_list, description="When set, an action item that covers this line "
        "should link a design record that one of these words names (RFC, design doc).")
    link_when: list[str] = Field(
        default_factory=new_list, description="Words that make a covering action item big "
        "enough to need that link (redesign, decouple); empty: any covering item.")
    when_external: bool = Field(
        True, description="Whether the line is asked for when the cause lay outside the "
        "team (a provider's outage): watching for it and a runbook still apply; tests of "
        "the team's code, a redesign or training may not.")


class RegulatoryRecord(BaseModel):
    """Something a framework needs the postmortem to record."""

    model_config = ConfigDict(extra="forbid")

    what: str = Field(description="What the document must record, as a finding says it.")
    terms: list[str] = Field(description="Phrases that show the document records it.")
    declined_terms: list[str] = Field(
        default_factory=new_list, description="Phrases that say it was not required; the "
        "document then needs no date for it.")
    fields: list[str] = Field(
        default_factory=new_list, description="Metadata fields whose value records it (id).")
    within_days: int | None = Field(
        None, description="Days from discovery within which it must happen (a notification "
        "clock); the document must then also say when it happened.")


class RegulatoryFramework(BaseModel):
    """A regulation or standard whose incident obligations a postmortem records."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="How a finding names it, e.g. 'HIPAA breach notification'.")
    source: str = Field(description="The text the obligation comes from, cited in the docs.")
    industries: list[str] = Field(
        default_factory=new_list, description="Industries whose config turns it on.")
    applies_when: list[str] = Field(
        default_factory=new_list, description="Phrases that make an incident fall under it "
        "(PHI, cardholder data…); empty: every incident of the industry.")
    records: list[RegulatoryRecord] = Field(default_factory=new_list)


class PhaseAct(BaseModel):
    """A verb and its object that together mark a timeline phase ("incident" + "open")."""

    model_config = ConfigDict(extra="forbid")

    verbs: list[str] = Field(description="Verbs (base form; every form is read).")
    objects: list[str] = Field(description="Nouns (singular; plurals are read too).")


class RuleData(BaseModel):
    """One rule-pack file. Every key is optional; packs are merged in order."""

    model_config = ConfigDict(extra="forbid")

    version: int = 1
    sections: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Canonical section kind -> heading phrases that mean it.")
    section_words: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Canonical section kind -> single words that name it in a heading no "
        "phrase matches ('What can we learn from this?': lessons).")
    section_word_exceptions: list[str] = Field(
        default_factory=new_list,
        description="Phrases in which a section word means something else ('learned of the "
        "outage' is detection).")
    section_phrase_exceptions: list[str] = Field(
        default_factory=new_list,
        description="Heading phrases in which a section phrase is part of a name ('GitHub "
        "Actions', 'Actions runner' name a product, not the action items): no section kind "
        "is read from the words inside them.")
    action_verbs: list[str] = Field(
        default_factory=new_list,
        description="Verbs that open an action item ('add', 'document', 'migrate'): a list "
        "of such items under a heading of no known kind is a list of action items.")
    fields: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Canonical field -> 'Key:' labels and YAML keys that mean it.")
    columns: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Canonical table column -> header words that mean it.")
    severity: dict[str, int] = Field(
        default_factory=new_dict,
        description="Severity spelling (normalised, lower case) -> level.")
    status_page_states: list[str] = Field(
        default_factory=new_list,
        description="States of a status page written where a severity belongs ('down', "
        "'degraded'): the state of a component, not a severity level; not reported as an "
        "unknown severity.")
    resolved_states: list[str] = Field(
        default_factory=new_list,
        description="Values of a status field that say the incident is over ('resolved', "
        "'closed'): the fields are then a status page's record of it, and a date written with "
        "its time is when it began.")
    update_states: dict[str, str] = Field(
        default_factory=new_dict,
        description="A status page's state of an update (normalised) -> the phase it marks "
        "('identified' -> detection, 'monitoring' -> mitigation, 'resolved' -> resolution).")
    update_lists: list[str] = Field(
        default_factory=new_list,
        description="Front-matter keys (normalised) of a status page's list of updates, each "
        "a mapping with a time, a state and a message ('incident_states', 'updates'): read "
        "as the incident's timeline; an update without a time is skipped.")
    priorities: dict[str, int] = Field(
        default_factory=new_dict,
        description="Priority spelling (lower case) -> rank (0 = most urgent).")
    priority_deadline_days: dict[int, int] = Field(
        default_factory=new_dict,
        description="Priority rank -> days after the incident by which it is due.")
    phases: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Timeline phase -> words that mark an entry as that phase.")
    phase_verbs: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Timeline phase -> verbs (base form) whose every form marks an entry as "
        "that phase (disable: disables, disabled, disabling); a phrase inflects its first "
        "word (shut down: shutting down).")
    phase_acts: dict[str, list[PhaseAct]] = Field(
        default_factory=new_dict,
        description="Timeline phase -> acts that mark it: a verb and its object a few words "
        "apart, in either order (receive + email: 'receives a flood of emails').")
    fixed_words: list[str] = Field(
        default_factory=new_list,
        description="Words that say the problem was fixed or the bad change undone (fixed, "
        "corrected, reverted, unpublished): the entry is the fix, mitigation and resolution.")
    back_verbs: list[str] = Field(
        default_factory=new_list,
        description="Verbs that take 'back' without a recovery (rolled back, fell back, "
        "called back): 'site back' at the end of a clause is a resolution, these are not.")
    aspect_verbs: list[str] = Field(
        default_factory=new_list,
        description="Verbs that, before a gerund, tell how another action goes rather than "
        "act ('stopped responding' is a failure, not a stop): not read as a phase verb there.")
    timeline_names: list[str] = Field(
        default_factory=new_list,
        description="Words that name a timeline (timeline, chronology): a sentence that "
        "names one and links to another page says the timeline is published there.")
    phase_change_words: list[str] = Field(
        default_factory=new_list,
        description="Onset words that name a change (deployed, merged, rolled out): the "
        "change is the fix, a mitigation, when the entry names a fix or comes after the "
        "incident was detected.")
    phase_fix_words: list[str] = Field(
        default_factory=new_list,
        description="Words that make a deployed or merged change a fix (fix, hotfix, patch).")
    unaided_recovery: list[str] = Field(
        default_factory=new_list,
        description="Phrases that say the incident ended without anyone acting on it "
        "(resolved automatically, no manual intervention): there is no mitigation to time.")
    time_zones: dict[str, float] = Field(
        default_factory=new_dict, description="Zone abbreviation -> offset from UTC in hours.")
    statuses: dict[str, list[str]] = Field(default_factory=new_dict)
    action_types: dict[str, list[str]] = Field(default_factory=new_dict)
    vague_actions: list[str] = Field(
        default_factory=new_list, description="Action phrases that are too vague on their own.")
    specific_signals: list[str] = Field(
        default_factory=new_list,
        description="Words that make an otherwise vague action specific (a metric, threshold…).")
    vague_exhortations: list[str] = Field(
        default_factory=new_list,
        description="Actions that ask people to try harder; vague whatever else the item names.")
    empty_values: list[str] = Field(
        default_factory=new_list, description="Field values that mean 'left empty' (n/a, -, none).")
    item_intents: list[str] = Field(
        default_factory=new_list, description="Openings of a sentence that commits to an "
        "action (we will, we need to): such a sentence under an action heading is an item.")
    item_deferrals: list[str] = Field(
        default_factory=new_list, description="Verbs that put a decision off (discuss, "
        "decide): a sentence under an action heading that opens with one is no item.")
    item_rejections: list[str] = Field(
        default_factory=new_list, description="Words that mark a proposal as not taken "
        "(rejected, declined, decided against): the item is won't do.")
    item_horizons: list[str] = Field(
        default_factory=new_list, description="Words of a group heading or label that say "
        "when its items are due (immediate, short term, long term): a priority by horizon.")
    item_status_views: list[str] = Field(
        default_factory=new_list, description="Words of an action-item heading that make its "
        "list a view of the items listed above (Action Items Status): no new items.")
    document_work: list[str] = Field(
        default_factory=new_list, description="What a postmortem's own process produces "
        "(incident report, retrospective): an item that writes or holds one is the "
        "document itself, not an action to track.")
    tracker_issue_phrases: list[str] = Field(
        default_factory=new_list, description="Phrases by which a document shows it is itself "
        "a tracker issue (assigned to this issue, issue comments).")
    advisory_titles: list[str] = Field(
        default_factory=new_list, description="Words of a title that make the document a "
        "published security advisory (security advisory, security bulletin).")
    security_processes: list[str] = Field(
        default_factory=new_list, description="The project's own process for handling "
        "vulnerabilities (vulnerability response process, security policy): a document that "
        "names its own ('our security policy', \"the project's security process\") is the "
        "security team's disclosure, not a draft for review.")
    placeholder_prompt_words: list[str] = Field(
        default_factory=new_list, description="Words that make bracketed text a template "
        "prompt wherever it stands ([Team name], [Link to the dashboard]).")
    status_update_states: list[str] = Field(
        default_factory=new_list, description="Status-field values of an incident still "
        "being worked (investigating, monitoring): the document is a status update.")
    open_states: list[str] = Field(
        default_factory=new_list, description="Status-field values that say the incident is "
        "open (open, ongoing): a status update when a second sign agrees (cause_pending, "
        "work_ongoing).")
    cause_pending: list[str] = Field(
        default_factory=new_list, description="Words of a root cause that say it is not known "
        "yet (not yet determined, under investigation).")
    work_ongoing: list[str] = Field(
        default_factory=new_list, description="Words of a closing paragraph that say work on "
        "the incident goes on (we are working on, more details to follow).")
    reader_address: list[str] = Field(
        default_factory=new_list, description="Words by which a document speaks to its readers "
        "as customers or users (we apologize, thank you for your patience, hi everyone) or "
        "says it is the public version of an internal postmortem: it is a public report.")
    post_states: list[str] = Field(
        default_factory=new_list, description="Values of a ``status`` field that give a site "
        "post's publishing state (publish, draft), not an incident's or a postmortem's.")
    post_keys: list[str] = Field(
        default_factory=new_list, description="Front-matter keys of a site's published post "
        "(layout, permalink, author, thumbnail): with no postmortem field in the document, it is a "
        "public report.")
    future_markers: list[str] = Field(
        default_factory=new_list, description="Words that put a sentence in the future (will, "
        "to follow): with a postmortem noun in the closing paragraph, the postmortem is "
        "promised as a document of its own.")
    postmortem_nouns: list[str] = Field(
        default_factory=new_list, description="Names of the postmortem as a document "
        "(postmortem, root cause analysis, incident report).")
    report_qualifiers: list[str] = Field(
        default_factory=new_list, description="Words before a postmortem noun that name a "
        "report still to come (detailed, full): 'a detailed postmortem will follow'.")
    safeguard_words: list[str] = Field(
        default_factory=new_list, description="What guards a system against failure (test, "
        "review, alert, validation): a contributing factor that names one as missing "
        "(safeguard_gaps) reaches a systemic cause.")
    safeguard_gaps: list[str] = Field(
        default_factory=new_list, description="Words that say a safeguard was missing or "
        "partial (no, never, lacked, only, unset).")
    open_work_cues: list[str] = Field(
        default_factory=new_list, description="Words of a sentence outside the action items "
        "and the timeline that say work is still to be done (we need to, remaining items): "
        "a review has open work to check.")
    lesson_cues: list[str] = Field(
        default_factory=new_list, description="Of the open-work cues, those that in a lessons "
        "section state a lesson (we need to do more QA), not work left open.")
    reflection_headings: list[str] = Field(
        default_factory=new_list, description="Words of a heading whose section may reflect "
        "on the incident (postmortem, conclusion, do better): it holds what went wrong when it "
        "names shortcomings.")
    shortcoming_cues: list[str] = Field(
        default_factory=new_list, description="Words that name a shortcoming (no alert was "
        "configured, should have, slower): two in a reflection section make it what went wrong.")
    placeholder_setting_cues: list[str] = Field(
        default_factory=new_list, description="Words right before bracketed text that make it "
        "the name of a setting or option, not a template prompt (setting, option, from, to).")
    update_label_words: list[str] = Field(
        default_factory=new_list, description="Words of the bracketed label a status log puts "
        "before each update ('[Initial Message]', '[Close Issue]', '[Final Update]'): text in "
        "brackets made only of them, opening a line, is a label, not a template prompt.")
    placeholders: list[str] = Field(default_factory=new_list,
        description="Template text left unfilled.")
    sensitive_data: list[SensitivePattern] = Field(
        default_factory=new_list,
        description="Data that must not appear in customer-facing documents.")
    role_email_names: list[str] = Field(
        default_factory=new_list,
        description="Local parts of shared role addresses fine to publish (support@, security@).")
    security_terms: list[str] = Field(
        default_factory=new_list, description="Words in a title or incident class that mark a "
        "security incident.")
    security_term_exceptions: list[str] = Field(
        default_factory=new_list,
        description="Phrases containing a security term that are not about "
        "security (memory leak, SLA breach).")
    security_review_terms: list[str] = Field(
        default_factory=new_list,
        description="Phrases showing a legal or security review was done.")
    depth: list[DepthPolicy] = Field(default_factory=new_list)
    impact_units: list[str] = Field(
        default_factory=new_list, description="What an impact count counts (users, requests, "
        "orders…): a number followed by one of these quantifies the impact.")
    impact_totals: list[str] = Field(
        default_factory=new_list, description="Words that state a whole or none as the "
        "impact's size: 'all users', 'every hub', 'everyone', 'no customers'.")
    impact_cues: list[str] = Field(
        default_factory=new_list, description="Words of a sentence that states what the "
        "incident did to users or services (unavailable, could not, outage): such a sentence "
        "in the overview is the impact statement when there is no impact section.")
    impact_effects: list[str] = Field(
        default_factory=new_list, description="Words besides the impact cues that say "
        "something was hit (stuck, removed, failed): a count outside the impact section "
        "quantifies the impact when its sentence names one of these or a cue.")
    data_loss_terms: list[str] = Field(
        default_factory=new_list,
        description="Phrases that state whether data was lost or corrupted.")
    no_outage: list[str] = Field(
        default_factory=new_list, description="Phrases that say the service never went down "
        "(an almost-outage, caught before anyone was affected): there is no outage length "
        "to state.")
    data_lost: list[str] = Field(
        default_factory=new_list, description="Phrases that say data was lost or corrupted "
        "('data loss', 'data corruption'): with no outage told anywhere, the "
        "incident is a defect in the data, not a time the service was down.")
    outage_terms: list[str] = Field(
        default_factory=new_list, description="Phrases that say a service was down or could "
        "not be used (outage, downtime, unavailable, could not access): an incident with a "
        "length to state.")
    unknown_values: list[str] = Field(
        default_factory=new_list, description="Field values that say a fact is not known "
        "('Duration: unknown'): stated, though not as a number.")
    sla_terms: list[str] = Field(
        default_factory=new_list,
        description="Phrases that state whether an SLA or SLO was breached.")
    blame: BlameLexicon = Field(
        default_factory=BlameLexicon, description="Blame lexicons (see the blameless rules).")
    root_cause_categories: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Root-cause category -> words and phrases that point to it (audits).")
    incident_classes: dict[str, list[str]] = Field(
        default_factory=new_dict,
        description="Incident class an organisation tracks -> words and phrases that put a "
        "postmortem in it (its declared class, title or root cause). Audits count repeats "
        "per class; without a named class they use the declared class, else service + "
        "root-cause category.")
    score: ScorePolicy = Field(
        default_factory=lambda: ScorePolicy(),
        description="The audit's compliance score (score.yaml).")

    severity_impact: dict[int, Literal["revenue", "customer", "internal"]] = Field(
        default_factory=new_dict, description="Severity level -> the impact that defines it "
        "(the review framework: SEV-1 revenue, SEV-2 customer, SEV-3 internal).")
    impact_classes: dict[str, list[str]] = Field(
        default_factory=new_dict, description="customer / revenue -> phrases in the impact "
        "that show that kind of effect.")
    impact_negations: list[str] = Field(
        default_factory=new_list, description="Words that deny an effect in a sentence "
        "(no, not, without, unaffected).")
    impact_not_people: list[str] = Field(
        default_factory=new_list, description="Phrases with a customer word that name no "
        "affected customer (internal users, team members, the user interface).")
    detection_methods: dict[str, list[str]] = Field(
        default_factory=new_dict, description="monitoring / customer / outsider / internal -> "
        "phrases that say the incident was found that way.")
    detection_cues: list[str] = Field(
        default_factory=new_list, description="Words of a sentence that tells how someone "
        "learned of the incident, without saying which way (noticed, reported, alerted).")
    detection_field_words: dict[str, list[str]] = Field(
        default_factory=new_dict, description="Bare words a Detection field is filled with "
        "(Monitoring, Customer report) -> the method they name.")
    detect_signals: list[str] = Field(
        default_factory=new_list, description="Words that make an action item a detection "
        "action (alert, dashboard, probe, metric).")
    cost_kinds: dict[str, list[str]] = Field(
        default_factory=new_dict, description="What an amount is (total, revenue, sla_credits, "
        "vendor, engineering) -> the words that introduce it.")
    cost_declined: list[str] = Field(
        default_factory=new_list, description="Phrases that say why a cost is not given "
        "(not estimated, cannot be quantified).")
    near_miss: list[str] = Field(
        default_factory=new_list, description="Phrases that say the incident harmed nothing "
        "(near miss, no realised harm): it has no cost to state.")
    cost_none: list[str] = Field(
        default_factory=new_list, description="Phrases that state the cost as nothing (no "
        "financial impact, no revenue impact).")
    currencies: dict[str, str] = Field(
        default_factory=new_dict, description="Currency symbol or word -> ISO code.")
    prevention_checklist: dict[str, PreventionItem] = Field(
        default_factory=new_dict, description="The recurrence-prevention checklist for "
        "severe incidents: key -> what covers it.")
    external_cause_phrases: list[str] = Field(
        default_factory=new_list, description="Phrases in the root cause, its factors or the "
        "summary that place the cause outside the team's own systems (outside our control, "
        "upstream outage, no local issues).")
    prevention_declined: list[str] = Field(
        default_factory=new_list, description="Phrases that decline a checklist line "
        "explicitly (not needed, not required, n/a because).")
    notification_terms: list[str] = Field(
        default_factory=new_list, description="Phrases of a sentence that records a "
        "notification or report (notified, reported to, filed with).")
    regulatory: dict[str, RegulatoryFramework] = Field(
        default_factory=new_dict, description="Regulatory packs: framework key -> what it "
        "needs recorded; turned on by the config's industry or frameworks keys.")

    def frameworks_for(self, industries: list[str], names: list[str]) -> list[str]:
        """The framework keys an industry list and an explicit list turn on, in data order;
        raises ValueError for an industry or framework no pack defines."""
        known_industries = {i for f in self.regulatory.values() for i in f.industries}
        for industry in industries:
            if industry not in known_industries:
                raise ValueError(f"unknown industry {industry!r}; known: "
                                 f"{', '.join(sorted(known_industries)) or 'none'}")
        for name in names:
            if name not in self.regulatory:
                raise ValueError(f"unknown framework {name!r}; known: "
                                 f"{', '.join(sorted(self.regulatory)) or 'none'}")
        return [key for key, framework in self.regulatory.items()
                if key in names or set(framework.industries) & set(industries)]

    def depth_for(self, level: int) -> DepthPolicy | None:
        """The depth policy for a severity level: the strictest one that covers it."""
        covering = [policy for policy in self.depth if level <= policy.max_level]
        return min(covering, key=lambda policy: policy.max_level, default=None)

    def merged(self, other: RuleData) -> RuleData:
        mine = self.model_dump()
        for key, value in other.model_dump(exclude_unset=True).items():
            mine[key] = _merge(mine.get(key), value)
        return RuleData.model_validate(mine)

    @property
    def fingerprint(self) -> str:
        """Changes whenever any lexicon changes; part of every cache key."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(out.get(key), value)
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


def builtin_data_dir() -> Path:
    """The built-in rule data: inside the wheel, or the repository's ``rules/`` folder."""
    packaged = Path(__file__).parent / "_data" / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def builtin_packs() -> list[Path]:
    """The built-in rule-data files: ``rules/*.yaml``, then packs in sub-folders
    (``rules/regulatory/*.yaml``)."""
    folder = builtin_data_dir()
    return [*sorted(folder.glob("*.yaml")), *sorted(folder.glob("*/*.yaml"))]


class RuleDataError(ValueError):
    """A rule-data file that cannot be read or does not match the schema."""


def read_pack(path: Path) -> RuleData:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        raw = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError, UnicodeDecodeError) as error:
        raise RuleDataError(f"cannot read rule data {path.name}: {error}") from error
    try:
        return RuleData.model_validate(raw or {})
    except ValueError as error:
        raise RuleDataError(f"invalid rule data {path.name}: {error}") from error


# The built-in packs merged, as JSON, beside them: parsing 20 YAML files in pure Python is
# most of a cold run's overhead, reading one JSON file is not. It records the packs' digest
# and is used only while that still matches, so a stale snapshot costs time, never truth.
SNAPSHOT = "builtin.json"


def builtin_digest() -> str:
    digest = hashlib.sha256()
    for path in builtin_packs():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _merged_packs() -> RuleData:
    data = RuleData()
    for path in builtin_packs():
        data = data.merged(read_pack(path))
    return data


def snapshot_text() -> str:
    """What ``rules/builtin.json`` must hold: the packs' digest and their merged data."""
    data = json.loads(_merged_packs().model_dump_json())
    # Key order is kept: some mappings are ordered (the score areas, in reading order).
    return json.dumps({"digest": builtin_digest(), "data": data}) + "\n"


@cache
def _builtin() -> RuleData:
    try:
        snapshot = json.loads((builtin_data_dir() / SNAPSHOT).read_text(encoding="utf-8"))
        if snapshot.get("digest") == builtin_digest():
            return RuleData.model_validate(snapshot["data"], context={_CHECKED: True})
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return _merged_packs()


def load_rule_data(extra: tuple[str, ...] = (), cache_dir: Path | None = None) -> RuleData:
    """The built-in data merged with the organisation's extra pack files, in order.

    With ``cache_dir``, the merged result is kept there as JSON keyed by the content of
    every pack (and of this module), so a run does not parse the YAML again: pure-Python
    YAML parsing is a large part of a warm, cached run.
    """
    if cache_dir is not None:
        return _cached_rule_data(extra, cache_dir)
    data = _builtin()
    for name in extra:
        data = data.merged(read_pack(Path(name)))
    return data


def _cached_rule_data(extra: tuple[str, ...], cache_dir: Path) -> RuleData:
    digest = hashlib.sha256()
    try:
        digest.update(Path(__file__).read_bytes())
        for path in [*builtin_packs(), *(Path(n) for n in extra)]:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return load_rule_data(extra)  # reports the unreadable pack
    target = cache_dir / "ruledata" / f"{digest.hexdigest()[:32]}.json"
    try:
        return RuleData.model_validate_json(target.read_bytes(), context={_CHECKED: True})
    except (OSError, ValueError):
        pass
    data = load_rule_data(extra)
    try:
        import os
        import tempfile

        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(data.model_dump_json())
        os.replace(temp, target)  # write-then-rename: parallel runs never read half a file
    except OSError:
        pass
    return data


if __name__ == "__main__":
    (builtin_data_dir() / SNAPSHOT).write_text(snapshot_text(), encoding="utf-8")
