"""PeerNotes: offline notes, triangulation and summary letters for peer challenge teams."""

__version__ = "0.1.0"
