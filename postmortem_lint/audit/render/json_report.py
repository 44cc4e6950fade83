"""The report as JSON (``schemas/audit.schema.json``), written as it is read.

The summary is written value by value and each document is read back from the store
as it is written, so no string the size of the archive is ever built. The output is
what ``AuditReport.model_dump_json(indent=2)`` would give.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from postmortem_lint.audit.analytics import Audit

_OPENED = 3  # containers this deep or deeper are small: pydantic writes them whole


def _write(value: Any, out: TextIO, depth: int) -> None:
    """Opens the report's containers (lists of overdue items…) one level at a time and
    lets pydantic write each small piece, indented to where it sits."""
    pad = "\n" + "  " * (depth + 1)
    if isinstance(value, BaseModel) and depth >= _OPENED - 1:
        out.write(value.model_dump_json(indent=2).replace("\n", "\n" + "  " * depth))
        return
    if isinstance(value, BaseModel):
        items: list[tuple[Any, Any]] = [(name, getattr(value, name))
                                        for name in type(value).model_fields]
    elif isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list) and value:
        out.write("[")
        for index, item in enumerate(value):
            out.write(("," if index else "") + pad)
            _write(item, out, depth + 1)
        out.write("\n" + "  " * depth + "]")
        return
    else:
        out.write(json.dumps(to_jsonable_python(value), ensure_ascii=False))
        return
    if not items:
        out.write("{}")
        return
    out.write("{")
    for index, (key, item) in enumerate(items):
        out.write(("," if index else "") + pad
                  + json.dumps(to_jsonable_python(key), ensure_ascii=False) + ": ")
        _write(item, out, depth + 1)
    out.write("\n" + "  " * depth + "}")


def write_json(audit: Audit, out: TextIO) -> None:
    out.write("{")
    for index, name in enumerate(type(audit.summary).model_fields):
        out.write(("," if index else "") + "\n  " + json.dumps(name) + ": ")
        _write(getattr(audit.summary, name), out, 1)
    out.write(',\n  "documents": [')
    first = True
    for record in audit.documents.by_path():
        out.write("\n    " if first else ",\n    ")
        _write(record, out, 2)
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")
