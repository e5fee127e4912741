"""Issue 12 figures: exporting the feedback deck, next to raw python-pptx writing the same text
into the same layouts, measured in the same run.

    python -m benchmarks.export_deck [--runs N]

Workloads: the demo challenge and the standard workload (benchmarks.workloads).

export = build the deck from the file (roll-up, activity figures, pagination) + the
         non-attribution scan of every slide and note + render on the template + save
         (to a temporary file, then os.replace)
raw    = python-pptx on the same template bytes: for each of the deck's slides, add_slide on
         the same layout, the title, each body paragraph with its level, the speaker notes,
         then prs.save to a plain file
Target: export <= 2x raw. Figures are medians over --runs runs after one warm-up.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from pptx import Presentation

from benchmarks.timing import median_seconds, verdict
from peernotes.core import attribution
from peernotes.core.deck import build_deck
from peernotes.core.store import ChallengeFile
from peernotes.export.pptx_deck import CONTENT_LAYOUT, TITLE_LAYOUT, export_deck, load_template


def measure(path: Path, runs: int, out: Path) -> dict[str, float]:
    template = load_template()
    cf = ChallengeFile.open(path, readonly=True)
    try:
        deck = build_deck(cf, template.capacity)
        slides = [
            (
                s.layout,
                s.title,
                s.subtitle,
                [(b.text, b.level) for b in s.bullets],
                s.notes_text,
            )
            for s in deck.slides
        ]

        def export() -> None:
            built = build_deck(cf, template.capacity)
            hits = attribution.scan(cf, built)
            assert not hits, attribution.report(hits)
            export_deck(built, out / "deck.pptx", template)

        def raw() -> None:
            prs = Presentation(io.BytesIO(template.data))
            layouts = {
                "title": prs.slide_layouts.get_by_name(TITLE_LAYOUT),
                "content": prs.slide_layouts.get_by_name(CONTENT_LAYOUT),
            }
            for layout, title, subtitle, bullets, notes in slides:
                slide = prs.slides.add_slide(layouts[layout])
                slide.placeholders[0].text_frame.text = title
                body = slide.placeholders[1].text_frame
                if layout == "title":
                    body.text = subtitle
                for number, (text, level) in enumerate(bullets):
                    paragraph = body.paragraphs[0] if number == 0 else body.add_paragraph()
                    paragraph.text = text
                    paragraph.level = level
                if notes:
                    slide.notes_slide.notes_text_frame.text = notes
            prs.save(str(out / "raw.pptx"))

        timings = {
            "slides": float(len(slides)),
            "build": median_seconds(lambda: build_deck(cf, template.capacity), runs),
            "scan": median_seconds(lambda: attribution.scan(cf, deck), runs),
            "export": median_seconds(export, runs),
            "raw": median_seconds(raw, runs),
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
        cases = {"demo": demo, "standard": workload("standard")}
        print(
            f"{'workload':<10} {'slides':>6} {'build':>8} {'scan':>8} {'export':>8} {'raw':>8} "
            f"{'ratio':>6}"
        )
        worst = 0.0
        for name, path in cases.items():
            t = measure(path, args.runs, out)
            ratio = t["export"] / t["raw"]
            worst = max(worst, ratio)
            print(
                f"{name:<10} {int(t['slides']):>6} {t['build'] * 1000:>6.1f}ms "
                f"{t['scan'] * 1000:>6.1f}ms {t['export'] * 1000:>6.1f}ms "
                f"{t['raw'] * 1000:>6.1f}ms {ratio:>5.2f}x"
            )
    print(f"target: export <= 2x raw python-pptx -> {verdict(worst <= 2)} (worst {worst:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
