"""One self-contained HTML page: the language, a strict Content-Security-Policy, inline CSS by hash.

The policy forbids everything (``default-src 'none'``) but the page's own
style blocks and scripts, each allowed by its SHA-256 hash, so nothing
loads from the network and no script from a model's names could run even
if one slipped through the escaping. Style attributes are not allowed:
the pages use classes only.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

from orgmodel.escape import html as escape
from orgmodel.i18n import language

_BASE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1f2328;
line-height:1.4}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}code{font-size:.85em;color:#57606a}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;vertical-align:top}
a{color:#0969da}
@media print{body{margin:0;font-size:10pt}a{color:inherit;text-decoration:none}}
"""


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp(styles: Sequence[str], scripts: Sequence[str] = ()) -> str:
    """The policy allowing exactly these style blocks and scripts."""
    parts = ["default-src 'none'", "style-src " + " ".join(_hash(s) for s in styles)]
    if scripts:
        parts.append("script-src " + " ".join(_hash(s) for s in scripts))
    parts += ["img-src data:", "base-uri 'none'", "form-action 'none'"]
    return "; ".join(parts)


def page(title: str, body: str, styles: Sequence[str] = (), scripts: Sequence[str] = ()) -> str:
    """The whole document; ``title`` is plain text (escaped here), ``body`` HTML already escaped."""
    blocks = [_BASE, *styles]
    style = "".join(f"<style>{s}</style>" for s in blocks)
    script = "".join(f"<script>{s}</script>" for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language())}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp(blocks, scripts)}">'
        f"{style}</head><body>\n{body}\n{script}</body></html>\n"
    )
