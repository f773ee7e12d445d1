"""Page numbers for pages people read (the API pages with cursors): counting stops at a cap, since an
exact COUNT reads every matching row, and nobody pages through a million personas twelve at a time."""

from functools import cached_property

from django.core.paginator import Paginator

MAX_COUNTED_PAGES = 100


class CappedPaginator(Paginator):
    """Counts at most `max_pages` pages' worth of rows (plus one, to know there are more)."""

    def __init__(self, object_list, per_page, *, max_pages: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages or MAX_COUNTED_PAGES

    @cached_property
    def _counted(self) -> int:
        rows = self.object_list
        if getattr(rows, "counted_rows", None) is not None:
            return rows.counted_rows  # a queryset that says how many rows it holds (a search's candidates)
        if hasattr(rows, "order_by"):
            # Any `_limit + 1` matching rows tell as much as the first ones: unordered and without the
            # annotations (a search's rank), the database stops at the first it comes across.
            rows = rows.order_by().values("pk")
        return rows[: self._limit + 1].count()

    @property
    def _limit(self) -> int:
        return self.max_pages * self.per_page

    @cached_property
    def count(self) -> int:
        return min(self._counted, self._limit)

    @cached_property
    def count_is_capped(self) -> bool:
        return self._counted > self._limit
