"""Exports rendered from core results: the summary letter and the internal evidence report (.docx).

Nothing here imports Qt; every file is written through safe_write, so a failed export never
leaves a half-written file under the name the user chose.
"""
