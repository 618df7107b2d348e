"""The benchmark suite of issue 10: every figure next to its baseline, measured in the same run.

    python -m tests.perf.run [--quick] [--sizes 10000,100000] [--json FILE] [--cache DIR]
                             [--only FIGURES] [--frozen]

Builds (or reuses) demo journals through the real ``colearn demo-data``, measures each figure
with its baseline in fresh processes, prints the table (what | size | app | baseline | ratio |
target | met?) and writes every number, with the machine it ran on, as JSON.  Timings never
make it fail: it exits non-zero only when the suite itself (or the app) breaks.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.perf import journals
from tests.perf.machine import describe, machine_info
from tests.perf.measure import ROOT
from tests.perf.suite import Suite
from tests.perf.table import table

FIGURE_NAMES = (
    "demo",
    "startup",
    "sort",
    "today",
    "search",
    "log",
    "export",
    "import",
    "import-json",
    "duplicates",
    "actions",
    "bulk",
    "sync",
    "frozen",
)


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, ...]
    seed: int
    starts: int  # start-ups of each kind (after one warm-up each)
    sorts: int  # samples per column and direction
    today: int
    search: int  # rounds over the 50 terms
    logs: int
    exports: int
    imports: int
    duplicates: int
    actions: int  # samples per user action
    bulk: int  # bulk taggings of every matching contact
    frozen: bool
    only: frozenset[str]

    def wants(self, name: str) -> bool:
        return name in self.only


def make_plan(args: argparse.Namespace) -> Plan:
    if args.sizes:
        sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(","))
    else:
        sizes = (10_000,) if args.quick else (10_000, 100_000)
    only = frozenset(args.only.split(",")) if args.only else frozenset(FIGURE_NAMES)
    if args.frozen:
        only |= {"frozen"}
    unknown = only - set(FIGURE_NAMES)
    if unknown:
        raise SystemExit(f"unknown figures {sorted(unknown)}; known: {', '.join(FIGURE_NAMES)}")
    quick = args.quick
    return Plan(
        sizes=sizes,
        seed=args.seed,
        starts=args.repeat or (3 if quick else 5),
        sorts=args.repeat or (3 if quick else 5),
        today=args.repeat or (5 if quick else 10),
        search=args.repeat or 3,
        logs=args.repeat or (20 if quick else 40),
        exports=args.repeat or 3,
        imports=args.repeat or 2,
        duplicates=args.repeat or 3,
        actions=args.repeat or (5 if quick else 10),
        bulk=args.repeat or 3,
        frozen="frozen" in only and (args.frozen or bool(args.only)),
        only=only,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.perf.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="the 10,000 size only (minutes)")
    parser.add_argument("--sizes", help="comma-separated journal sizes (default 10000,100000)")
    parser.add_argument("--json", type=Path, help="write every number here (default: in cache)")
    parser.add_argument(
        "--cache",
        type=Path,
        help="folder for built journals ($COLEARN_PERF_CACHE, /tmp/colearn-perf)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, help="samples per figure (default: per figure)")
    parser.add_argument("--only", help=f"some figures only: {','.join(FIGURE_NAMES)}")
    parser.add_argument(
        "--frozen",
        action="store_true",
        help="also build the frozen app and a PyInstaller hello window and compare them",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--keep-work", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    plan = make_plan(args)
    cache = args.cache or journals.default_cache()
    # A work folder of this run's own: two runs sharing a cache (one per worktree) each
    # emptied the other's "work" folder under its feet.
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="work-", dir=cache))
    info = machine_info(ROOT)
    print(f"machine: {describe(info)}")
    started = time.perf_counter()
    suite = Suite(plan, cache, work)
    try:
        suite.run()
    finally:
        if args.keep_work:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    command = "python -m tests.perf.run " + " ".join(argv if argv is not None else sys.argv[1:])
    print(f"\n{command.strip()}  ({seconds / 60:.1f} min)\n")
    print(table(suite.rows, markdown=args.markdown))
    output = args.json or cache / "results.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "command": command.strip(),
                "machine": info,
                "seconds": seconds,
                "plan": {**asdict(plan), "only": sorted(plan.only)},
                "rows": [asdict(row) for row in suite.rows],
                "figures": suite.raw,
                "errors": suite.errors,
            },
            indent=1,
            default=str,
        )
    )
    print(f"\nnumbers: {output}")
    if suite.errors:
        print("\nthe suite broke:", *suite.errors, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
