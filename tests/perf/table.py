"""The benchmark suite's table: a row per figure (app next to its baseline, the ratio, the
target and whether it was met) and how the rows are printed, as text or Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    what: str
    size: int | None
    app: float | None
    baseline: float | None
    unit: str  # "s" or "bytes"
    target: str
    met: bool | None
    note: str = ""
    ratio: float | None = field(default=None)

    def __post_init__(self) -> None:
        if self.ratio is None and self.app is not None and self.baseline:
            self.ratio = self.app / self.baseline


def ratio_ok(ratio: float | None, limit: float) -> bool | None:
    return None if ratio is None else ratio <= limit


def both(*checks: bool | None) -> bool | None:
    if any(c is None for c in checks):
        return None
    return all(checks)


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds >= 10:
        return f"{seconds:.1f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


def mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 2**20:.0f} MB"


def _value(row: Row, value: float | None) -> str:
    return mb(value) if row.unit == "bytes" else ms(value)


def table(rows: list[Row], *, markdown: bool = False) -> str:
    header = ("what", "contacts", "app", "baseline", "ratio", "target", "met?", "notes")
    lines = []
    for row in rows:
        met = {True: "yes", False: "**NO**" if markdown else "NO", None: "–"}[row.met]
        lines.append(
            (
                row.what,
                f"{row.size:,}" if row.size else "",
                _value(row, row.app),
                _value(row, row.baseline),
                f"{row.ratio:.2f}×" if row.ratio is not None else "–",
                row.target,
                met,
                row.note,
            )
        )
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:{'<' if i in (0, 5, 7) else '>'}{w}}}" for i, w in enumerate(widths))
    out = [fmt.format(*header), "  ".join("-" * w for w in widths)]
    out += [fmt.format(*line) for line in lines]
    return "\n".join(out)
