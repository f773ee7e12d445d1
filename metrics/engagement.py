"""How a persona's content performs, from the interactions that count (content/ reports them: never
the owner's own views, likes and comments, never a hidden comment):

    engagement rate (of an item, or of a persona's day) = (likes + comments + shares) / views
                                                           0 with no views
    popularity score (of a persona) = 0.2 × views + 1 × likes + 2 × comments + 3 × shares
                                      summed over all its content items
    engagement score (of a persona) = (likes + comments + shares) / (views + 10)

Popularity weighs each kind as the rating weighs it (metrics.rating.INTERACTION_WEIGHTS): a share says
more than a comment, a comment more than a like, a view the least. It is kept in
`Persona.popularity_score` (the persona list's "popularity" order), recomputed in SQL after every
counted interaction (metrics.services.performance). The engagement score is the engagement rate as if
every persona had 10 more views that nobody reacted to, so two likes on two views (2/12 = 0.17) do not
outrank 300 reactions to 1,000 views (300/1010 = 0.30). A rate may pass 1: one can like an item without
opening its page (the API), and views count once per viewer a day.
"""

from dataclasses import dataclass

from metrics.rating import INTERACTION_WEIGHTS

ENGAGEMENT_PRIOR_VIEWS = 10
# metrics.models.InteractionKind value -> the counter it adds to
COUNTERS = {"view": "views", "like": "likes", "comment": "comments", "share": "shares"}


@dataclass(frozen=True)
class Totals:
    """Counted interactions (of an item, a persona's day, or all a persona's content) and the formulas
    above."""

    views: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0

    @property
    def reactions(self) -> int:
        return self.likes + self.comments + self.shares

    @property
    def engagement_rate(self) -> float:
        return self.reactions / self.views if self.views else 0.0

    @property
    def popularity_score(self) -> float:
        return sum(weight * getattr(self, COUNTERS[kind]) for kind, weight in INTERACTION_WEIGHTS.items())

    @property
    def engagement_score(self) -> float:
        return self.reactions / (self.views + ENGAGEMENT_PRIOR_VIEWS)
