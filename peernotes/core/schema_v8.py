"""Schema step 8 (issue 11), frozen with the step: a finding printed as prose only, and text
escaped for the inline quote and lettered sub-list marks.

A finding's `prose_only` flag prints its narrative as a paragraph with no bullet statement.
The inline quote (`""`) and the lettered sub-list ("a) " lines) are new marks: existing text
that holds them is escaped once so it prints as before. Kept apart from schema.py so that
module stays small; nothing here may change once shipped.
"""

from __future__ import annotations

import re
import sqlite3

from peernotes.core.schema_text import escape_stored_texts

V8 = (
    "ALTER TABLE finding ADD COLUMN prose_only INTEGER NOT NULL DEFAULT 0 "
    "CHECK (prose_only IN (0, 1))"
)
# Letter settings whose text the letter prints through the markup (as in v6).
_TEXT_SETTINGS = (
    "salutation", "clients", "purpose", "scope", "acknowledgements", "what_is_peer_challenge",
    "non_attribution", "basis", "next_steps", "closing", "signatory_name", "signatory_title",
    "signature_note", "contacts",
)  # fmt: skip
_V8_LETTERED = re.compile(r"^[ \t]*[a-z]\) ")
_V8_ESCAPED_LETTERED = re.compile(r"^([ \t]*)\\([a-z]\) )")


def _v8_escape(text: str) -> str:
    """peernotes.core.markup.escape_quotes_and_letters as it was when v8 shipped (frozen)."""
    lines = []
    for line in text.split("\n"):
        item, lead = _V8_LETTERED.match(line), _V8_ESCAPED_LETTERED.match(line)
        if item:
            line = line[: item.end() - 3] + "\\" + line[item.end() - 3 :]
        elif lead:
            line = lead.group(1) + "\\" + line[len(lead.group(1)) :]
        out: list[str] = []
        index = 0
        while index < len(line):
            char, after = line[index], line[index + 1 : index + 2]
            before = line[index - 1 : index] if index else ""
            if char == "\\" and after and after in "\\*-":
                out.append(char + after)
                index += 2
                continue
            if char == "\\" and after == '"':
                out.append("\\\\")
            elif char == '"' and '"' in (after, before):
                out.append('\\"')
            else:
                out.append(char)
            index += 1
        lines.append("".join(out))
    return "\n".join(lines)


def v8_prose_only(conn: sqlite3.Connection) -> None:
    """The step: the column, then the text escaped."""
    conn.execute(V8)
    v8_escape_texts(conn)


def v8_escape_texts(conn: sqlite3.Connection) -> None:
    """Findings, letter settings and outline blocks: text escaped for the v8 marks."""
    escape_stored_texts(conn, _v8_escape, _TEXT_SETTINGS, letter_blocks=True)
