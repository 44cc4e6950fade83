"""Bytes on disk to text: encodings, line endings, binary and oversized files.

Nothing here raises for bad input: a file that cannot become text yields a
:class:`ReadProblem` that the engine turns into a finding.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class ReadProblem:
    code: str  # PM001 unreadable, PM004 encoding, PM005 too large, PM006 binary
    message: str
    line: int = 1
    column: int = 1


@dataclass
class SourceText:
    path: str  # as shown to the user
    text: str  # line endings normalised to "\n"
    encoding: str
    digest: str = ""
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def decode(data: bytes, path: str) -> SourceText | ReadProblem:
    """Decode bytes to text. Undecodable bytes are replaced (U+FFFD) and reported as one
    PM004 at the first of them; the rest of the document is read as usual."""
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, len(bom), encoding, path, digest)
    if b"\x00" in data[:8192]:
        return ReadProblem("PM006", "binary file skipped (it contains NUL bytes)")
    return _decode_as(data, 0, "utf-8", path, digest)


def _decode_as(data: bytes, skip: int, encoding: str, path: str, digest: str) -> SourceText:
    codec = {"utf-8-sig": "utf-8"}.get(encoding, encoding)
    body = data[skip:]
    if codec in ("utf-16", "utf-32"):  # the BOM gave the byte order
        codec += "-le" if data[:2] == b"\xff\xfe" else "-be"
    try:
        return SourceText(path, _normalise_newlines(body.decode(codec).lstrip("\ufeff")),
                          encoding, digest)
    except UnicodeDecodeError as error:
        text = _normalise_newlines(body.decode(codec, errors="replace").lstrip("\ufeff"))
        before = _normalise_newlines(body[: error.start].decode(codec, errors="replace")
                                     .lstrip("\ufeff"))
        line = before.count("\n") + 1
        column = len(before.rsplit("\n", 1)[-1]) + 1
        bad = body[error.start:error.end][:4].hex(" ")
        name = {"utf-8-sig": "utf-8"}.get(encoding, encoding).upper()
        source = SourceText(path, text, encoding, digest)
        source.problems.append(ReadProblem(
            "PM004", f"invalid {name} byte 0x{bad.replace(' ', ' 0x')}; save the file as "
            f"{name} (undecodable bytes were read as \ufffd)", line, column))
        return source


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path, shown_as: str, max_bytes: int = DEFAULT_MAX_BYTES
                ) -> SourceText | ReadProblem:
    """Read a file without following it outside what was asked, and never write to it."""
    try:
        if path.is_dir():
            return ReadProblem("PM001", "is a directory, not a postmortem file")
        size = path.stat().st_size
        if size > max_bytes:
            return ReadProblem("PM005", f"file is {size:,} bytes, over the {max_bytes:,}-byte "
                               "limit (max-file-size); not linted")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return ReadProblem("PM001", "file not found (or a broken symbolic link)")
    except PermissionError:
        return ReadProblem("PM001", "permission denied")
    except OSError as error:
        return ReadProblem("PM001", f"cannot read file: {error.strerror or error}")
    if len(data) > max_bytes:
        return ReadProblem("PM005", f"file is over the {max_bytes:,}-byte limit; not linted")
    return decode(data, shown_as)
