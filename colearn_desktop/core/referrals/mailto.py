"""``mailto:`` links (RFC 6068) for "Open in mail app".

Every character outside the unreserved set is percent-encoded from UTF-8 (``quote`` with
``safe=""``), so ``&``, ``?``, ``#``, ``+``, ``%``, ``=`` and non-ASCII letters reach the mail
program as written, and line breaks are sent as ``%0D%0A`` as the RFC asks.  Parsing the link
back with :mod:`urllib.parse` gives the subject and body exactly (with CRLF line breaks).
"""

from __future__ import annotations

from urllib.parse import quote


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def mailto_url(to: str = "", subject: str = "", body: str = "") -> str:
    # In the address only "@" may stay as it is: a "?", "%" or "#" in it would end or
    # corrupt the address part.
    url = "mailto:" + quote(to.strip(), safe="@")
    fields = [("subject", subject), ("body", crlf(body))]
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in fields if value)
    return f"{url}?{query}" if query else url
