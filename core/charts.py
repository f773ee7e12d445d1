"""Server-rendered line charts of a value over time (a persona's XP, its rating in an attribute):
coordinates computed here, SVG markup in templates/includes/line_chart.html."""

import math
from itertools import pairwise

WIDTH, HEIGHT, PAD = 600, 200, 40


def line_chart(series: list[tuple], *, steps: bool = False, from_zero: bool = True) -> dict | None:
    """`series` is [(date or time, value)], oldest first; None when there is nothing to draw. With
    `steps` the line holds each value until the next one (values that change on given days only, such
    as daily snapshots) instead of sloping between them. The value axis starts at 0, or with
    `from_zero=False` below the lowest value, far enough to leave room for the label saying where."""
    if not series:
        return None
    start, end = series[0][0], series[-1][0]
    span = (end - start).total_seconds() or 1
    values = [value for _, value in series]
    floor, top = _floor(values, from_zero), max(values)
    height = (top - floor) or 1
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    markers = [
        (
            PAD + plot_w * (moment - start).total_seconds() / span,
            HEIGHT - PAD - plot_h * (value - floor) / height,
        )
        for moment, value in series
    ]
    line = _stepped(markers) if steps else markers
    if len(line) == 1:  # a single value: rise to it from the axis
        line = [(PAD, HEIGHT - PAD), line[0]]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "bottom": HEIGHT - PAD,
        "right": WIDTH - PAD,
        "polyline": " ".join(f"{x:.1f},{y:.1f}" for x, y in line),
        "markers": [{"x": round(x, 1), "y": round(y, 1)} for x, y in markers],
        "floor": floor,
        "top": top,
        "first": values[0],
        "last": values[-1],
        "start": start,
        "end": end,
        "ticks": _time_ticks(start, end, left=PAD, width=plot_w),
    }


TICKS = 4


def _time_ticks(start, end, *, left: float, width: float) -> list[dict]:
    """Dates along the time axis: the first, the last and evenly spaced ones between (one when the
    series covers a single moment), with the year when the span crosses one."""
    date_format = "M j, Y" if start.year != end.year else "M j"
    count = 1 if start == end else TICKS
    anchors = ["start", *["middle"] * (count - 2), "end"] if count > 1 else ["start"]
    fractions = [index / (count - 1) for index in range(count)] if count > 1 else [0]
    return [
        {
            "x": round(left + width * fraction, 1),
            "moment": start + (end - start) * fraction,
            "anchor": anchor,
            "format": date_format,
        }
        for fraction, anchor in zip(fractions, anchors, strict=True)
    ]


def _floor(values: list[float], from_zero: bool) -> float:
    """The value at the axis: 0, or about a quarter of the plot's height below the lowest value, so the
    lowest point sits clear of the label at the axis; rounded down to a round number (a power of ten
    the size of the values' range), never below 0."""
    low, high = min(values), max(values)
    if from_zero or high == low:
        return 0
    step = 10 ** math.floor(math.log10(high - low))
    return max(0, (low - (high - low) / 3) // step * step)


def _stepped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each point, preceded by the previous value held until its time."""
    line = points[:1]
    for (_, previous_y), (x, y) in pairwise(points):
        line += [(x, previous_y), (x, y)]
    return line
