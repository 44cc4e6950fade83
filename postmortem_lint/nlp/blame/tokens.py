"""A parsed sentence read out of spaCy once, into plain Python objects.

The detectors ask the same questions of every token many times (its lower-case form,
tag, dependency, head, children). Each such question on a spaCy ``Doc`` builds a new
``Token`` object and looks its strings up again: a sentence of 50 words cost about a
thousand of them. :class:`ParsedSentence` reads each token's attributes once, into
:class:`Word` objects with the same attribute names as ``Token`` (``i``, ``text``,
``lower_``, ``tag_``, ``dep_``, ``head``, ``children``, ``lefts``, ``rights``,
``left_edge``, ``right_edge``, ``subtree``, ``sent``…), and :class:`Phrase` stands for a
``Span`` (``start``, ``end``, ``text``, ``root``, indexing and iteration), so the
detectors read the same values as before, only cheaper.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, overload


class Word:
    """One token: what the detectors read of a spaCy ``Token``, computed once."""

    __slots__ = ("_sentence", "children", "dep_", "head", "i", "idx", "is_lower", "is_punct",
                 "is_space", "is_title", "is_upper", "left_edge", "lefts", "lower_", "right_edge",
                 "rights", "tag_", "text")

    _sentence: ParsedSentence
    i: int
    text: str
    lower_: str
    tag_: str
    dep_: str
    idx: int
    is_punct: bool
    is_space: bool
    is_upper: bool
    is_title: bool
    is_lower: bool
    head: Word
    lefts: tuple[Word, ...]
    rights: tuple[Word, ...]
    children: tuple[Word, ...]
    left_edge: Word
    right_edge: Word

    def __len__(self) -> int:  # as Token: the length of its text (never 0, so truthy)
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    @property
    def subtree(self) -> Iterator[Word]:
        """The word and its descendants, in the order spaCy's ``Token.subtree`` yields them."""
        for word in self.lefts:
            yield from word.subtree
        yield self
        for word in self.rights:
            yield from word.subtree

    @property
    def sent(self) -> Phrase:
        """The sentence (as the parser split the text) the word is in."""
        return self._sentence.sentence_of(self.i)


class ParsedSentence:
    """The words of a parsed text; indexes and slices like a spaCy ``Doc``."""

    __slots__ = ("_doc", "_sentences", "text", "words")

    def __init__(self, doc: Any):
        self._doc = doc
        self.text: str = doc.text
        self._sentences: dict[int, Phrase] = {}
        words = [Word() for _ in range(len(doc))]
        self.words = words
        for token, word in zip(doc, words, strict=True):
            word._sentence = self
            word.i = token.i
            word.text = token.text
            word.lower_ = token.lower_
            word.tag_ = token.tag_
            word.dep_ = token.dep_
            word.idx = token.idx
            word.is_punct = token.is_punct
            word.is_space = token.is_space
            word.is_upper = token.is_upper
            word.is_title = token.is_title
            word.is_lower = token.is_lower
            word.head = words[token.head.i]
            word.left_edge = words[token.left_edge.i]
            word.right_edge = words[token.right_edge.i]
            word.lefts = tuple(words[child.i] for child in token.lefts)
            word.rights = tuple(words[child.i] for child in token.rights)
            word.children = word.lefts + word.rights

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    @overload
    def __getitem__(self, key: int) -> Word: ...
    @overload
    def __getitem__(self, key: slice) -> Phrase: ...
    def __getitem__(self, key: int | slice) -> Word | Phrase:
        if isinstance(key, slice):
            start, end, _ = key.indices(len(self.words))
            return Phrase(self, start, max(start, end))
        return self.words[key]

    def phrase(self, start: int, end: int) -> Phrase:
        return Phrase(self, start, end)

    def sentence_of(self, index: int) -> Phrase:
        found = self._sentences.get(index)
        if found is None:
            span = self._doc[index].sent
            found = self._sentences[index] = Phrase(self, span.start, span.end)
        return found

    def root_of(self, start: int, end: int) -> Word:
        """What spaCy's ``Span.root`` is for ``doc[start:end]``."""
        return self.words[self._doc[start:end].root.i]


class Phrase:
    """A run of words, standing for a spaCy ``Span``."""

    __slots__ = ("_root", "end", "sentence", "start")

    def __init__(self, sentence: ParsedSentence, start: int, end: int):
        self.sentence = sentence
        self.start = start
        self.end = end
        self._root: Word | None = None

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Word]:
        return iter(self.sentence.words[self.start:self.end])

    @overload
    def __getitem__(self, key: int) -> Word: ...
    @overload
    def __getitem__(self, key: slice) -> Phrase: ...
    def __getitem__(self, key: int | slice) -> Word | Phrase:
        if isinstance(key, slice):
            start, end, _ = key.indices(len(self))
            return Phrase(self.sentence, self.start + start, self.start + max(start, end))
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError(key)
        return self.sentence.words[self.start + key]

    @property
    def text(self) -> str:
        if self.end <= self.start:
            return ""
        words = self.sentence.words
        last = words[self.end - 1]
        return self.sentence.text[words[self.start].idx:last.idx + len(last.text)]

    @property
    def root(self) -> Word:
        if self._root is None:
            self._root = self.sentence.root_of(self.start, self.end)
        return self._root
