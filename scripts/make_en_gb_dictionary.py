"""Build resources/spelling/en_GB.counts.gz, the British word list the spell-checker loads.

Why: pyspellchecker's English list is American ("color", "center", "organization" pass). The
LibreOffice en_GB Hunspell dictionary (Marco A.G. Pinto et al., LGPL; Debian's hunspell-en-gb)
is a maintained, curated British list; this turns it into word counts, written one line per
count (`count word word ...`, peernotes.core.spelling.format_counts) so the window can read the
words without the counts.

Run on Debian/Ubuntu when the dictionary is updated (needs the hunspell and hunspell-tools
packages for `unmunch` and `hunspell`):

    apt-get download hunspell-en-gb && dpkg -x hunspell-en-gb_*.deb /tmp/en_gb
    python scripts/make_en_gb_dictionary.py /tmp/en_gb/usr/share/hunspell/en_GB

Steps: `unmunch` expands the .dic with the .aff's affixes (it over-generates, e.g.
"outLudditismisability"), so `hunspell -G` keeps only the words Hunspell itself accepts.
Words are lower-cased (the checker compares lower case; a name spelt like an American
form of a listed word, "Center", "Harbor", is dropped), possessives ("council's") dropped
(the checker accepts "X's" when it knows X) and the -ize/-yze forms of words whose -ise/-yse
form is also listed dropped: the dictionary accepts Oxford spelling, PeerNotes writes -ise.
Each word's count is pyspellchecker's English count for it or for its American form ("colour"
takes "color"'s), so suggestions rank common words first; unknown words count 1.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from peernotes.core.spelling import format_counts  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "spelling" / "en_GB.counts.gz"
OXFORD = re.compile(r"([iy])z(ation|ational|ationally|ations|er|ers|able|ed|es|ing|e)")
KEEP_Z = re.compile(r"^(prize|seize|biz)")  # "prise", "seise", "bis" are other words
AMERICAN_NAMES = (("ter", "tre"), ("or", "our"))
AMERICAN = (
    ("mme", "m"),
    ("our", "or"),
    ("ise", "ize"),
    ("isation", "ization"),
    ("tre", "ter"),
    ("yse", "yze"),
)


def hunspell_words(stem: str) -> list[str]:
    """Every word the Hunspell dictionary `stem`.dic/.aff accepts, expanded."""
    expanded = subprocess.run(
        ["unmunch", f"{stem}.dic", f"{stem}.aff"], capture_output=True, text=True, check=True
    ).stdout
    unique = "\n".join(sorted(set(expanded.split())))
    accepted = subprocess.run(
        ["hunspell", "-d", stem, "-G"], input=unique, capture_output=True, text=True, check=True
    ).stdout
    return accepted.split()


def british_only(words: set[str]) -> set[str]:
    """Lower case, no possessives, no -ize forms whose -ise form is also listed."""
    common = frozenset(w for w in words if w.islower())
    lower = set(common)
    for name in {w.lower() for w in words if not w.islower()} - common:
        # A name such as "Center" (as in a US "Medical Center") would let "center" pass.
        if not any(name.endswith(a) and name[: -len(a)] + b in common for a, b in AMERICAN_NAMES):
            lower.add(name)
    lower = {w for w in lower if not (w.endswith("'s") and w[:-2] in lower)}
    oxford = set()
    for word in lower:
        match = OXFORD.search(word)
        if match and not KEEP_Z.match(word):
            british = word[: match.start()] + match.group(1) + "s" + word[match.start() + 2 :]
            if british in lower:
                oxford.add(word)
    return lower - oxford


def counts(words: set[str]) -> dict[str, int]:
    """pyspellchecker's English count of each word, or of its American form, else 1."""
    source = files("spellchecker") / "resources" / "en.json.gz"
    english: dict[str, int] = json.loads(gzip.decompress(source.read_bytes()))
    result = {}
    for word in sorted(words):
        count = english.get(word, 0)
        for british, american in AMERICAN:
            if not count and british in word:
                count = english.get(word.replace(british, american), 0)
        result[word] = max(count, 1)
    return result


def main(stem: str) -> None:
    words = british_only(set(hunspell_words(stem)))
    data = format_counts(counts(words)).encode()
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(words)} words, {OUT.stat().st_size // 1024} KiB -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell/en_GB")
