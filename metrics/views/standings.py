"""The persona's standings as a section of its page and of its progress page, through persona.panels
(registered in MetricsConfig.ready): every attribute's tier, rating and place or why it has none, and
its rating history. The pages have already checked that the visitor may see the persona."""

from core.charts import line_chart
from metrics import selectors
from metrics.policy import metrics_policy


def standings_panel(request, persona) -> dict:
    standings = selectors.persona_standings_seen_by(user=request.user, persona=persona)
    every_attribute = [standing.attribute for standing in standings]
    histories = selectors.persona_rating_history(persona=persona, attributes=every_attribute)
    histories = {history.attribute.pk: history.snapshots for history in histories}
    attributes = [_attribute_entry(standing, histories[standing.attribute.pk]) for standing in standings]
    return {
        "template": "metrics/_persona_standings.html",
        "persona": persona,
        "headline": selectors.headline_tier(standings),
        "attributes": attributes,
        "policy": metrics_policy(),
    }


def _attribute_entry(standing: selectors.AttributeStanding, snapshots: list) -> dict:
    series = [(snapshot.day, snapshot.rating) for snapshot in snapshots]
    chart = line_chart(series, steps=True, from_zero=False)
    return {"standing": standing, "history": snapshots, "chart": chart}
