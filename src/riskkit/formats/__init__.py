"""Renderers: each turns a report into text. None of them opens a file; the caller decides."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from riskkit.formats import json as json_format
from riskkit.formats import markdown as markdown_format
from riskkit.report import Report

Renderer = Callable[[Report], str]

RENDERERS: Mapping[str, Renderer] = {
    "json": json_format.render,
    "markdown": markdown_format.render,
}
