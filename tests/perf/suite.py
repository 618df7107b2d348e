"""The benchmark suite's figures, as the runner sees them: each builds or copies a journal,
has a worker measure the app next to its baseline in fresh processes, keeps the raw numbers
and adds its rows to the table (tests/perf/table.py)."""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.perf import journals
from tests.perf.actions import ACTIONS
from tests.perf.csvgen import write_contacts_csv
from tests.perf.journals import colearn_command
from tests.perf.measure import ROOT, Child, child_env, run_child, summary
from tests.perf.sync_figure import sync_rows
from tests.perf.table import Row, both, mb, ms, ratio_ok

if TYPE_CHECKING:
    from tests.perf.run import Plan

BIG = 100_000  # the size the absolute targets are set for
TODAY_PER_KIND = 500  # items of each kind the Today screen asks for (ui/today_page.py)
CONTACTS_PAGE = 500  # rows the contacts list loads at a time (ui/contacts_model.py)


class Suite:
    def __init__(self, plan: Plan, cache: Path, work: Path):
        self.plan = plan
        self.cache = cache
        self.work = work
        self.home = work / "home"
        self.rows: list[Row] = []
        self.raw: dict[str, Any] = {}
        self.errors: list[str] = []
        self.template: Path | None = None

    # helpers

    def step(self, name: str, size: int | None, call: Callable[[], None]) -> None:
        label = f"{name} @ {size:,}" if size else name
        print(f"· {label} ...", end="", flush=True)
        started = time.perf_counter()
        try:
            call()
        except Exception as error:
            print(" FAILED", flush=True)
            traceback.print_exc()
            self.errors.append(f"{label}: {type(error).__name__}: {error}")
            return
        print(f" {time.perf_counter() - started:.0f} s", flush=True)

    def keep(self, size: int | None, name: str, value: Any) -> None:
        self.raw.setdefault(str(size or "any"), {})[name] = value

    def worker(self, figure: str, size: int, **options: Any) -> dict[str, Any]:
        out = self.work / f"{figure}-{size}.json"
        command = [sys.executable, "-m", "tests.perf.worker", figure, "--out", str(out)]
        command += ["--work", str(self.work / f"w-{figure}-{size}")]
        for key, value in options.items():
            command += [f"--{key}", str(value)]
        run_child(command, env=child_env(self.home), cwd=ROOT).check(f"worker {figure}")
        return json.loads(out.read_text())

    def empty_template(self) -> Path:
        if self.template is None:
            self.template = journals.empty_journal(self.work / "empty", self.home)
        return self.template

    # (9) building the demo journal

    def figure(
        self,
        what: str,
        size: int | None,
        app: float,
        baseline: float,
        unit: str,
        target: str,
        within: float | None,
        *,
        note: str = "",
        also: bool | None = True,
    ) -> None:
        """A row of the table: met when the app is within ``within`` times its baseline and
        ``also`` holds (an absolute limit at 100,000 contacts); with ``within`` None, ``also``
        alone decides (None: no verdict)."""
        row = Row(what, size, app, baseline, unit, target, None, note)
        row.met = also if within is None else both(ratio_ok(row.ratio, within), also)
        self.rows.append(row)

    def demo(self, size: int, built: journals.Built) -> None:
        child, reported = built.child, built.demo_seconds
        if child is None:  # from the cache: build it again, for the figure
            folder = self.work / f"demo-{size}"
            child, reported = journals.demo_data(folder, size, self.plan.seed, self.home)
            shutil.rmtree(folder, ignore_errors=True)
        raw = self.worker("demo-raw", size, journal=built.path, template=self.empty_template())
        self.keep(size, "demo", {"app_seconds": child.seconds, "app_reported": reported, **raw})
        self.figure(
            "build the demo journal (demo-data vs raw executemany)",
            size, child.seconds, raw["seconds"], "s", "≤ 3×", 3,
            note=f"baseline: rows {raw['rows_seconds']:.1f} s + index {raw['index_seconds']:.1f} s",
        )  # fmt: skip

    # (1) start-up and (8) GUI memory

    def startup(self, size: int, journal: Path) -> None:
        data_dir = self.work / f"start-{size}"
        copy = journals.copy_journal(journal, data_dir)
        stages = json.dumps(journals.journal_settings(copy, self.home)["stage_cadence"])
        app_cmd = [*colearn_command(), "--data-dir", str(data_dir)]
        page = str(CONTACTS_PAGE)
        bare_cmd = [sys.executable, "-m", "tests.perf.bare_view", str(copy), stages, page]
        env = child_env(self.home, COLEARN_EXIT_AFTER_PAINT="1")
        runs: dict[str, list[dict[str, Any]]] = {"app": [], "baseline": []}
        for i in range(self.plan.starts + 1):  # the first of each warms the caches
            order = [("app", app_cmd), ("baseline", bare_cmd)]
            for kind, command in order if i % 2 == 0 else order[::-1]:
                child = run_child(command, env=env, cwd=ROOT).check(f"start-up ({kind})")
                painted = _first_paint(child) - child.started
                if i:
                    runs[kind].append(
                        {"to_paint": painted, "to_exit": child.seconds, "maxrss": child.maxrss}
                    )
        shutil.rmtree(data_dir, ignore_errors=True)
        app = summary([r["to_paint"] for r in runs["app"]])
        base = summary([r["to_paint"] for r in runs["baseline"]])
        self.keep(size, "startup", {"app": app, "baseline": base, "runs": runs})
        self.figure(
            "open and paint the main window (offscreen)",
            size, app["median"], base["median"], "s", "≤ 1.5×", 1.5,
        )  # fmt: skip
        if runs["app"][0]["maxrss"] is not None:
            app_mem = summary([r["maxrss"] for r in runs["app"]])
            base_mem = summary([r["maxrss"] for r in runs["baseline"]])
            self.keep(size, "gui_memory", {"app": app_mem, "baseline": base_mem})
            self.figure(
                "peak memory of the GUI (ru_maxrss)",
                size, app_mem["median"], base_mem["median"], "bytes", "≤ 2×", 2,
            )  # fmt: skip

    # (2) sorting and filtering

    def sort(self, size: int, journal: Path) -> None:
        result = self.worker("sort", size, journal=journal, repeat=self.plan.sorts)
        self.keep(size, "sort", result)
        big = size >= BIG
        for column, figures in result["columns"].items():
            app, base = figures["app"]["median"], figures["baseline"]["median"]
            self.figure(
                f"sort by {column.replace('_', ' ')}",
                size, app, base, "s", "≤ 2×" + (", ≤ 300 ms" if big else ""), 2,
                note=f"{figures['rows']:,} of {figures.get('total', 0):,} rows loaded; by hand"
                f" from the base tables {ms(figures['base_tables']['median'])}",
                also=app <= 0.3 if big else True,
            )  # fmt: skip
        figures = result["filter"]
        app, base = figures["app"]["median"], figures["baseline"]["median"]
        p95 = (
            f"p95 {ms(figures['app']['p95'])} vs {ms(figures['baseline']['p95'])}; by hand"
            f" from the base tables (LIKE) {ms(figures['base_tables']['median'])}"
        )
        self.figure(
            "filter, one keystroke (typing “martin”)",
            size, app, base, "s", "≤ 2×" + (", ≤ 50 ms" if big else ""), 2,
            note=p95, also=app <= 0.05 if big else True,
        )  # fmt: skip

    # (3) Today

    def today(self, size: int, journal: Path) -> None:
        result = self.worker(
            "today", size, journal=journal, repeat=self.plan.today, limit=TODAY_PER_KIND
        )
        self.keep(size, "today", result)
        big = size >= BIG
        for key, what in (
            ("page", f"compute Today as the screen does ({TODAY_PER_KIND} per kind)"),
            ("all", "compute Today, every item: reminders.due(0)"),
        ):
            figures = result[key]
            app, base = figures["app"]["median"], figures["baseline"]["median"]
            self.figure(
                what, size, app, base, "s", "≤ 1.5×" + (", ≤ 100 ms" if big else ""), 1.5,
                note=f"{figures['items']:,} items (baseline {figures['baseline_items']:,})",
                also=app <= 0.1 if big else True,
            )  # fmt: skip

    # (4) search

    def search(self, size: int, journal: Path) -> None:
        result = self.worker("search", size, journal=journal, repeat=self.plan.search)
        self.keep(size, "search", result)
        app, base = result["app"], result["baseline"]
        big = size >= BIG
        self.figure(
            f"search, {app['n']} terms (median)",
            size, app["median"], base["median"], "s", "≤ 1.5×", 1.5,
        )  # fmt: skip
        self.figure(
            f"search, {app['n']} terms (p95)",
            size, app["p95"], base["p95"], "s", "≤ 50 ms" if big else "(≤ 50 ms at 100k)", None,
            also=app["p95"] <= 0.05 if big else None,
        )  # fmt: skip

    # (5) logging a conversation

    def log(self, size: int, journal: Path) -> None:
        copy = journals.copy_journal(journal, self.work / f"log-{size}")
        result = self.worker("log", size, journal=copy, repeat=self.plan.logs)
        shutil.rmtree(copy.parent, ignore_errors=True)
        self.keep(size, "log", result)
        app, base = result["app"], result["baseline"]
        self.figure(
            "log one conversation, durable (p95)",
            size, app["p95"], base["p95"], "s", "p95 ≤ 3×", 3,
            note=f"median {ms(app['median'])} vs {ms(base['median'])}",
        )  # fmt: skip

    # (9) user actions, key press to repaint (tests/perf/actions.py)

    def actions(self, size: int, journal: Path) -> None:
        result = self.worker("actions", size, journal=journal, repeat=self.plan.actions)
        self.keep(size, "actions", result)
        for key, _what in ACTIONS:
            app, base = result[key]["app"], result[key]["baseline"]
            self.figure(
                f"{result[key]['what']}, key to repaint",
                size, app["median"], base["median"], "s", "≤ 100 ms, p95 ≤ 200 ms", None,
                note=f"p95 {ms(app['p95'])}; contact {result['deep_position'] + 1:,} selected",
                also=app["median"] <= 0.1 and app["p95"] <= 0.2,
            )  # fmt: skip

    # (6) export and (7) import

    def export(self, size: int, journal: Path) -> None:
        result = self.worker("export", size, journal=journal, repeat=self.plan.exports)
        self.keep(size, "export", result)
        self.figure(
            "export contacts to CSV",
            size, result["app"]["median"], result["baseline"]["median"], "s", "≤ 1.5×", 1.5,
            note=f"{result['rows']:,} rows, {result['bytes'] / 2**20:.1f} MB",
        )  # fmt: skip

    def import_runs(self, size: int, app: str, raw: str, **file: Path) -> dict[str, list[Any]]:
        """``plan.imports`` runs of the app's and the baseline's import figure, interleaved."""
        template = self.empty_template()
        runs: dict[str, list[dict[str, Any]]] = {"app": [], "baseline": []}
        for i in range(self.plan.imports):
            order = [("app", app), ("baseline", raw)]
            for kind, figure in order if i % 2 == 0 else order[::-1]:
                runs[kind].append(self.worker(figure, size, template=template, **file))
        return runs

    def memory_row(self, what: str, size: int, runs: dict[str, list[Any]], size_of: int) -> None:
        """Peak memory of both; "bounded" when the app grows by less than the file."""
        growth = max(r["rss_peak"] - r["rss_before"] for r in runs["app"])
        self.figure(
            what, size,
            max(r["rss_peak"] for r in runs["app"]), max(r["rss_peak"] for r in runs["baseline"]),
            "bytes", "bounded: growth ≤ file size", None,
            note=f"grows {mb(growth)} while importing a {mb(size_of)} file "
            f"({runs['app'][0]['new']:,} new contacts)",
            also=growth <= size_of,
        )  # fmt: skip

    def import_(self, size: int) -> None:
        """A generated CSV of ``size`` distinct people into an empty journal."""
        csv_file = self.work / f"import-{size}.csv"
        write_contacts_csv(csv_file, size, self.plan.seed)
        runs = self.import_runs(size, "import-app", "import-raw", csv=csv_file)
        csv_bytes = csv_file.stat().st_size
        self.keep(size, "import", {"csv_bytes": csv_bytes, **runs})
        app = summary([r["seconds"] for r in runs["app"]])
        base = summary([r["seconds"] for r in runs["baseline"]])
        new = runs["app"][0]["new"]
        self.figure(
            "import contacts from CSV",
            size, app["median"], base["median"], "s", "≤ 3×", 3, note=f"{new:,} new contacts",
        )  # fmt: skip
        self.memory_row("import: peak memory (ru_maxrss)", size, runs, csv_bytes)

    def import_json(self, size: int, journal: Path) -> None:
        """The contacts of a JSON export of the ``size`` journal into a journal with contacts."""
        exported = self.worker("export-json", size, journal=journal)
        runs = self.import_runs(
            size, "import-json-app", "import-json-raw", json=Path(exported["path"])
        )
        self.keep(size, "import_json", {"json_bytes": exported["bytes"], **runs})
        what = "import a JSON export's contacts: peak memory (ru_maxrss)"
        self.memory_row(what, size, runs, exported["bytes"])

    # the frozen app (issue 9)

    def frozen(self) -> None:
        import importlib.util

        from tests.perf.frozen import measure_frozen

        if importlib.util.find_spec("PyInstaller") is None:
            print(" skipped: PyInstaller is not installed (pip install -e '.[packaging]')", end="")
            self.keep(None, "frozen", {"skipped": "PyInstaller is not installed"})
            return
        result = measure_frozen(self.work / "frozen", self.home, self.plan.starts)
        self.keep(None, "frozen", result)
        app, hello = result["app"], result["hello"]
        self.figure(
            "frozen app: size on disk",
            None, app["bytes"], hello["bytes"], "bytes", "no bigger (1×)", 1.0,
        )  # fmt: skip
        for key, label in (("first_start", "first start after build"), ("start", "start")):
            self.figure(
                f"frozen app: {label} to painted window",
                None, app[key], hello[key], "s", "≤ 1.3×", 1.3, note=result.get("note", ""),
            )  # fmt: skip

    # (10) finding duplicates

    def duplicates(self, size: int, journal: Path) -> None:
        result = self.worker("duplicates", size, journal=journal, repeat=self.plan.duplicates)
        self.keep(size, "duplicates", result)
        app, big = result["app"]["median"], size >= BIG
        self.figure(
            "find duplicate contacts (all groups)",
            size, app, result["baseline"]["median"], "s",
            "≤ 10 s" if big else "(≤ 10 s at 100k)", None,
            note=f"{result['groups']:,} groups of {result['in_groups']:,} contacts; "
            f"peak {mb(result['app_peak_rss'])}",
            also=app <= 10 if big else None,
        )  # fmt: skip

    # (11) acting on many contacts at once (tests/perf/bulk_figure.py)

    def bulk(self, size: int, journal: Path) -> None:
        result = self.worker("bulk", size, journal=journal, repeat=self.plan.bulk)
        self.keep(size, "bulk", result)
        app, big = result["app"]["median"], size >= BIG
        backup = summary(result["backup_seconds"])["median"]
        undo = (
            "one undo step"
            if result["undoable"]
            else f"too big to undo: a backup first, {backup:.1f} s of it"
        )
        self.figure(
            "tag every contact matching a filter",
            size, app, result["baseline"]["median"], "s",
            "≤ 10 s" if big else "(≤ 10 s at 100k)", None,
            note=f"{result['tagged']:,} contacts; {undo}",
            also=app <= 10 if big else None,
        )  # fmt: skip

    # the whole run

    def run(self) -> None:
        per_size = self.plan.only - {"frozen"}
        for size in self.plan.sizes if per_size else ():
            self.run_size(size)
        if self.plan.frozen:
            self.step("frozen app vs hello window (PyInstaller)", None, self.frozen)

    def run_size(self, size: int) -> None:
        print(f"\n{size:,} contacts, {journals.CONVERSATIONS_PER_CONTACT} conversations each")
        holder: dict[str, journals.Built] = {}

        def build() -> None:
            holder["built"] = journals.ensure_journal(self.cache, size, self.plan.seed, self.work)

        self.step("journal (cached, or built with colearn demo-data)", size, build)
        built = holder.get("built")
        if built is None:
            return
        path = built.path
        print(f"  {path}")
        steps: list[tuple[str, Callable[[], None]]] = [
            ("demo", lambda: self.demo(size, built)),
            ("startup", lambda: self.startup(size, path)),
            ("sort", lambda: self.sort(size, path)),
            ("today", lambda: self.today(size, path)),
            ("search", lambda: self.search(size, path)),
            ("log", lambda: self.log(size, path)),
            ("export", lambda: self.export(size, path)),
            ("import", lambda: self.import_(size)),
            ("import-json", lambda: self.import_json(size, path)),
            ("duplicates", lambda: self.duplicates(size, path)),
            ("actions", lambda: self.actions(size, path)),
            ("bulk", lambda: self.bulk(size, path)),
            ("sync", lambda: sync_rows(self, size, path)),
        ]
        for name, call in steps:
            if self.plan.wants(name):
                self.step(name, size, call)


def _first_paint(child: Child) -> float:
    found = re.search(r"COLEARN_FIRST_PAINT ([0-9.]+)", child.stderr)
    if not found:
        raise RuntimeError(f"no first paint reported:\n{child.stderr[-3000:]}")
    return float(found.group(1))
