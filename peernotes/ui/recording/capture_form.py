"""Capture's form: the widgets a peer types into, laid out as one card.

It only builds and arranges them; what they do (choosing the meeting, adding people, saving
the note) is wired by peernotes.ui.recording.capture and its helpers, so the layout can change (to fit
a laptop at 150 %) without touching behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from peernotes.ui.spelling import attach as spell_check
from peernotes.ui.widgets.capture_editor import CaptureEditor, PersonField
from peernotes.ui.widgets.chips import ChipBox, FlowLayout
from peernotes.ui.widgets.choices import ChoiceButtons
from peernotes.ui.widgets.form_scroll import FormScroll
from peernotes.ui.widgets.heading_picker import HeadingPicker
from peernotes.ui.widgets.note_keys import MODE_KEYS, POLARITY_KEYS

LEGEND = (
    "<b>Enter</b> save · <b>Shift+Enter</b> new line · <b>Ctrl+1/2/3</b> read/heard/seen · "
    "<b>Alt+S/A/N</b> strength/area/neutral · <b>Ctrl+T</b> heading · <b>Ctrl+Q</b> quote · "
    "<b>Ctrl+Shift+P</b> person · <b>Ctrl+M</b> meeting · <b>Up</b> edit the previous note"
)


def section(text: str, buddy: QWidget | None = None) -> QLabel:
    """A field's label, right-aligned beside it (its buddy takes Alt+letter)."""
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


TOP_RIGHT = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight


class CaptureForm(QFrame):
    """Meeting, people met, document, the note box, its tags and headings, Save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureCard")
        self._meeting_widgets()
        self._people_widgets()
        self._note_widgets()
        self._tag_widgets()
        self._action_widgets()
        self._arrange()

    # ------------------------------------------------------------- widgets
    def _meeting_widgets(self) -> None:
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Current meeting")
        self.meeting.setToolTip("The meeting these notes belong to (Ctrl+M)")
        self.meeting.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.meeting.setMinimumContentsLength(24)  # long titles must not widen the window
        self.now_button = QPushButton("Now")
        self.now_button.setToolTip(
            "Go to the meeting you attend now by this laptop's clock (else one running now);\n"
            "the line under the meeting says which rule chose it"
        )
        self.now_button.setAccessibleName("Meeting happening now")
        self.meeting_info = QLabel()
        self.meeting_info.setObjectName("hint")
        self.meeting_info.setWordWrap(True)  # a long list of peers must not widen the window
        self.document = QComboBox()
        self.document.setAccessibleName("Document read")
        self.document.setToolTip("The document this note is about (for things read)")
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document.setMinimumContentsLength(24)
        self.document_label = section("&Document", self.document)

    def _people_widgets(self) -> None:
        self.people = ChipBox()
        self.people.setAccessibleName("People met in this meeting")
        self.person_field = PersonField()
        self.person_field.setPlaceholderText("Add person met… (Ctrl+Shift+P)")
        self.person_field.setAccessibleName("Add a person met")
        self.person_field.setToolTip(
            "Type a name and press Enter: pick someone already recorded, or add a new person\n"
            "with their stakeholder group. Escape returns to the text."
        )
        self.person_field.setMinimumWidth(220)
        self.person_names = QStringListModel(self)
        completer = QCompleter(self.person_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person_field.setCompleter(completer)
        self.people.set_trailing(self.person_field)

    def _note_widgets(self) -> None:
        self.editor = CaptureEditor()
        spell_check(self.editor)  # notes bound for the letter: British spelling, as typed
        self.editor.setAccessibleName("Observation text")
        self.editor.setPlaceholderText(
            "Type what you read, heard or saw… Enter saves, Shift+Enter starts a new line."
        )
        self.editor.setTabChangesFocus(True)
        lines = self.editor.fontMetrics().lineSpacing()
        self.editor.setMinimumHeight(lines * 4 + 12)
        self.editor.setMaximumHeight(lines * 7 + 12)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _tag_widgets(self) -> None:
        self.mode = ChoiceButtons(MODE_KEYS, "Mode")
        self.mode.set_value("heard")
        self.mode_hint = QLabel()
        self.mode_hint.setObjectName("modeHint")
        self.mode_hint.setAccessibleName("Mode for this note")
        self.mode_hint.setWordWrap(True)
        self.mode_hint.hide()
        self.polarity = ChoiceButtons(POLARITY_KEYS, "Polarity")
        self.polarity.set_value("neutral")
        self.quote = QToolButton()
        self.quote.setText("“ Quote ”")
        self.quote.setCheckable(True)
        self.quote.setObjectName("segment")
        self.quote.setAccessibleName("Verbatim quote")
        self.quote.setToolTip("A verbatim quote, never attributed to anyone (Ctrl+Q)")
        self.heading_picker = HeadingPicker()

    def _action_widgets(self) -> None:
        self.save_button = QPushButton("Save observation")
        self.save_button.setToolTip("Save and clear for the next one (Enter)")
        self.message = QLabel()
        self.message.setObjectName("captureMessage")
        self.message.setAccessibleName("Capture status")
        self.message.setWordWrap(True)
        self.legend = QLabel(LEGEND)
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("Keyboard shortcuts")

    # -------------------------------------------------------------- layout
    def _arrange(self) -> None:
        """Labelled rows in one card. The meeting stays at the top; the rows under it scroll
        when the window is too short (peernotes.ui.widgets.form_scroll). Rows that wrap
        (people met, the tag buttons, the legend) report their height for the width they
        get, so nothing is drawn over the row below."""
        top = self._grid(self)
        meeting_row = QHBoxLayout()
        meeting_row.addWidget(self.meeting, 1)
        meeting_row.addWidget(self.now_button)
        top.addWidget(section("&Meeting", self.meeting), 0, 0)
        top.addLayout(meeting_row, 0, 1)
        top.addWidget(self.meeting_info, 1, 1)
        self.rows = QWidget()
        self.rows.setAccessibleName("Note")
        rows = self._grid(self.rows)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(self._first_line(section("People met"), self.person_field), 0, 0, TOP_RIGHT)
        rows.addWidget(self.people, 0, 1)
        rows.addWidget(self.document_label, 1, 0)
        rows.addWidget(self.document, 1, 1)
        rows.addWidget(section("&Observation", self.editor), 2, 0, TOP_RIGHT)
        rows.addWidget(self.editor, 2, 1)
        self.tags = QWidget()
        self.tags.setAccessibleName("Tags")
        flow = FlowLayout(self.tags, spacing=18)
        for widget in (self.mode, self.polarity, self.quote):
            flow.addWidget(widget)
        rows.addWidget(self._first_line(section("Tags"), self.quote), 3, 0, TOP_RIGHT)
        rows.addWidget(self.tags, 3, 1)
        rows.addWidget(self.mode_hint, 4, 1)
        rows.addWidget(section("Headings"), 5, 0, TOP_RIGHT)
        rows.addWidget(self.heading_picker, 5, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.save_button)
        rows.addLayout(actions, 6, 1)
        rows.addWidget(self.legend, 7, 1)
        self.rows_area = FormScroll(self.rows)
        top.addWidget(self.rows_area, 2, 0, 1, 2)
        top.setRowStretch(2, 1)
        self._align_labels(top, rows)

    @staticmethod
    def _grid(parent: QWidget) -> QGridLayout:
        grid = QGridLayout(parent)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        return grid

    @staticmethod
    def _align_labels(top: QGridLayout, rows: QGridLayout) -> None:
        """The labels of both grids in one column, as if they were one form."""
        items = [rows.itemAtPosition(r, 0) for r in range(rows.rowCount())]
        items += [top.itemAtPosition(0, 0)]
        labels = [item.widget() for item in items if item is not None]
        width = max(label.sizeHint().width() for label in labels if label is not None)
        top.setColumnMinimumWidth(0, width)
        rows.setColumnMinimumWidth(0, width)

    @staticmethod
    def _first_line(label: QLabel, beside: QWidget) -> QLabel:
        """A label for a row that may wrap: level with its first line, not its middle."""
        gap = max(beside.sizeHint().height() - label.sizeHint().height(), 0) // 2
        label.setContentsMargins(0, gap, 0, 0)
        return label

    def set_mode_hint(self, text: str) -> None:
        """The line under the tags (shown only while it says something)."""
        self.mode_hint.setText(text)
        self.mode_hint.setVisible(bool(text))

    def tab_order(self) -> list[QWidget]:
        """The fields in the order Tab visits them."""
        order: list[QWidget] = [self.meeting, self.now_button, self.person_field]
        order += [self.document, self.editor]
        order += list(self.mode.buttons.values()) + list(self.polarity.buttons.values())
        return order + [self.quote, self.heading_picker.field, self.save_button]

    def show_document(self, reading: bool) -> None:
        """The document field is for things read only."""
        self.document.setVisible(reading)
        self.document_label.setVisible(reading)
