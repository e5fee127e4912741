"""Issue 5 figures: exporting the summary letter, next to raw python-docx writing the same
paragraphs with cached style ids, measured in the same run.

    python -m benchmarks.export_letter [--runs N]

Workloads: the demo challenge (peernotes.core.demo defaults) and the standard workload
(benchmarks.workloads: 8 peers, 60 meetings, 150 people, 50 documents, 3,000 observations),
the latter once per letter preset (peernotes.core.letter_presets) applied to a copy.

export    = build the letter from the file + non-attribution scan + render on the template
            + save (to a temporary file, then os.replace)
raw       = python-docx on the same template: clear the body, then for each of the letter's
            paragraphs `doc.add_paragraph(text)` with its style set by a style id resolved
            once (no name lookups), the same table, then `doc.save` to a plain file
by name   = python-docx the usual way, `add_paragraph(text, style="List Bullet")`, for scale
Target: export <= 2x raw. Figures are medians over --runs runs after one warm-up.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from benchmarks.timing import median_seconds, verdict
from peernotes.core import attribution
from peernotes.core.letter import build_letter
from peernotes.core.letter_presets import PRESETS, apply_preset
from peernotes.core.store import ChallengeFile
from peernotes.export.docx_letter import STYLE_NAMES, export_letter, template_path

_KIND_STYLE = {
    "title": "title",
    "subtitle": "subtitle",
    "numbered": "numbered",
    "paragraph": "paragraph",
    "quote": "quote",
    "list_number": "list_number",
}


def _style_key(block) -> str | None:
    if block.kind == "heading":
        return f"heading{min(block.level, 3)}"
    if block.kind == "bullet":
        return "bullet2" if block.level >= 2 else "bullet1"
    return _KIND_STYLE.get(block.kind)


def _blank(template: Path) -> docx.document.Document:
    document = docx.Document(str(template))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def measure(path: Path, runs: int, out: Path) -> dict[str, float]:
    cf = ChallengeFile.open(path, readonly=True)
    try:
        letter = build_letter(cf)
        paragraphs = [
            (b.text, _style_key(b)) for b in letter.blocks if b.kind not in ("table", "page_break")
        ]
        tables = [b.rows for b in letter.blocks if b.kind == "table"]
        template = template_path()

        def export() -> None:
            built = build_letter(cf)
            hits = attribution.scan(cf, built)
            assert not hits, attribution.report(hits)
            export_letter(built, out / "letter.docx")

        def raw() -> None:
            document = _blank(template)
            ids = {key: document.styles[name].style_id for key, name in STYLE_NAMES.items()}
            for text, key in paragraphs:
                paragraph = document.add_paragraph(text)
                if key:
                    paragraph._p.get_or_add_pPr().style = ids[key]
            for rows in tables:
                table = document.add_table(rows=len(rows), cols=len(rows[0]))
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        table.cell(r, c).text = value
            document.save(str(out / "raw.docx"))

        def by_name() -> None:
            document = _blank(template)
            for text, key in paragraphs:
                document.add_paragraph(text, style=STYLE_NAMES[key] if key else None)
            document.save(str(out / "by-name.docx"))

        timings = {
            "paragraphs": float(len(paragraphs)),
            "build": median_seconds(lambda: build_letter(cf), runs),
            "scan": median_seconds(lambda: attribution.scan(cf, letter), runs),
            "export": median_seconds(export, runs),
            "raw": median_seconds(raw, runs),
            "by_name": median_seconds(by_name, runs),
        }
    finally:
        cf.close()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    from benchmarks.workloads import workload
    from peernotes.core.demo import write_demo

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        demo = write_demo(out / "demo.peernotes")
        cases = {"demo": demo}
        standard = workload("standard")
        for key in PRESETS:
            copy = out / f"{key}.peernotes"
            shutil.copy(standard, copy)
            cf = ChallengeFile.open(copy)
            try:
                apply_preset(cf, key)
            finally:
                cf.close()
            cases[f"standard {key}"] = copy
        print(
            f"{'workload':<34} {'paras':>6} {'build':>8} {'scan':>8} {'export':>8} {'raw':>8} {'ratio':>6} {'by name':>8}"
        )
        worst = 0.0
        for name, path in cases.items():
            t = measure(path, args.runs, out)
            ratio = t["export"] / t["raw"]
            worst = max(worst, ratio)
            print(
                f"{name:<34} {int(t['paragraphs']):>6} {t['build'] * 1000:>6.1f}ms {t['scan'] * 1000:>6.1f}ms "
                f"{t['export'] * 1000:>6.1f}ms {t['raw'] * 1000:>6.1f}ms {ratio:>5.2f}x {t['by_name'] * 1000:>6.1f}ms"
            )
    print(
        f"target: export <= 2x raw python-docx with cached style ids -> {verdict(worst <= 2)} (worst {worst:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
