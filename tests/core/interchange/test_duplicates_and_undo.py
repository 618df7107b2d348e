"""Duplicates are matched (e-mail, phone, name), merges never overwrite, imports are batches
that undo exactly, and a file with one bad row imports nothing."""

from __future__ import annotations

from datetime import datetime

import pytest

from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.interchange.plan import Action
from colearn_desktop.core.interchange.record import ImportCancelledError, ImportFileError
from tests.helpers import add_contact, email, log_call

HEADER = "Given name,Family name,Name,Company,E-mails,Phones,Tags,Notes,Stage\n"


def write(tmp_path, body, name="in.csv", header=HEADER):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_matching_by_email_then_phone_then_name_and_merge_fills_only_empty_fields(
    journal, tmp_path
):
    ana = add_contact(journal, "Ana", "García", company="Mine", emails=(email("ANA@x.com"),))
    bob = add_contact(journal, "Bob", "Brown", phones=(Labelled("+44 20 7946 0958"),))
    cy = add_contact(journal, "Cy", "Zhou")
    path = write(
        tmp_path,
        "Ana,G,,Theirs,ana@x.com; ana2@x.com,,vip,,\n"
        "Robert,Brown,,Acme,,+442079460958,,,\n"
        "cy,ZHOU,,,,,,note from file,\n"
        "Dee,New,,,dee@x.com,,,,\n"
        "Dee,Again,,,dee@x.com,,,,\n",
    )
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    rows = {r.number: r for r in plan.rows}
    assert (rows[2].action, rows[2].target_id) == (Action.MERGE, ana)
    assert rows[2].reason.startswith("same e-mail")
    assert (rows[3].action, rows[3].target_id) == (Action.MERGE, bob)
    assert rows[3].reason.startswith("same phone")
    assert (rows[4].action, rows[4].target_id) == (Action.MERGE, cy)
    assert rows[4].reason.startswith("same name")
    assert rows[5].action is Action.NEW
    assert (rows[6].action, rows[6].target_row) == (Action.MERGE, 5)  # same e-mail as row 5
    report = journal.interchange.apply(plan)
    assert (report.new, report.merged, report.skipped) == (1, 4, 0)
    merged = journal.contacts.get(ana).data
    assert merged.company == "Mine"
    assert merged.family_name == "García"
    assert [e.value for e in merged.emails] == ["ANA@x.com", "ana2@x.com"]
    assert merged.tags == ("vip",)
    assert journal.contacts.get(bob).data.company == "Acme"  # an empty field is filled
    assert journal.contacts.get(cy).data.notes == "note from file"
    assert journal.stats().contacts == 4


def test_same_name_with_a_different_address_is_a_different_person(journal, tmp_path):
    """A name alone matches only rows that carry no address: two "Ana García"s with their own
    e-mails stay two people, while a bare "Ana García" row is still recognised."""
    ana = add_contact(journal, "Ana", "García", emails=(email("ana@x.com"),))
    path = write(
        tmp_path,
        "Ana,García,,,ana.garcia@other.org,,,,\n"
        "Ana,García,,,,+34 600 111 222,,,\n"
        "Ana,García,,Acme,,,,,\n",
    )
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    rows = {r.number: r for r in plan.rows}
    assert rows[2].action is Action.NEW
    assert rows[3].action is Action.NEW
    assert (rows[4].action, rows[4].target_id) == (Action.MERGE, ana)


def test_importing_the_same_file_twice_adds_nothing(journal, tmp_path):
    path = write(tmp_path, "Ana,García,,,ana@x.com,,,,\nBob,,,,,+1 555 0100,,,\n")
    first = journal.interchange.import_file(path)
    second = journal.interchange.import_file(path)
    assert (first.new, second.new, second.merged, second.skipped) == (2, 0, 0, 2)
    assert journal.stats().contacts == 2


def test_user_decisions_override_the_plan(journal, tmp_path):
    add_contact(journal, "Ana", "García", emails=(email("ana@x.com"),))
    path = write(tmp_path, "Ana,García,,Acme,ana@x.com,,,,\nBob,B,,,,,,,\n")
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    report = journal.interchange.apply(plan, {2: Action.NEW, 3: Action.SKIP})
    assert (report.new, report.merged, report.skipped) == (1, 0, 1)
    assert sorted(r.display_name for r in journal.contact_list.rows()) == ["Ana García"] * 2


def test_undo_removes_new_contacts_and_takes_back_exactly_what_merges_added(
    journal, tmp_path, clock
):
    ana = add_contact(journal, "Ana", "García", emails=(email("ana@x.com"),), tags=("old",))
    path = write(tmp_path, "Ana,,,Acme,ana@x.com; ana2@x.com,,new tag,,\nZed,Z,,,,,,,\n")
    report = journal.interchange.import_file(path)
    assert report.backup is not None
    assert report.backup.exists()
    # The user edits the merged contact after the import: that edit must survive undo.
    data = journal.contacts.get(ana).data.with_changes(job_title="Boss")
    journal.contacts.update(ana, data)
    backup = journal.interchange.undo(report.batch_id)
    assert backup.exists()
    after = journal.contacts.get(ana).data
    assert (after.company, after.job_title) == ("", "Boss")
    assert [e.value for e in after.emails] == ["ana@x.com"]
    assert after.tags == ("old",)
    assert [r.display_name for r in journal.contact_list.rows()] == ["Ana García"]
    assert [t.name for t in journal.tags.all()] == ["old"]  # the tag the import made is gone
    batch = journal.interchange.batches()[0]
    assert batch.undone
    assert (batch.new, batch.merged) == (1, 1)
    with pytest.raises(ValidationError, match="already undone"):
        journal.interchange.undo(report.batch_id)


def test_undo_is_refused_when_an_imported_contact_has_history_since(journal, tmp_path):
    path = write(tmp_path, "Zed,Zulu,,,z@x.com,,,,\n")
    report = journal.interchange.import_file(path)
    zed = journal.contact_list.rows()[0].id
    log_call(journal, zed, when=datetime(2026, 11, 21, 10, 0))
    with pytest.raises(ValidationError, match="Zed Zulu now has conversations"):
        journal.interchange.undo(report.batch_id)
    assert journal.stats().contacts == 1
    assert journal.stats().conversations == 1


def test_one_bad_row_in_the_middle_imports_nothing(journal, tmp_path):
    path = write(
        tmp_path,
        "Ana,,,,ana@x.com,,,,network\nBob,,,,,,,,banana\nCy,,,,,,,,shop\n",
    )
    before = (
        sorted(p.name for p in journal.backups_dir.glob("*"))
        if journal.backups_dir.exists()
        else []
    )
    report = journal.interchange.import_file(path)
    assert not report.imported
    assert report.errors == 1
    problem = next(p for p in report.problems if p.severity == "error")
    assert (problem.number, problem.field) == (3, "stage")
    assert "'banana' is not one of" in problem.message
    assert journal.stats().contacts == 0
    assert journal.interchange.batches() == []
    after = (
        sorted(p.name for p in journal.backups_dir.glob("*"))
        if journal.backups_dir.exists()
        else []
    )
    assert before == after  # not even a backup: nothing was about to change
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    with pytest.raises(ImportFileError, match="1 problem"):
        journal.interchange.apply(plan)


def test_ragged_row_is_an_error_with_its_row_number(journal, tmp_path):
    path = write(tmp_path, "Ana,,,,,,,,\nBob,,,,,,,,,surplus,cells\nCy,,,,,,,,\n")
    report = journal.interchange.import_file(path)
    assert not report.imported
    assert [p.number for p in report.problems if p.severity == "error"] == [3]
    assert "11 cells but the header has 9 columns" in report.problems[0].message


def test_cancel_during_apply_leaves_the_journal_unchanged(journal, tmp_path):
    body = "".join(f"P{i},Q,,,p{i}@x.com,,,,\n" for i in range(2500))
    path = write(tmp_path, body)
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelledError):
        journal.interchange.apply(plan, cancelled=cancelled)
    assert journal.stats().contacts == 0
    assert journal.interchange.batches() == []


def test_a_file_changed_after_the_preview_is_not_imported(journal, tmp_path):
    path = write(tmp_path, "Ana,,,,,,,,\n")
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    write(tmp_path, "Ana,,,,,,,,\nBob,,,,,,,,\n")
    with pytest.raises(ImportFileError, match="changed since it was read"):
        journal.interchange.apply(plan)
    assert journal.stats().contacts == 0


def test_referred_by_is_resolved_by_name_later_in_the_file(journal, tmp_path):
    header = "Given name,Family name,Referred by\n"
    path = write(tmp_path, "Bob,B,Ana García\nAna,García,\nCy,C,Nobody Known\n", header=header)
    report = journal.interchange.import_file(path)
    rows = {r.display_name: r.id for r in journal.contact_list.rows()}
    bob = journal.contacts.get(rows["Bob B"])
    assert bob.referred_by.display_name == "Ana García"
    assert journal.contacts.get(rows["Cy C"]).data.how_met == "Referred by Nobody Known"
    assert any(p.field == "referred_by" and p.number == 4 for p in report.problems)
