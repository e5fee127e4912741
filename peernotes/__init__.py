"""PeerNotes: offline notes, triangulation and summary letters for peer challenge teams.

`__version__` is the one place the version is written: pyproject.toml reads it from here
(hatch's dynamic version), and so do `peernotes --version`, Help › About, the files PeerNotes
writes and the installers the build makes (packaging/build.py). A frozen build has no package
metadata to ask, so the version lives in code rather than in importlib.metadata.
"""

__version__ = "0.1.0"
LICENCE = "MIT"
