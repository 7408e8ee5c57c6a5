"""Reading a batch page back with the standard library's HTML parser, for the tests."""

from __future__ import annotations

from html.parser import HTMLParser

Attrs = dict[str, str | None]


class ParsedPage(HTMLParser):
    """What a test needs of a batch page: headers, cells, links, scripts, select options."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.header_attrs: list[Attrs] = []
        self.rows: list[list[str]] = []
        self.row_attrs: list[Attrs] = []
        self.cell_attrs: list[list[Attrs]] = []
        self.links: dict[str, str] = {}
        """A linked cell's text -> its href."""
        self.scripts: list[str] = []
        self.options: list[str] = []
        self.text: list[str] = []
        """Every piece of text outside the script, in order."""
        self._open: list[str] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "th":
            self.headers.append("")
            self.header_attrs.append(found)
        elif tag == "tr" and self.headers:
            self.rows.append([])
            self.row_attrs.append(found)
            self.cell_attrs.append([])
        elif tag == "td":
            self.rows[-1].append("")
            self.cell_attrs[-1].append(found)
        elif tag == "a":
            self._href = found.get("href")
        elif tag == "option":
            self.options.append(found.get("value") or "")
        if tag not in ("meta", "input", "br"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links[self.rows[-1][-1]] = self._href
            self._href = None
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if "script" in self._open:
            self.scripts.append(data)
            return
        self.text.append(data)
        if "td" in self._open:
            self.rows[-1][-1] += data
        elif "th" in self._open:
            self.headers[-1] += data


def parse_page(text: str) -> ParsedPage:
    parsed = ParsedPage()
    parsed.feed(text)
    parsed.close()
    return parsed
