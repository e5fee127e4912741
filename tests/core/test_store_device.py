"""The device id that stamps every edit comes from the caller, never from the user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TEAM

from peernotes import paths
from peernotes.core.clock import parse
from peernotes.core.merge_sources import writer_twin
from peernotes.core.records import challenge, observations
from peernotes.core.store import ChallengeFile


@pytest.fixture
def no_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder that must stay untouched: reading the device id from it fails the test."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("PEERNOTES_DATA_DIR", str(folder))

    def refuse() -> str:
        raise AssertionError("the store read the device id from the user's data folder")

    monkeypatch.setattr(paths, "device_id", refuse)
    return folder


def _challenge(path: Path, device: str) -> ChallengeFile:
    cf = ChallengeFile.create(path, device=device)
    challenge.new_challenge(
        cf,
        council="Northmoor",
        programme_title="Adults",
        framework="cfbo-previous",
        peers=TEAM,
        me=1,
    )
    return cf


def _device_of(cf: ChallengeFile, table: str, row_id: str) -> str:
    row = cf.get(table, row_id)
    assert row is not None
    return parse(row["hlc"])[2]


def test_two_laptops_stamp_their_edits_differently(tmp_path: Path, no_data_folder: Path) -> None:
    """Two peers' notes carry their own laptop's id, so merge can tell whose edit is whose; if
    this failed, edits from two laptops could look as if one laptop made them both."""
    first = _challenge(tmp_path / "a.peernotes", "laptop-a")
    second = _challenge(tmp_path / "b.peernotes", "laptop-b")
    try:
        a = observations.add_observation(first, "Carers said the duty line answers quickly")
        b = observations.add_observation(second, "Carers said the duty line answers quickly")
        assert _device_of(first, "observation", a) == "laptop-a"
        assert _device_of(second, "observation", b) == "laptop-b"
    finally:
        first.close()
        second.close()
    assert not no_data_folder.exists()


def test_reopened_file_stamps_with_the_device_it_is_given(
    tmp_path: Path, no_data_folder: Path
) -> None:
    """The same file opened on another laptop stamps that laptop's edits with its id."""
    path = tmp_path / "shared.peernotes"
    _challenge(path, "laptop-a").close()
    with ChallengeFile.open(path, device="laptop-b") as cf:
        note = observations.add_observation(cf, "The front door triage is consistent")
        assert _device_of(cf, "observation", note) == "laptop-b"
    assert not no_data_folder.exists()


def test_background_writer_keeps_the_window_device(tmp_path: Path, no_data_folder: Path) -> None:
    """A merge written on a second connection stamps with the window's laptop id, not another."""
    cf = _challenge(tmp_path / "a.peernotes", "laptop-a")
    twin = writer_twin(cf)
    try:
        note = observations.add_observation(twin, "Written on the background connection")
        assert _device_of(twin, "observation", note) == "laptop-a"
    finally:
        twin.close()
        cf.close()


def test_cli_edge_stamps_with_this_laptops_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`peernotes demo` is an edge of the app: its file carries this laptop's id (from the data
    folder), so a demo merged with a peer's copy says which laptop wrote it."""
    monkeypatch.setenv("PEERNOTES_DATA_DIR", str(tmp_path / "user-data"))
    from peernotes.core.demo import main

    out = tmp_path / "demo.peernotes"
    assert (
        main(
            [
                "--out",
                str(out),
                "--observations",
                "5",
                "--meetings",
                "4",
                "--people",
                "6",
                "--documents",
                "2",
                "--peers",
                "3",
            ]
        )
        == 0
    )
    with ChallengeFile.open(out, readonly=True) as cf:
        stamps = {parse(r["hlc"])[2] for r in cf.rows("observation")}
    assert stamps == {paths.device_id()}
