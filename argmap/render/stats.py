"""`argmap stats` output: pure functions from :class:`~argmap.stats.MapStats` to text, registered by name.

One map is its own object (JSON) or column (text); several maps are a row each
and a total, ``{"maps": [...], "total": {...}}`` in JSON and one column each and a
``total`` column in the text table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..stats import MapStats
from ..textsafe import defuse_lines, json_text, shown


def as_dict(stats: MapStats, with_path: bool = True) -> dict[str, object]:
    """The JSON object of one map's counts (or of the total, without a path)."""
    quoted = stats.quoted
    found: dict[str, object] = {"path": stats.path} if with_path else {}
    found.update({
        "statements": dict(stats.statements),
        "arguments": stats.arguments,
        "relations": dict(stats.relations),
        "depth": stats.depth,
        "on_evidence": stats.on_evidence,
        "bare_assertions": stats.bare_assertions,
        "objections": {"answered": stats.answered, "unanswered": stats.unanswered},
        "open_questions": stats.open_questions,
        "quoted": None if quoted is None else
        {"characters": quoted.characters, "of": quoted.length, "share": round(quoted.share, 4)},
    })
    return found


def as_json(maps: Sequence[MapStats], whole: MapStats) -> str:
    if len(maps) == 1:
        return json_text(as_dict(maps[0])) + "\n"
    return json_text({"maps": [as_dict(stats) for stats in maps], "total": as_dict(whole, with_path=False)}) + "\n"


def _rows(stats: MapStats) -> list[str]:
    """One column of the table: the values, in the order of :data:`ROW_NAMES`."""
    quoted = stats.quoted
    return [
        *(str(count) for count in stats.statements.values()),
        str(stats.arguments),
        *(str(count) for count in stats.relations.values()),
        str(stats.depth),
        str(stats.on_evidence),
        str(stats.bare_assertions),
        str(stats.answered),
        str(stats.unanswered),
        str(stats.open_questions),
        "-" if quoted is None else f"{quoted.share:.1%}",
    ]


ROW_NAMES = (
    "claims", "counterclaims", "evidence", "arguments",
    "supports", "attacks", "contradicts", "undercuts", "premises",
    "support depth", "claims on evidence", "bare assertions",
    "objections answered", "objections unanswered", "critical questions open", "text quoted",
)


def as_text(maps: Sequence[MapStats], whole: MapStats) -> str:
    """A table: a row per count, a column per map, and a ``total`` column for several maps.

    ``-`` stands for the text quoted of a map without a `source.text_file`.
    """
    columns = [(shown(stats.path, 60), _rows(stats)) for stats in maps]
    if len(maps) > 1:
        columns.append(("total", _rows(whole)))
    first = max(len(name) for name in ROW_NAMES)
    widths = [max(len(head), *(len(value) for value in values)) for head, values in columns]
    lines = [" " * first + "".join(f"  {head:>{width}}" for (head, _), width in zip(columns, widths))]
    for row, name in enumerate(ROW_NAMES):
        lines.append(f"{name:<{first}}" + "".join(f"  {values[row]:>{width}}"
                                                  for (_, values), width in zip(columns, widths)))
    return defuse_lines("\n".join(line.rstrip() for line in lines)) + "\n"


STATS_FORMATS: dict[str, Callable[[Sequence[MapStats], MapStats], str]] = {"text": as_text, "json": as_json}
"""``argmap stats --format`` choices -> renderer."""
