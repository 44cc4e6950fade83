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
    """Decode bytes to text, reporting undecodable bytes instead of failing."""
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                return ReadProblem("PM004", f"file starts with a {encoding} byte-order mark "
                                   f"but is not valid {encoding} ({error.reason})")
            return SourceText(path, _normalise_newlines(text.lstrip("\ufeff")), encoding, digest)
    if b"\x00" in data[:8192]:
        return ReadProblem("PM006", "binary file skipped (it contains NUL bytes)")
    try:
        return SourceText(path, _normalise_newlines(data.decode("utf-8")), "utf-8", digest)
    except UnicodeDecodeError as error:
        text = _normalise_newlines(data.decode("utf-8", errors="replace"))
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
        source = SourceText(path, text, "utf-8", digest)
        source.problems.append(ReadProblem(
            "PM004", f"invalid UTF-8 byte 0x{data[error.start]:02x}; save the file as UTF-8 "
            "(undecodable bytes were read as \ufffd)", line, column))
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
