"""One figure of the suite, measured in a fresh process (so each starts cold and its peak
memory is its own):

    python -m tests.perf.worker FIGURE --journal FILE --work DIR --repeat N --out RESULT.json

The app side always goes through the public journal API (``open_journal``, ``journal.*``) and
the real Qt model; the baseline side through :mod:`tests.perf.baseline`.  App and baseline
samples are interleaved (alternating which goes first) so that both see the same machine.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tests.perf import baseline, file_figures, json_figure, sync_figure
from tests.perf.actions import actions_figure
from tests.perf.bulk_figure import bulk_figure
from tests.perf.figures import (
    FIGURES,
    StatementTrace,
    alternate,
    both,
    figure,
    open_app_journal,
    pairs,
    replay,
    stamp,
)
from tests.perf.measure import peak_rss_bytes, summary, timed

__all__ = ["file_figures", "json_figure", "sync_figure"]  # register their figures

# -- (2) sorting and filtering the contacts list ---------------------------------------------

FILTER_WORD = "martin"


@figure("sort")
def sort_figure(args: argparse.Namespace) -> dict[str, Any]:
    """The model's ``sort()`` per column and direction, and ``set_query()`` per keystroke,
    against the same SQL statements replayed raw (recorded from the app during a warm-up
    call), with a view attached as on screen.  For reference, once per column: the list
    computed by hand from the base tables (what the cached columns save)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from colearn_desktop.ui.contacts.contacts_model import PAGE, Column, ContactsModel

    app = QApplication([])
    journal = open_app_journal(args.journal)
    trace = StatementTrace(journal)
    model = ContactsModel(journal)
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    model.reload()
    app.processEvents()
    connection = baseline.connect(args.journal)
    params = baseline.stage_params(journal.settings.get().stage_cadence)
    orders = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)

    def page() -> int | None:
        """The rows the model reads (its first page; every row when the list is shorter)."""
        return PAGE if model.total > PAGE else None

    columns: dict[str, Any] = {}
    for column in Column:
        key = column.name.lower()
        app_times: list[float] = []
        base_times: list[float] = []
        by_hand: list[float] = []
        for order in orders:
            descending = order == Qt.SortOrder.DescendingOrder
            statements = trace.record(lambda c=column, o=order: model.sort(c, o))
            a, b = pairs(
                args.repeat,
                lambda _i, c=column, o=order: model.sort(c, o),
                lambda _i, s=statements: replay(connection, s),
            )
            app.processEvents()
            app_times += a
            base_times += b
            by_hand.append(
                timed(
                    lambda k=key, d=descending: baseline.list_rows(
                        connection, params, k, d, limit=page()
                    )
                )[0]
            )
        columns[key] = both(
            app_times,
            base_times,
            rows=min(PAGE, model.total),  # read; the others are read when scrolled to
            total=model.total,
            statements=statements,
            base_tables=summary(by_hand),
        )
    # One keystroke at a time, typing FILTER_WORD into the filter box (each a model reset).
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    prefixes = [FILTER_WORD[: n + 1] for n in range(len(FILTER_WORD))]
    keys_app: dict[str, list[float]] = {p: [] for p in prefixes}
    keys_base: dict[str, list[float]] = {p: [] for p in prefixes}
    recorded: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    by_hand = []
    for i in range(args.repeat):
        for prefix in prefixes:

            def app_type(prefix: str = prefix) -> None:
                model.set_query(replace(model.query, text=prefix))

            if prefix not in recorded:
                recorded[prefix] = trace.record(app_type)
                counts[prefix] = model.rowCount()
                by_hand.append(
                    timed(
                        lambda p=prefix: baseline.list_rows(
                            connection, params, "name", text=p, limit=page()
                        )
                    )[0]
                )
            a, b = alternate(
                i, app_type, lambda prefix=prefix: replay(connection, recorded[prefix])
            )
            keys_app[prefix].append(a)
            keys_base[prefix].append(b)
            app.processEvents()
        model.set_query(replace(model.query, text=""))
    filter_result = both(
        [t for p in prefixes for t in keys_app[p]],
        [t for p in prefixes for t in keys_base[p]],
        keystrokes={
            p: {
                "app_median": summary(keys_app[p])["median"],
                "baseline_median": summary(keys_base[p])["median"],
                "rows": counts[p],
                "statements": recorded[p],
            }
            for p in prefixes
        },
        base_tables=summary(by_hand),
    )
    journal.close()
    return {"columns": columns, "filter": filter_result}


# -- (3) Today ---------------------------------------------------------------------------------


@figure("today")
def today_figure(args: argparse.Namespace) -> dict[str, Any]:
    journal = open_app_journal(args.journal)
    settings = journal.settings.get()
    connection = baseline.connect(args.journal)
    cached = baseline.has_list_cache(connection)
    sql = baseline.today_sql(settings.checkin_offsets, cached=cached)
    params = baseline.today_params(
        journal.clock.today(),
        settings.stage_cadence,
        grace_days=settings.grace_days,
        window_days=settings.checkin_window_days,
        stale_days=settings.owed_favour_stale_days,
        notice_days=settings.birthday_notice_days,
        nudge_days=settings.referral_ask_nudge_days,
    )
    limited = baseline.today_limited_sql(settings.checkin_offsets, cached=cached)
    limit = args.limit
    found: dict[str, int] = {}

    def app_all(_i: int) -> None:
        found["app"] = len(journal.reminders.due(0).items)

    def base_all(_i: int) -> None:
        found["baseline"] = len(connection.execute(sql, params).fetchall())

    def app_page(_i: int) -> None:
        found["app_page"] = len(journal.reminders.due(0, limit=limit).items)

    def base_page(_i: int) -> None:
        rows = connection.execute(limited, {**params, "limit": limit}).fetchall()
        found["baseline_page"] = len(rows)

    for warm in (app_all, base_all, app_page, base_page):
        warm(0)  # the page cache, for both
    all_app, all_base = pairs(args.repeat, app_all, base_all)
    page_app, page_base = pairs(args.repeat, app_page, base_page)
    journal.close()
    return {
        "cached_keep_in_touch": cached,
        "all": both(all_app, all_base, items=found["app"], baseline_items=found["baseline"]),
        "page": both(
            page_app,
            page_base,
            limit=limit,
            items=found["app_page"],
            baseline_items=found["baseline_page"],
        ),
    }


# -- (4) search --------------------------------------------------------------------------------

MISSES = ("zzqx", "qwxvb", "xylophonic", "kraeuterbonbon")


def search_terms(path: Path, count: int = 50) -> list[tuple[str, int]]:
    """``count`` searches of mixed frequency, chosen from the journal's own index vocabulary
    (so the same journal always gives the same list): single words spread evenly on a log
    scale of how many rows contain them, prefixes of common words (what typing produces),
    two-word searches, and words found nowhere.  Each with its number of matching rows."""
    connection = sqlite3.connect(path)
    documents: dict[str, int] = {}
    for table in ("search_contact", "search_conversation", "search_favour", "search_purchase"):
        vocab = f"temp.vocab_{table}"
        connection.execute(f"CREATE VIRTUAL TABLE {vocab} USING fts5vocab(main, {table}, row)")
        for term, docs in connection.execute(f"SELECT term, doc FROM {vocab}"):
            if term.isalpha() and len(term) >= 3:
                documents[term] = documents.get(term, 0) + docs
    ranked = sorted(documents.items(), key=lambda item: (-item[1], item[0]))
    singles = 30
    picked: list[str] = []
    for i in range(singles):
        rank = round(math.exp(math.log(len(ranked)) * i / (singles - 1))) - 1
        word = ranked[min(rank, len(ranked) - 1)][0]
        if word not in picked:
            picked.append(word)
    top = [word for word, _docs in ranked[:20]]
    prefixes = [top[i][: 1 + i % 3] for i in range(10)]
    pairs = [f"{top[i]} {ranked[len(ranked) // (3 + i)][0]}" for i in range(6)]
    terms = list(dict.fromkeys(picked + prefixes + pairs + list(MISSES)))
    filler = iter(word for word, _docs in ranked[1::7] if word not in terms)
    while len(terms) < count:
        terms.append(next(filler))
    connection.close()
    counted = baseline.connect(path)
    result = []
    for term in terms[:count]:
        query = baseline.fts_query(term)
        rows = sum(
            counted.execute(f"SELECT count(*) FROM {t} WHERE {t} MATCH ?", (query,)).fetchone()[0]
            for t in ("search_contact", "search_conversation", "search_learning")
        )
        result.append((term, rows))
    counted.close()
    return result


@figure("search")
def search_figure(args: argparse.Namespace) -> dict[str, Any]:
    terms = search_terms(args.journal)
    journal = open_app_journal(args.journal)
    connection = baseline.connect(args.journal)
    per_app: dict[str, list[float]] = {t: [] for t, _n in terms}
    per_base: dict[str, list[float]] = {t: [] for t, _n in terms}
    for i in range(args.repeat):
        for term, _rows in terms:
            a, b = alternate(
                i,
                lambda term=term: journal.search.search(term),
                lambda term=term: baseline.search(connection, term),
            )
            per_app[term].append(a)
            per_base[term].append(b)
    journal.close()
    # One number per term (its median over the repeats); the figure is over the 50 terms.
    app_medians = [summary(per_app[t])["median"] for t, _n in terms]
    base_medians = [summary(per_base[t])["median"] for t, _n in terms]
    return both(
        app_medians,
        base_medians,
        terms=[
            {"term": t, "matching_rows": n, "app": a, "baseline": b}
            for (t, n), a, b in zip(terms, app_medians, base_medians, strict=True)
        ],
    )


# -- (5) logging one conversation, durably -----------------------------------------------------

NOTES = (
    "Long call about the redesign of their booking flow. They want to launch before the spring "
    "season and worry that the mobile checkout loses people at the payment step; budget is "
    "tight but they can phase it."
)
LEARNED = "Their customers book on phones at night; the payment step loses a third of them."


@figure("log")
def log_figure(args: argparse.Namespace) -> dict[str, Any]:
    from colearn_desktop.core.enums import Channel
    from colearn_desktop.core.records import ConversationInput

    journal = open_app_journal(args.journal)
    connection = baseline.connect(args.journal)
    ids = [
        row[0]
        for row in connection.execute(
            "SELECT id FROM contact WHERE archived_at IS NULL ORDER BY id LIMIT ?",
            (2 * args.repeat,),
        )
    ]
    when = datetime.now().replace(microsecond=0) - timedelta(hours=1)

    def app_log(i: int) -> None:
        journal.conversations.log(
            ConversationInput(
                contact_ids=(ids[2 * i],),
                happened_at=when,
                channel=Channel.CALL,
                notes=NOTES,
                learned=LEARNED,
                they_asked="a quote for phase one",
                next_step="send the quote",
                next_step_due=when.date() + timedelta(days=7),
            )
        )

    def base_log(i: int) -> None:
        contact = ids[2 * i + 1]
        now = stamp(datetime.utcnow())
        happened = stamp(when)
        connection.execute("BEGIN IMMEDIATE")
        cursor = connection.execute(
            "INSERT INTO conversation (happened_at, channel, notes, learned, they_asked, "
            "next_step, next_step_due, praise, created_at, updated_at) "
            "VALUES (?, 'call', ?, ?, ?, ?, ?, 0, ?, ?)",
            (
                happened,
                NOTES,
                LEARNED,
                "a quote for phase one",
                "send the quote",
                (when.date() + timedelta(days=7)).isoformat(),
                now,
                now,
            ),
        )
        connection.execute(
            "INSERT INTO conversation_contact (conversation_id, contact_id) VALUES (?, ?)",
            (cursor.lastrowid, contact),
        )
        connection.execute(
            "UPDATE contact SET last_contact_at = ? WHERE id = ? "
            "AND (last_contact_at IS NULL OR last_contact_at < ?)",
            (happened, contact, happened),
        )
        connection.execute("COMMIT")

    a, b = pairs(args.repeat, app_log, base_log)
    journal.close()
    return both(a, b)


# -- (9) user actions in the main window (tests/perf/actions.py) -------------------------------

FIGURES["actions"] = actions_figure
FIGURES["bulk"] = bulk_figure  # (11) acting on many contacts (tests/perf/bulk_figure.py)


# -- entry point -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figure", choices=sorted(FIGURES))
    parser.add_argument("--journal", type=Path)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--json", type=Path, help="a JSON journal export to import")
    parser.add_argument("--template", type=Path)
    parser.add_argument("--limit", type=int, default=500, help="Today: items per kind")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    result = FIGURES[args.figure](args)
    result["worker_peak_rss"] = peak_rss_bytes()
    args.out.write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    code = main()
    # Skip interpreter finalization: tearing down Qt objects at exit has crashed PySide6
    # ("bool_dealloc" during garbage collection) after the result was written.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
