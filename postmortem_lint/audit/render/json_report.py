"""The report as JSON (``schemas/audit.schema.json``), written as it is read: the
summary first, then each document from the store, so no whole-archive string is built."""

from __future__ import annotations

from typing import TextIO

from postmortem_lint.audit.analytics import Audit


def write_json(audit: Audit, out: TextIO) -> None:
    head = audit.summary.model_dump_json(indent=2)
    # The summary is an object whose last line is "}": reopen it to append the documents.
    out.write(head[: head.rindex("}")].rstrip() + ',\n  "documents": [')
    first = True
    for record in audit.documents.by_path():
        out.write("\n    " if first else ",\n    ")
        out.write(record.model_dump_json(indent=2).replace("\n", "\n    "))
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")
