"""Server-rendered line charts of a value over time (a persona's XP, its rating in an attribute):
coordinates computed here, SVG markup in templates/includes/line_chart.html. The value axis starts at 0,
so a line's height reads the same on every chart."""

from itertools import pairwise

WIDTH, HEIGHT, PAD = 600, 200, 40


def line_chart(series: list[tuple], *, steps: bool = False) -> dict | None:
    """`series` is [(date or time, value)], oldest first; None when there is nothing to draw. With
    `steps` the line holds each value until the next one (values that change on given days only, such
    as daily snapshots) instead of sloping between them."""
    if not series:
        return None
    start, end = series[0][0], series[-1][0]
    span = (end - start).total_seconds() or 1
    top = max(value for _, value in series) or 1
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    markers = [
        (PAD + plot_w * (moment - start).total_seconds() / span, HEIGHT - PAD - plot_h * value / top)
        for moment, value in series
    ]
    line = _stepped(markers) if steps else markers
    if len(line) == 1:  # a single value: rise to it from 0
        line = [(PAD, HEIGHT - PAD), line[0]]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "bottom": HEIGHT - PAD,
        "right": WIDTH - PAD,
        "polyline": " ".join(f"{x:.1f},{y:.1f}" for x, y in line),
        "markers": [{"x": round(x, 1), "y": round(y, 1)} for x, y in markers],
        "top": top,
        "first": series[0][1],
        "last": series[-1][1],
        "start": start,
        "end": end,
    }


def _stepped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each point, preceded by the previous value held until its time."""
    line = points[:1]
    for (_, previous_y), (x, y) in pairwise(points):
        line += [(x, previous_y), (x, y)]
    return line
