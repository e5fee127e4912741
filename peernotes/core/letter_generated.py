"""The letter's blocks other than findings: the author's own text and the generated blocks.

A generated block's `text`, when set, is its wording with fields (`{council}`, `{meetings}`
...); empty, it prints PeerNotes' standard wording -- exactly what version 4 printed, so a
migrated file's letter does not change.
"""

from __future__ import annotations

from peernotes.core.letter import (
    ROLE_LABELS,
    Block,
    Run,
    Source,
    _article,
    _plural,
    activity_bullets,
    clean_text,
    framework_title,
    join_words,
)
from peernotes.core.letter_base import BuilderBase
from peernotes.core.letter_outline import OutlineBlock
from peernotes.core.letter_settings import month_year, split_paragraphs
from peernotes.core.records.people import team as team_in_order
from peernotes.core.store import Row


class GeneratedBlocks(BuilderBase):
    _headings: list[Row]
    has_appendix: bool

    # ---------------------------------------------------------------- authored
    def _prose(self, block: OutlineBlock) -> None:
        for text in split_paragraphs(self.fill(block.text)):
            self.add_marked(self.paragraph_kind(block), text, self._source(block))

    def _bullets(self, block: OutlineBlock) -> None:
        for line in block.text.splitlines():
            if line.strip():
                self.add_marked("bullet", self.fill(line.strip()), self._source(block))

    def _quote(self, block: OutlineBlock) -> None:
        for text in split_paragraphs(block.text):
            self.add_marked("quote", text, self._source(block))

    def _lead(self, block: OutlineBlock, standard: str, kind: str | None = None) -> None:
        """A generated block's sentence: its template when set, else the standard wording."""
        text = self.fill(block.text) if block.text.strip() else standard
        src = self._source(block) if block.text.strip() else Source(self.section, block.label)
        self.add_marked(kind or self.paragraph_kind(block), text, src)

    # ---------------------------------------------------------------- title
    def _title(self, block: OutlineBlock) -> None:
        s, ch = self.settings, self.challenge
        date = (
            self.context["onsite_dates"]
            if block.options.get("date") == "onsite_dates"
            else month_year(s.letter_date)
        )
        lines = {
            "council": (
                ch["council"],
                Source("Title", "Council", "challenge", ch["id"], "council"),
            ),
            "programme": (
                ch["programme_title"],
                Source("Title", "Programme", "challenge", ch["id"], "programme_title"),
            ),
            "document_type": (
                s.document_type,
                Source("Title", "Title wording", "setting", "document_type"),
            ),
            "date": (date, Source("Title", "Date of the letter", "setting", "letter_date")),
        }
        order = block.options.get("lines") or ["council", "programme", "document_type", "date"]
        for index, name in enumerate(order):
            text, src = lines[name]
            self.add("title" if index == 0 else "subtitle", text, src)

    def _salutation(self, block: OutlineBlock) -> None:
        src = Source("Title", "Letter settings › Salutation", "setting", "salutation", None, True)
        self.add_marked("paragraph", self.settings.salutation or "", src)

    # ---------------------------------------------------------------- introduction
    def _opening(self, block: OutlineBlock) -> None:
        s, ctx = self.settings, self.context
        clients = s.lines("clients")
        if not clients:
            self.warnings.append("No clients are named in the letter settings.")
        scope = s.lines("scope")
        if block.text.strip():
            self.add_marked(self.paragraph_kind(block), self.fill(block.text), self._source(block))
        else:
            opening = (
                f"{ctx['council']} asked the Local Government Association to carry out "
                f"{_article(ctx['programme'])} {ctx['programme']}."
            )
            if clients:
                opening += (
                    f" The work was commissioned by {join_words(clients)}, "
                    "the clients for this challenge."
                )
            if ctx["purpose"]:
                opening += " " + self.fill(ctx["purpose"])
            if scope:
                opening += " The scope of the challenge was to consider:"
            src = Source(self.section, "Opening (clients, purpose, scope)", "setting", "purpose")
            self.add_marked(self.paragraph_kind(block), opening, src)
        src = Source(self.section, "Letter settings › Scope for the letter", "setting", "scope")
        for line in scope:
            self.add_marked("bullet", line, src, level=2)

    def _standard(self, block: OutlineBlock) -> None:
        name = str(block.options.get("setting"))
        names = name == "acknowledgements"
        self.setting_paragraphs(name, self.paragraph_kind(block), names_expected=names)

    def _framework(self, block: OutlineBlock) -> None:
        tops = [h for h in self._headings if h["depth"] == 0 and h["kind"] != "scope"]
        questions = [h for h in self._headings if h["kind"] == "scope"]
        if not tops:
            return
        label = (self.framework.get("domain_label") or "heading").lower()
        text = (
            f"The team used the {self.context['framework']} as the framework for the challenge. "
            f"Its {_plural(len(tops), label)} gave the headings for the feedback and for this "
            f"{self.document_word}" + (" (see Appendix 1)" if self.has_appendix else "")
        )
        text += (
            ", together with the scoping questions set out above:"
            if questions and self.settings.lines("scope")
            else ":"
        )
        if block.text.strip():
            self._lead(block, text)
        else:
            src = Source(self.section, "Framework", "framework", self.framework.get("id"), "name")
            self.add(self.paragraph_kind(block), text, src)
        for heading in tops:
            src = Source(self.section, "Framework heading", "heading", heading["id"], "name")
            self.add("bullet", heading["name"], src, level=2)

    def _team(self, block: OutlineBlock) -> None:
        members = team_in_order(self.cf)
        if not members:
            self.warnings.append("The team list is empty.")
            return
        self._lead(block, "The members of the peer challenge team were:")
        roles = block.options.get("roles", True)
        separator = str(block.options.get("separator", " – "))
        for peer in members:
            detail = ", ".join(x for x in (peer["job_title"], peer["organisation"]) if x)
            if roles:
                role = ROLE_LABELS.get(peer["role"], "Peer")
                runs = [Run(f"{role}{separator}{peer['name']}", bold=True)]
                if detail:
                    runs.append(Run(f", {detail}"))
            else:
                runs = [Run(peer["name"] + (f"{separator}{detail}" if detail else ""))]
            src = Source(self.section, "Team list", "peer", peer["id"], "name", True)
            self.add_runs("bullet", runs, src, level=2)

    def _activity(self, block: OutlineBlock) -> None:
        figures, ctx = self.figures, self.context
        did = []
        if figures.documents:
            did.append(f"read {figures.documents_phrase()}")
        if figures.meetings:
            did.append(f"held {figures.meetings_phrase()}")
        if figures.people:
            did.append(f"met and spoke with {figures.people_phrase()}")
        text = f"The team was on site from {ctx['onsite_dates']}." if ctx["onsite_dates"] else ""
        if did:
            over = f" over {figures.days_phrase()} on site" if figures.days else ""
            text += f" To reach its findings the team {join_words(did)}{over}."
        bullets = activity_bullets(figures)
        if bullets:
            text += " The programme included:"
        src = Source(self.section, "On-site dates and activity figures (counted from the notes)")
        if block.text.strip():
            self._lead(block, text)
        else:
            self.add(self.paragraph_kind(block), text.strip(), src)
        for bullet in bullets:
            self.add("bullet", bullet, src, level=2)

    # ---------------------------------------------------------------- ending
    def _signature(self, block: OutlineBlock) -> None:
        s = self.settings
        self._lead(block, "Yours sincerely,", "paragraph")
        src = Source(
            "Signature", "Letter settings › Signatory", "setting", "signatory_name", None, True
        )
        if s.signatory_name:
            self.add_runs("paragraph", [Run(s.signatory_name, bold=True)], src)
        else:
            self.warnings.append(
                "No signatory: set one in the letter settings, or add a lead peer."
            )
        self.add(
            "paragraph",
            s.signatory_title,
            Source(
                "Signature",
                "Letter settings › Signatory's job title",
                "setting",
                "signatory_title",
                None,
                True,
            ),
        )
        if s.signature_note:
            self.add_runs(
                "paragraph",
                [Run(f"({s.signature_note})", italic=True)],
                Source("Signature", "Letter settings › Under the signature", "setting",
                       "signature_note"),
            )  # fmt: skip

    def _contacts(self, block: OutlineBlock) -> None:
        if not self.setting_paragraphs("contacts", "paragraph", names_expected=True):
            self.warnings.append("No contact details are set for the letter.")

    def _appendix(self, block: OutlineBlock) -> None:
        tops = [h for h in self._headings if h["depth"] == 0 and h["kind"] != "scope"]
        if not tops:
            return
        name = framework_title(self.framework.get("name", "")) or "The framework"
        src = Source("Appendix", "Framework", "framework", self.framework.get("id"), "name")
        self.add("page_break", "")
        title = self.fill(block.text) if block.text.strip() else f"Appendix 1 – {name}"
        self.add("heading", title, src, level=1)
        domain_label = self.framework.get("domain_label") or "Heading"
        standard_label = self.framework.get("standard_label")
        children: dict[str, list[Row]] = {}
        for h in self._headings:
            if h["depth"] == 1:
                children.setdefault(h["parent_id"], []).append(h)
        header: tuple[str, ...]
        rows: list[tuple[str, ...]]
        if any(children.get(h["id"]) for h in tops):
            header = (domain_label, f"{standard_label or 'Standard'}s")
            rows = [
                (
                    clean_text(h["name"]),
                    "\n".join(
                        clean_text(f"{c['number']}. {c['name']}" if c["number"] else c["name"])
                        for c in children.get(h["id"], [])
                    ),
                )
                for h in tops
            ]
        else:
            header = (domain_label,)
            rows = [(clean_text(h["name"]),) for h in tops]
        self.blocks.append(Block("table", rows=(header, *rows), source=src))
        questions = [h for h in self._headings if h["kind"] == "scope"]
        if questions:
            self.add("heading", "Scoping questions", level=2)
            for q in questions:
                src = Source("Appendix", "Scoping question", "heading", q["id"], "name")
                self.add("bullet", q["name"], src)
