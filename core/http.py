"""The client's IP address, the one answer for throttles, the log-in lock-out and logs.

Anyone can send an X-Forwarded-For header, so it counts only as far as our own proxies wrote it:
`TRUSTED_PROXIES` of them stand in front of Django (0, the default: none, and the header is ignored).
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR without trusted proxies. Behind N of them, the address the outermost one saw: each proxy
    appends the address it got the request from, so that is the N-th entry from the right (entries left of
    it came from the client). With fewer entries, the leftmost, which a trusted proxy wrote."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    header = request.META.get("HTTP_X_FORWARDED_FOR", "") if proxies else ""
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    if not forwarded:
        return remote_addr
    chosen = forwarded[-min(proxies, len(forwarded))]
    return chosen if _is_ip(chosen) else remote_addr


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
