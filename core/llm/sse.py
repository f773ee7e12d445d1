"""Server-sent events (the WHATWG event stream format): read as the chat completions API streams them,
and written as our own pages and API stream replies."""

import json
from collections.abc import Iterable, Iterator


def sse_data(lines: Iterable[bytes]) -> Iterator[str]:
    """The data of each event in order. An event's `data:` lines are joined by newlines and dispatched at
    the blank line that ends it; comments (`:` lines) and the other fields (event, id, retry) carry
    nothing a chat reply needs. Raises UnicodeDecodeError on a line that is not UTF-8."""
    data: list[str] = []
    for raw in lines:
        line = raw.decode("utf-8")
        if not line:
            if data:
                yield "\n".join(data)
            data = []
            continue
        field, _, value = line.partition(":")
        if field == "data":
            data.append(value.removeprefix(" "))
    if data:
        yield "\n".join(data)


def sse_event(name: str, data: dict) -> bytes:
    """One named event whose data is `data` as JSON (on one line: JSON escapes newlines)."""
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()
