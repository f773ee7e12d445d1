"""Line charts of a value over time (core.charts): where the line runs and what the chart says in words."""

from datetime import date

from django.template.loader import render_to_string

from core.charts import line_chart


def points(chart) -> list[tuple[float, float]]:
    return [tuple(float(n) for n in pair.split(",")) for pair in chart["polyline"].split()]


def test_nothing_to_draw_gives_no_chart():
    assert line_chart([]) is None


def test_the_line_runs_from_the_first_value_to_the_last_with_the_highest_at_the_top():
    chart = line_chart([(date(2026, 1, 1), 50), (date(2026, 1, 3), 100), (date(2026, 1, 5), 25)])

    assert points(chart) == [(40.0, 100.0), (300.0, 40.0), (560.0, 130.0)]
    assert (chart["first"], chart["last"], chart["top"]) == (50, 25, 100)


def test_steps_hold_each_value_until_the_next_day_it_changed():
    chart = line_chart([(date(2026, 1, 1), 50), (date(2026, 1, 5), 100)], steps=True)

    assert points(chart) == [(40.0, 100.0), (560.0, 100.0), (560.0, 40.0)]
    assert [(m["x"], m["y"]) for m in chart["markers"]] == [(40.0, 100.0), (560.0, 40.0)]


def test_an_axis_not_from_zero_starts_at_a_round_number_well_below_the_lowest_value():
    chart = line_chart([(date(2026, 1, 1), 1750.25), (date(2026, 1, 9), 2345.5)], from_zero=False)

    assert chart["floor"] == 1500
    assert points(chart) == [(40.0, 124.5), (560.0, 40.0)]


def test_a_single_value_rises_from_zero():
    chart = line_chart([(date(2026, 1, 1), 80)])

    assert points(chart) == [(40.0, 160.0), (40.0, 40.0)]


def test_the_svg_is_an_image_whose_title_and_description_say_what_it_shows():
    chart = line_chart([(date(2026, 1, 1), 1200.5), (date(2026, 1, 9), 1320)])

    html = render_to_string(
        "includes/line_chart.html", {"chart": chart, "chart_id": "c", "title": "Rating of Ada", "unit": ""}
    )

    assert 'role="img" aria-labelledby="c-title c-desc"' in html
    assert '<title id="c-title">Rating of Ada</title>' in html
    assert "From 1,200.50 on 2026-01-01 to 1,320 on 2026-01-09; highest 1,320.</desc>" in html
    assert html.count('<circle class="marker"') == 2


def test_an_axis_not_from_zero_is_labelled_and_described():
    chart = line_chart([(date(2026, 1, 1), 1200.5), (date(2026, 1, 9), 1320)], from_zero=False)

    html = render_to_string(
        "includes/line_chart.html", {"chart": chart, "chart_id": "c", "title": "Rating of Ada", "unit": ""}
    )

    assert "highest 1,320. The axis starts at 1,100.</desc>" in html
    assert '<text class="label" x="46" y="154">1,100</text>' in html


def test_the_time_axis_carries_real_dates_evenly_spaced():
    chart = line_chart([(date(2026, 1, 1), 50), (date(2026, 1, 31), 100)])

    assert [tick["moment"] for tick in chart["ticks"]] == [
        date(2026, 1, 1),
        date(2026, 1, 11),
        date(2026, 1, 21),
        date(2026, 1, 31),
    ]
    assert chart["ticks"][0]["x"] == chart["pad"] and chart["ticks"][-1]["x"] == chart["right"]


def test_a_span_across_new_year_shows_the_years():
    chart = line_chart([(date(2025, 12, 20), 1), (date(2026, 1, 10), 2)])

    assert all(tick["format"] == "M j, Y" for tick in chart["ticks"])


def test_a_single_day_has_one_date():
    assert len(line_chart([(date(2026, 1, 1), 5)])["ticks"]) == 1
