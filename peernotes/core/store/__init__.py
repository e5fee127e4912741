"""The challenge file: one SQLite database per peer challenge, and the only code that writes it.

`ChallengeFile` opens (refusing foreign, damaged and too-new files without touching them),
migrates, and offers a small generic record API -- insert, update, delete (tombstone),
undelete -- that stamps every row with who/when/HLC, keeps earlier versions in `history`,
runs each call in one transaction and tells listeners what changed after it commits.

The package, layered bottom-up (each module imports only those above it in this list):
  change          Row, Change, listeners
  connection      connecting, verifying, cleaning up a failed open (no ChallengeFile yet)
  transactions    transactions, listeners, local settings
  rows            the stamped row API, history, undo capture
  bulk            verbatim writes for merge, conflict review, import, salvage
  fresh_files     writes on a file nobody has merged from yet: a peer's copy, salvage, import
  challenge_file  ChallengeFile: open, create, close
Import the public names from here (`peernotes.core.store`), not from the modules.
"""

from peernotes.core.schema import BOOKKEEPING_COLUMNS
from peernotes.core.sqlite_errors import DB_ERRORS
from peernotes.core.store.challenge_file import ChallengeFile
from peernotes.core.store.change import Change, Listener, Row, utc_now
from peernotes.core.store.connection import ReadOnlyCause, connect

__all__ = [
    "BOOKKEEPING_COLUMNS",
    "DB_ERRORS",
    "ChallengeFile",
    "Change",
    "Listener",
    "ReadOnlyCause",
    "Row",
    "connect",
    "utc_now",
]
