"""How an action item is written in real documents: its status marks, the owner and priority
written before the action, the words of the action itself, and which lines are items.

The builder reads an item's fields with these; the Markdown reader asks them whether a
line under an action heading is an item at all. Rules read only the results in the model.
"""

from __future__ import annotations

import re
from functools import cache

from postmortem_lint.model import ActionItem, ItemStatus, Located, Priority, Prose, Span
from postmortem_lint.parsers import values
from postmortem_lint.ruledata import RuleData

# What is left at the edges once inline fields are cut off: "— owner:", "Done —".
_EDGE = " \t\n,;:·|()[]—–-*_"
_SEPARATORS = "—–-,;(|·[:"
_LABELS = frozenset(("owner", "owners", "assignee", "dri", "due", "by", "priority", "prio",
                     "status", "type", "ticket", "tracker", "eta", "deadline", "target", "see",
                     "issue", "pr", "bug", "link", "tracking"))

# ✅ and friends: the item is done.
_DONE_MARKS = re.compile("[\u2705\u2714\u2611\u2713]\ufe0f?")
_PROGRESS_MARKS = re.compile("\U0001f6a7")
# "(done)", "[FIXED]", "(Done as of 2021-06-30)", "(in progress)", "[N/A]".
_BRACKETED_STATUS = re.compile(
    r"[(\[]\s*(?P<word>done|completed?|fixed|resolved|implemented|shipped|merged|finished|added|"
    r"in[ -]progress|wip|ongoing|won'?t do|won'?t fix|wontfix|rejected|declined|todo|n/a|"
    r"not needed|not applicable)(?![\w/])[^)\]]{0,200}[)\]]", re.IGNORECASE)
# "… metrics. Done in grafana." at the end of the item.
_TRAILING_DONE = re.compile(r"(?:[.;!]\s+|\s[—–-]\s+)(?P<word>done|completed|fixed|finished)\b"
                            r"[^.\n]{0,40}\.?\s*$", re.IGNORECASE)
# A past-tense first word ("Added", "Removed"), after at most one adverb ("Temporarily").
_PAST_TENSE = re.compile(r"^(?:[A-Z][a-z]+ly\s+)?(?P<verb>[A-Za-z][a-z]{2,}ed)\b")
_NOT_PAST = frozenset(("need", "feed", "seed", "speed", "embed", "shed", "proceed", "succeed",
                       "exceed", "red", "bed", "bred", "breed", "weed", "based", "related",
                       "detailed", "automated", "advanced", "dedicated", "distributed",
                       "expected", "limited", "unified", "centralized", "centralised"))

# An owner written before the action: "[ICL] Removed …", "Hypha + ICL: Investigate …",
# "ICL to build 22.0.3", "Hypha will run …".
_LEAD_BRACKET = re.compile(r"^\[(?P<name>[A-Za-z][\w&+.,/ -]{0,30})\]\s+(?=\S)")
_NAME = r"[A-Z][\w.&-]{0,30}"
_LEAD_LABEL = re.compile(rf"^(?P<name>{_NAME}(?:\s*(?:\+|&|/|,|and)\s*{_NAME}){{0,3}})\s*:\s+")
_LEAD_SUBJECT = re.compile(
    rf"^(?P<name>{_NAME}(?:\s*(?:\+|&|and)\s*{_NAME})?)\s+(?:to|will|should|must|needs? to)"
    r"\s+(?P<verb>[a-z]+)")
_LEAD_TEAM = re.compile(r"^(?P<name>[A-Z][A-Z0-9]{1,6})\s+(?P<verb>[a-z]+)\b")
# "… and the storage team will migrate …": a team named as the subject of the commitment.
_TEAM_SUBJECT = re.compile(r"(?<![\w.-])(?:the\s+)?"
                           r"(?P<name>[A-Za-z][\w.-]*(?:\s+[A-Za-z][\w.-]*)?\s+"
                           r"team)\s+(?:will|intends? to|plans? to|is (?:going|planning) to)\b")
_TRAILING_NAME = re.compile(r"\((?P<name>@?[A-Z][\w.-]+(?: [A-Z][\w.-]+){0,2})\)(?:\s*\.)?\s*$")
_NOT_NAMES = frozenset((
    "we", "i", "you", "they", "it", "this", "that", "these", "those", "the", "our", "a", "an",
    "all", "each", "everyone", "someone", "users", "people", "there", "note", "notes", "nb",
    "issue", "issues", "bug", "problem", "goal", "why", "what", "how", "context", "example",
    "e.g", "i.e", "idea", "question", "answer", "update", "fix", "summary", "details",
    "background", "short term", "long term", "action", "actions", "task", "step", "also",
    "then", "next", "later", "optional", "maybe", "proposal", "option", "warning", "important",
    "hint", "see", "tl;dr", "pr", "commit", "link", "links", "ticket", "status", "github",
    "n a", "na", "tbd", "none"))

# A priority written before the action: "HIGH Include …", "Critical – Rotate …", "[High] …".
_LEAD_PRIORITY = re.compile(
    r"^[\[(]?(?P<word>[A-Za-z]{1,12})(?: priority)?[\])]?(?P<sep>[ \t]*[:\-–—|][ \t]*|[ \t]+)"
    r"(?=\S)")
_BRACKETED_PRIORITY = re.compile(
    r"[(\[](?P<word>critical|urgent|highest|high|medium|normal|low|lowest)(?: priority)?"
    r"[)\]]", re.IGNORECASE)

_URL = re.compile(r"<?https?://\S+>?")
_SEE = re.compile(r"^\W{0,3}(?:see|cf\.?|refs?\.?|related|more (?:details|info(?:rmation)?)"
                  r"(?: in| at)?)\b", re.IGNORECASE)


@cache
def _phrases(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace("'", "['’]") for w in
                            sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])", re.IGNORECASE)


def _first_word(text: str) -> str:
    match = re.match(r"\W*([A-Za-z][A-Za-z'’-]*)", text)
    return match.group(1).lower() if match else ""


# -- which lines are items -----------------------------------------------------------------
def _verb_of_gerund(word: str, data: RuleData) -> str | None:
    """The action verb of a present participle: "adding" -> add, "writing" -> write,
    "setting" -> set; None for a word that is not one ("morning", "something")."""
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    return _action_verb((stem, stem + "e", _undoubled(stem)), data)


def _undoubled(stem: str) -> str | None:
    """The stem without its doubled last letter ("sett" -> set, "pinn" -> pin)."""
    return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None


def _action_verb(candidates: tuple[str | None, ...], data: RuleData) -> str | None:
    """The first of the candidate stems of a word that is an action verb."""
    return next((verb for verb in candidates if verb and verb in data.action_verbs), None)


def starts_with_verb(text: str, data: RuleData) -> bool:
    """Whether the line opens with an imperative verb ("Add an alert on …") or its
    participle, the way a list of planned work is often written ("Adding a retry to …")."""
    word = _first_word(text)
    return word in data.action_verbs or _verb_of_gerund(word, data) is not None


# "we are building …", "we're adding …", "we are now writing …": work under way, said by
# the authors of themselves.
_UNDER_WAY = re.compile(r"(?<![\w'’])(?:we|i)(?:\s+are|['’]re|\s+am|['’]m)\s+(?:now\s+|also\s+|"
                        r"currently\s+|actively\s+|already\s+)?(?P<verb>[a-z]+ing)\b",
                        re.IGNORECASE)


def states_intent(text: str, data: RuleData) -> bool:
    """Whether the sentence commits to an action: "We will add rate limiting …", "Going
    forward, we will …"; not a counterfactual ("We should have tested …")."""
    pattern = _phrases(tuple(data.item_intents))
    if pattern is None:
        return False
    found = pattern.search(text[:80])
    if found is None:  # "Based on what we saw in …, we will add …": after a long opening
        found = pattern.search(text[:200])
        if found is not None and not text[: found.start()].rstrip().endswith(","):
            found = None
    lead = text[: found.start()] if found is not None else ""
    if found is not None and _opening(lead) \
            and re.match(r"\s*(?:have|been)\b", text[found.end():]) is None:
        return _TO_READERS.match(text[found.end():]) is None
    return under_way(text, data)


def addresses_readers(text: str, data: RuleData) -> bool:
    """Whether the sentence speaks to the readers ("We would like to remind everyone that
    …", "We want to thank …") rather than committing to a change."""
    pattern = _phrases(tuple(data.item_intents))
    found = pattern.search(text[:80]) if pattern is not None else None
    return found is not None and _opening(text[: found.start()]) and \
        _TO_READERS.match(text[found.end():]) is not None


# "We would like to remind everyone …", "We want to thank …": words to the readers.
_TO_READERS = re.compile(r"^\s*(?:also\s+|again\s+)?(?:remind|thank|apologi[sz]e|reiterate|"
                         r"emphasi[sz]e|stress|acknowledge|invite|encourage|welcome|reassure|"
                         r"assure|let\s+(?:you|everyone|our\s+\w+)\s+know|talk|explain|describe|"
                         r"walk|tell|outline|go\s+over|be\s+transparent|provide\s+(?:\w+\s+)?"
                         r"(?:transparency|details|context|an?\s+(?:overview|update|summary))|share\s+"
                         r"(?:what|how|why|more|our|the|details|an?\s+update))\b", re.IGNORECASE)


# "From next month we …", "Starting this quarter we …": when, said before the subject.
_WHEN_OPENING = re.compile(r"(?:from|starting|beginning|as\s+of|going\s+forward|in\s+the\s+"
                           r"future|next|this|by)\b[\w\s-]{0,30}$", re.IGNORECASE)


def _opening(lead: str) -> bool:
    """Whether what comes before the subject leaves the sentence a commitment: nothing,
    an opening ending in a comma ("Based on this, we …") or a time ("From May we …")."""
    stripped = lead.strip(" *_-\"'")
    return not stripped or stripped.endswith(",") or _WHEN_OPENING.fullmatch(stripped) is not None


# "Going forward, we will" alone, over the list that says what: the lead of a list.
_BARE_LEAD = re.compile(r"\b(?:will|shall|['’]ll|must|should|need\s+to|plan\s+to|going\s+to|"
                        r"want\s+to|would\s+like\s+to|intend\s+to)\W*$", re.IGNORECASE)


def commits_in_sentence(text: str, data: RuleData) -> bool:
    """Whether a sentence of a paragraph commits to a change of its own ("Going forward,
    we'll keep a checklist of …"), not only opening the list below ("Going forward, we
    will") nor putting the decision off ("We will discuss …")."""
    return states_intent(text, data) and _BARE_LEAD.search(text) is None and \
        not defers(text, data)


# "In the future we intend to …", "Going forward, I will …", "… so it does not happen
# again": a commitment said to be for the time to come.
_FORWARD = re.compile(r"\b(?:in\s+the\s+future|going\s+forward|moving\s+forward|from\s+now\s+on|"
                      r"next\s+time|to\s+(?:prevent|avoid)|(?:happen|occur|recur)s?\s+again)\b",
                      re.IGNORECASE)


def commits_forward(text: str, data: RuleData) -> bool:
    """Whether a sentence of narrative commits to a change for the time to come ("In the
    future we intend to announce maintenance a week ahead"): an action, wherever it is
    written; a commitment without that ("We will restart the node") may be a step of the
    fix."""
    if text.rstrip(" *_").endswith(":"):
        return False  # "Going forward, we will do the following:": the lead of a list
    return _FORWARD.search(text) is not None and commits_in_sentence(text, data)


def under_way(text: str, data: RuleData) -> bool:
    """Whether the sentence says the authors are doing a change now: "We are building
    tests for …", "Based on this, we're adding a check to …" (an action verb, at the start
    or after an opening that ends in a comma)."""
    found = _UNDER_WAY.search(text[:200])
    if found is None:
        return False
    verb = _verb_of_gerund(found.group("verb").lower(), data)
    if found.group("verb").lower() == "working":
        # "We are working with our provider to set up an alert …": the change it is for
        purpose = _WORKING_TO.match(text, found.end())
        verb = purpose.group("verb").lower() if purpose is not None else None
        verb = verb if (verb in data.action_verbs or verb == "set") and \
            verb not in _FIXING_VERBS else None  # not "… to fix the issue": the response
    # "We are tracking the open items in …", "We are monitoring it", "we are running at
    # half capacity": where the work is followed, or a state, not a change
    return _opening(text[: found.start()]) and verb is not None and \
        verb not in _FOLLOWING_VERBS


_FIXING_VERBS = frozenset(("fix", "patch", "resolve", "restore", "mitigate", "recover",
                           "rollback", "revert", "repair"))
_WORKING_TO = re.compile(r"(?<!\s)\s+(?:(?:with|on|alongside)\s+(?:[^\s.;]+\s+){1,8}?)?to\s+"
                         r"(?P<verb>[a-z]+)\b", re.IGNORECASE)


_FOLLOWING_VERBS = frozenset(("track", "monitor", "follow", "watch", "check", "look",
                              "discuss", "evaluate", "investigate", "consider", "research",
                              "explore", "revisit", "plan", "run", "start", "use"))


# Under an action heading, a sentence that says something will or should change is an
# action, whoever its subject: "The monitoring system should page two people."
_COMMITMENT = re.compile(r"\b(?:will|shall|should|must|needs? to|plans? to|planning to|"
                         r"intends? to|going to|it would be (?:useful|good|nice|better|"
                         r"helpful) to)\s+(?!not\b|have\b|been\b)\w", re.IGNORECASE)
# "We updated the spec file …": work the authors report as done.
# An adverbial may stand between: "We have for several years enabled …", "We have
# since rotated …", "We also recently moved …".
_ADVERBIAL = (r"(?:(?:also|now|then|since|already|just|long|previously|recently|"
              r"meanwhile|subsequently|[a-z]{3,}ly|for\s+(?:several|many|some|a\s+few|"
              r"the\s+past|\d+|two|three|four|five)(?:\s+\w+){1,2}),?\s+)")
_DONE_SENTENCE = re.compile(rf"^(?:(?:and|also|then|finally|lastly|additionally|of\s+course|"
                            rf"in\s+addition|(?:in|over|during|for)\s+the\s+(?:past|last)\s+"
                            rf"(?:[\w-]+\s+){{0,2}}?[\w-]+|as\s+a\s+result(?:\s+of\s+(?:this|the)"
                            rf"\s+[\w-]+)?),?\s+){{0,2}}(?:we|i)(?:\s+have|\s+had|['’]ve|['’]d)?\s+"
                            rf"{_ADVERBIAL}{{0,2}}"
                            r"(?P<verb>[a-z]{3,}ed|set\s+up|built|rebuilt|written|rewritten|"
                            r"put\s+in\s+place)\b", re.IGNORECASE)


def commits(text: str) -> bool:
    return _COMMITMENT.search(text) is not None


def reports_done(text: str) -> bool:
    """Whether the sentence reports an action already taken: "We updated the spec file"."""
    found = _DONE_SENTENCE.match(text.lstrip(" *_-"))
    return found is not None and found.group("verb").lower() not in _NOT_PAST


# What a change already made was for: "… to avoid this in the future", "… so that it
# cannot recur", "from now on …".
_PURPOSE = re.compile(r"\b(?:to\s+(?:avoid|prevent)|in\s+the\s+future|going\s+forward|"
                      r"from\s+now\s+on|next\s+time|(?:happen|occur|recur)s?\s+again|"
                      r"(?:won['’]t|will\s+not|cannot|can['’]t)\s+(?:happen|occur|recur))\b",
                      re.IGNORECASE)
_CHANGE_LINK = re.compile(r"/(?:pull|pulls|merge_requests|commit|commits|compare)/")


def prevents_recurrence(prose: Prose, data: RuleData) -> bool:
    """Whether the sentence reports a change the authors made ("We improved our CI …")
    and says it is there to keep the failure from coming back, or links the change itself
    (a pull request, a commit): a follow-up action already done, not a step of the fix
    nor something noticed ("We realised it would happen again")."""
    found = _DONE_SENTENCE.match(prose.text.lstrip(" *_-"))
    if found is None or found.group("verb").lower() in _NOT_PAST:
        return False
    if any(_CHANGE_LINK.search(href) for _start, _end, href in prose.links):
        return True
    return _PURPOSE.search(prose.text) is not None and \
        _verb_of_past(found.group("verb").lower(), data) is not None


def _verb_of_past(word: str, data: RuleData) -> str | None:
    """The action verb of a past form: "improved" -> improve, "added" -> add, "pinned"
    -> pin, "applied" -> apply; None for one that is not an action ("noticed")."""
    stem = word[:-2]
    return _action_verb((stem, word[:-1], _undoubled(stem),
                         word[:-3] + "y" if word.endswith("ied") else None), data)


# "… we can reduce the risk by following a few rules:", "We will adopt these steps:": a
# sentence in which the authors commit to what the list below it says.
_COMMITTING_LEAD = re.compile(r"\b(?:we|i)\s+(?:will|can|shall|are\s+going\s+to|plan\s+to|"
                              r"intend\s+to|have\s+decided\s+to|are\s+adopting)\b|"
                              r"\bwe['’]ll\b", re.IGNORECASE)


def commits_to_list(text: str) -> bool:
    """Whether a sentence ending in ":" commits the authors to the list below it."""
    lead = _lead_sentence(text)
    return lead is not None and _COMMITTING_LEAD.search(lead) is not None


# "Here are some actions:", "The future plans are to:", "To prevent this from happening
# again, we will:", "Next steps we are taking:": a sentence that names the list below it
# as the work planned, whatever section it stands in.
_PLANS_LEAD = re.compile(
    r"\b(?:(?:here|these|below|the\s+following)\s+are\s+(?:\w+\s+){0,3}?(?:actions?|action\s+"
    r"items|steps|changes|plans|improvements|measures|follow[- ]?ups|fixes|tasks)\b|"
    r"(?:our|the|my)\s+(?:(?:future|long[- ]term|longer[- ]term|follow[- ]?up)\s+plans?|next\s+"
    r"steps|action\s+items|follow[- ]?ups|plans?\s+for\s+the\s+future)\s+"
    r"(?:are|is|will\s+be|include)\b|"
    r"(?:prevent|avoid|in\s+the\s+future|going\s+forward|moving\s+forward|from\s+now\s+on|"
    r"next\s+time|again)\b[^:]{0,80}\b(?:we|i)(?:\s+will|['’]ll|\s+plan\s+to|\s+intend\s+to|"
    r"\s+are\s+going\s+to|['’]re\s+going\s+to|\s+am\s+going\s+to|['’]m\s+going\s+to)\b)",
    re.IGNORECASE)


def names_plans(text: str) -> bool:
    """Whether a sentence ending in ":" names the list below it as planned work ("Here are
    some actions:", "Our future plans are to:", "To prevent this from happening again, we
    will:"): its items are action items wherever the list stands."""
    lead = _lead_sentence(text)
    return lead is not None and _PLANS_LEAD.search(lead) is not None


def _lead_sentence(text: str) -> str | None:
    """The last sentence of a paragraph that ends in ":", the one that introduces the list
    below it; None when the paragraph introduces no list."""
    stripped = text.rstrip(" *_")
    if not stripped.endswith(":"):
        return None
    first, last = _sentences(stripped, 0)[-1]
    return stripped[first:last]


def defers(text: str, data: RuleData) -> bool:
    """Whether the sentence puts the decision off: "We will discuss follow-ups …"."""
    rest = text.lstrip(" *_-")
    intents = _phrases(tuple(data.item_intents))
    found = intents.match(rest) if intents is not None else None
    rest = rest[found.end():].lstrip() if found is not None else rest
    rest = re.sub(r"^(?:also|first|then|now|further|additionally|be)\s+", "", rest,
                  flags=re.IGNORECASE)
    deferrals = _phrases(tuple(data.item_deferrals))
    return deferrals is not None and deferrals.match(rest) is not None


# A sentence ends at . ! or ? followed by a space and a capital ("crates.io" goes on).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z\"'(\[*_])")
# Sentences that do not state an action of their own: a subordinate opening ("To
# understand why…", "If …") or a pronoun that continues the one before ("These will be
# run off-peak").
_NOT_AN_ITEM = re.compile(r"^(?:to|if|when|whenever|because|since|as(?!\s+a\s+result\b)|while|"
                          r"although|though|unless|once|after|before|this|these|that|those|it|"
                          r"you|they|he|she)\b",
                          re.IGNORECASE)
# "Acme has assured us the issue will not recur, and that they will …", "The vendor told
# us it will add …": what another party says it will do, reported to the authors; its
# promise, not one of the authors' action items.
_REPORTED_PROMISE = re.compile(
    r"^(?!(?:we|i|our|my)\b)(?P<who>(?:[\w'’.&-]+\s+){1,5}?)(?:has\s+|have\s+|had\s+)?(?:also\s+|since\s+|"
    r"now\s+|again\s+)?(?:assured|reassured|promised|told|informed|guaranteed|confirmed\s+to|"
    r"committed\s+to|pledged\s+to)\s+(?:us|me)\b", re.IGNORECASE)
# "Acme reached out to us on Tuesday", "Acme contacted us": another party, named as such.
_REACHED_US = re.compile(
    r"^(?!(?:we|i|our|my)\b)(?P<who>(?:[\w'’.&-]+\s+){1,4}?)(?:has\s+|have\s+|had\s+)?(?:also\s+)?"
    r"(?:reached\s+out\s+to|contacted|wrote\s+to|e-?mailed)\s+(?:us|me)\b",
    re.IGNORECASE)


def promising_party(text: str) -> str | None:
    """The party a sentence reports telling the authors what it will do ("Acme has
    assured us that they will fix …" -> "acme"): that party's commitment, not theirs; None
    when the sentence reports no such promise."""
    found = _REPORTED_PROMISE.match(text.lstrip(" *_-\"'"))
    return " ".join(found.group("who").lower().split()) if found is not None else None


def other_party(text: str) -> str | None:
    """The party a sentence names as reaching the authors ("Acme reached out to us …"),
    or reports promising them something: not one of them."""
    found = _REACHED_US.match(text.lstrip(" *_-\"'"))
    return " ".join(found.group("who").lower().split()) if found is not None \
        else promising_party(text)


def _by_party(text: str, parties: set[str]) -> bool:
    """Whether the sentence's subject is one of the other parties ("Acme will …")."""
    words = " ".join(text.lstrip(" *_-\"'").lower().split()) + " "
    return any(words.startswith(party + " ") for party in parties)


def _sentences(text: str, start: int) -> list[tuple[int, int]]:
    out, begin = [], start
    for found in _SENTENCE_END.finditer(text, start):
        out.append((begin, found.start()))
        begin = found.end()
    out.append((begin, len(text)))
    return [(first, last) for first, last in out if text[first:last].strip()]
_LABEL = re.compile(r"^\s*[A-Z][\w ]{0,40}?:\s+")
# "We will publish a detailed write-up on the new instances": a promise of more reading,
# not a change to the system.
_PUBLICATION = re.compile(r"\b(?:will|['’]ll|plan\s+to|going\s+to)\s+(?:also\s+)?(?:release|"
                          r"publish|post|share|write)\s+(?:a|an|our)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:write-?up|blog\s+post|post|article|deep[- ]dive)\b", re.IGNORECASE)


def item_sentences(prose: Prose, data: RuleData, parties: set[str] | None = None
                   ) -> list[tuple[Prose, Prose | None]]:
    """The sentences of a paragraph under an action heading that are action items, each with
    the text after it up to the next item ("… (added in March)", "Filed as #12"): each
    commits to an action ("We will add …", "The alert should page …"), opens with an
    imperative verb ("Add …") or reports one done ("We updated …"). Not what another
    party will do: one the text names reaching the authors or promising them something
    ("Acme reached out to us …", "Acme has assured us …"), in this paragraph or in
    ``parties`` (those named earlier in the section; the set grows with this paragraph's)."""
    text = prose.text
    label = _LABEL.match(text)  # "Action planned: We will …"
    start = label.end() if label is not None else 0
    if label is not None and starts_with_verb(text[:label.end()], data) and \
            not _URL.sub("", text[label.end():]).strip():
        start = 0  # "Update the runbook: https://…": the label is the action, the link its page
    found: list[tuple[int, int]] = []
    parties = set() if parties is None else parties
    for first, last in _sentences(text, start):
        sentence = text[first:last]
        lead = len(sentence) - len(sentence.lstrip())
        words = sentence.strip()
        party = other_party(words)
        if party is not None:
            parties.add(party)
        if len(words.split()) < 3 or defers(words, data) or addresses_readers(words, data) \
                or _PUBLICATION.search(words) is not None or party is not None \
                or _by_party(words, parties) \
                or _NOT_AN_ITEM.match(words.lstrip(" *_-\"'")) is not None:
            continue
        if states_intent(words, data) or starts_with_verb(words, data) or commits(words) \
                or reports_done(words):
            found.append((first + lead, last))
    out = []
    for index, (first, last) in enumerate(found):
        after = found[index + 1][0] if index + 1 < len(found) else len(text)
        tail = prose.slice(last, after) if text[last:after].strip() else None
        out.append((prose.slice(first, last), tail))
    return out


# "All features have a test …", "Every bug fix starts with …", "No change is merged
# without …": a rule in the present tense, for every case from now on.
_RULE = re.compile(r"^\W{0,3}(?:all|every|each|no|any)\s+(?:[\w-]+\s+){1,3}?"
                   r"(?:has|have|is|are|starts?|ends?|gets?|goes|go|needs?|requires?|must|"
                   r"can(?:no|['’])t|may\s+not)\b", re.IGNORECASE)


# "Starting now, every deploy goes …", "From now on we will deploy …", "Effective
# immediately, …": a practice in force from the moment the document is written.
_IN_FORCE = re.compile(r"^\W{0,3}(?:(?:starting|beginning|effective|as\s+of)\s+(?:right\s+)?"
                       r"(?:now|today|immediately|this\s+(?:week|release))|from\s+(?:now|today|"
                       r"this\s+point|here)\s+on(?:wards?)?|henceforth)\b", re.IGNORECASE)


def states_rule(text: str, data: RuleData) -> bool:
    """Whether the item states a rule the team now works to ("All features have a test,
    or they are not merged", "Starting now, every release goes to staging first"), rather
    than a change to make by a date."""
    if _IN_FORCE.match(text) is not None:
        return True
    return not starts_with_verb(text, data) and _RULE.match(text) is not None


def is_bare_link(prose: Prose, data: RuleData | None = None) -> bool:
    """A line that is only a link (or a link's own text) or a ticket key ("#2127"): a
    reference to where the action is described, not an action. With ``data``, a link
    whose own text is the action ("[Migrate the jobs to the new queue](…/issues/12)") is
    an item tracked where it points, not a bare link."""
    if data is not None and prose.links and starts_with_verb(prose.text, data) \
            and long_enough(prose.text, data) and len(prose.text.split()) >= 3:
        return False
    label = _LABEL.match(prose.text)  # "Uptime and alerting issue: https://…"
    if label is not None and len(prose.text[: label.end()].split()) <= 5:
        prose = prose.slice(label.end(), len(prose.text))
    ticket = values.find_ticket(prose.text)
    if ticket is not None and not re.sub(r"[\W_]+", "", prose.text.replace(ticket[0], "")):
        return True
    rest = _URL.sub("", prose.text)
    for start, end, _ in prose.links:
        rest = rest.replace(prose.text[start:end], "", 1)
    return bool(prose.links or _URL.search(prose.text)) and not re.sub(r"[\W_]+", "", rest)


def is_reference(text: str) -> bool:
    """"See …", "More details in …": a pointer to other text, not an action."""
    return _SEE.match(text) is not None


_STATUS_LEAD = re.compile(r"^\W{0,3}(?P<word>todo|to do|done|wip|in progress|won'?t do|open|"
                          r"closed|fixed)\b\W{0,3}(?=\w)", re.IGNORECASE)


def item_heading(heading: Prose, data: RuleData) -> Prose | None:
    """A heading that is an item: it opens with the item's status ("TODO: Rotate the signing
    key", "[DONE] Add a canary"); None for a heading that groups items."""
    found = _STATUS_LEAD.match(heading.text)
    if found is None or len(heading.text[found.end():].split()) < 2:
        return None
    return heading.slice(found.end(), len(heading.text))


def long_enough(text: str, data: RuleData) -> bool:
    """Whether a bullet has words enough to be an action: three, or two that start with a
    verb ("Automate deploys"); "- sequence" or "- to stop" is a fragment."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    return len(words) >= 3 or (len(words) == 2 and starts_with_verb(text, data))


def is_group_label(text: str) -> bool:
    """A short label that groups the items nested below it: "Short term:", "Process"."""
    stripped = text.strip().rstrip(":").strip()
    return text.strip().endswith(":") and 0 < len(stripped.split()) <= 4


# -- status ---------------------------------------------------------------------------------
def status_mark(prose: Prose, data: RuleData) -> Located[ItemStatus] | None:
    """A status written with the item: ✅, "(done)", "[FIXED]", "(in progress)", a trailing
    "Done in …", or a proposal marked as rejected."""
    text = prose.text
    found = _DONE_MARKS.search(text)
    if found is not None:
        return Located(value=ItemStatus.done, span=prose.span(*found.span()))
    found = _PROGRESS_MARKS.search(text)
    if found is not None:
        return Located(value=ItemStatus.in_progress, span=prose.span(*found.span()))
    for found in _BRACKETED_STATUS.finditer(text):
        status = _status_word(found.group("word"), data)
        if status is not None:
            return Located(value=status, span=prose.span(*found.span()))
    found = _TRAILING_DONE.search(text)
    if found is not None:
        return Located(value=ItemStatus.done, span=prose.span(*found.span("word")))
    rejected = _rejection(text, data)
    if rejected is not None:
        return Located(value=ItemStatus.wont_do, span=prose.span(*rejected))
    return None


def _status_word(word: str, data: RuleData) -> ItemStatus | None:
    lowered = word.lower()
    if lowered in ("rejected", "declined", "n/a", "not needed", "not applicable"):
        return ItemStatus.wont_do
    if lowered == "todo":
        return ItemStatus.open
    if lowered == "added":
        return ItemStatus.done
    return values.parse_status(lowered, data)


def _rejection(text: str, data: RuleData) -> tuple[int, int] | None:
    """"Rejected: …", "… (declined)", "we decided not to …": a proposal not taken."""
    pattern = _phrases(tuple(data.item_rejections))
    if pattern is None:
        return None
    for found in pattern.finditer(text):
        before = text[: found.start()].rstrip()
        after = text[found.end():].lstrip()
        at_start = not re.sub(r"[\W_]+", "", before)
        marked = before.endswith(("(", "[", "—", "–", "-", ":")) or after.startswith((":", ")"))
        decided = found.group(0).lower().startswith(("decided", "chose", "opted", "voted"))
        # "… and it was rejected", "the proposal has been declined": reported as not taken
        passive = re.search(r"\b(?:it|this|that|which|the\s+(?:proposal|idea|suggestion|"
                            r"recommendation|option|motion|request))\s+(?:was|has\s+been|"
                            r"got)(?:\s+\w+ly)?$", before, re.IGNORECASE) is not None
        if at_start or marked or decided or passive:
            return found.span()
    return None


_DONE_WORDS = frozenset(("completed", "complete", "done", "finished", "resolved", "fixed",
                        "shipped", "implemented", "closed", "taken"))
_WONT_WORDS = frozenset(("rejected", "declined", "wontfix", "dropped", "abandoned"))
_OPEN_WORDS = frozenset(("todo", "open", "pending", "planned", "remaining", "outstanding"))


def status_from_heading(text: str, data: RuleData) -> ItemStatus | None:
    """"Completed", "Actions (done)", "Won't do", "Open items": the status of the items under a
    heading that says one in its first or last word or in brackets; None otherwise ("What is
    being done about this?" says no status)."""
    bracketed = re.findall(r"[(\[]([^)\]]{1,30})[)\]]", text)
    # the heading's own words, without what it brackets: "Fixes Implemented (PR #834)"
    words = values.normalise_key(re.sub(r"[(\[][^)\]]{1,30}[)\]]", " ", text)).split()
    candidates = [*(values.normalise_key(b) for b in bracketed)]
    if words and len(words) <= 4:
        candidates += [words[0], words[-1]]
    elif words:
        candidates.append(words[0])
    for word in candidates:
        if word in _DONE_WORDS or word in ("already done", "already completed"):
            return ItemStatus.done
        if word in _WONT_WORDS or word.startswith(("won t", "not doing")):
            return ItemStatus.wont_do
        if word in _OPEN_WORDS:
            return ItemStatus.open
    return None


# "The spec file is updated to …", "Blockchain tests were extended": done, in the passive.
_PASSIVE_DONE = re.compile(r"^(?:[\w#.'’-]+\s+){1,4}(?:is|are|was|were|has been|have been)\s+"
                           r"(?:now\s+|also\s+)?(?P<verb>[a-z]{3,}ed)\b")


# "Execution clients implemented a fix …": a subject (not an imperative verb) and a past verb.
_SUBJECT_DONE = re.compile(r"^(?P<first>[\w#.'’-]+)\s+(?:[\w#.'’-]+\s+){0,2}"
                           r"(?P<verb>[a-z]{3,}ed)\s+(?:a|an|the|this|these|our|their|its|"
                           r"new|all|support|changes?|fix(?:es)?)\b")


# A heading that reports a change made, headline style: "Alerts configured", "1) Cron
# cleanup scheduled", "@ana Spreadsheet created to …" (a subject, then its past participle).
_HEADLINE_DONE = re.compile(r"^(?:\d{1,2}[.)]\s+)?(?:@[\w.-]+\s+)?(?P<first>[\w'’-]+)\s+"
                            r"(?:[\w'’-]+\s+){0,2}(?P<verb>[a-z]{3,}ed)\b")


def headline_done(text: str, data: RuleData) -> bool:
    """Whether a heading written as an item reports the change as made: its subject, then a
    past participle ("Alerts configured"), not an instruction ("Add alerts")."""
    found = _HEADLINE_DONE.match(text.strip(" *_-"))
    return found is not None and found.group("verb").lower() not in _NOT_PAST and \
        found.group("first").lower() not in data.action_verbs


# "Two changes are coming …:", "we are implementing several measures …:", "the following
# steps:", "Key changes we will make:", "Here is what we're changing:", "… as follows:": a
# sentence that announces the items listed below it.
_ANNOUNCES = re.compile(r"\b(?:the\s+following|following\s+(?:changes|steps|actions|measures|"
                        r"items)|several|a\s+few|a\s+number\s+of|multiple|some|two|three|four|"
                        r"five|six|\d+|these|key|main|our|next)\s+(?:[\w-]+\s+){0,2}?(?:changes|"
                        r"steps|actions|measures|items|improvements|fixes|safeguards|things|ways|"
                        r"areas)\b|\bthe\s+following\b|^\W*(?:here\s+is|here['’]s|this\s+is|"
                        r"below\s+is)\s+what\b|\b(?:as\s+follows|below)\W*$", re.IGNORECASE)


def announces_items(sentence: str) -> bool:
    """Whether a sentence ending in ":" announces the items listed below it ("Two changes
    are coming that will …:"), rather than being an item whose details follow ("The files
    should move to a production bucket:" over a link to its ticket)."""
    return _ANNOUNCES.search(sentence) is not None


def after_label(text: str) -> str:
    """The item's text after a leading label ("Automated backups: We've enabled …")."""
    label = _LABEL.match(text)
    return text[label.end():] if label is not None else text


def past_tense(text: str, data: RuleData | None = None) -> bool:
    """Whether the item reports work already done: "Added monitoring for …", "The spec
    file is updated to …", "Clients implemented a fix …" (with ``data``, to tell a subject
    from an imperative verb)."""
    stripped = text.lstrip(" *_-")
    first = stripped.split(maxsplit=1)[0].lower() if stripped.strip() else ""
    if data is not None and first in data.blame.irregular_past:
        return True  # "Sent the notice to …", "Wrote the runbook …"
    found = _PAST_TENSE.match(stripped) or _PASSIVE_DONE.match(stripped)
    if found is None and data is not None:
        found = _SUBJECT_DONE.match(stripped)
        if found is not None and found.group("first").lower() in data.action_verbs:
            found = None
    return found is not None and found.group("verb").lower() not in _NOT_PAST


# -- owner and priority written before the action -------------------------------------------
def _is_name(name: str, data: RuleData) -> bool:
    norm = values.normalise_key(name)
    if not norm or norm in _NOT_NAMES or norm in data.action_verbs:
        return False
    if values.parse_status(norm, data) is not None or norm in data.priorities:
        return False
    if values.parse_action_type(norm, data) is not None:
        return False
    if values.find_ticket(name) is not None or re.fullmatch(r"[\d\s.:-]+", name):
        return False
    # "(see Root cause)", "(Resolution)": a pointer to a section of the document
    return not any(norm in labels for labels in data.columns.values()) and \
        not any(norm in labels for labels in data.fields.values()) and \
        not any(norm in phrases for phrases in data.sections.values())


LABEL_OWNER = "label"  # the raw text of an owner read from a leading "Name:" label


def label_owners_kept(items: list[ActionItem]) -> set[str]:
    """Which leading "Name:" labels are owners: a name that other items name as owner too
    ("Hypha: …", "Hypha + ICL: …"), or that reads as a team ("ICL:", "Ops + Dev:"). A
    one-off "Diagnosis:" is a label."""
    counts: dict[str, int] = {}
    for item in items:
        if item.owner is not None:
            for name in re.split(r"[+&/,]|\band\b", item.owner.value):
                counts[name.strip()] = counts.get(name.strip(), 0) + 1
    return {item.owner.value for item in items
            if item.owner is not None and item.owner.raw == LABEL_OWNER and
            (counts.get(item.owner.value, 0) >= 2 or item.owner.value.isupper()
             or re.search(r"[+&/,]| and ", item.owner.value))}


def lead_owner(prose: Prose, data: RuleData) -> Located[str] | None:
    """An owner written before the action ("[ICL] …", "Hypha: …", "ICL to …") or as a name in
    brackets at its end ("… (Ana Lima)")."""
    text = prose.text
    found = _LEAD_BRACKET.match(text)
    if found is not None and _is_name(found.group("name"), data):
        return Located(value=found.group("name").strip(), span=prose.span(*found.span("name")))
    found = _LEAD_LABEL.match(text)
    if found is not None and _is_name(found.group("name"), data):
        return Located(value=found.group("name").strip(), span=prose.span(*found.span("name")),
                       raw=LABEL_OWNER)
    found = _LEAD_SUBJECT.match(text)
    if found is not None and _is_name(found.group("name"), data):
        return Located(value=found.group("name"), span=prose.span(*found.span("name")))
    found = _LEAD_TEAM.match(text)
    if found is not None and _is_name(found.group("name"), data) and \
            found.group("verb") in data.action_verbs:
        return Located(value=found.group("name"), span=prose.span(*found.span("name")))
    found = _TEAM_SUBJECT.search(text)
    if found is not None:
        return Located(value=found.group("name"), span=prose.span(*found.span("name")))
    found = _TRAILING_NAME.search(text)
    if found is not None and _is_name(found.group("name"), data) and \
            len(text[: found.start()].split()) >= 3:
        return Located(value=found.group("name"), span=prose.span(*found.span("name")))
    return None


def lead_priority(prose: Prose, data: RuleData) -> Located[Priority] | None:
    """A priority written before the action ("HIGH Include …", "Critical – Rotate …",
    "[High] …") or in brackets ("(high)")."""
    text = prose.text
    found = _LEAD_PRIORITY.match(text)
    if found is not None:
        word = found.group("word")
        marked = bool(found.group("sep").strip()) or text.startswith(("[", "("))
        if word.lower() in data.priorities and (marked or (word.isupper() and len(word) > 2)):
            priority = values.parse_priority(word, data)
            if priority is not None:
                return Located(value=priority, span=prose.span(*found.span("word")))
    found = _BRACKETED_PRIORITY.search(text)
    if found is not None:
        priority = values.parse_priority(found.group("word"), data)
        if priority is not None:
            return Located(value=priority, span=prose.span(*found.span()))
    return None


# -- the action's own words -----------------------------------------------------------------
def offset_in(prose: Prose, span: Span) -> int | None:
    """Offset in ``prose.text`` of where ``span`` starts, or None when it lies elsewhere."""
    for index, (start, line, column) in enumerate(prose.runs):
        end = prose.runs[index + 1][0] if index + 1 < len(prose.runs) else len(prose.text)
        if line == span.line and column <= span.column < column + (end - start):
            return start + span.column - column
    return None


def _field_ranges(item: ActionItem) -> list[tuple[int, int]]:
    ranges = []
    for located in (item.owner, item.due, item.due_unparsed, item.priority, item.status,
                    item.type, item.ticket):
        if located is None or located.span.end_line != located.span.line:
            continue
        offset = offset_in(item.description, located.span)
        if offset is not None:
            ranges.append((offset, offset + located.span.end_column - located.span.column))
    return sorted(ranges)


def _only_fields(text: str, ranges: list[tuple[int, int]], start: int) -> bool:
    """Whether ``text[start:]`` holds nothing but fields, separators and field labels."""
    rest = list(text[start:])
    for first, last in ranges:
        for index in range(max(first, start), min(last, len(text))):
            rest[index - start] = " "
    words = re.findall(r"[A-Za-z]+", "".join(rest))
    return all(word.lower() in _LABELS or len(word) <= 2 for word in words)


def _after_separator(text: str) -> bool:
    """Whether ``text`` (what comes before a field) ends with a separator: "Fix X — owner:"."""
    before = text.rstrip(" :=")
    last = before.rsplit(None, 1)[-1] if before.split() else ""
    if last.lower().strip("*_") in _LABELS:
        before = before[: len(before) - len(last)].rstrip()
    return before.endswith(tuple(_SEPARATORS)) or before.endswith("**")


def item_words(item: ActionItem) -> Prose:
    """The description without what is written around the action: a leading status, owner
    or priority ("Done — ", "[ICL] ", "HIGH ") and a trailing list of fields
    (" — owner: Ana, due 2026-03-09, P1, OPS-12"). A ticket-like id inside the sentence
    ("Patch CVE-2022-1234 in repo-a") is part of the action and stays."""
    description = item.description
    text = description.text
    ranges = _field_ranges(item)
    ticket = _field_ranges(item.model_copy(update={
        "owner": None, "due": None, "due_unparsed": None, "priority": None, "status": None,
        "type": None}))
    start = 0
    for first, last in ranges:
        subject = (first, last) in ticket and re.match(r"\s*\w", text[last:]) is not None
        if not text[start:first].strip(_EDGE) and not subject:  # "#12: Fix …", not "EIP-1 is …"
            start = max(start, last)
    cut = len(text)
    for first, _ in ranges:
        if first <= start:
            continue
        if _after_separator(text[start:first]) or _only_fields(text, ranges, first):
            cut = min(cut, first)
            break
    words = text[start:cut].rstrip(_EDGE)
    last_word = words.rsplit(None, 1)[-1] if words.split() else ""
    if last_word.lower().strip("*_") in _LABELS:
        words = words[: len(words) - len(last_word)].rstrip(_EDGE)
    cut = start + len(words)
    while start < cut and text[start] in _EDGE:
        start += 1
    if start > 0:  # "ICL to build …", "Hypha will run …": the action starts at the verb
        lead = re.match(r"(?:to|will|should|must|needs? to)\s+", text[start:cut])
        start += lead.end() if lead else 0
    if start >= cut:
        return description
    return description.slice(start, cut)


# -- what a list is, from the sentence that introduces it -----------------------------------
# "The following action items are already completed:", "Done so far:": the list below is done.
_DONE_LEAD = re.compile(
    r"\b(?:already\s+(?:been\s+)?(?:done|completed?|implemented|fixed|resolved|shipped|"
    r"finished|in place|taken)|(?:have|has)\s+(?:already\s+)?been\s+(?:done|completed|"
    r"implemented|fixed|resolved|shipped|finished|taken)|(?:done|completed|finished|"
    r"implemented)\s+so\s+far)\b[^:]{0,40}:\s*$", re.IGNORECASE)
# "… by doing one of:", "Either:", "Options:": the bullets below are alternatives for one
# change, not items of their own.
_OPTIONS_LEAD = re.compile(
    r"(?:\b(?:one|any|either|some)\s+of(?:\s+the(?:se)?)?(?:\s+following)?"
    r"(?:\s+(?:options|alternatives|approaches|ways))?|\beither|\b(?:possible\s+)?"
    r"(?:options|alternatives|approaches)(?:\s+(?:are|include|would be))?)\s*:\s*$",
    re.IGNORECASE)


# "Action items fall under three types. Types:", "Priorities are defined as:", "Item kinds
# used below:": the list below explains the terms the items use (Prevent - …, P0 - …), it
# holds no items.
_LEGEND_LEAD = re.compile(
    r"(?:\b(?:types|kinds|categories|priorities|priority\s+levels|levels|legend|key|definitions|"
    r"glossary)(?:\s+(?:(?:we\s+)?use[sd]?|below|above|here|in\s+(?:the|this)\s+(?:table|list|"
    r"document|section)|of\s+(?:the\s+)?(?:action\s+)?items|as\s+follows)){0,3}|\b(?:are|is)\s+defined\s+as|\bmean|\bstand\s+for|\b(?:have|has|get|gets|"
    r"carry|carries|be\s+given)\s+(?:an?\s+|one\s+|assigned\s+|an\s+assigned\s+)?"
    r"(?:priority|type|category))\s*:\s*$", re.IGNORECASE)


def list_lead(text: str) -> str | None:
    """What a sentence ending in ":" says of the list it introduces: "done" ("The following
    items are already completed:"), "options" ("… by doing one of:"), "legend" ("Types:",
    "The priorities mean:"), else None."""
    stripped = text.rstrip(" *_")
    if not stripped.endswith(":"):
        return None
    last = stripped.rsplit("\n", 1)[-1]
    if _LEGEND_LEAD.search(last) is not None:
        return "legend"
    if _OPTIONS_LEAD.search(last) is not None:
        return "options"
    if _DONE_LEAD.search(last) is not None:
        return "done"
    return None


def last_sentence(prose: Prose) -> Prose:
    """The paragraph's last sentence: the one that introduces the list below it."""
    first, last = _sentences(prose.text, 0)[-1]
    return prose.slice(first, last).strip()


# "Add these to the docs …", "Both are tracked in …", "the above": a sentence about the
# items of its group as a whole, whose tracker link is theirs.
_COLLECTIVE = re.compile(r"\b(?:these|those|them|both|all\s+of|each\s+of|the\s+above|"
                         r"above\s+items|(?:are|is|being)\s+tracked|tracking|tracked\s+(?:in|"
                         r"at|by|under))\b", re.IGNORECASE)


def speaks_of_group(text: str) -> bool:
    """Whether a sentence speaks of the items of its group together ("Add these to the
    documentation, see #12", "All of them are tracked in OPS-4")."""
    return _COLLECTIVE.search(text) is not None


def horizon(heading: Prose, data: RuleData) -> Located[str] | None:
    """A horizon a group heading or label names ("Short-term improvements", "Immediate
    actions (done)", "Long term:"): when its items are to be done."""
    pattern = _phrases(tuple(data.item_horizons))
    if pattern is None:
        return None
    text = re.sub(r"[-_]", " ", heading.text)  # "Short-term" as "short term", same length
    found = pattern.search(text)
    if found is None:
        return None
    return Located(value=found.group(0).lower(), span=heading.span(*found.span()))


_DOC_WORK_VERB = re.compile(
    r"^\W{0,3}(?:write|writing|draft|drafting|finish|finishing|complete|completing|finali[sz]e|"
    r"publish|publishing|prepare|preparing|share|post|hold|holding|schedule|run|conduct|have|"
    r"organi[sz]e|do|create)\s++(?:up\s++)?(?:(?:an?|the|this|our)\s++)?(?:(?:internal|public|"
    r"blameless|formal|short|full)\s++)?", re.IGNORECASE)
_DOC_WORK_REST = re.compile(
    r"^(?:\s++(?:about|of|for|on|into|covering)\s++(?:the|this)\s++(?:incident|outage|event|"
    r"issue)\b)?+(?:,?+\s++(?:to|and)\s++learn\b.*+)?+[\s.!,;:]*+$", re.IGNORECASE | re.DOTALL)


def about_document(text: str, data: RuleData) -> bool:
    """Whether the item is the postmortem's own process: "write an incident report", "hold
    an internal retrospective about the incident to learn from it" (this document and its
    review), not "write a runbook for …" or "review the incident report template"."""
    pattern = _phrases(tuple(data.document_work))
    verb = _DOC_WORK_VERB.match(_URL.sub("", text))
    if pattern is None or verb is None:
        return False
    rest = _URL.sub("", text)[verb.end():]
    found = pattern.match(rest)
    return found is not None and _DOC_WORK_REST.match(rest[found.end():]) is not None


# -- changes stated in prose, outside any action list ----------------------------------------
# The subject of a change the authors report: "we", "I", after an opening that ends in a
# comma ("As a result of this incident, I've …").
_SUBJECT = (r"(?:^|^[^.;]{0,80}?,\s+|^(?:next|this|from|starting|by|over|within|in)\s+"
            r"[\w\s-]{0,30}?\s+|\band\s+)(?:we|i)")
# "We've patched the service and added extra checks", "I also installed …": done.
_CHANGED = re.compile(rf"{_SUBJECT}(?:\s+have|['’]ve)?\s+{_ADVERBIAL}{{0,2}}"
                      r"(?P<verb>[a-z]{3,}ed|set|put|built|made|wrote|split)\b(?P<rest>.*)$",
                      re.IGNORECASE)
_IRREGULAR = {"set": "set", "put": "set", "built": "build", "made": "make", "wrote": "write",
              "split": "split"}
_AND_CHANGED = re.compile(r"\band\s+(?:also\s+)?(?P<verb>[a-z]{3,}ed)\b", re.IGNORECASE)
# "The images were pinned …", "Alerting has now been added …": done, in the passive.
_CHANGED_PASSIVE = re.compile(r"^(?!(?:once|when|after|before|if|as|since|until|because|"
                              r"while|although|though)\b)(?:[\w#.'’`/-]+\s+){1,5}(?:was|were|has\s+been|have\s+been|"
                              r"is\s+now|are\s+now)\s+(?:now\s+|also\s+|since\s+)?"
                              r"(?P<verb>[a-z]{3,}ed)\b", re.IGNORECASE)
# What makes a change reported as made a lasting one, not a step of the fix: it is there
# from now on or to keep the failure away, or it adds what finds the failure sooner.
_LASTING = re.compile(r"\b(?:now|no\s+longer|from\s+now\s+on|going\s+forward|in\s+the\s+"
                      r"future|to\s+(?:avoid|prevent)|(?:happen|occur|recur)s?\s+again|(?:cannot|can['’]t|won['’]t|will\s+not|never)\s+"
                      r"(?:\w+\s+){1,3}again|(?:as\s+a\s+"
                      r"(?:direct\s+)?result|because|in\s+response|since|after)\s+(?:of\s+)?"
                      r"th(?:is|e)\s+(?:incident|outage|event|breach|attack)|additional|extra|"
                      r"monitoring|monitors|alert(?:s|ing)?|notifications?|tests?|tool(?:s|ing)|checks|"
                      r"safeguards?|guardrails?|scanners?|dashboards?|runbooks?|playbooks?|"
                      r"documentation)\b",
                      re.IGNORECASE)
# "We have taken steps to …", "we put safeguards in place", "we have made improvements to
# …": a change named as such.
_TOOK_STEPS = re.compile(rf"{_SUBJECT}(?:\s+have|['’]ve)?\s+(?:also\s+|already\s+|since\s+)?"
                         r"(?:taken|took)\s+(?:(?:further|several|additional|immediate|the\s+"
                         r"following)\s+)?(?:steps|action|measures)\b|"
                         rf"{_SUBJECT}(?:\s+have|['’]ve)?\s+(?:\w+ly\s+)?put\s+(?:\w+\s+){{0,3}}"
                         r"(?:measures|safeguards|controls|checks|changes)\s+in\s+place\b|"
                         rf"{_SUBJECT}\s+no\s+longer\s+[a-z]+|"
                         rf"{_SUBJECT}(?:\s+have|['’]ve)?\s+(?:also\s+|since\s+)?made\s+"
                         r"(?:[\w-]+\s+){0,3}?(?:improvements|changes)\s+to\b", re.IGNORECASE)
# "We will add …", "we're going to move …", "we plan to migrate …": planned.
_WILL_CHANGE = re.compile(rf"{_SUBJECT}(?:\s+will|['’]ll|\s+are\s+going\s+to|['’]re\s+going\s+"
                          r"to|\s+plan\s+to|\s+intend\s+to|\s+are\s+planning\s+to|['’]re\s+"
                          r"planning\s+to)\s+(?:also\s+|now\s+|soon\s+|be\s+)?(?P<verb>[a-z]+)"
                          r"\b(?P<rest>.*)$", re.IGNORECASE)
# "We are now using a hosted probe": a change in how things are done from now on.
_NOW_USING = re.compile(rf"{_SUBJECT}(?:\s+are|['’]re)\s+now\s+using\b", re.IGNORECASE)
# Verbs that follow the work or tell people about it rather than change anything.
_NOT_CHANGES = _FOLLOWING_VERBS | {"share", "hold", "find", "gather", "review"}
# "… update you", "… update this post": telling the readers, not changing the system.
_TELLING = re.compile(r"^\s*(?:you|everyone|our\s+users|users|customers|this\s+\w+|the\s+"
                      r"(?:status|post|page|entry|report|incident))\b", re.IGNORECASE)


def states_change(text: str, data: RuleData) -> bool:
    """Whether a sentence of narrative reports a lasting change the authors made, are making
    or will make: "As a result, we have pinned the base image and added a depth alert",
    "We are now using a hosted probe", "We are reviewing quotes from a second provider",
    "We will move the backups to another region". Not a step of the fix ("We restarted
    the database"), following the work ("We will continue to monitor") nor telling the
    readers ("We'll update you when we know more")."""
    stripped = text.strip().lstrip(" *_-")
    if defers(stripped, data):
        return False
    if _NOW_USING.search(stripped) or _TOOK_STEPS.search(stripped) or \
            under_way(stripped, data):
        return True
    found = _WILL_CHANGE.search(stripped)
    if found is not None:
        verb = found.group("verb").lower()
        return verb in data.action_verbs and verb not in _NOT_CHANGES and \
            _TELLING.match(found.group("rest")) is None
    found = _CHANGED.search(stripped) or _CHANGED_PASSIVE.match(stripped)
    if found is None or _LASTING.search(stripped) is None:
        return False
    verbs = [found.group("verb"), *(more.group("verb") for more in
                                    _AND_CHANGED.finditer(stripped, found.end("verb")))]
    return any((_IRREGULAR.get(verb.lower()) or _verb_of_past(verb.lower(), data))
               not in (None, *_NOT_CHANGES) for verb in verbs)


# "We're doing a full security sweep", "We are working with outside specialists to
# investigate …": work the authors say goes on, whatever its verb.
_ONGOING = re.compile(r"\b(?:we|i)(?:\s+are|['’]re|\s+am|['’]m)\s+(?:now\s+|also\s+|currently\s+|"
                      r"still\s+|actively\s+)?(?:doing|working|conducting|running|performing|"
                      r"reviewing|investigating|auditing|continuing|planning|evaluating|"
                      r"exploring|considering|preparing|undertaking|carrying\s+out)\b",
                      re.IGNORECASE)


def work_ongoing(text: str) -> bool:
    """Whether a sentence says work goes on ("We're doing a full sweep of our services")."""
    return _ONGOING.search(text) is not None


def change_made(text: str, data: RuleData) -> bool:
    """Whether a change stated in the narrative is reported as made ("We've added alerts
    for …", "Affected accounts were frozen", "We are now using a hosted probe"), not planned
    nor under way ("We will move …", "We are building …")."""
    stripped = text.strip().lstrip(" *_-")
    if _WILL_CHANGE.search(stripped) or under_way(stripped, data) or commits(stripped):
        return False
    return bool(_NOW_USING.search(stripped) or _TOOK_STEPS.search(stripped)
                or _CHANGED.search(stripped) or _CHANGED_PASSIVE.match(stripped)
                or past_tense(stripped, data))


# "The changes we made since:", "We have put these safeguards in place:", "Changes
# we have made since:", "What we are changing to prevent a repeat in the future:": a
# sentence that names the list below it as changes made or planned.
_CHANGES_LEAD = re.compile(
    r"(?:\b(?:actions?|measures|steps|changes|improvements|safeguards|mitigations)\b[^:.]{0,60}"
    r"\b(?:taken|took|put\s+in\s+place|made|implemented|introduced|planned|adopted|are\s+"
    r"taking|will\s+take)\b|\b(?:put|taken|took|made|implemented|introduced|planned)\s+(?:\w+"
    r"\s+){0,3}?(?:actions?|measures|steps|changes|improvements|safeguards)\b|"
    # "the two things I'll be changing … to prevent this in the future:"
    r"\b(?:chang(?:e|es|ing)|improv(?:e|es|ing|ements?))\b(?:[^:.]|\.(?!\s)){0,80}\b(?:to\s+(?:prevent|"
    r"avoid)|in\s+the\s+future|going\s+forward)\b)[^:]{0,40}:\s*$",
    re.IGNORECASE)
# "… the steps we took to restore service:": the fix, not a change for later.
_RESTORING = re.compile(r"\b(?:restore|restoring|recover|recovering|resolve|resolving|mitigate|"
                        r"bring\s+back|get\s+\w+\s+back|fix\s+the\s+(?:issue|outage|incident))\b",
                        re.IGNORECASE)


def names_changes(text: str) -> bool:
    """Whether a sentence ending in ":" names the list below it as the changes made or
    planned ("The changes we made since:", "We put these safeguards in place:"), not as
    the steps of the fix ("The steps we took to restore service:")."""
    sentence = _lead_sentence(text)
    return sentence is not None and _CHANGES_LEAD.search(sentence) is not None and \
        _RESTORING.search(sentence) is None


# "We immediately put measures in place:", "The steps we took:", "Changes we have made
# since:": the list below is of changes already made.
_MADE_LEAD = re.compile(r"\b(?:(?:have|has|had|we|i|and)\s+"
                        r"(?:\w+ly\s+|also\s+|already\s+|since\s+)?"
                        r"(?:put|taken|took|made|implemented|introduced|adopted|applied|"
                        r"deployed|rolled\s+out|shipped)|already\s+(?:in\s+place|done|made|"
                        r"implemented))\b", re.IGNORECASE)


def names_changes_made(text: str) -> bool:
    """Whether a sentence that names the list below it as changes says they are made ("We
    immediately put measures in place:"), not planned ("We will take these steps:")."""
    sentence = _lead_sentence(text)
    return names_changes(text) and sentence is not None and \
        _MADE_LEAD.search(sentence) is not None and not commits(sentence)


# "the work is tracked in [issue 12](…)", "see the tracking issue", "tracked in
# OPS-4": the work is followed in the tracker.
_TRACKS = re.compile(r"\btrack(?:s|ed|ing)\b", re.IGNORECASE)
_THE_INCIDENT = re.compile(r"\b(?:incident|outage|event|postmortem|post-mortem|report)\b",
                           re.IGNORECASE)


def tracks_work(sentence: Prose) -> bool:
    """Whether a sentence points to where a piece of work is tracked: it speaks of
    tracking and links an issue ("the work is tracked in [issue 12](…)") or names
    its key ("tracked in OPS-4")."""
    if _TRACKS.search(sentence.text) is None or _THE_INCIDENT.search(sentence.text):
        return False  # "This incident was tracked in #2080": the incident, not the work
    return any(values.find_tracker(href) is not None for _start, _end, href in sentence.links) \
        or values.find_tracker(sentence.text) is not None


def stated_changes(prose: Prose, data: RuleData) -> list[Prose]:
    """The sentences of a paragraph or list item that report a lasting change (see
    ``states_change``) or point to where such work is tracked (``tracks_work``), after any
    label that opens it ("Monitoring: we have added …")."""
    label = _LABEL.match(prose.text)
    start = label.end() if label is not None else 0
    sentences = [prose.slice(first, last) for first, last in _sentences(prose.text, start)]
    return [sentence.strip() for sentence in sentences
            if states_change(sentence.text, data) or tracks_work(sentence)]


# -- fixes reported as shipped -----------------------------------------------------------------
# "The bug was patched in PR #7821", "has been fixed as of [commit](…/pull/303)", "We
# shipped the fix in v2.4.1": a fix that landed, named by where it landed.
_FIX_DONE = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been|is\s+now|are\s+now)\s+(?:now\s+|also\s+|"
    r"since\s+|already\s+|fully\s+)?(?:patched|fixed|resolved|addressed|corrected|hardened|merged|"
    r"shipped|released|backported)\b|"
    r"\b(?:we|i)\s+(?:have\s+|had\s+|['’]ve\s+)?(?:also\s+|already\s+|since\s+|now\s+)?"
    r"(?:patched|fixed|shipped|released|merged|backported)\b", re.IGNORECASE)
_LANDED_IN = re.compile(r"^[^.;]{0,40}?\b(?:in|via|with|by|as\s+of|since|through)\s+(?:the\s+)?"
                        r"(?:(?:PR|pull\s+request|MR|merge\s+request|commit|version|release|patch"
                        r"\s+release)\b|v?\d+\.\d+|#\d+)", re.IGNORECASE)
_CONDITION = re.compile(r"^\W{0,3}(?:if|when|whenever|once|unless|until|before|after)\b",
                        re.IGNORECASE)


def fixes_shipped(prose: Prose) -> list[Prose]:
    """The sentences that report a fix or change as landed and say where: a version, a
    release, a pull request or commit named or linked ("This bug was patched in PR #7821",
    "Both have been fixed in v0.17.2.3"). The work is done: a follow-up action closed."""
    out = []
    for first, last in _sentences(prose.text, 0):
        sentence = prose.slice(first, last).strip()
        found = _FIX_DONE.search(sentence.text)
        if found is None or _CONDITION.match(sentence.text) is not None:
            continue
        linked = any(start >= found.start() and _CHANGE_LINK.search(href)
                     for start, _end, href in sentence.links)
        if linked or _LANDED_IN.match(sentence.text[found.end():]) is not None:
            out.append(sentence)
    return out


# "- Retry on 429 (shipped in 2.4.1)", "Fixed in #812": an item that says where it landed.
_LANDED = re.compile(r"\b(?:shipped|released|landed|fixed|merged|patched|available|deployed|"
                     r"included)\s+(?:in|with|since|as\s+of)\s+(?:the\s+)?(?:version|release|PR|"
                     r"pull\s+request|v?\d+\.\d+|#\d+)", re.IGNORECASE)
_NOT_YET = re.compile(r"\b(?:will|to|should|must|can|could|would|not|once|when|if)\s+(?:be\s+|"
                      r"been\s+|get\s+)?$", re.IGNORECASE)


def landed(text: str) -> bool:
    """Whether an action item says it already shipped in a named release or change
    ("Retry on 429, shipped in 2.4.1"), not that it will ("to be released in 2.5")."""
    found = _LANDED.search(text)
    return found is not None and _NOT_YET.search(text[:found.start()]) is None


# "These changes have been available since version 1.0.0.beta.6", "All of the above
# shipped in release 2.3": the items above it are done. An exception said first ("Except
# for the third fix, …") is work still open.
_SHIPPED_ALL = re.compile(
    r"^\W{0,3}(?:(?P<exception>(?:except\s+(?:for\s+)?|apart\s+from\s+|other\s+than\s+|with\s+"
    r"the\s+exception\s+of\s+)[^,]{3,80}),\s*)?(?:all\s+(?:of\s+)?)?"
    r"(?:these|those|the\s+above|both|the\s+(?:above\s+)?(?:changes|fixes))\s*(?:changes|fixes|"
    r"improvements|items|measures)?\s+(?:have\s+been|has\s+been|were|are|is|all)?\s*(?:now\s+|"
    r"already\s+)?(?:available|released|shipped|included|live|deployed|out|part\s+of)\b[^.]{0,40}?"
    r"\b(?:since|in|with|as\s+of|as\s+part\s+of|from)\s+(?:the\s+)?(?:version|release|v?\d)",
    re.IGNORECASE)


def shipped_above(prose: Prose) -> tuple[Prose, Prose | None] | None:
    """A sentence saying the changes above it shipped in a release, with the exception it
    names first ("Except for the solution to the third issue"), if any."""
    for first, last in _sentences(prose.text, 0):
        sentence = prose.slice(first, last).strip()
        found = _SHIPPED_ALL.match(sentence.text)
        if found is not None:
            exception = sentence.slice(*found.span("exception")) \
                if found.group("exception") else None
            return sentence, exception
    return None


# -- a due date written in words ------------------------------------------------------------
_PERIOD = r"(?:days?|weeks?|months?|quarters?|years?|sprints?|business\s+days?)"
_RELATIVE_DUE = re.compile(
    r"\b(?:(?:by|before|until|at)\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:(?:this|next|the)\s+)?"
    r"(?:day|week|month|quarter|year|sprint|Q[1-4])\b|"
    r"(?:by|before|in|within|during|over)\s+the\s+(?:next|coming|following)\s+(?:\w+\s+)?"
    rf"{_PERIOD}|within\s+(?:a|an|one|two|three|four|five|six|\d+|a\s+few|a\s+couple\s+of)\s+"
    rf"{_PERIOD}|(?:next|this|the\s+coming)\s+(?:week|month|quarter|sprint)\b|"
    r"(?:by|in|before|during)\s+Q[1-4](?:\s+\d{4})?\b|"
    r"(?:by|before|on)\s+(?:next\s+)?(?:monday|tuesday|wednesday|thursday|friday)\b)",
    re.IGNORECASE)


def due_in_words(prose: Prose) -> Located[str] | None:
    """When the item is to be done, written in words rather than as a date: "by the end of
    the quarter", "within two weeks", "next month at the latest", "in the next sprint"."""
    found = _RELATIVE_DUE.search(prose.text)
    if found is None:
        return None
    return Located(value=found.group(0), span=prose.span(*found.span()))


# "No further actions are needed.", "No other follow-up work is required": the authors decided
# that nothing more is to be done. Not "no action is required from customers" (advice to
# readers) nor "no action was taken" (what happened).
_DECLINED = re.compile(r"\bno\s+(?:further|other|additional|more)\s+(?:follow[- ]?up\s+)?"
                       r"(?:actions?|action\s+items?|work|steps|changes)\s+(?:is\s+|are\s+)?"
                       r"(?:needed|required|necessary|planned)\b(?!\s+(?:from|by|of|for|on)\b)",
                       re.IGNORECASE)


def declines_actions(prose: Prose) -> tuple[int, int] | None:
    """Where a paragraph says that no further action is needed, or None."""
    found = _DECLINED.search(prose.text)
    return (found.start(), found.end()) if found is not None else None
