"""Source positions. Lines and columns are 1-based; columns count Unicode code points."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Span(BaseModel):
    """A region of the source file: from (line, column) up to and excluding
    (end_line, end_column)."""

    model_config = ConfigDict(frozen=True)

    line: int
    column: int = 1
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        return cls(line=line, column=column, end_line=line, end_column=column + 1)

    @classmethod
    def lines(cls, first: int, last: int) -> Span:
        """Whole lines ``first``..``last`` (inclusive), as a document-level anchor."""
        return cls(line=first, column=1, end_line=last, end_column=1)

    def covers_line(self, line: int) -> bool:
        return self.line <= line <= max(self.line, self.end_line)


class Located(BaseModel, Generic[T]):
    """A value read from the document, with where it was written."""

    value: T
    span: Span
    raw: str = ""
