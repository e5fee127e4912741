"""Table models for the recording window: they hold ids and fetch display rows on demand."""

from peernotes.ui.models.base import ID_ROLE, SORT_ROLE, Column, IdListModel
from peernotes.ui.models.observations import ObservationTableModel
from peernotes.ui.models.proxies import WordFilterProxyModel
from peernotes.ui.models.records import (
    DocumentTableModel,
    MeetingTableModel,
    PeerTableModel,
    PersonTableModel,
)

__all__ = [
    "ID_ROLE",
    "SORT_ROLE",
    "Column",
    "IdListModel",
    "ObservationTableModel",
    "WordFilterProxyModel",
    "DocumentTableModel",
    "MeetingTableModel",
    "PeerTableModel",
    "PersonTableModel",
]
