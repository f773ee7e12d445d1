"""Keyset (cursor) pagination for every API list: a page is "the rows after this one, in this order",
which an index finds directly however deep the page, where OFFSET reads and skips every row before it
and a COUNT reads them all.

The order comes from the queryset itself (`order_by` of plain field or annotation names, as views and
filter sets leave it); the primary key is appended when missing, so every position is unique. The cursor
carries the last (or first) row's values of those fields."""

import base64
import binascii
import json
import operator
from datetime import date, datetime
from decimal import Decimal
from functools import reduce

from django.core.exceptions import FieldError
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

INVALID_CURSOR = "This cursor is not valid for this list; start again from the first page."


class KeysetPagination(BasePagination):
    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.page_size = request, self._page_size(request)
        self.ordering = _ordering_of(queryset)
        backwards, position = self._decode(request)
        walk = [_reversed(field) for field in self.ordering] if backwards else self.ordering
        try:
            if position is not None:
                queryset = queryset.filter(_beyond(self.ordering, position, backwards=backwards))
            rows = list(queryset.order_by(*walk)[: self.page_size + 1])
        except (DjangoValidationError, ValueError, TypeError, FieldError):  # a value of the wrong type
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from None
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
        self.has_next = more if not backwards else True
        self.has_previous = (position is not None) if not backwards else more
        self.rows = rows
        return rows

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.rows:
            return None
        return self._link(self.rows[-1], backwards=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous or not self.rows:
            return None
        return self._link(self.rows[0], backwards=True)

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: the `next` or `previous` link of another page.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page (1 to {self.max_page_size}, default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def _link(self, row, *, backwards: bool) -> str:
        values = [_jsonable(getattr(row, field.lstrip("-"))) for field in self.ordering]
        payload = json.dumps({"v": values, "b": backwards}, separators=(",", ":")).encode()
        cursor = base64.urlsafe_b64encode(payload).decode().rstrip("=")
        url = remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def _decode(self, request) -> tuple[bool, list | None]:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return False, None
        try:
            payload = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
            values, backwards = payload["v"], payload["b"]
        except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from None
        valid = isinstance(values, list) and len(values) == len(self.ordering) and isinstance(backwards, bool)
        if not valid or not all(isinstance(value, str | int | float) for value in values):
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]})
        return backwards, values


def _ordering_of(queryset) -> list[str]:
    fields = [field for field in queryset.query.order_by if isinstance(field, str)]
    if len(fields) != len(queryset.query.order_by) or not fields:
        fields = list(queryset.model._meta.ordering or ["-pk"])
    if fields[-1].lstrip("-") not in ("pk", "id"):
        fields.append("-pk" if fields[-1].startswith("-") else "pk")
    return fields


def _reversed(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _beyond(ordering: list[str], values: list, *, backwards: bool) -> Q:
    """Rows after `values` in `ordering` (before them when walking backwards), as the usual expansion
    a > x OR (a = x AND b > y) ..., led by a range on the first field so the index seeks to it."""
    lookups = [
        (field.lstrip("-"), "lt" if field.startswith("-") != backwards else "gt") for field in ordering
    ]
    branches = [
        Q(
            **{name: values[i] for i, (name, _) in enumerate(lookups[:index])},
            **{f"{name}__{lookup}": values[index]},
        )
        for index, (name, lookup) in enumerate(lookups)
    ]
    first_name, first_lookup = lookups[0]
    return Q(**{f"{first_name}__{first_lookup}e": values[0]}) & reduce(operator.or_, branches)


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
