"""A server-rendered bar chart of how many personas hold each tier (coordinates here, SVG markup in
metrics/templates/metrics/_tier_chart.html). Counts run from a handful of Singularity personas to most of
the site at Paper, so bar lengths follow a logarithmic scale; the exact counts are printed too."""

import math

WIDTH, ROW_HEIGHT, LABEL_WIDTH, COUNT_WIDTH = 360, 24, 132, 64
BAR_SPAN = WIDTH - LABEL_WIDTH - COUNT_WIDTH


def tier_chart(distribution) -> dict:
    """`distribution`: TierCount rows, T10 first; the chart lists T1 at the top, as a ladder does."""
    rows = list(reversed(distribution))
    scale = math.log1p(max((row.personas for row in rows), default=0)) or 1
    bars = [
        {
            "tier": row.tier,
            "personas": row.personas,
            "y": index * ROW_HEIGHT,
            "text_y": index * ROW_HEIGHT + ROW_HEIGHT * 0.68,
            "width": round(BAR_SPAN * math.log1p(row.personas) / scale, 1),
        }
        for index, row in enumerate(rows)
    ]
    for bar in bars:
        bar["count_x"] = LABEL_WIDTH + bar["width"] + 6
    return {
        "width": WIDTH,
        "height": ROW_HEIGHT * len(rows),
        "label_width": LABEL_WIDTH,
        "bar_height": ROW_HEIGHT - 6,
        "bars": bars,
        "total": sum(row.personas for row in rows),
    }
