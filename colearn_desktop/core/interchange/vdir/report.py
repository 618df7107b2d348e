"""What one pass over the vdir did, in sentences a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class VdirReport:
    """Counts of files written, kept and removed, contacts changed and added, and one line
    per thing worth saying (an edited contact and its fields, a deleted file, a bad file)."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0
    changed: int = 0
    added: int = 0
    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)

    def merge(self, other: VdirReport) -> VdirReport:
        return VdirReport(
            self.written + other.written,
            self.unchanged + other.unchanged,
            self.removed + other.removed,
            self.changed + other.changed,
            self.added + other.added,
            [*self.lines, *other.lines],
        )

    def summary(self) -> str:
        return (
            f"{self.changed} contact(s) changed and {self.added} added from the vdir; "
            f"{self.written} file(s) written, {self.unchanged} unchanged, {self.removed} removed."
        )
