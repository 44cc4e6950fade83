"""Every word set the blame analysis reads, built once from the lexicon (``rules/blame.yaml``).

The code holds no word lists: the lexicon's lists (roles, failure verbs, fault nouns…) and
its named ``grammar`` groups (pronouns, negators, time markers…) become the frozen sets
below, with verbs expanded to their inflected forms. Nothing here imports spaCy: the
prefilter runs on every sentence, and a warm run must not pay for the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache

from postmortem_lint.ruledata import BlameLexicon

_VOWELS = frozenset("aeiou")
_SPLIT = re.compile(r"\s+|(?=-)|(?<=-)")


@cache
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """How spaCy's tokenizer cuts a lexicon phrase: words and hyphens ("on-call" -> on - call)."""
    return tuple(part for part in _SPLIT.split(phrase.strip().lower()) if part)


def verb_index(tokens: tuple[str, ...]) -> int:
    """Which word of a verb phrase inflects: the first ("drop the ball" -> dropped), or the
    second half of a hyphenated verb ("rubber-stamp" -> rubber-stamped)."""
    return 2 if len(tokens) > 2 and tokens[1] == "-" else 0


def norm(text: str) -> str:
    """'on - call  engineer' -> 'on-call engineer'."""
    return re.sub(r" ?- ?", "-", " ".join(text.lower().split()))


class Inflector:
    """Every form of a lower-case word: itself plus verb and plural forms (over-generated)."""

    def __init__(self, irregular: dict[str, list[str]], prefixes: list[str]):
        table = {base: tuple(forms) for base, forms in irregular.items()}
        for base, forms in irregular.items():
            for prefix in prefixes:
                table.setdefault(prefix + base, tuple(prefix + form for form in forms))
        self._irregular = table
        self._cache: dict[str, frozenset[str]] = {}

    def __call__(self, word: str) -> frozenset[str]:
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._forms(word)
        return found

    def _forms(self, word: str) -> frozenset[str]:
        forms = {word, *self._irregular.get(word, ())}
        if not word[-1:].isalpha():
            return frozenset(forms)
        if word.endswith("ee"):  # see, agree: "seeing", never "seing"
            forms.update({word + "s", word + "d", word + "ing"})
        elif word.endswith("e"):
            forms.update({word + "s", word + "d", word[:-1] + "ing"})
        elif word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
            forms.update({word[:-1] + "ies", word[:-1] + "ied", word + "ing"})
        else:
            suffix_es = word.endswith(("s", "x", "z", "ch", "sh"))
            forms.update({word + ("es" if suffix_es else "s"), word + "ed", word + "ing"})
            if (len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"}
                    and word[-2] in _VOWELS and word[-3] not in _VOWELS):
                forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
        return frozenset(forms)

    def all(self, words: list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[str]:
        return frozenset(form for word in words for form in self(word))


@dataclass(frozen=True)
class Words:
    """The lexicon's named ``grammar`` groups (see rules/blame.yaml); a group whose name
    ends in ``_verbs`` holds every inflected form of its verbs."""

    calendar_words: frozenset[str]
    person_only_verbs: frozenset[str]
    person_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    anyone: frozenset[str]
    anybody: frozenset[str]
    team_roles: frozenset[str]
    tool_parts: frozenset[str]
    process_verbs: frozenset[str]
    partitives: frozenset[str]
    hyphen_verb_prefixes: frozenset[str]
    hyphen_links: frozenset[str]
    double_prefixes: frozenset[str]
    collective_possessives: frozenset[str]
    thing_pronouns: frozenset[str]
    our: frozenset[str]
    sub_team_preps: frozenset[str]
    none_determiners: frozenset[str]
    any_determiners: frozenset[str]
    implicated_heads: frozenset[str]
    implicated: frozenset[str]
    distinct_units: frozenset[str]
    group_nouns: frozenset[str]
    group_teams: frozenset[str]
    group_determiners: frozenset[str]
    articles: frozenset[str]
    personal_determiners: frozenset[str]
    relative_pronouns: frozenset[str]
    negators: frozenset[str]
    inability_modals: frozenset[str]
    nothing: frozenset[str]
    indefinites: frozenset[str]
    causative_verbs: frozenset[str]
    latent_faults: frozenset[str]
    accident_adverbs: frozenset[str]
    exposing_verbs: frozenset[str]
    technical_judgments: frozenset[str]
    technical_heads: frozenset[str]
    reader_pronouns: frozenset[str]
    point_words: frozenset[str]
    pointing_subjects: frozenset[str]
    regret_modals: frozenset[str]
    blame_modals: frozenset[str]
    past_perfect: frozenset[str]
    inverters: frozenset[str]
    would: frozenset[str]
    obligation_words: frozenset[str]
    passive_obligations: frozenset[str]
    unmet_obligations: frozenset[str]
    need_verbs: frozenset[str]
    have_verbs: frozenset[str]
    do_verbs: frozenset[str]
    be_verbs: frozenset[str]
    fail_verbs: frozenset[str]
    make_verbs: frozenset[str]
    lie_verbs: frozenset[str]
    blame_verbs: frozenset[str]
    enabling_verbs: frozenset[str]
    start_verbs: frozenset[str]
    avoid_verbs: frozenset[str]
    happen_verbs: frozenset[str]
    answer_verbs: frozenset[str]
    trivial_words: frozenset[str]
    credit_qualities: frozenset[str]
    voluntary_words: frozenset[str]
    burden_nouns: frozenset[str]
    fault_verbs_as_nouns: frozenset[str]
    owner_prepositions: frozenset[str]
    lie_prepositions: frozenset[str]
    by_of_from: frozenset[str]
    set_aside: frozenset[str]
    human_labels: frozenset[str]
    reason_words: frozenset[str]
    blame_words: frozenset[str]
    responsible_preps: frozenset[str]
    cause_markers: frozenset[str]
    time_markers: frozenset[str]
    time_marks: frozenset[str]
    down_words: frozenset[str]
    owner_labels: frozenset[str]
    failover_particles: frozenset[str]
    revoke_verbs: frozenset[str]
    reassign_verbs: frozenset[str]
    if_words: frozenset[str]
    without_words: frozenset[str]
    only_words: frozenset[str]
    even_words: frozenset[str]
    minimiser_judgments: frozenset[str]
    instead_of: frozenset[str]
    rotation_words: frozenset[str]
    off_rotation_verbs: frozenset[str]
    from_off: frozenset[str]
    all_had_to: frozenset[str]
    all_nothing: frozenset[str]
    it_that_more: frozenset[str]
    took_words: frozenset[str]
    was_is_than: frozenset[str]
    was_is: frozenset[str]
    easy_words: frozenset[str]
    matter_words: frozenset[str]
    presume_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    hold_verbs: frozenset[str]
    accountable_words: frozenset[str]
    would_forms: frozenset[str]
    have_forms: frozenset[str]
    taken_forms: frozenset[str]
    function_words: frozenset[str]
    imperatives: frozenset[str]
    gated_words: frozenset[str]
    gated_cues: frozenset[str]
    metric_modifiers: frozenset[str]
    metrics: frozenset[str]
    negations: frozenset[str]
    not_person_tails: frozenset[str]
    modals: frozenset[str]
    perfect_have: frozenset[str]
    experience_verbs: frozenset[str]
    undergone_verbs: frozenset[str]
    generic_modals: frozenset[str]
    possibility_modals: frozenset[str]
    hit_verbs: frozenset[str]
    forced_through_verbs: frozenset[str]
    sit_verbs: frozenset[str]
    held_items: frozenset[str]
    lose_verbs: frozenset[str]
    privileges: frozenset[str]
    withdrawn_words: frozenset[str]
    access_kinds: frozenset[str]
    engagements: frozenset[str]
    ended_words: frozenset[str]
    competent_words: frozenset[str]
    competence_nouns: frozenset[str]
    bad_state_words: frozenset[str]
    renew_words: frozenset[str]
    hindsight_nouns: frozenset[str]
    but_for_heads: frozenset[str]
    inquiry_nouns: frozenset[str]
    inquiry_links: frozenset[str]
    conduct_nouns: frozenset[str]
    inquiry_verbs: frozenset[str]
    destructive_verbs: frozenset[str]
    habit_verbs: frozenset[str]
    directive_modals: frozenset[str]
    ideal_adverbs: frozenset[str]
    plain_words: frozenset[str]
    poor_words: frozenset[str]
    choice_nouns: frozenset[str]
    shared_faults: frozenset[str]
    consequence_words: frozenset[str]
    care_nouns: frozenset[str]
    safeguard_nouns: frozenset[str]
    occasion_nouns: frozenset[str]
    set_aside_words: frozenset[str]
    transform_verbs: frozenset[str]
    placement_adverbs: frozenset[str]
    machine_nouns: frozenset[str]
    valuable_words: frozenset[str]
    disposable_words: frozenset[str]
    data_nouns: frozenset[str]
    assignment_words: frozenset[str]
    outsider_words: frozenset[str]
    common_noun_suffixes: frozenset[str]
    plural_suffixes: frozenset[str]
    origin_verbs: frozenset[str]
    self_failure_verbs: frozenset[str]
    component_nouns: frozenset[str]
    thing_relatives: frozenset[str]
    down_verbs: frozenset[str]
    harm_verbs: frozenset[str]
    remedy_nouns: frozenset[str]
    response_nouns: frozenset[str]
    question_verbs: frozenset[str]
    threat_nouns: frozenset[str]
    planned_work: frozenset[str]
    planned_verbs: frozenset[str]
    credit_words: frozenset[str]
    change_nouns: frozenset[str]
    authoring_verbs: frozenset[str]
    moment_marks: frozenset[str]
    precondition_words: frozenset[str]
    personnel_words: frozenset[str]
    part_words: frozenset[str]
    fitness_words: frozenset[str]
    comparative_words: frozenset[str]
    permit_verbs: frozenset[str]
    lapse_verbs: frozenset[str]
    thing_heads: frozenset[str]
    supplier_nouns: frozenset[str]
    judged_events: frozenset[str]
    name_heads: frozenset[str]
    concessive_marks: frozenset[str]
    hedge_modals: frozenset[str]
    symptom_words: frozenset[str]
    indefinite_determiners: frozenset[str]
    cause_prepositions: frozenset[str]
    identity_nouns: frozenset[str]
    answerable_words: frozenset[str]
    cognition_verbs: frozenset[str]

    @classmethod
    def build(cls, groups: dict[str, list[str]], inflect: Inflector) -> Words:
        missing = [f.name for f in fields(cls) if f.name not in groups]
        if missing:
            raise ValueError(f"the blame lexicon's grammar lacks the groups {missing}")
        return cls(**{f.name: inflect.all(groups[f.name]) if f.name.endswith("_verbs")
                      else frozenset(w.lower() for w in groups[f.name]) for f in fields(cls)})


class Vocabulary:
    """The blame lexicon as the sets the analysis tests words against. Built once per
    lexicon (see :func:`vocabulary`)."""

    def __init__(self, source: BlameLexicon):
        self.source = source
        self.inflect = inflect = Inflector(source.irregular_verbs, source.verb_prefixes)
        self.w = Words.build(source.grammar, inflect)
        single = [r for r in source.roles if len(phrase_tokens(r)) == 1]
        self.people = _lowered(source.people)
        self.nobody = _lowered(source.nobody)
        self.collective = _lowered(source.collective)
        self.role_words = self.forms(single)
        self.roles = frozenset(norm(r) for r in source.roles)
        self.multiword_persons = frozenset(
            norm(r) for r in (*source.roles, *source.people) if len(phrase_tokens(r)) > 1)
        self.ambiguous = self.forms(source.ambiguous_roles)
        self.qualifiers = frozenset(norm(q) for q in source.human_qualifiers) | frozenset(
            t for q in source.human_qualifiers for t in phrase_tokens(q) if t != "-")
        self.teams = self.forms(source.teams)
        self.team_heads = self.forms(source.team_heads)
        self.safe = _lowered(source.safe_subjects)
        self.failure = self.heads(_one_word(source.failure_verbs))
        # a diligence verb: its one-word entries alone; a phrase ("make sure", "pay
        # attention") only with its following words
        self.negated = self.heads(_one_word(source.negated_verbs))
        self.negated_phrases = _phrase_tails(self, source.negated_verbs)
        # "unheeded", "unnoticed", "unread": a diligence verb's participle, negated
        self.undone = frozenset("un" + form for form in self.negated)
        self.damage = self.heads(_one_word(source.damage_verbs))
        self.cause_verbs = self.heads(source.cause_verbs)
        self.damage_nouns = self.forms(source.damage_nouns)
        self.wrong = _lowered(source.wrong_words)
        self.cause_nouns = self.forms(source.cause_nouns)
        self.cause_labels = self.forms(source.cause_labels)
        self.outcomes = self.forms(source.outcome_words)
        # a neutral act: one-word entries alone; a phrase ("take over", "roll back") only
        # with its particle
        self.neutral = self.heads(_one_word(source.neutral_verbs))
        self.neutral_phrases = _phrase_tails(self, source.neutral_verbs)
        self.actions = self.heads(source.action_verbs)
        self.stative = self.heads(source.stative_verbs)
        self.fault_nouns = self.forms(_one_word(source.fault_nouns))
        self.hindsight = _lowered(source.hindsight_adverbs)
        self.human_error_modifiers = _lowered(source.human_error_modifiers)
        self.minimisers = _lowered(source.minimisers)
        self.discipline_verbs = self.heads(source.discipline_verbs)
        # "write up", "let go": their verb alone ("were written to a node") is no sanction.
        alone = self.heads(_one_word(source.discipline_verbs))
        self.discipline_particles: dict[str, frozenset[str]] = {
            form: frozenset(phrase_tokens(v)[1:]) for v in source.discipline_verbs
            if len(phrase_tokens(v)) > 1 for form in self.heads([v]) if form not in alone}
        self.meta = self.forms(_one_word(source.meta_verbs))
        self.leadership = _lowered(source.leadership)

    def forms(self, entries: list[str]) -> frozenset[str]:
        """Every inflected form of every single word in the entries (for token tests)."""
        return frozenset(form for entry in entries for token in phrase_tokens(entry)
                         if token != "-" for form in self.inflect(token))

    def heads(self, entries: list[str]) -> frozenset[str]:
        """Inflected forms of the first word of each entry (verbs of phrasal entries)."""
        return frozenset(form for entry in entries if phrase_tokens(entry)
                         for form in self.inflect(phrase_tokens(entry)[0]))


_BUILT: dict[str, Vocabulary] = {}


def vocabulary(source: BlameLexicon) -> Vocabulary:
    """The vocabulary of a lexicon, built once per distinct lexicon."""
    key = source.model_dump_json()
    found = _BUILT.get(key)
    if found is None:
        if len(_BUILT) > 16:
            _BUILT.clear()
        found = _BUILT[key] = Vocabulary(source)
    return found


def _phrase_tails(v: Vocabulary, entries: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """For multi-word verb entries: each form of the verb -> the words that must follow it."""
    tails: dict[str, tuple[tuple[str, ...], ...]] = {}
    for entry in entries:
        tokens = phrase_tokens(entry)
        if len(tokens) > 1:
            for form in v.inflect(tokens[0]):
                tails[form] = (*tails.get(form, ()), tokens[1:])
    return tails


def _lowered(entries: list[str]) -> frozenset[str]:
    return frozenset(entry.lower() for entry in entries)


def _one_word(entries: list[str]) -> list[str]:
    return [entry for entry in entries if len(phrase_tokens(entry)) == 1]
