"""Sentences without the parser, and quotations masked out.

Splitting on sentence punctuation is enough for postmortem prose and saves
running spaCy's parser (or senter) over text the prefilter would discard.
Masking keeps every offset: quoted characters become ``x`` (letters and digits)
so the sentence still parses as "said <something>", but no word inside a
quotation can be read as blame.
"""

from __future__ import annotations

import re

# "e.g." and friends do not end a sentence.
_ABBREVIATIONS = frozenset((
    "e.g", "i.e", "etc", "vs", "approx", "cf", "al", "mr", "mrs", "ms", "dr", "st", "no",
    "fig", "eq", "sec", "min", "max", "avg", "incl", "est", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "a.m", "p.m",
))
# A run of "." / "!" / "?" is matched from its start only: "!!!!…" stays linear.
_END = re.compile(r"(?<![.!?])[.!?]+[\"'\u201d\u2019)\]]*"
                  r"(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00C0-\u024F])")
_BREAK = re.compile(r"\n[ \t]*\n")
_DOUBLE_QUOTES = (('"', '"'), ("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u00ab", "\u00bb"))
_SINGLE_QUOTES = (("'", "'"), ("\u2018", "\u2019"))
_MAX_QUOTE = 400


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, leading and trailing spaces excluded."""
    cuts = [0]
    for paragraph_break in _BREAK.finditer(text):
        cuts.append(paragraph_break.end())
    for boundary in _END.finditer(text):
        head = text[:boundary.start()]
        before = head.rsplit(None, 1)[-1].lower() if head.strip() else ""
        if before.rstrip(".").lower() in _ABBREVIATIONS or re.fullmatch(r"[a-z]", before):
            continue
        cuts.append(boundary.end())
    cuts = sorted(set(cuts)) + [len(text)]
    spans: list[tuple[int, int]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            spans.append((start + left, start + right))
    return spans


def mask_quotations(text: str) -> str:
    """``text`` with the inside of quotations replaced by x's (same length, same offsets)."""
    chars = list(text)
    for opening, closing in _DOUBLE_QUOTES:
        _mask_pairs(text, chars, opening, closing, word_boundaries=opening == closing)
    for opening, closing in _SINGLE_QUOTES:
        _mask_pairs(text, chars, opening, closing, word_boundaries=True)
    return "".join(chars)


def _mask_pairs(text: str, chars: list[str], opening: str, closing: str,
                word_boundaries: bool) -> None:
    index = 0
    while True:
        start = text.find(opening, index)
        if start < 0:
            return
        if word_boundaries and not _opens(text, start):
            index = start + 1
            continue
        end = start + 1
        while True:
            end = text.find(closing, end)
            if end < 0 or end - start > _MAX_QUOTE:
                end = -1
                break
            if not word_boundaries or _closes(text, end):
                break
            end += 1
        if end < 0:
            index = start + 1
            continue
        for position in range(start + 1, end):
            if chars[position].isalnum():
                chars[position] = "x"
        index = end + 1


def _opens(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{:;,\u2014-") and not after.isspace()


def _closes(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())
