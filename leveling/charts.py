"""A server-rendered XP-over-time line chart: coordinates computed here, SVG markup in the template."""

WIDTH, HEIGHT, PAD = 600, 200, 40


def xp_chart(series: list[tuple]) -> dict | None:
    """`series` is [(time, cumulative XP)]; None when there is nothing to draw."""
    if not series:
        return None
    start, end = series[0][0], series[-1][0]
    span = (end - start).total_seconds() or 1
    top = max(xp for _, xp in series) or 1
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    points = [
        (PAD + plot_w * (moment - start).total_seconds() / span, HEIGHT - PAD - plot_h * xp / top)
        for moment, xp in series
    ]
    if len(points) == 1:
        points = [(PAD, HEIGHT - PAD), points[0]]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "bottom": HEIGHT - PAD,
        "right": WIDTH - PAD,
        "polyline": " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
        "top_xp": top,
        "start": start,
        "end": end,
    }
