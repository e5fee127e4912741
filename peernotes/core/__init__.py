"""The Qt-free core: the challenge file, its records and everything computed from them.

Nothing under peernotes.core may import Qt (tests/core/test_no_qt.py enforces it).
"""
