"""One figure of a run (a workload at a size), its floor, ratio and the issue's target."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Unit = Literal["s", "bytes", "share"]


@dataclass(frozen=True)
class Target:
    """A bound from issue 7: on the ratio to the floor, or on the figure itself."""

    text: str
    ratio_at_most: float | None = None
    value_at_most: float | None = None
    value_at_least: float | None = None

    def met(self, value: float | None, ratio: float | None) -> bool | None:
        """Whether the figure meets the bound (None when there is no bound or no figure)."""
        checks: list[bool] = []
        if self.ratio_at_most is not None and ratio is not None:
            checks.append(ratio <= self.ratio_at_most)
        if self.value_at_most is not None and value is not None:
            checks.append(value <= self.value_at_most)
        if self.value_at_least is not None and value is not None:
            checks.append(value >= self.value_at_least)
        return all(checks) if checks else None


NO_TARGET = Target("—")


@dataclass
class Result:
    """A measured figure beside its floor.

    ``skipped`` holds the reason when it could not be measured; ``broken`` a reason the target is
    missed whatever the figure (a release whose bytes differ between runs).
    """

    name: str
    claims: int
    unit: Unit = "s"
    median: float | None = None
    floor: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    target: Target = NO_TARGET
    skipped: str | None = None
    broken: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """Median over floor median."""
        if self.median is None or not self.floor:
            return None
        return self.median / self.floor

    @property
    def met(self) -> bool | None:
        """Whether the target is met (None when skipped or without a target)."""
        if self.skipped is not None:
            return None
        if self.broken is not None:
            return False
        return self.target.met(self.median, self.ratio)

    def to_json(self) -> dict[str, Any]:
        """The JSON form: ``name, claims, median_s, floor_s, ratio, target`` and the details."""
        seconds = self.unit == "s"
        data: dict[str, Any] = {
            "name": self.name,
            "claims": self.claims,
            "median_s": self.median if seconds else None,
            "floor_s": self.floor if seconds else None,
            "ratio": self.ratio,
            "target": self.target.text,
            "met": self.met,
            "unit": self.unit,
        }
        if seconds:
            data["min_s"] = self.minimum
            data["max_s"] = self.maximum
        elif self.unit == "bytes":
            data["median_bytes"] = self.median
            data["floor_bytes"] = self.floor
        else:
            data["value"] = self.median
        if self.skipped is not None:
            data["skipped"] = self.skipped
        if self.broken is not None:
            data["broken"] = self.broken
        data.update(self.extra)
        return data


def skipped(name: str, claims: int, reason: str, target: Target = NO_TARGET) -> Result:
    """A workload that could not run, and why."""
    return Result(name=name, claims=claims, target=target, skipped=reason)
