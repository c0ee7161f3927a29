"""The organisation chart as one self-contained HTML page, or as a section another page embeds.

``page(chart)`` is the whole document: the chart's CSS and script inline, allowed by their
SHA-256 hashes in a strict Content-Security-Policy (``default-src 'none'``: no request leaves
the page, no other script runs). ``chart_section(chart)`` gives the parts for a page of one's
own (``orgmodel report``): the body, the CSS and the script, and ``csp(styles, scripts)`` the
policy that allows exactly those.

Every name from the model goes through ``escape.html``; the script reads the model only from
``data-`` attributes and writes it back as text, never as markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from importlib import resources

from orgmodel import escape
from orgmodel.bounds import clip_name, clip_quoted
from orgmodel.diagnostic import Diagnostic
from orgmodel.i18n import N_, _, language, ngettext, number
from orgmodel.render.tree import Anchor, Chart, ChartUnit, span_text

ROW_LIMIT = 12  # a top unit with more units under it than this lists them in a column, not a row


def _asset(name: str) -> str:
    return resources.files("orgmodel.render").joinpath(name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp(styles: Iterable[str], scripts: Iterable[str]) -> str:
    """A Content-Security-Policy that allows exactly these inline styles and scripts, and nothing else."""
    style_src = " ".join(_hash(s) for s in styles) or "'none'"
    script_src = " ".join(_hash(s) for s in scripts) or "'none'"
    return (
        f"default-src 'none'; style-src {style_src}; script-src {script_src}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def chart_section(chart: Chart, *, heading: bool = True) -> tuple[str, str, str]:
    """The chart for a page: (body HTML, CSS, script). Ids and classes start with ``om-``.

    ``heading=False`` leaves out the chart's own title, for a page that gives the section one.
    """
    return _body(chart, heading), _asset("chart.css"), _asset("chart.js")


def page(chart: Chart) -> str:
    """The chart as one HTML document (lang from the current language)."""
    body, css, script = chart_section(chart)
    title = escape.html(_("Organisation chart: {kommune}").format(kommune=clip_name(chart.title)))
    return (
        f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp([css], [script])}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def name_html(name: str, ident: str | None = None) -> str:
    """A name from the model as HTML text, clipped (``bounds.clip_name``) with the whole in a title.

    With ``ident`` the title gives the id as well ('name (id)'; the id alone for a name shown whole).
    """
    esc = escape.html
    short = clip_name(name)
    if short == name:
        return f'<span title="{esc(ident)}">{esc(name)}</span>' if ident is not None else esc(name)
    whole = f"{name} ({ident})" if ident is not None else name
    return f'<span title="{esc(whole)}">{esc(short)}</span>'


def message_html(message: str) -> str:
    """A finding's message as HTML text, a quoted name over the limit clipped (``bounds.clip_quoted``).

    When something was clipped, the whole message is in a title.
    """
    esc = escape.html
    short = clip_quoted(message)
    if short == message:
        return esc(message)
    return f'<span title="{esc(message)}">{esc(short)}</span>'


def _labels() -> str:
    labels = {
        "one": _("{n} unit matches"),
        "many": _("{n} units match"),
        "collapse": _("Collapse"),
        "expand": _("Expand"),
        # Translators: the chart's zoom, beside "Fit to width" and "100%"
        "scale": _("{n}%"),
        # Translators: after the zoom, when the chart is still wider than the window
        "wide": _("wider than the window: scroll sideways"),
    }
    return escape.html(json.dumps(labels, ensure_ascii=False))


def _body(chart: Chart, heading: bool = True) -> str:
    esc = escape.html
    parts = [f'<section class="om-chart" id="om-chart" data-labels="{_labels()}">']
    if heading:
        title = esc(_("Organisation chart: {kommune}").format(kommune=clip_name(chart.title)))
        parts.append(f"<h1>{title}</h1>")
    if chart.subtitle:
        parts.append(f'<p class="om-sub">{esc(chart.subtitle)}</p>')
    parts.append(_controls(chart))
    parts.append(_legend(chart))
    region = esc(_("Organisation chart"))
    # the canvas scrolls sideways (a focusable region: the arrow keys scroll it); the zoom holds
    # the tree and its professional lines, so the two scale together
    parts.append(
        f'<div class="om-canvas" tabindex="0" role="region" aria-label="{region}"><div class="om-zoom">'
        '<svg class="om-lines" aria-hidden="true"></svg>'
    )
    parts.append('<ul class="om-tree">')
    for root in chart.roots:
        _item(chart, root, parts)
    parts.append("</ul></div></div>")
    parts.append(_elsewhere(chart))
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _controls(chart: Chart) -> str:
    esc = escape.html
    every, search, place = esc(_("All kommunedeler")), esc(_("Search by name")), esc(_("Kommunedel"))
    expand, collapse = esc(_("Expand all")), esc(_("Collapse all"))
    fit, full, zoom = esc(_("Fit to width")), esc(_("{n}%").format(n=100)), esc(_("Zoom"))
    options = [f'<option value="">{every}</option>']
    options += [
        f'<option value="{esc(kid)}">{esc(clip_name(name))}</option>' for kid, name in chart.kommunedeler
    ]
    return (
        '<div class="om-controls">'
        f'<label>{search} <input type="search" id="om-search" autocomplete="off"></label>'
        f'<label>{place} <select id="om-kd">{"".join(options)}</select></label>'
        f'<button type="button" id="om-expand">{expand}</button>'
        f'<button type="button" id="om-collapse">{collapse}</button>'
        f'<span class="om-zoomctl" role="group" aria-label="{zoom}">'
        f'<button type="button" id="om-fit" aria-pressed="true">{fit}</button>'
        f'<button type="button" id="om-full" aria-pressed="false">{full}</button>'
        '<span class="om-count" id="om-scale" role="status"></span></span>'
        '<span class="om-count" id="om-count" role="status"></span></div>'
    )


def _legend(chart: Chart) -> str:
    esc = escape.html
    flagged = len(chart.with_findings())
    units = len(chart.units)
    personnel, professional = esc(_("personnel line")), esc(_("professional line (faglig)"))
    marked = esc(_("unit with findings"))
    # Translators: the count of units in the chart and of those with findings, under the legend
    counts = ngettext("{n} unit, {flagged} with findings", "{n} units, {flagged} with findings", units)
    return (
        '<div class="om-legend">'
        f'<span><span class="om-key"></span>{personnel}</span>'
        f'<span><span class="om-key om-dashed"></span>{professional}</span>'
        f'<span><span class="om-key om-box"></span>{marked}</span>'
        f"<span>{esc(counts.format(n=number(units), flagged=number(flagged)))}</span>"
        "</div>"
    )


def _item(chart: Chart, uid: str, parts: list[str]) -> None:
    """One unit's list item and the units under it, depth-first with a stack (no recursion limit)."""
    work = [uid]
    while work:
        top = work.pop()
        if top.startswith("</"):  # a closing tag queued behind a unit's children (no id starts so)
            parts.append(top)
            continue
        unit = chart.units[top]
        parts.append(_open_item(chart, unit))
        if unit.children:
            row = unit.depth == 0 and 2 <= len(unit.children) <= ROW_LIMIT
            parts.append(f'<ul class="{"om-row" if row else "om-col"}">')
            work.append("</ul></li>")
            work.extend(reversed(unit.children))
        else:
            parts.append("</li>")


def _open_item(chart: Chart, unit: ChartUnit) -> str:
    esc = escape.html
    classes = "om-node"
    if unit.findings:
        classes += f" om-f-{unit.findings[0].severity.value}"
    places = " ".join(unit.kommunedeler)
    lines = " ".join(unit.functional)
    head = (
        f'<li class="om-item" data-id="{esc(unit.id)}" data-name="{esc(unit.name)}" data-kd="{esc(places)}"'
        f' data-functional="{esc(lines)}">'
        f'<div class="{classes}" id="om-u-{esc(unit.id)}">'
    )
    body = [head]
    if unit.children:
        label = esc(_("Collapse"))
        toggle = f'<button type="button" class="om-toggle" aria-expanded="true" aria-label="{label}">'
        body.append(toggle + "\u2212</button>")
    body.append(f'<div class="om-name">{name_html(unit.name)}</div>')
    if unit.leader:
        body.append(f'<div class="om-leader">{name_html(unit.leader)}</div>')
    body.append(f'<div class="om-meta">{esc(_meta(unit))}</div>')
    if unit.functional:
        links = " ".join(_prof_link(chart, target) for target in unit.functional)
        # Translators: before the links to the units a unit reports to professionally (faglig linje)
        prefix = esc(_("faglig:"))
        body.append(f'<div class="om-prof">{prefix} {links}</div>')
    if unit.hidden:
        more = ngettext("{n} more unit below", "{n} more units below", unit.hidden).format(
            n=number(unit.hidden)
        )
        body.append(f'<div class="om-more">{esc(more)}</div>')
    if unit.findings:
        body.append('<ul class="om-findings">')
        body.extend(_finding(f) for f in unit.findings)
        body.append("</ul>")
    body.append("</div>")
    return "".join(body)


def _prof_link(chart: Chart, target: str) -> str:
    esc = escape.html
    shown = chart.units.get(target)
    if shown is None:  # the leader of the line is outside this chart (--root, --depth): named by id
        return f"<a>{esc(target)}</a>"
    return f'<a href="#om-u-{esc(target)}">{name_html(shown.name)}</a>'


def _meta(unit: ChartUnit) -> str:
    """The line of figures under a unit's name: level, staff, people, span."""
    parts = [_("level {level}").format(level=unit.level)]
    if unit.kind:
        parts.append(unit.kind)
    if unit.staff is not None:
        parts.append(ngettext("{n} employee", "{n} employees", unit.staff).format(n=number(unit.staff)))
    if unit.people is not None and unit.children:
        people = ngettext("{n} person in all", "{n} people in all", unit.people)
        parts.append(people.format(n=number(unit.people)))
    parts.append(span_text(unit))
    return " · ".join(parts)


# what a finding off the boxes is attached to (render.tree.Anchor's kind), shown before it with _()
ANCHOR_WORDS = {
    "unit": N_("the unit {name}, not drawn in this chart"),
    "site": N_("the site {name}"),
    "forum": N_("the forum {name}"),
    "agreement": N_("the agreement {name}"),
    "project": N_("the project {name}"),
    "committee": N_("the committee {name}"),
    "consideration": N_("the hensyn {name}"),
    "persona": N_("the persona {name}"),
    "service": N_("the service {name}"),
    "position": N_("the position {name}"),
    "kommunedel": N_("the kommunedel {name}"),
}


def _elsewhere(chart: Chart) -> str:
    """The findings attached to no box of the chart, each with what it is attached to."""
    if not chart.other_findings:
        return ""
    esc = escape.html
    anchors: list[Anchor | None] = list(chart.other_anchors) or [None] * len(chart.other_findings)
    items = "".join(_finding(d, a) for d, a in zip(chart.other_findings, anchors, strict=True))
    # Translators: the chart's list of findings on a site, a forum, the model ... (not on one unit's box)
    heading = esc(_("Findings attached to something other than one unit of the chart"))
    note = esc(
        _(
            "Each says first what it is attached to (a site, a forum, an agreement, the model ...); the "
            "units its message names may still be in the chart."
        )
    )
    return (
        f'<div class="om-elsewhere"><h2>{heading}</h2><p class="om-sub">{note}</p>'
        f'<ul class="om-findings">{items}</ul></div>'
    )


def anchor_text(anchor: Anchor) -> str:
    """What a finding is attached to, in words: "the site 'Rådhuset' (kp-1)", "the model, at line 12"."""
    if anchor.kind in ANCHOR_WORDS and anchor.id is not None:
        name = f"'{clip_name(anchor.name or anchor.id)}' ({anchor.id})"
        return _(ANCHOR_WORDS[anchor.kind]).format(name=name)
    if anchor.path is not None:  # a part of the model, or the ruleset
        return _("{path}, at line {line}").format(path=anchor.path, line=anchor.line)
    return _("the model, at line {line}").format(line=anchor.line)


def _finding(diag: Diagnostic, anchor: Anchor | None = None) -> str:
    """One finding: its code and message, and where it is (path:line:col) shown on hover."""
    esc = escape.html
    where = esc(f"{diag.path}:{diag.line}:{diag.col}")
    head = f'<li class="om-{diag.severity.value}" title="{where}">'
    at = ""
    if anchor is not None and _says_where(diag, anchor):
        at = f'<span class="om-at">{esc(anchor_text(anchor))}:</span> '
    return f"{head}<b>{esc(diag.code)}</b> {at}{message_html(diag.message)}</li>"


def _says_where(diag: Diagnostic, anchor: Anchor) -> bool:
    """Whether the finding needs what it is attached to before it: not when its message begins so.

    Tour O: "the forum 'Nettverk' (nv-spesped): the forum 'Nettverk' (nv-spesped) has no 'mandate:'".
    """
    return not diag.message.casefold().startswith(anchor_text(anchor).casefold())
