"""The list models behind the recording window: correct, lazy, and in step with edits."""

from __future__ import annotations

import pytest
from helpers import heading_id
from PySide6.QtCore import Qt

from peernotes.core.records import observations as observation_records
from peernotes.core.records import people, programme, read_models
from peernotes.core.records.read_models import ObservationFilter
from peernotes.ui.models import (
    ID_ROLE,
    DocumentTableModel,
    MeetingTableModel,
    ObservationTableModel,
    PeerTableModel,
    PersonTableModel,
    WordFilterProxyModel,
)
from peernotes.ui.models import observations as observation_models
from peernotes.ui.session import Session
from peernotes.ui.undo import run_undoable


@pytest.fixture
def session(cf, qapp):
    s = Session(cf)
    yield s
    s._unsubscribe()


def _fill(cf, count: int = 12) -> dict[str, str]:
    meeting = programme.add_meeting(
        cf,
        date="2026-11-10",
        title="Director of Adult Social Care",
        start_time="09:00",
        end_time="10:00",
    ).id
    other = programme.add_meeting(
        cf, date="2026-11-11", title="Carers' forum", type="focus_group"
    ).id
    document = people.add_document(cf, "Market position statement", provided_by="Commissioning")
    group = people.stakeholder_groups(cf)[0]["id"]
    person = people.add_person(cf, "Sam Patel", group_id=group, job_title="Director")
    programme.add_person_to_meeting(cf, meeting, person)
    for i in range(count):
        observation_records.add_observation(
            cf,
            f"Observation {i} about {'carers' if i % 2 else 'waiting lists'}",
            mode=("heard", "read", "seen")[i % 3],
            polarity=("strength", "area", "neutral")[i % 3],
            meeting_id=meeting if i % 2 == 0 else other,
            heading_ids=[heading_id(cf, "1")] if i % 4 == 0 else [],
            observed_at=f"2026-11-10T09:{i:02d}:00",
        )
    return {"meeting": meeting, "other": other, "document": document, "person": person}


def test_every_table_model_passes_the_qt_model_tester(session, qtmodeltester):
    """A model that breaks Qt's contract crashes or garbles the lists a peer works in."""
    _fill(session.cf)
    for model_class in (MeetingTableModel, PersonTableModel, DocumentTableModel, PeerTableModel):
        model = model_class(session)
        qtmodeltester.check(model, force_py=True)
        proxy = WordFilterProxyModel()
        proxy.setSourceModel(model)
        qtmodeltester.check(proxy, force_py=True)
    observations = ObservationTableModel(session)
    qtmodeltester.check(observations, force_py=True)


def test_model_tester_holds_while_observations_are_added_and_removed(session, qtmodeltester):
    """Rows appearing and vanishing under an open list must not corrupt the view."""
    ids = _fill(session.cf, 4)
    model = ObservationTableModel(
        session, ObservationFilter(meeting_id=ids["meeting"]), descending=True
    )
    qtmodeltester.check(model, force_py=True)
    new = run_undoable(
        session,
        "Add",
        lambda cf: observation_records.add_observation(cf, "Newest", meeting_id=ids["meeting"]),
    )
    assert model.index(0, 0).data(ID_ROLE) == new
    session.undo_stack.undo()
    assert new not in model.ids()
    session.undo_stack.redo()
    assert model.index(0, 0).data(ID_ROLE) == new


def test_observation_filters_narrow_the_list(session):
    """Filtering by meeting, mode, polarity, heading, peer or words shows only matching notes."""
    ids = _fill(session.cf, 12)
    model = ObservationTableModel(session)
    assert model.rowCount() == 12
    model.update_filter(meeting_id=ids["meeting"])
    assert model.rowCount() == 6
    model.update_filter(mode="heard")
    assert {model.index(r, 2).data() for r in range(model.rowCount())} == {"Heard"}
    model.set_filter(ObservationFilter(heading_id=heading_id(session.cf, "1")))
    assert model.rowCount() == 3
    model.set_filter(ObservationFilter(text="carer"))
    assert model.rowCount() == 6
    assert all("carers" in model.index(r, 1).data() for r in range(6))
    model.set_filter(ObservationFilter(polarity="area"))
    assert {model.index(r, 3).data() for r in range(model.rowCount())} == {"Area for consideration"}
    model.set_filter(ObservationFilter(recorded_by=session.cf.peer_id))
    assert model.rowCount() == 12


def test_sorting_happens_in_the_database(session):
    """Clicking a header orders the whole list, not just the rows already loaded."""
    _fill(session.cf, 12)
    model = ObservationTableModel(session)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    texts = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert texts == sorted(texts, key=str.lower, reverse=True)


def test_large_lists_fetch_only_the_rows_shown(session, monkeypatch):
    """With thousands of observations, opening the list must not read every row."""
    monkeypatch.setattr(observation_models, "PAGE", 10)
    _fill(session.cf, 45)
    model = ObservationTableModel(session)
    assert model.rowCount() == 45
    assert model.fetches == 0
    model.index(0, 1).data()
    model.index(5, 1).data()
    assert model.fetches == 1
    model.index(44, 1).data()
    assert model.fetches == 2


def test_an_edit_elsewhere_updates_the_row_in_place(session):
    """Changing an observation's text shows at once in the list, keeping the same row."""
    ids = _fill(session.cf, 3)
    model = ObservationTableModel(session, ObservationFilter(meeting_id=ids["meeting"]))
    first = model.id_at(0)
    assert model.index(0, 1).data().startswith("Observation")
    run_undoable(
        session,
        "Edit",
        lambda cf: observation_records.update_observation(cf, first, text="Rewritten"),
    )
    assert model.index(0, 1).data() == "Rewritten"
    assert model.id_at(0) == first


def test_hidden_list_catches_up_when_shown(session):
    """A list on a hidden page refreshes when shown again, not on every keystroke elsewhere."""
    ids = _fill(session.cf, 2)
    model = ObservationTableModel(session)
    model.set_active(False)
    observation_records.add_observation(session.cf, "While hidden", meeting_id=ids["meeting"])
    assert model.rowCount() == 2
    model.set_active(True)
    assert model.rowCount() == 3


def test_word_filter_matches_every_word_in_any_column(session):
    """Typing 'patel director' finds the person whatever column each word is in."""
    _fill(session.cf, 1)
    people.add_person(session.cf, "Ann Lee", job_title="Carer")
    proxy = WordFilterProxyModel()
    proxy.setSourceModel(PersonTableModel(session))
    assert proxy.rowCount() == 2
    proxy.set_filter_text("patel DIRECTOR")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "Sam Patel"
    proxy.set_filter_text("nobody")
    assert proxy.rowCount() == 0


def test_meeting_list_counts_people_and_observations(session):
    """The programme shows how many people were met and notes taken in each meeting."""
    ids = _fill(session.cf, 4)
    model = MeetingTableModel(session)
    row = model.row_of(ids["meeting"])
    assert model.index(row, 6).data() == "1"
    assert model.index(row, 7).data() == "2"


def test_background_queries_give_the_same_rows_as_direct_ones(qtbot, tmp_path, qapp):
    """On a large file the list filters in a worker thread; the peer must see the same rows."""
    from helpers import make_challenge

    from peernotes.core.store import ChallengeFile

    path = tmp_path / "big.peernotes"
    cf = make_challenge(path)
    ids = _fill(cf, 12)
    cf.close()
    cf = ChallengeFile.open(path)
    session = Session(cf)
    try:
        direct = ObservationTableModel(session)
        background = ObservationTableModel(session)
        assert background.use_background_queries(minimum=1)
        for where in (
            ObservationFilter(text="carer"),
            ObservationFilter(meeting_id=ids["meeting"], mode="heard"),
        ):
            direct.set_filter(where)
            background.set_filter(where)
            assert background.pending
            qtbot.waitUntil(lambda: not background.pending)
            assert background.ids() == direct.ids()
        new = run_undoable(
            session,
            "Add",
            lambda c: observation_records.add_observation(
                c, "Carers again", meeting_id=ids["meeting"]
            ),
        )
        background.set_filter(ObservationFilter(text="carers"))
        qtbot.waitUntil(lambda: not background.pending)
        assert new in background.ids()
    finally:
        background.shutdown()
        session._unsubscribe()
        cf.close()


def test_a_file_the_worker_cannot_read_falls_back_to_direct_queries(qtbot, session):
    """If the second read-only connection fails, the list still filters (on the UI thread)."""
    _fill(session.cf, 4)
    model = ObservationTableModel(session)
    session.cf.path = session.cf.path.with_name("missing.peernotes")
    assert model.use_background_queries(minimum=1)
    model.set_filter(ObservationFilter(text="carers"))
    qtbot.waitUntil(lambda: not model.pending)
    assert model.rowCount() == 2
    assert model._background is None


def test_a_saved_note_joins_the_list_without_re_reading_it(session, monkeypatch):
    """Enter in Capture shows the new note at the top at once; re-reading a meeting's ids after
    every save made each Enter wait on the list (issue 13's 5 ms budget on the large file)."""
    ids = _fill(session.cf, 6)
    model = ObservationTableModel(
        session, ObservationFilter(meeting_id=ids["meeting"]), descending=True
    )
    reads = []
    real = read_models.observation_ids
    monkeypatch.setattr(
        read_models, "observation_ids", lambda *a, **k: reads.append(1) or real(*a, **k)
    )
    for i in range(3):  # saved within the same second: the newest still comes first
        new = run_undoable(
            session,
            "Add",
            lambda cf, i=i: observation_records.add_observation(
                cf, f"New {i}", meeting_id=ids["meeting"]
            ),
        )
        assert model.index(0, 1).data() == f"New {i}"
        assert model.id_at(0) == new
    elsewhere = observation_records.add_observation(
        session.cf, "Elsewhere", meeting_id=ids["other"]
    )
    assert elsewhere not in model.ids()
    session.undo_stack.undo()
    assert model.index(0, 1).data() == "New 1"
    assert reads == []
    assert model.ids() == real(
        session.cf, ObservationFilter(meeting_id=ids["meeting"]), descending=True
    )


def test_the_list_stays_in_order_whatever_changes(session):
    """Backdated notes, undo and redo, edits and moves between meetings: the list always shows
    what the file holds, in order (a wrong place would hide a note among older ones)."""
    ids = _fill(session.cf, 6)
    for descending in (True, False):
        _check_order(session, ids, descending)


def _check_order(session, ids: dict[str, str], descending: bool) -> None:
    where = ObservationFilter(meeting_id=ids["meeting"])
    model = ObservationTableModel(session, where, descending=descending)
    model.index(0, 1).data()  # rows on screen are cached
    steps = [
        lambda cf: observation_records.add_observation(cf, "Now", meeting_id=ids["meeting"]),
        lambda cf: observation_records.add_observation(
            cf, "Backdated", meeting_id=ids["meeting"], observed_at="2026-11-10T09:01:30"
        ),
        lambda cf: observation_records.update_observation(cf, model.id_at(1), text="Edited"),
        lambda cf: observation_records.update_observation(
            cf, model.id_at(0), meeting_id=ids["other"]
        ),
        lambda cf: observation_records.update_observation(
            cf, model.id_at(0), observed_at="2026-11-09T08:00:00"
        ),
    ]

    def in_step() -> bool:
        return model.ids() == read_models.observation_ids(session.cf, where, descending=descending)

    for step in steps:
        run_undoable(session, "Step", step)
        assert in_step()
        for row in range(model.rowCount()):
            model.index(row, 1).data()
    for _ in steps:
        session.undo_stack.undo()
        assert in_step()
    for _ in steps:
        session.undo_stack.redo()
        assert in_step()
    assert "Edited" in [model.index(r, 1).data() for r in range(model.rowCount())]
