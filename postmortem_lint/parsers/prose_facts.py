"""Facts a postmortem states in its sentences rather than in fields: the impact, how much of
it there was, and the root cause ("The root cause was …", "This is due to …").

Words come from rule data (``impact_units``, ``impact_totals``, ``impact_cues``,
``sla_terms``); the patterns here only find numbers, whole words and sentence bounds.
Each finder returns offsets into the text it was given, so the caller keeps the span.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from postmortem_lint.parsers.times import find_date
from postmortem_lint.phrases import find_phrases

# A number as impact is written: 412000, 18,430, 1.21 million, 3.1M, 40k.
_NUMBER = re.compile(
    r"(?<![\w.:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(?:[kKmM]\b|million|billion|thousand))?"
    r"(?![\d:/-]|\.\d|st\b|nd\b|rd\b|th\b)")
_TIME_UNIT = re.compile(r"(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|"
                        r"weeks?|months?|years?)\b", re.IGNORECASE)
_MAX_TRIED = 200  # numbers (or whole-words) tried per text: a log pasted as prose stays cheap
_WORDS_AFTER = 4  # "18,430 payment authorization requests failed"
_OBJECTIVE_MIN_PERCENT = 90.0  # "99.9% availability" is an objective, not what was hit
_OBJECTIVE_WORDS_AFTER = 7  # "41% of the monthly error budget"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(“‘`*_\[])|\n\s*\n")

# A sentence that states the cause outright. Not "the root cause is still unknown".
_UNKNOWN = (r"(?![^.]{0,30}\b(?:unknown|unclear|tbd|to be determined|under investigation|"
            r"being investigated|not (?:yet )?(?:known|clear|determined|identified|found)))"
            # "until the underlying issue is resolved", "before the direct cause was determined"
            r"(?! (?:determined|identified|found|confirmed|known|validated|discovered|resolved|"
            r"fixed|addressed|mitigated|understood|investigated|being|still)\b)")
_CAUSE_PATTERNS = (
    # "The root cause was …", "The underlying issue is …", "the main reason for the outage was"
    r"\b(?:the|a|our|its|one|their) (?:(?:real|actual|ultimate|technical|main|primary|"
    r"immediate|direct|underlying|root|proximate) )+(?:cause|causes|issue|problem|reason|"
    r"culprit|bug|fault)(?: (?:of|for|behind|why) [^.]{1,80}?)? (?:was|were|is|are|"
    r"turned out to be|appears to be|seems to be|has been|lies|lay|boiled down to|came down to)"
    + _UNKNOWN,
    # "we identified the root cause as …", "we traced the problem to …"
    r"\b(?:we|they|engineers|the team|investigation) (?:have |had )?(?:identified|determined|"
    r"found|traced|tracked|narrowed|pinned)(?: down)? (?:the )?(?:root )?(?:cause|issue|"
    r"problem|outage|failure|fault|bug)s?(?: (?:down|back))? (?:as|to|was|in)\b",
    # "This is due to …", "The outage was caused by …", "It was the result of …"
    r"\b(?:this|that|it|which|the (?:outage|incident|issue|problem|failure|error|errors|"
    r"downtime|bug|crash|crashes|degradation|breakage|disruption|delay|delays|slowdown|"
    r"breach|vulnerability|leak|loss)) (?:was|is|were|are|has been|had been) "
    r"(?:(?:ultimately|primarily|mainly|largely|partly|directly|actually|likely|probably) )?"
    r"(?:caused by|due to|the result of|a result of|triggered by|rooted in|a consequence of)\b",
    # "The problem was that …", "the cause was …", "the trigger was …"
    r"\bthe (?:cause|reason|culprit|trigger)s? (?:was|were|is|are)\b(?! (?:\w+ed|found|known|not|"
    r"still|being)\b)" + _UNKNOWN,
    r"\bthe (?:problem|issue) (?:was|is) that\b",
    # "The outage was a result of …", "The entire incident was caused by …"
    r"\bthe (?:\w+ )?(?:outage|incident|issue|problem|failure|downtime|breakage|disruption)s? "
    r"(?:was|were|is|are) (?:\w+ )?(?:a |the )?(?:result|consequence) of\b",
    # "… were mainly caused by a fuzzer", "an outage caused by a DoS attack"
    r"\b(?:was|were|is|are|been|outage|outages|incident|issue|issues|problem|problems|"
    r"failure|failures|errors|downtime|crash|crashes|bug) (?:\w+ )?"
    r"(?:caused|triggered|blocked) by\b",
    # "errors … due to a misconfiguration", "stopped due to double signing"
    r"\b(?:errors?|outages?|failures?|downtime|crash(?:es|ed)?|stopped|failed|broke|went "
    r"down|unavailable|issues?|problems?|bugs?)\b[^.]{0,100}?\bdue to\b",
    # "began tripping the filters due to a newly installed profile"
    r"\bdue to (?:a|an|our|their|its) (?:\w+ ){0,3}(?:change|profile|bug|misconfiguration|"
    r"config|configuration|deploy|deployment|release|upgrade|update|race|leak|limit|quota|"
    r"attack|outage|failure|error|mistake|regression|expir\w*)\b",
    # "Local access did not work because …", "the job failed because …"
    r"\b(?:errors?|outages?|failures?|downtime|crash(?:es|ed)?|stopped|failed|broke|went down|"
    r"unavailable|did not work|didn't work|not working|was down|were down)\b[^.]{0,100}?"
    r"\bbecause\b",
    # "This happened because …", "The incident occurred because the cache was cold"
    r"\b(?:this|it|that|which|the (?:incident|outage|issue|problem|failure|error|errors|"
    r"crash|downtime|breach|leak)) (?:happened|occurred|arose|started|began) because\b",
    # "it was a bug in the quota object", "This is a regression in …"
    r"\b(?:was|is) (?:a|an) (?:\w+ )?(?:bug|regression|race condition|misconfiguration|"
    r"vulnerability) in\b",
    # "Upgrading ingress-nginx caused a brief outage", "A bad deploy caused the incident"
    r"\bcaused (?:a |an |the )?(?:\w+ )?(?:outage|incident|downtime|failures?|errors|"
    r"breakage|disruption)\b",
    # "Upon investigation we found out that …", "It turned out that …"
    r"\b(?:turned out (?:that|to be)|we found out that)\b",
    r"\b(?:root cause|root-cause|rca)\s*[:：-]\s*\S",
)
# Causal language less direct than the above, tried only where no sentence of the document
# states the cause outright: a fault that caused or led to the failure, a finding introduced
# by the investigation, a failure "when" something happened.
# What starts a failure in a "when" clause: an event or a change, not someone using the
# system ("when customers used Safari" describes the symptom).
_CHANGE_VERB = (r"(?:started|began|launched|deployed|rolled out|shipped|upgraded|updated|"
                r"restarted|rebooted|hit|reached|exceeded|filled|expired|changed|switched|"
                r"migrated|scaled|spiked|surged|joined|arrived)\b")
_LOOSE_CAUSE_PATTERNS = (
    # "A bug in the scheduler caused a stall", "the new setting inadvertently led to …"
    r"\b(?:bug|bugs|change|changes|setting|settings|config|configuration|misconfiguration|"
    r"regression|defect|flaw|mistake|typo|oversight|race condition|leak|deploy|deployment|"
    r"release|upgrade|update|migration|lack|absence|reboot|restart|maintenance)\b"
    r"[^.;]{0,60}?\b(?:caused|causes|"
    r"led to|leads to|resulted in|results in|triggered)\b(?! (?:by|no|none)\b)",
    # "The outage resulted from a full disk", "the errors stemmed from a stale cache"
    r"\b(?:resulted|resulting|stemmed|stemming|arose|arising|originated) from\b",
    # "The bug in the quota controller meant …"; not one still being looked for
    r"(?<!investigating )(?<!looking into )(?<!possible )(?<!potential )(?<!suspected )"
    r"\b(?:a|the) (?:\w+ )?(?:bug|flaw|defect|regression) in (?:the|our|its|their|a|an)\b",
    # "After investigation, we determined that …", "analysis showed that …"
    r"\b(?:after|upon|on|through|from) (?:\w+ ){0,2}(?:investigation|investigating|analysis|"
    r"analysing|analyzing|debugging|digging|review)\b[^.]{0,40}?\b(?:we|they|the team|"
    r"engineers) (?:determined|concluded|realised|realized|learned|identified|established) "
    r"that\b",
    # "The page was vulnerable to HTML injection"
    r"\b(?:was|were|is|are|been) vulnerable to\b",
    # "we discovered that session tokens were being written to the log store"
    r"\b(?:discovered|found|learned|realised|realized|determined) that\b[^.]{0,120}?"
    r"\b(?:was|were) (?:being |still |not )?(?:persisted|stored|logged|exposed|leaked|"
    r"written|sent|cached|retained|recorded|included|redacted|encrypted|scrubbed) "
    r"(?:to|in|into|on|from|by|as|with|without)\b",
    # "I think this is probably the cause of the crash"
    r"\b(?:this|that|it|which) (?:is|was) (?:\w+ )?(?:the|a) (?:\w+ )?cause of\b",
    # "… is likely the culprit behind the stall", "was probably the trigger for the crash"
    r"\b(?:is|was|are|were) (?:most |very |more )?(?:likely|probably|almost certainly|"
    r"clearly|evidently) (?:the |a )?(?:\w+ )?(?:causes?|trigger|culprit) (?:of|for|behind)\b",
    # An event elsewhere as the cause: "A fibre cut at our transit carrier disrupted every
    # region", "an attack on the bridge contract has led to funds being lost"; not
    # the outage itself ("an outage of our website led to lost orders").
    r"\b(?:incident|outage|failure|disruption|attack|exploit|breach|compromise|"
    r"interruption|power cut|power loss)s? (?:at|in|with|against|on|affecting|within|"
    r"inside|upstream of) "
    r"[^.;]{0,100}?\b(?:caused|led to|interrupted|disrupted|broke|took down|brought down|"
    r"knocked out|resulted in|triggered|prevented|stopped|blocked|made|"
    r"took (?:[\w-]+ ){0,3}?(?:offline|down|out))\b",
    # A faulty thing that did the damage: "An expired certificate broke TLS for the API",
    # "a misconfigured firewall rule blocked traffic", "a stolen token was used to publish"
    r"(?<![\w-])(?:a|an|the|our|their|its|two|three|several)\s(?:misconfigured|expired|"
    r"stale|corrupt|corrupted|faulty|buggy|outdated|incorrect|invalid|malformed|leaked|"
    r"stolen|compromised|exposed|unpatched)\s"
    r"(?:[\w-]+\s){0,3}?(?:blocked|broke|took|caused|led to|meant|prevented|stopped|"
    r"crashed|rejected|dropped|deleted|corrupted|overwrote|(?:was|were) used to|allowed|let)\b",
    # A change that brought the flaw: "The deploy introduced a bug that …"
    r"\b(?:introduced|shipped|contained|carried) (?:a|an) (?:[\w-]+ )?(?:bug|regression|"
    r"race condition|deadlock|memory leak|flaw|defect|typo|misconfiguration)\b",
    # Where the flaw came from: "This issue was introduced in the initial development of …"
    r"\b(?:issue|bug|regression|flaw|defect|vulnerability|problem) (?:was|were) "
    r"(?:first |originally )?introduced (?:in|by|with|during|when)\b",
    # How an attacker got in, in a security write-up: "The attacker obtained a
    # maintainer's password through phishing", "an intruder gained access through …"
    r"(?<!whether an )(?<!whether the )(?<!whether any )(?<!if an )(?<!if the )(?<!if any )"
    r"(?<!that an )(?<!no )\b(?:attacker|adversary|exploiter|malicious actor|threat actor|"
    r"intruder)s? "
    r"(?:had |has |first |then )?(?:obtained|gained|used|stole|exploited|abused|phished|"
    r"compromised|leveraged|took advantage of|was able to|were able to|managed to)\b",
    # Factors named together as what made it happen: "The combination of these three
    # gaps made it possible", "Together, these weaknesses allowed …"
    r"\bcombination of (?:these|the|those|all|several|two|three|four|multiple)\b[^.;]{0,60}?"
    r"\b(?:led to|caused|made|allowed|resulted in|enabled|produced|created)\b",
    r"\b(?:these|those|the above|all of these|all these)(?: \w+)? (?:factors|conditions|"
    r"issues|problems|gaps|weaknesses|flaws|mistakes|bugs|causes)(?:,? (?:together|"
    r"combined|in combination|taken together))?,? (?:together |jointly )?(?:led to|caused|"
    r"made|allowed|resulted in|enabled|produced)\b",
    # How a secret got out, in a security write-up: "a deploy key with write access was
    # exposed by the build log", "the sample config contained production passwords"
    r"(?<!no )(?<!any )\b(?:credentials?|secrets?|keys?|tokens?|passwords?|certificates?)\b"
    r"[^.;]{0,100}?\b(?:was|were|had been|got|been) (?!not |never )(?:\w+ )?(?:leaked|"
    r"exposed|pushed|committed|published|revealed|disclosed|printed|logged|uploaded|"
    r"checked in) (?:on|to|in|into|from|by|via|through|at|publicly)\b",
    r"\b(?:contained|included|embedded|leaked|committed|pushed|published|printed|"
    r"logged|exposed) (?:\w+ ){0,2}(?:credentials|secrets|api keys|private keys|access keys|"
    r"tokens|passwords)\b",
    # A slip that did the damage: "Accidental truncation of the sessions table during a
    # cleanup removed every login", "a script inadvertently removed the volumes"
    r"\b(?:accidental|accidentally|inadvertent|inadvertently|unintended|unintentional|"
    r"unintentionally|mistaken|mistakenly|erroneous|erroneously)\b[^.;]{0,80}?\b(?:caused|"
    r"led|resulted in|triggered|deleted|removed|overwrote|overwritten|wiped|dropped|"
    r"broke|leaked|exposed|pushed|committed|replaced|disabled|truncated)\b",
    # "pods got evicted when the scraper started", "the hub crashed when both launched"
    r"\b(?:failed|crashed|broke|stalled|hung|froze|went down|went offline|lost service|"
    r"ran out of \w+|(?:got|were|was) (?:evicted|killed|overloaded|starved|throttled|"
    r"exhausted|overwhelmed))\b[^.,;]{0,40}? when (?:[\w'-]+ ){1,5}?" + _CHANGE_VERB,
    # "When two classes launched at once, the service temporarily lost capacity"
    r"\bwhen\b[^.;,]{0,80}?" + _CHANGE_VERB + r"[^.;]{0,80}?,\s(?:\w+ ){1,4}"
    r"(?:temporarily |briefly |completely |then )?"
    r"(?:lost|failed|crashed|broke|stalled|went down|went offline|ran out|became "
    r"unavailable|became unresponsive|was overwhelmed|were overwhelmed|got evicted|"
    r"were evicted)\b",
    # A cause clause put first: "Due to a lost connection to the file store, the API kept
    # restarting"; "Because of an expired lease, …"
    r"\b(?:due to|owing to|because of|as a result of)\s(?:a|an|the|our|its|their|this|that|"
    r"one|two|several|repeated|multiple)\s(?!(?:incident|outage|issue|problem|event)\b)"
    r"[^.;,]{3,100}?,\s[^.;]{0,80}?\b(?:errors?|fail\w*|crash\w*|stopped|down|offline|"
    r"outage|unavailable|restart\w*|broke|broken|lost|timed out|time out|could not|couldn't|"
    r"unable|stalled|hung|rejected|dropped|corrupt\w*|time ?outs?|timing out)\b",
    # A redundancy that did not take over: "the standby node did not take over", "automatic
    # failover never happened", "the primary router failed"
    r"\b(?:did not|didn't|does not|doesn't|failed to|could not|couldn't|was unable to|"
    r"were unable to|never)\s(?:take over|take control|fail over|failover|switch over|kick in|"
    r"pick up (?:the )?(?:load|traffic))\b",
    r"\b(?:failover|fail-over|switchover)\s(?:also\s)?(?:did not|didn't|failed to|never)\s"
    r"(?:happen|work|trigger|occur|complete|succeed)(?:ed|red|d)?\b",
    r"\b(?:the|our|its|a|an)\s(?:primary|master|leader)\s[^.;]{0,80}?\b(?:failed(?!\sto\b)|"
    r"crashed|died|went down|went offline|stopped responding|lost power|malfunctioned)\b",
    # How an attack worked: "hackers exploited an unprotected endpoint", "the exploit took
    # advantage of a missing check", "a phishing campaign targeted our maintainers",
    # "attackers use leaked passwords"
    r"(?<!whether an )(?<!whether the )(?<!whether any )(?<!if an )(?<!if the )(?<!if any )"
    r"(?<!that an )(?<!that the )(?<!no )\b(?:hackers?|attackers?|bad actors?|exploit|exploits|"
    r"(?:spam|malware|scam|attack) campaigns?|adversar(?:y|ies)|intruders?|scammers?|"
    r"phishers?)\s(?:have\s|had\s|then\s|first\s)?"
    r"(?:exploited|exploit|took advantage of|take advantage of|targeted|target|abused|abuse|"
    r"use|used|leveraged|obtained|stole|gained)\b",
    # "The attack vector was a forged webhook", "a phishing email tricked a maintainer",
    # "a known bug we had not fixed was triggered"
    r"\b(?:attack vector|entry point|point of entry)\s(?:was|were|is)\b",
    r"\bphishing\s(?:e-?mails?|messages?|attacks?|campaigns?|sites?|pages?)\b[^.;]{0,40}?\b"
    r"(?:tricked|targeted|stole|captured|harvested|compromised|fooled)\b",
    r"\bknown\s(?:[\w-]+\s)?(?:bug|issue|vulnerability|weakness|flaw|limitation|problem)\b"
    r"[^.;]{0,60}?\b(?:was|were|got)\s(?:\w+\s)?(?:triggered|hit|exploited|abused)\b",
    # What an attack is classed as: "the activity is consistent with a credential stuffing
    # attack", "this was a targeted phishing attack"
    r"\b(?:consistent with|similar (?:characteristics\s)?to|characteristics of|indicative of|"
    r"typical of|resembles|resembled|was|were|is)\san?\s(?:[\w-]+\s){0,3}?(?:attack|"
    r"(?:phishing|spam|malware|scam) campaign)\b",
    # A check that was missing and what it let happen: "the function required no
    # permission and could be called by anyone"
    r"\b(?:missing|absent|lack of|no|without any)\s(?:[\w-]+\s){0,3}?(?:checks?|validation|"
    r"verification|authentication|authori[sz]ation|permissions?|access control|guard|"
    r"saniti[sz]ation)\b[^.;]{0,80}?\b(?:let|lets|allowed|allows|allowing|meant|enabled|"
    r"permitted|made it possible|can be called|could be called|by anyone)\b",
    # A flaw in a named part: "a vulnerability in the rewards contract"
    r"(?<!investigating )\b(?:a|the)\s(?:(?!possible|potential|suspected)\w+\s)?"
    r"(?:vulnerability|weakness|security hole|loophole) in (?:the|our|its|their|a|an)\b",
    # What the cause set off: "the planned reboot went smoothly, resulting in ten minutes
    # of downtime"; not the incident itself ("the outage resulted in …")
    r"(?<!incident )(?<!outage )(?<!this )(?<!it )(?<!which )(?<!that )\b(?:resulting|"
    r"resulted|results) in (?:[\w-]+\s){0,6}?(?:downtime|outage|outages|errors|failures|"
    r"disruption|interruption|unavailability|data loss)\b",
    # An event at a provider: "our upstream carrier had unannounced maintenance"
    r"\b(?:upstream|provider|carrier|vendor|supplier|isp|datacent(?:er|re)|data cent(?:er|re)|"
    r"registrar)\b[^.;]{0,60}?\b(?:had|has had|performed|carried out|suffered|"
    r"experienced)\s(?!no\s|not\s|any\s)(?:an?\s|some\s)?(?:[\w-]+\s){0,2}?(?:maintenance|"
    r"outage|incident|"
    r"failure|disruption|power cut|power loss)\b",
)
_CAUSE = re.compile("|".join(f"(?:{p})" for p in _CAUSE_PATTERNS), re.IGNORECASE)
_LOOSE_CAUSE = re.compile("|".join(f"(?:{p})" for p in _LOOSE_CAUSE_PATTERNS), re.IGNORECASE)
# A reporting clause before a cause: "They mentioned (that) …", "Support confirmed …".
_REPORTING = re.compile(r"\b(?:mentioned|said|says|confirmed|explained|told us|believes?|"
                        r"thinks?|suspects?|reported|noted|found)(?: that)? ", re.IGNORECASE)
# A question label with its answer on the same line: "What caused it? A power outage …";
# not the question quoted in a checklist ('"What caused it?" - please answer').
_CAUSE_QUESTION = re.compile(
    r"(?<![\"“'])\b(?:what caused (?:it|this|the [\w -]{1,30})|why did (?:it|this) happen|"
    # "The culprit? A stale lock."
    r"the (?:root |real |actual )?(?:cause|culprit|reason|trigger))"
    # not an answer that says it is not known yet ("What caused it? Unknown so far.")
    r"\s*\?[ \t*_:]{0,4}(?!(?:unknown|unclear|tbd|to be determined|not (?:yet )?(?:known|"
    r"clear|determined))\b)[A-Za-z][^\n]*", re.IGNORECASE)


# A severity stated in a sentence: "a Sev1 incident", "Sev 1 ticket raised", "we made this a
# P1 priority", "declared a P2 incident"; a bare P1 only where it classes the incident.
_SEVERITY_SAID = re.compile(
    r"\b(?:sev(?:erity)?[ -]?[0-5])\b(?![-.]\d)|"
    r"\b(?:made (?:this|it)|declared(?: (?:this|it))?(?: as)?|classified (?:this |it )?as|"
    r"escalated (?:this |it )?to|raised (?:this |it )?to|marked (?:this |it )?as|"
    r"(?:treated|handled|ran|run|managed|opened|logged|filed) (?:this |it )?as) "
    r"(?:an? |the )?p[0-4]\b|\bp[0-4](?= (?:incident|outage)\b)", re.IGNORECASE)
_CLASSING = re.compile(r"p[0-4]\b", re.IGNORECASE)
# A severity level the incident was set to, in words: "severity raised to High",
# "the incident was downgraded to Minor", "declared a major incident", "we
# downgraded it to Minor". The word is kept only if it spells a severity (rule data).
_SEVERITY_SET = re.compile(
    r"\b(?:severity|incident|impact level)(?: (?:level|was|has been|is))* "
    r"(?:(?:up|down)graded|raised|escalated|lowered|reduced|bumped|set|changed|moved|"
    r"reclassified) (?:\w+ )?to (?:an? |the )?([A-Za-z]{3,9})\b|"
    r"\b(?:(?:up|down)graded|raised|escalated|lowered|bumped|reclassified) (?:the "
    r"(?:incident|severity)|it|this)(?: severity)? to (?:an? |the )?([A-Za-z]{3,9})\b|"
    r"\b(?:declared|declare|opened|classified(?: (?:this|it))? as) (?:an? |the )?"
    r"([A-Za-z]{3,9})(?= (?:incident|outage|severity)\b)|"
    r"\b(?:an? |the )([A-Za-z]{3,9}) (?:incident|outage) (?:was |has been |had been )?"
    r"(?:declared|opened|called)\b", re.IGNORECASE)
# A severity label closing a heading: "### API outage (Major)", "## Search down (SEV-2)".
_SEVERITY_LABEL = re.compile(r"\(([A-Za-z]{3,9}|sev[ -]?[0-5])\)\s*$", re.IGNORECASE)


def find_severities(text: str, heading: bool = False) -> list[tuple[int, int]]:
    """Where a text states the incident's severity, as offsets of the severity's words
    (to be read with the severity spellings of rule data). In a heading only a closing
    label counts ("(Major)")."""
    if heading:
        label = _SEVERITY_LABEL.search(text)
        return [] if label is None else [label.span(1)]
    found = []
    for match in _SEVERITY_SAID.finditer(text):
        start, end = match.span()
        inner = _CLASSING.search(text, start, end)
        if not match.group(0).lower().startswith("sev") and inner is not None:
            start, end = inner.span()  # "made this a P1": only the "P1"
        found.append((start, end))
    for match in _SEVERITY_SET.finditer(text):
        group = next(i for i in (1, 2, 3, 4) if match.group(i) is not None)
        found.append(match.span(group))
    return found


# "between 19:00 and 21:00 UTC", "from 1900 to 2100", "from 9:05 PM until 11:40 PM".
_CLOCK = r"(\d{1,2})(?::|h|\.)?(\d{2})(?:\s?([ap])\.?m\.?)?"
_TIME_RANGE = re.compile(
    rf"\b(?:between|from)\s(?:the hours of\s)?{_CLOCK}(?:\s?[A-Z]{{2,5}})?\s(?:and|to|until|till)\s"
    rf"{_CLOCK}\b", re.IGNORECASE)


def find_time_range(text: str) -> tuple[dt.timedelta, int, int] | None:
    """The length of a range of clock times the text gives ("between 19:00 and 21:00 UTC"),
    with its offsets; a range past midnight wraps to the next day."""
    for match in _TIME_RANGE.finditer(text):
        minutes = []
        for hour, minute, half in (match.group(1, 2, 3), match.group(4, 5, 6)):
            value = int(hour) % (12 if half else 24) + (12 if half and half.lower() == "p"
                                                      else 0)
            if int(hour) > 23 or int(minute) > 59:
                break
            minutes.append(value * 60 + int(minute))
        if len(minutes) == 2:
            length = (minutes[1] - minutes[0]) % (24 * 60)
            if length:
                return dt.timedelta(minutes=length), match.start(), match.end()
    return None


# "between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC": two moments.
_HEDGE = r"(?:(?:approximately|about|around|roughly|circa)\s+|~\s*)?"
_MOMENT = r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2})?(?:\s*(?:UTC|GMT|Z)\b)?"
_MOMENT_RANGE = re.compile(
    rf"\b(?:from|between)\s+{_HEDGE}{_MOMENT}\s*(?:to|until|till|and|-|–|—)\s*{_HEDGE}{_MOMENT}",
    re.IGNORECASE)


def find_moment_range(text: str) -> tuple[dt.timedelta, int, int] | None:
    """The length of a window between two dated times ("between approximately 2025-07-30
    21:27 UTC and 2025-07-31 07:27 UTC"), with its offsets."""
    for match in _MOMENT_RANGE.finditer(text):
        try:
            first, second = (dt.datetime.fromisoformat(f"{day} {int(hour):02d}:{minute}")
                             for day, hour, minute in (match.group(1, 2, 3),
                                                       match.group(4, 5, 6)))
        except ValueError:
            continue
        if second > first:
            return second - first, match.start(), match.end()
    return None


# "since 2026-03-02", "from 3 March to 5 March", "between 2026-03-02 and 2026-03-04".
_RANGE_OPEN = re.compile(r"\b(since|from|between)\s{1,3}(?:the\s)?", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s{0,3}(?:to|until|till|through|and|-|–|—)\s{1,3}(?:the\s)?",
                         re.IGNORECASE)


# "March 14-15 of 2026", "March 3rd–5th, 2026", "17–18 November 2018": days of a month.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_DAYS = 31
_DASH = r"\s*(?:-|–|—|&ndash;|to|through|until)\s*"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_RANGE = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<first>\d{{1,2}}){_ORDINAL}{_DASH}(?P<last>\d{{1,2}})"
    rf"{_ORDINAL}(?:,|\s+of)?\s+(?P<year>\d{{4}})\b|"
    rf"(?<![\w.,-])(?P<first2>\d{{1,2}}){_ORDINAL}{_DASH}(?P<last2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?"
    rf"(?P<month2>{_MONTH}),?\s+(?P<year2>\d{{4}})\b", re.IGNORECASE)
# "over the weekend of 16 March 2026": a weekend is two days.
_WEEKEND_OF = re.compile(r"\bthe\s+weekend\s+of\s+", re.IGNORECASE)


def _days_of_month(text: str) -> tuple[dt.timedelta, int, int] | None:
    """The length of a range of days in one month ("March 14-15 of 2026"), both days
    counted, with its offsets."""
    for match in _DAY_RANGE.finditer(text):
        first, last = match.group("first") or match.group("first2"), \
            match.group("last") or match.group("last2")
        day = find_date(f"{first} {match.group('month') or match.group('month2')} "
                        f"{match.group('year') or match.group('year2')}")
        if day is not None and 1 <= int(first) < int(last) <= _MONTH_DAYS:
            return dt.timedelta(days=int(last) - int(first) + 1), match.start(), match.end()
    return None


def find_date_range(text: str, until: dt.date | None) -> tuple[dt.timedelta, int, int] | None:
    """The length of a span of days the text gives: "between 2026-03-02 and 2026-03-04",
    "from 3 March 2026 to 5 March 2026", "March 14-15 of 2026", "the weekend of 14 March
    2026", or "since 2026-03-02" up to ``until`` (the day the document was written or the
    incident resolved), with its offsets."""
    days = _days_of_month(text)
    if days is not None:
        return days
    for match in _WEEKEND_OF.finditer(text):
        day = find_date(text[match.end():match.end() + 40])
        if day is not None and day[1] == 0:
            return dt.timedelta(days=2), match.start(), match.end() + day[2]
    for match in _RANGE_OPEN.finditer(text):
        first = find_date(text[match.end():match.end() + 40])
        if first is None or first[1] != 0:
            continue
        start, after = first[0], match.end() + first[2]
        if match.group(1).lower() == "since":
            if until is not None and until >= start:
                return until - start, match.start(), after
            continue
        join = _RANGE_JOIN.match(text, after)
        second = find_date(text[join.end():join.end() + 40], start) if join else None
        if join is not None and second is not None and second[1] == 0 and second[0] >= start:
            return second[0] - start, match.start(), join.end() + second[2]
    return None


# "experienced multiple outages", "a series of incidents", "this monthly report", a log
# of them ("Incident reports", "Outage log", "Incident history").
_SEVERAL_INCIDENTS = re.compile(
    r"\b(?:(?:multiple|several|numerous|a series of|a number of|two|three|four|five|six|"
    r"seven|eight|nine|ten|\d{1,2})\s+(?:separate\s+|distinct\s+|major\s+|minor\s+)?"
    r"(?:outages|incidents|disruptions)|(?:monthly|quarterly|weekly)\s+"
    r"(?:incident\s+|outage\s+)?(?:report|review|summary|digest)"
    r"|(?:incident|outage)s?\s+(?:reports|logs?|history))\b", re.IGNORECASE)


def find_several_incidents(text: str) -> tuple[int, int] | None:
    """Where a text says it covers several incidents, not one."""
    match = _SEVERAL_INCIDENTS.search(text)
    return None if match is None else (match.start(), match.end())


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12}
# "four and a half days", "2 weeks", "a week and a half": lengths the clock-time parser leaves.
_SPOKEN_DURATION = re.compile(
    r"\b(?:(\d{1,3}(?:\.\d)?)|(" + "|".join(_NUMBER_WORDS) + r"))(?: and a half)? "
    r"(weeks?|days?|hours?|minutes?)\b(?: and a half)?", re.IGNORECASE)
_UNIT_MINUTES = {"w": 7 * 24 * 60, "d": 24 * 60, "h": 60, "m": 1}
# "It took us 9 hours to resolve", "restored within 45 minutes", "fixed in 2 hours".
_RESOLVED_IN = re.compile(
    r"\b(?:took(?: us| them| the team)?|(?:resolved|fixed|restored|recovered|mitigated|solved) "
    r"(?:with)?in) (?:about |around |approximately |roughly |nearly |over |under |just )?"
    r"(?=\d|a |an |one|two|three|four|five|six|seven|eight|nine|ten)", re.IGNORECASE)


def find_spoken_duration(text: str) -> tuple[dt.timedelta, int, int] | None:
    """A length in words the clock-time parser does not read: weeks, and "… and a half"."""
    for match in _SPOKEN_DURATION.finditer(text):
        if match.group(3).lower()[0] not in "w" and "and a half" not in match.group(0).lower():
            continue
        return _length(match), match.start(), match.end()
    return None


def _length(match: re.Match[str]) -> dt.timedelta:
    """The length a match of ``_SPOKEN_DURATION`` says."""
    amount = float(match.group(1)) if match.group(1) else _NUMBER_WORDS[match.group(2).lower()]
    amount += 0.5 if "and a half" in match.group(0).lower() else 0
    return dt.timedelta(minutes=amount * _UNIT_MINUTES[match.group(3).lower()[0]])


# A state that went on for a while: "was down for", "were unavailable for roughly",
# "remained broken for about", "the problem was around for".
_LASTING_STATE = re.compile(
    r"\b(?:was|were|been|remained|stayed|is|are|went)(?: \w+){0,2}? (?:down|unavailable|"
    r"offline|broken|degraded|around|present|failing|halted|stuck|unreachable|inaccessible|"
    r"unusable|disrupted|interrupted|impacted|affected|out of service|out|active|live|"
    r"exposed) for "
    r"(?:(?:about|approximately|roughly|around|nearly|almost|some|just over|just under|over|"
    r"~) ?)?", re.IGNORECASE)
# What follows a length that spans the incident: "a week from detection to resolution",
# "16 hours between the deploy and the fix".
_SPAN_AFTER = re.compile(r" (?:from|between) [^.;]{1,60}? (?:to|until|till|and) ",
                         re.IGNORECASE)


def _length_at(text: str) -> tuple[dt.timedelta, int] | None:
    """A length that starts the text ("16 hours", "a week", "two and a half days")."""
    match = _SPOKEN_DURATION.match(text)
    return (_length(match), match.end()) if match is not None else None


def find_lasting(text: str) -> tuple[dt.timedelta, int, int] | None:
    """How long the incident went on, written as a state that lasted ("the service was
    down for roughly 16 hours", "the tampered release was live for 3 hours") or as a
    length between two of its moments ("roughly a week from detection to resolution"),
    with its offsets."""
    for cue in _LASTING_STATE.finditer(text):
        found = _length_at(text[cue.end():])
        if found is not None:
            return found[0], cue.end(), cue.end() + found[1]
    for match in _SPOKEN_DURATION.finditer(text):
        if _SPAN_AFTER.match(text, match.end()):
            return _length(match), match.start(), match.end()
        if text[max(0, match.start() - 4):match.start()].lower() == "for " and \
                _STATE_AFTER.match(text, match.end()):
            return _length(match), match.start(), match.end()
    return None


# The state after the length: "for 3 hours our systems were down", "for two days the
# site was unreachable".
_STATE_AFTER = re.compile(r"(?<!\s),?\s+(?:[\w'’-]+\s+){1,4}?(?:was|were)\s+(?:\w+\s+)?(?:down|"
                          r"unavailable|offline|broken|unreachable|inaccessible|unusable|"
                          r"degraded|disrupted|stuck|halted)\b", re.IGNORECASE)


def find_resolution_time(text: str) -> int | None:
    """Where a sentence says how long the incident took to resolve ("It took us 9 hours to
    resolve", "restored within 45 minutes"): the offset of the length, else None."""
    for match in _RESOLVED_IN.finditer(text):
        rest = text[match.end():match.end() + 60]
        if match.group(0).lower().startswith("took") and not re.search(
                r"\bto (?:resolve|fix|restore|recover|mitigate|solve)", rest):
            continue
        return match.end()
    return None


@lru_cache(maxsize=32)
def _words(phrases: tuple[str, ...], plurals: bool = True) -> re.Pattern[str] | None:
    """One pattern matching any phrase as whole words (plurals allowed)."""
    forms: set[str] = set()
    for phrase in phrases:
        phrase = phrase.strip().lower()
        if not phrase or phrase == "%":
            continue
        forms.add(phrase)
        if plurals and phrase[-1].isalpha():
            forms.update((phrase + "s", phrase + "es"))
    if not forms:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in form.split())
                    for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of the phrases as whole words (plurals allowed)."""
    return _words(tuple(phrases))


def has_words(text: str, phrases: Iterable[str]) -> bool:
    pattern = _words(tuple(phrases))
    return pattern is not None and pattern.search(text) is not None


def sentences(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph (line breaks of a list item split too)."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start:match.start()].strip():
            yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text.rstrip())


# A sentence that makes the one before it the cause: "This caused sign-in failures."
_THIS_CAUSED = re.compile(r"\s{0,3}(?:this|that|which)(?:\s+in\s+turn|\s+then)?\s+(?:caused|"
                          r"led\s+to|resulted\s+in|triggered|broke|meant\s+that)\b",
                          re.IGNORECASE)


def find_cause(text: str, loose: bool = False) -> tuple[int, int] | None:
    """The sentence that states the cause ("The root cause was a stale DNS record"), with
    offsets; None when no sentence does. ``loose`` reads less direct causal language instead
    ("A bug in the scheduler caused a stall", "… stemmed from …"), for a document
    where no sentence states the cause outright."""
    question = None if loose else _CAUSE_QUESTION.search(text)
    if question is not None:
        return question.span()
    pattern = _LOOSE_CAUSE if loose else _CAUSE
    before: tuple[int, int] | None = None
    for start, end in sentences(text):
        if loose and before is not None and _THIS_CAUSED.match(text, start) is not None:
            return before[0], end  # "The certificates expired. This caused …": both
        before = start, end
        found = pattern.search(text, start, end)
        if found is not None:
            # Not who reported it: "The vendor mentioned it was a bug in …" states the bug.
            reports = [m.end() for m in _REPORTING.finditer(text, start, found.start())]
            return (reports[-1] if reports else start), end
    return None


def find_impact(text: str, cues: Iterable[str], units: Iterable[str]) -> tuple[int, int] | None:
    """The first sentence that says what the incident did to users or services: it names an
    effect ("unavailable", "could not", "failed") and who or what had it."""
    cue_pattern = _words(tuple(cues), plurals=False)
    if cue_pattern is None:
        return None
    for start, end in sentences(text):
        sentence = " ".join(text[start:end].split())
        if cue_pattern.search(sentence) is not None:
            return start, end
    return None


def find_quantity(text: str, units: Iterable[str], totals: Iterable[str],
                  sla_terms: Iterable[str] = (),
                  money: re.Pattern[str] | None = None,
                  spared: bool = True, wholes: bool = True) -> tuple[int, int] | None:
    """Where the text says how much was affected: a count of what was hit ("1,240 orders",
    "3 IP addresses", "one of the users"), a share ("31%"), an amount of money ("$12,400"),
    or a whole ("all users", "everyone", "no customers", "the entire site", "an outage of
    our website", "crates could not be downloaded"). A percentage that states an objective
    or the error budget spent ("the 99.9% SLO") is not what was affected, nor is an HTTP
    status ("a 404 error"). ``spared=False`` leaves out what was not hit ("no customers",
    "reads were not affected"): said outside the impact, it does not size what was;
    ``wholes=False`` reads counts and shares only."""
    unit_tuple = tuple(units)
    unit_pattern = _words(unit_tuple)
    targets = _words(tuple(sla_terms))
    percent = "%" in unit_tuple
    for seen, match in enumerate(_NUMBER.finditer(text)):
        if seen >= _MAX_TRIED:
            break
        rest = text[match.end():match.end() + 80]
        is_share = rest.lstrip(" ").startswith(("%", "percent", "per cent"))
        if is_share and targets is not None and _is_objective(text, match, rest, targets):
            continue
        if percent and is_share:
            return match.start(), match.end() + rest.find("%") + 1 if "%" in rest[:3] \
                else match.end()
        if _TIME_UNIT.match(rest.lstrip(" -")):
            continue  # "7 hours": a duration, not a count
        if _HTTP_STATUS.match(rest) and re.fullmatch(r"[1-5]\d\d", match.group(0)) \
                or _DAY_NUMBER.fullmatch(match.group(0)):
            continue  # "a 404 error": a status, not a count; "build 20220105": a day
        after = " ".join(re.split(r"[,.;:()!?]", rest, maxsplit=1)[0].split()[:_WORDS_AFTER])
        if unit_pattern is not None and unit_pattern.search(after) is not None:
            return match.start(), match.end()
    for found in _FRACTION.finditer(text):  # "2/5 of shoppers", "one in five requests"
        after = " ".join(text[found.end():found.end() + 80].split()[:_WORDS_AFTER])
        if unit_pattern is not None and unit_pattern.search(after) is not None \
                or after.lower().startswith("of "):
            return found.span()
    for spoken in _SPOKEN_COUNT.finditer(text):  # "one of the users", "three hubs"
        after = " ".join(re.split(r"[,.;:()!?]", text[spoken.end():spoken.end() + 80],
                                  maxsplit=1)[0].split()[:_WORDS_AFTER])
        if unit_pattern is not None and unit_pattern.search(after) is not None \
                and not _TIME_UNIT.match(after):
            return spoken.span()
    for span in _COUNT_RANGE.finditer(text):  # "between 5 and 10 teams", "20-30 hosts"
        if not _TIME_UNIT.match(span.group("noun")) and not all(
                _YEAR.fullmatch(n) for n in (span.group("low"), span.group("high"))):
            return span.start(), span.end("high")
    share = _PART_OF_TOTAL.search(text)  # "4.2m out of the pool's total 9m"
    if share is not None:
        return share.span()
    for named in _NAMED_LIST.finditer(text):  # "sessions with IXP-A, IXP-B and IXP-C"
        before = " ".join(text[max(0, named.start() - 60):named.start()].split()[-3:])
        if unit_pattern is not None and unit_pattern.search(before) is not None:
            return named.start(1), named.end()
    hit = _COUNT_HIT.search(text)  # "a single plugin was tampered with"
    if hit is not None and not _TIME_UNIT.match(hit.group("noun")):
        return hit.span()
    amount = money.search(text) if money is not None else None  # "$12,400", "2.5 ETH"
    if amount is not None:
        return amount.span()
    if not wholes:
        return None
    versions = _AFFECTED_VERSIONS.search(text)
    if versions is not None:
        return versions.span()  # "versions 3.4.1 and earlier": every install of them
    outage = find_whole_outage(text)
    if outage is not None:
        return outage  # "an outage of our website", "the portal went offline"
    whole = _words(tuple(totals), plurals=False)
    if whole is not None:
        for seen, found in enumerate(whole.finditer(text)):
            if seen >= _MAX_TRIED:
                break
            after = " ".join(re.split(r"[,.;:()!?]", text[found.end():found.end() + 80],
                                      maxsplit=1)[0].split()[:_WORDS_AFTER])
            word = found.group(0).lower()
            if not spared and (word in ("not affected", "unaffected") or word.startswith(
                    "no") and _SPARED.search(_sentence_at(text, found.start()))):
                continue  # "no customers were affected", "reads were unaffected"
            if word == "not working" and _PARTIAL.search(_sentence_at(text, found.start())):
                continue  # "search not working for some users": a part, not the whole
            if word.endswith(("one", "body", "unavailable", "down", "affected", "working")) \
                    or word.startswith("none") \
                    or " " in word and not word.endswith((" our", " the")) \
                    and not word.startswith(("a ", "two ", "three ")):
                return found.span()  # "everyone", "nobody", "none of the hubs"
            if unit_pattern is not None and unit_pattern.search(after) is not None:
                return found.span()
            if word in ("most", "majority", "half") and after.lower().startswith("of ") \
                    and not _HOW_OFTEN.match(after):
                return found.span()  # "most of our infrastructure": a share in words
    return _unnarrowed(_WHOLE_UNAVAILABLE, text)




# A share written as a fraction: "2/5 of shoppers", "about 1/4th of the hosts", "one in
# five requests", "one-third of the nodes", "two thirds of tenants".
_FRACTION = re.compile(
    r"(?<![\w./-])(?:[1-9]/[2-9]\d?(?:st|nd|rd|th|s)?|(?:one|two|three|four) in "
    r"(?:\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred)|"
    r"(?:one|two|three|a)[- ](?:half|third|thirds|quarter|quarters|fifth|fifths|"
    r"tenth|tenths)|half)(?![\w/])", re.IGNORECASE)
# A part of a whole: "4.2m out of the 9m pooled", "3 of the 40 hubs", "24 out of 30".
_COUNT = (r"(?<![\w.:/-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
          r"(?:\s?(?:[kKmM]\b|million|billion|thousand))?")
_PART_OF_TOTAL = re.compile(
    rf"{_COUNT}(?: [A-Za-z]{{1,12}})? (?:out of|of) (?:(?:the|a|its|our|their|[\w-]+'s) )"
    rf"{{0,2}}(?:total (?:of )?)?{_COUNT}(?![\d:/-])(?! ?(?:ms|s|secs?|seconds?|mins?|"
    rf"minutes?|h|hrs?|hours?|days?|weeks?|months?|years?)\b)", re.IGNORECASE)
# An estimate written as a range of counts of whatever was hit: "between 5 to 10 teams",
# "20-30 hosts", "1,000 to 2,000 accounts" (not "10 to 15 minutes", nor "2019-2020").
_COUNT_RANGE = re.compile(
    rf"(?P<low>{_COUNT}) ?(?:to|-|–|and) ?(?P<high>(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    rf"(?:\s?(?:[kK]\b|million|thousand))?)\s(?:[a-z-]+\s)?"
    r"(?P<noun>[a-z]+s)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}")
# "most of the time": how often, not how much was hit.
_HOW_OFTEN = re.compile(r"of (?:the )?(?:time|cases|occasions|attempts|runs|days?|weeks?|"
                        r"hours?|minutes?|months?|years?)\b", re.IGNORECASE)
# What was hit named one by one, which counts it: "lost peering sessions with AMS-IX,
# LINX and DE-CIX", "the validators of Alpha, Beta and Gamma".
_NAME = r"[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3}"
_NAMED_LIST = re.compile(
    rf"\b(?:with|to|at|from|of|on|across|between) ({_NAME}(?:, {_NAME}){{0,20}},? and {_NAME}|"
    rf"{_NAME}(?:, {_NAME}){{2,20}})\b")
# A count of any hit thing, what it counts named by the writer: "a single plugin was
# tampered with", "two brokers were lost", "3 relays went down".
_COUNT_HIT = re.compile(
    rf"(?:{_COUNT}|\b(?:a single|one|two|three|four|five|six|seven|eight|nine|ten)\b)"
    r" (?P<noun>[\w-]+)(?: [\w-]+){0,2}? (?:was|were|got|had been|have been|has been|went) "
    r"(?:\w+ )?(?:affected|impacted|compromised|lost|deleted|removed|exposed|corrupted|"
    r"dropped|stolen|drained|halted|down|offline|unavailable|unreachable)\b", re.IGNORECASE)
_HTTP_STATUS = re.compile(r"\s?(?:errors?|responses?|status|codes?|pages?)\b", re.IGNORECASE)
_SPOKEN_COUNT = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                           r"twelve)\b(?!-)", re.IGNORECASE)
_SPELLED = "(?:" + "|".join(_NUMBER_WORDS) + ")"  # "for almost four hours", "for an hour"
_SERVICE = (r"(?:website|web site|site|server|service|application|app|api|platform|"
            r"homepage|portal|store|registry|network|chain|blockchain|testnet|mainnet|"
            r"devnet|block production)")
# A whole service down: "a downtime of our build server", "the website was affected by an
# outage", "the portal went offline".
_WHOLE_OUTAGE = re.compile(
    rf"\b(?:(?:an?|the) (?:total |complete |full |service )?(?:outage|downtime|degradation) "
    rf"(?:of|on) (?:our|the) "
    rf"(?:[\w.-]+ ){{0,2}}{_SERVICE}\b|{_SERVICE}\b(?:[^.;]|\.(?=\w)){{0,40}}? "
    rf"(?:was|were|went|became|is) "
    rf"(?:completely |fully |entirely |totally |hard )?(?:down|offline|unreachable|unresponsive|"
    rf"non-responsive|not responding|affected by an outage)\b|"
    # "a chain-wide halt", "the devnet had 9 hours of downtime": all of it,
    # for as long as it says
    rf"\b(?:ecosystem|network|chain|system|platform|company|site|service|cluster|region)"
    rf"[- ]wide (?:outage|halt|downtime|failure)\b|"
    # "the mirrors were taken down for maintenance": all of them, on purpose
    rf"\b(?:have|has|had) been taken (?:offline|down|out of service)\b|"
    rf"\b(?:were|was) taken (?:offline|down|out of service)\b|"
    # the team's own work held up, not users: "merges were on hold", "the build
    # could not be shipped": the whole of it, and no one else to count
    rf"\b(?:deploy(?:ment)?s|releases?|rollouts?|development|feature work|merges|"
    rf"the pipeline|the deploy pipeline) (?:are|were|was|is|had been|have been|has been) "
    rf"(?:\w+ )?(?:paused|blocked|halted|frozen|on hold|held back)\b|"
    rf"\bcould not be (?:deployed|released|rolled out|shipped)\b|"

    rf"\b{_SERVICE} (?:was |were )?(?:halted|stopped|down|offline|unavailable|went down) for "
    rf"(?:about |approximately |roughly |around |nearly |almost |over |~)?(?:\d[\d.]*|"
    rf"{_SPELLED}) ?(?:minutes?|"
    rf"hours?|days?)\b|"
    rf"\b{_SERVICE}\b[^.;]{{0,40}}? (?:incurred|had|suffered|experienced|saw) (?:an? )?"
    rf"(?:total of )?(?:about |approximately |roughly |~)?\d[\d.]* ?(?:minutes?|hours?|days?"
    rf"|h|m)(?: of)? (?:total |complete |full )?(?:downtime|outage)\b|"
    # "the P2P network suffered a significant degradation": all of it, worse for everyone
    rf"\b{_SERVICE}\b[^.;]{{0,40}}? (?:suffered|experienced|saw|underwent) (?:an? )?"
    rf"(?:[\w-]+ ){{0,2}}?(?:degradation|slowdown|outage|disruption)\b|"
    # "around 10 minutes of network downtime": all of it, for as long as it says
    rf"(?<![\w.])\d[\d.]*\s?(?:minutes?|mins?|hours?|hrs?|days?)\s+of\s+(?:total\s+|"
    rf"complete\s+|full\s+)?(?:[\w-]+\s+)?(?:downtime|outage)\b|"
    # what every visitor got: "visiting the hub results in a 502 error", "loading any
    # page returned an error"
    rf"\b(?:visit|visiting|access|accessing|open|opening|load|loading|reach|reaching)\s"
    rf"[^.;]{{0,60}}?\b(?:results?|resulted|returns?|returned|gives|gave|shows|showed)\s"
    rf"(?:in\s)?(?:an?\s|the\s)?`?(?:\d{{3}}`?\s|http\s|server\s|gateway\s)?(?:errors?|error "
    rf"pages?|bad gateway|service unavailable|internal server error|gateway time-?out)\b)",
    re.IGNORECASE)
# The versions a vulnerability is in, as a range: "versions 3.4.1 and earlier", "all
# releases before 4.2", "v2.0.0 through v2.3.1".
_AFFECTED_VERSIONS = re.compile(
    r"\b(?:versions?|releases?) v?\d+(?:\.\w+){1,4},? (?:and|or) "
    r"(?:earlier|older|below|prior)\b|"
    r"\b(?:versions?|releases?) (?:prior to|before|older than|up to|through) v?\d+"
    r"(?:\.\w+){1,4}|"
    r"(?<![\w.])v?\d+\.\d+(?:\.\w+){0,3} (?:through|to|until) v?\d+\.\d+(?:\.\w+){0,3}"
    r"(?= (?:are|were|is|was) (?:affected|vulnerable))", re.IGNORECASE)
# What a "no" or "none" spares rather than sizes: "no customers were affected".
_SPARED = re.compile(r"\b(?:affected|impacted|impact|exposed|accessed|compromised|exploited|"
                     r"lost|only|evidence)\b", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")

# Words that narrow a failure to a part of those it could hit.
_PARTIAL = re.compile(r"\b(?:some|few|certain|several|many|part|partial|partially|subset|"
                      r"intermittent|intermittently|occasionally|sometimes|most)\b",
                      re.IGNORECASE)


def find_people_hit(text: str, people: Iterable[str]) -> tuple[int, int] | None:
    """A count of people something happened to, with its offsets: "500+ users were
    upgraded", "1,200 customers were charged twice", "about 40 students got logged out"
    (``people``: the words for customers and users); not what spared them ("12 users were
    not affected")."""
    words = _words(tuple(people), plurals=False)
    if words is None:
        return None
    for found in _PEOPLE_HIT.finditer(text):
        if words.fullmatch(found.group("who")) is not None \
                and found.group("what").lower() not in _NOT_HIT:
            return found.start(), found.end("count")
    return None


_PEOPLE_HIT = re.compile(
    rf"(?P<count>{_COUNT}\+?)\s(?:[\w-]+\s)?(?P<who>[a-z][\w-]*)\s(?:were|was|got|have been|"
    r"had been)\s(?:\w+ly\s)?(?P<what>[a-z]+(?:ed|en))\b", re.IGNORECASE)
_NOT_HIT = frozenset(("notified", "contacted", "emailed", "informed", "invited", "asked",
                      "surveyed", "interviewed", "thanked", "onboarded"))


# Said after any count or share in the text: the whole service unavailable ("the platform
# and customer sites were unavailable"), or each named function blocked for everyone
# ("This prevented new signups, password resets and pushes from taking place").
_WHOLE_UNAVAILABLE = re.compile(
    rf"\b{_SERVICE}\b(?:[^.;]|\.(?=\w)){{0,40}}? (?:was|were|became) (?:completely |fully |"
    r"entirely |totally )?(?:unavailable|inaccessible)\b|"
    r"\bprevented (?:all |any )?(?:[\w-]+ ){0,3}?[\w-]+(?:, (?:[\w-]+ ){0,3}?[\w-]+)*,? "
    r"(?:and|or) (?:[\w-]+ ){0,3}?[\w-]+ from (?:taking place|happening|working|"
    r"succeeding|completing|going through)\b", re.IGNORECASE)


def find_whole_outage(text: str) -> tuple[int, int] | None:
    """Where a text says the whole service was down or failed every visit ("the portal
    went offline", "visiting the site returns a 502 error"), not narrowed to a part."""
    return _unnarrowed(_WHOLE_OUTAGE, text)


def find_service_down(text: str) -> tuple[int, int] | None:
    """Where a sentence says the whole site or service was down ("the website was
    unresponsive", "the API went offline"), with its offsets; None when it says nothing
    of the kind or narrows it to a part ("down for some users")."""
    return _unnarrowed(_SERVICE_DOWN, text)


def _unnarrowed(pattern: re.Pattern[str], text: str) -> tuple[int, int] | None:
    """The first match whose sentence does not narrow it to a part ("for some users")."""
    for found in pattern.finditer(text):
        if not _PARTIAL.search(_sentence_at(text, found.start())):
            return found.span()
    return None


_SERVICE_DOWN = re.compile(
    rf"\b{_SERVICE}\b(?:[^.;]|\.(?=\w)){{0,40}}? (?:was|were|went|became|is) "
    r"(?:completely |fully |entirely |totally |hard )?(?:down|offline|unreachable|unavailable|"
    r"inaccessible|unresponsive|non-responsive|not responding)\b", re.IGNORECASE)


def narrows(text: str, units: Iterable[str]) -> bool:
    """Whether a text narrows who or what was hit to a part: "some users", "many of the
    validators", "a subset of tenants" (not "several outages")."""
    unit_pattern = _words(tuple(units))
    if unit_pattern is None:
        return False
    for found in _PARTIAL.finditer(text):
        after = " ".join(re.split(r"[,.;:()!?]", text[found.end():found.end() + 60],
                                  maxsplit=1)[0].split()[:4])
        if unit_pattern.match(after) or re.match(r"(?:of|of the|of our) ", after) \
                and unit_pattern.search(after):
            return True
    return False


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` around offset ``at``."""
    start = max(text.rfind(stop, 0, at) for stop in (". ", "; ", "! ", "? ", "\n"))
    ends = [i for i in (text.find(stop, at) for stop in (". ", "; ", "! ", "? ", "\n"))
            if i >= 0]
    return text[start + 1:min(ends) if ends else len(text)]


def _is_objective(text: str, match: re.Match[str], rest: str, targets: re.Pattern[str]) -> bool:
    """Whether the percentage at ``match`` states an objective or an error-budget share."""
    # The sentence around the number, looked for at most 300 characters either way.
    before = text[max(0, match.start() - 300):match.start()]
    stops = [before.rfind(stop) for stop in (". ", "; ", "! ", "? ", "\n\n")]
    start = max(0, match.start() - 300) + max(stops) + 1 if max(stops) >= 0 \
        else max(0, match.start() - 300)
    after = text[match.end():match.end() + 300]
    ends = [i for i in (after.find(stop) for stop in (". ", "; ", "! ", "? ", "\n\n")) if i >= 0]
    end = match.end() + (min(ends) if ends else len(after))
    if targets.search(text[start:end]) is None:
        return False
    if targets.search(" ".join(rest.split()[:_OBJECTIVE_WORDS_AFTER])) is not None:
        return True
    try:
        return float(match.group(1).replace(",", "")) >= _OBJECTIVE_MIN_PERCENT
    except ValueError:
        return False


# "several hours of email delay", "for a few days", "over most of the afternoon": a length
# said in words, without a number.
_VAGUE_AMOUNT = r"(?:several|many|a\s+few|a\s+couple\s+of|multiple|a\s+number\s+of)"
_VAGUE_UNIT = r"(?:minutes|hours|days|weeks|months)"
_VAGUE_LENGTH = re.compile(
    rf"\b(?:for|over|lasting|lasted|took|during)\s+(?:(?:about|around|roughly|nearly|almost|"
    rf"over|well\s+over)\s+)?{_VAGUE_AMOUNT}\s+{_VAGUE_UNIT}\b|"
    rf"\b{_VAGUE_AMOUNT}\s+{_VAGUE_UNIT}(?:\s+of\b|[- ]long\b)|"
    r"\b(?:for|over|during)\s+(?:most|much|all|half|the\s+better\s+part)\s+of\s+(?:the|a|an)\s+"
    r"(?:day|night|morning|afternoon|evening|weekend|week)\b", re.IGNORECASE)


def find_vague_length(text: str) -> tuple[int, int] | None:
    """Where the text gives the incident's length in words ("several hours of delay", "for
    most of the afternoon"): its offsets, else None."""
    found = _VAGUE_LENGTH.search(text)
    return found.span() if found is not None else None


# The window of an exposure, in versions or months: "between versions v0.14.1 and v0.17.2",
# "from June 2015 to April 2021", "introduced on Jun 4th, 2015 and fixed as of April 19th
# 2021".
_VERSION = r"v?\d+\.\d+(?:\.\d+)*(?:[-.]?[a-z]+\d*)?"
_MONTH_YEAR = (rf"(?:(?:early|late|mid)[- ]\s*|\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?)?{_MONTH}\s+"
               rf"(?:\d{{1,2}}{_ORDINAL},?\s+)?\d{{4}}")
_WINDOW = re.compile(
    rf"\b(?:between|from)\s+(?:[\w-]+\s+){{0,3}}?{_VERSION}\s+(?:and|to|through|until|up\s+to)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_VERSION}(?![\w.])|"
    rf"\b(?:between|from)\s+{_MONTH_YEAR}\s+(?:and|to|through|until)\s+{_MONTH_YEAR}\b",
    re.IGNORECASE)
_INTRODUCED_FIXED = re.compile(
    r"\b(?:introduced|present|exposed|vulnerable)\s+(?:since|on|in|from)\b(?P<first>[^.;]{1,140}?)"
    r"\b(?:fixed|patched|resolved|closed|removed)\s+(?:as\s+of|on|in|since)\b"
    r"(?P<second>[^.;]{1,40})", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def find_exposure_window(text: str) -> tuple[int, int] | None:
    """Where the text gives how long a flaw was exposed as two versions or two dates
    ("between v0.14.1 and v0.17.2", "introduced in June 2015 and fixed in April 2021"):
    its offsets, else None."""
    found = _WINDOW.search(text)
    if found is not None:
        return found.span()
    for found in _INTRODUCED_FIXED.finditer(text):
        first, second = found.group("first"), found.group("second")
        if (_YEAR.search(first) or re.search(_VERSION, first)) and \
                (_YEAR.search(second) or re.search(_VERSION, second)):
            return found.span()
    return None



# "deleted 2,500 records", "lost over 300 rows", "wiped all the accounts", "records were
# deleted": data removed or lost, said by its verb and what it removed.
_DATA = r"(?:records|rows|entries|events|accounts|files|documents|objects|messages|tables|data)"
_REMOVED = r"(?:deleted|lost|wiped|erased|removed|dropped|purged|truncated|corrupted)"
_DATA_REMOVED = re.compile(
    rf"\b{_REMOVED}\s+(?:(?:over|about|around|nearly|almost|roughly|some|all|many|most|of|the|"
    rf"our|their|its|production|user|customer|[\d,.]+k?)\s+){{0,4}}{_DATA}\b|"
    rf"\b{_DATA}\s+(?:(?:were|was|had|have|has|been|got|being|silently|permanently)\s+){{1,3}}"
    rf"{_REMOVED}\b", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:no|not|never|without|nothing|none)\b[^.;]{0,30}$", re.IGNORECASE)


def find_data_lost(text: str, phrases: list[str]) -> tuple[int, int] | None:
    """Where a sentence says data was lost, deleted or corrupted ("data loss", "2,500
    records were deleted", "we lost over 300 rows"), not denied ("no records were lost",
    "without data loss")."""
    spans = [*find_phrases(text, phrases), *(found.span() for found in
                                              _DATA_REMOVED.finditer(text))]
    for start, end in sorted(spans):
        if _DENIED.search(text[max(0, start - 40):start]) is None \
                and _DENIED.search(text[start:end]) is None:
            return start, end
    return None
