"""``orgmodel report``: one self-contained HTML document for a meeting.

Sections, each with an anchor the contents list links to: the summary
(units, levels, people, findings by severity), the organisation chart
(``orgmodel.render.html.chart_section``, with its search, filter and
collapse script), the figures (the tables of ``stats_tables``, as ``orgmodel
stats`` shows them), the kommunedel × local-service matrix, the findings
with their rules explained, and with ``--compare``/``--base`` the diff
(``diff_html.render_body``). Every style block and the chart's script are
allowed by their hashes; nothing else loads or runs. Printed, every section
is shown whole: the collapsed explanations and unchanged branches open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgmodel.bounds import clip_name
from orgmodel.escape import html as escape
from orgmodel.formatters import Formatter
from orgmodel.formatters.cells import Name, Names, figure
from orgmodel.formatters.diff_html import CSS as DIFF_CSS
from orgmodel.formatters.diff_html import render_body
from orgmodel.formatters.doc_html import doc_html
from orgmodel.formatters.html_page import page
from orgmodel.formatters.report_design import arrangement_tables, consideration_table, design_tables
from orgmodel.formatters.stats_tables import AVAILABILITY, CellValue, Table, summary_lines, tables
from orgmodel.i18n import N_, _, ngettext, number
from orgmodel.render.html import message_html, name_html
from orgmodel.ruleset_files import ruleset_label, shipped

if TYPE_CHECKING:
    from orgmodel.diagnostic import Diagnostic
    from orgmodel.journeys import Journeys
    from orgmodel.report import MeetingReport

CSS = """
nav.toc ol{display:flex;flex-wrap:wrap;gap:.2rem 1.6rem;padding-left:0;list-style-position:inside}
section.part{margin-top:1.8rem;border-top:2px solid #d0d7de;padding-top:.4rem}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sev-error{color:#cf222e;font-weight:600}.sev-warning{color:#9a6700;font-weight:600}.sev-info{color:#57606a}
.cov td.local{background:#dafbe1}.cov td.central,.cov td.elsewhere{background:#fff8c5}
.cov td.none{background:#ffebe9;font-weight:600}
details.why>summary{cursor:pointer;color:#0969da}
div.why{background:#f6f8fa;padding:.1rem .75rem;border-radius:6px}
div.why pre{white-space:pre-wrap;background:#fff;padding:.4rem;border-radius:4px}
.note{color:#57606a;font-size:.9em}
@media print{details.why::details-content{content-visibility:visible;display:contents}
section.part{break-before:page}nav.toc{display:none}
.cov td,.sev-error{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
"""

SECTIONS = {
    "summary": N_("Summary"),
    "chart": N_("Organisation chart"),
    "figures": N_("Figures"),
    "coverage": N_("Local services per kommunedel"),
    "design": N_("Responsibilities, forums and positions"),
    "arrangements": N_("Collaborations, agreements and projects"),
    "considerations": N_("Hensyn"),
    "journeys": N_("Fictional users' journeys"),
    "findings": N_("Findings"),
    "diff": N_("Changes"),
}
# the findings of each severity as the summary counts them: "0 errors", "1 warning", "2 info"
_SEVERITY_COUNTS = {
    "error": lambda n: ngettext("{n} error", "{n} errors", n),
    "warning": lambda n: ngettext("{n} warning", "{n} warnings", n),
    "info": lambda n: ngettext("{n} info", "{n} info", n),
}


def _cell(value: CellValue) -> str:
    if value is None:
        return '<td class="num">–</td>'
    if isinstance(value, int | float):
        return f'<td class="num">{figure(value)}</td>'  # 1 256 and 2,5 in bokmål, as the stats print them
    return f"<td>{_text(value)}</td>"


def _text(value: str | Names) -> str:
    """Text of a cell as HTML: a name clipped with the whole in a title, names with their ids on hover."""
    if isinstance(value, Names):
        return escape(value.prefix) + "; ".join(name_html(item.name, item.id) for item in value.items)
    if isinstance(value, Name):
        return name_html(value)
    return message_html(value)  # a finding's message quoting a name of 10,000 characters


def _table(table: Table) -> str:
    parts = [f'<h3 id="t-{escape(table.key)}">{escape(table.title)}</h3>']
    if table.rows:
        head = "".join(f"<th>{_text(h)}</th>" for h in table.header)
        body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in table.rows)
        parts.append(f"<table><tr>{head}</tr>{body}</table>")
    if table.note or not table.rows:
        note = table.note or _("none")
        parts.append(f'<p class="note">{escape(note)}</p>')
    return "".join(parts)


def _summary(report: MeetingReport) -> str:
    stats = report.stats
    people = sum(level.people for level in stats.levels)
    lines = summary_lines(stats)
    # the people counted are leaders alone when no unit states its staff: a reader takes 154 for a headcount
    who = (
        _("People (leaders only: no unit states its staff)")
        if stats.staff_missing >= stats.units
        else _("People (leaders plus the staff stated)")
    )
    rows: list[tuple[str, str]] = [
        (_capital(lines[0][0]), number(stats.units)),  # 'units in the basisorganisasjon' beside an IKS
        # the level numbers in use: the personnel tree may be a line deeper (a direktør at level 1)
        (_("Organisational levels, as the model numbers them"), _levels(report)),
        (who, number(people)),
    ]
    # the stats' lines are lower case after their indent; a table's heads start with a capital
    rows += [(_capital(label), "–" if value is None else _plain(value)) for label, value in lines[1:]]
    counts = report.severities()
    found = ", ".join(_SEVERITY_COUNTS[s](n).format(n=number(n)) for s, n in counts.items())
    rows.append((_("Findings"), found))
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def _levels(report: MeetingReport) -> str:
    """How many level numbers the units state, and which: '4 (level 1 to 4)', '3 (level 1, 2 and 4)'."""
    from orgmodel.hints import and_list

    levels = [int(group.key) for group in report.stats.levels]
    if not levels:
        return "0"
    if levels == list(range(levels[0], levels[-1] + 1)) and len(levels) > 2:
        # Translators: the report's summary: the levels the units state, first to last ("4 (nivå 1 til 4)")
        return _("{n} (level {first} to {last})").format(n=len(levels), first=levels[0], last=levels[-1])
    # Translators: the report's summary: how many levels the units state, each named ("2 (nivå 1 og 3)")
    return _("{n} (level {levels})").format(n=len(levels), levels=and_list([str(n) for n in levels]))


def _plain(value: CellValue) -> str:
    """A figure of the summary as text: 1 256 in bokmål."""
    if isinstance(value, int | float):
        return figure(value)
    return str(value.ids()) if isinstance(value, Names) else str(value)


def _capital(label: str) -> str:
    """A stats line's label as a table's head: its first letter a capital."""
    return label[:1].upper() + label[1:]


def _coverage(report: MeetingReport) -> str:
    """The matrix: a row per kommunedel, a column per local service, each cell who delivers it."""
    coverage = report.stats.coverage
    if not coverage.kommunedeler or not coverage.services:
        empty = _("The model has no kommunedeler or no local services.")
        return f'<p class="note">{escape(empty)}</p>'
    cells = {(c.kommunedel, c.service): c for c in coverage.cells}
    model = report.checked.model
    names = {u.id: u.name for u in model.units} if model is not None else {}
    head = "".join(_head(s.id, s.name) for s in coverage.services)
    rows = []
    for kd in coverage.kommunedeler:
        line = [_head(kd.id, kd.name)]
        for service in coverage.services:
            cell = cells[(kd.id, service.id)]
            where = escape(_(AVAILABILITY.get(cell.availability, cell.availability)))
            shown = "; ".join(name_html(names.get(uid, uid)) for uid in cell.units) or where
            if cell.availability != "local" and cell.units:
                shown = f"{where}: {shown}"
            ids = escape(" ".join(cell.units))
            line.append(f'<td class="{escape(cell.availability)}" title="{ids}">{shown}</td>')
        rows.append("<tr>" + "".join(line) + "</tr>")
    legend = _(
        "a unit: delivered in the kommunedel (green); central, elsewhere: from outside it (yellow); "
        "none: nobody (red); the units' ids show on hover"
    )
    corner = _("kommunedel")
    return (
        f'<table class="cov"><tr><th>{escape(corner)}</th>{head}</tr>{"".join(rows)}</table>'
        f'<p class="note">{escape(legend)}</p>'
    )


def _head(ident: str, name: str) -> str:
    """A row's or column's head of the matrix: the name, its id on hover (with the whole name if clipped)."""
    short = clip_name(name)
    title = ident if short == name else f"{name} ({ident})"
    return f'<th title="{escape(title)}">{escape(short)}</th>'


def _finding(diag: Diagnostic, with_file: bool) -> str:
    severity = diag.severity.value
    shown_severity = _(severity)  # error, warning, info in the reader's language
    hint = ""
    if diag.hint:
        shown = _("hint: {hint}").format(hint=diag.hint)
        hint = f'<br><span class="note">{message_html(shown)}</span>'
    where = f"{diag.path}:{diag.line}:{diag.col}" if with_file else f"{diag.line}:{diag.col}"
    return (
        f'<tr><td class="num">{escape(where)}</td>'
        f'<td class="sev-{escape(severity)}">{escape(shown_severity)}</td>'
        f"<td><code>{escape(diag.code)}</code> {escape(diag.name)}</td>"
        f"<td>{message_html(diag.message)}{hint}</td></tr>"
    )


def _findings(report: MeetingReport) -> str:
    findings = report.findings
    ruleset = ruleset_label(report.ruleset.path or shipped("default") or "default")
    if not findings:
        none = _("No findings under the ruleset {ruleset}.").format(ruleset=ruleset)
        return f"<p>{escape(none)}</p>"
    by_code: dict[str, list[Diagnostic]] = {}
    for diag in findings:
        by_code.setdefault(diag.code, []).append(diag)
    # a model in parts, or a finding in the ruleset: line:col alone would point into the wrong file
    with_file = len(report.checked.paths) > 1 or any(d.path != report.path for d in findings)
    where = _("file:line:col") if with_file else _("line:col")
    head = "".join(f"<th>{escape(h)}</th>" for h in (where, _("severity"), _("rule"), _("finding")))
    checked = _("Checked with the ruleset {ruleset}.").format(ruleset=ruleset)
    parts = [f'<p class="note">{escape(checked)}</p>']
    for code, diags in by_code.items():
        count = ngettext("{n} finding", "{n} findings", len(diags)).format(n=len(diags))
        parts.append(
            f'<h3 id="rule-{escape(code)}">{escape(code)} {escape(diags[0].name)} ({escape(count)})</h3>'
        )
        parts.append(f"<table><tr>{head}</tr>{''.join(_finding(d, with_file) for d in diags)}</table>")
        why = report.explanations.get(code)
        if why is not None:
            title = escape(_("What {code} checks, and why").format(code=code))
            parts.append(
                f'<details class="why"><summary>{title}</summary>'
                f'<div class="why">{doc_html(why.text)}</div></details>'
            )
    return "".join(parts)


def render_report(report: MeetingReport) -> tuple[str, list[str], list[str]]:
    """The document's body, its style blocks and its scripts."""
    from orgmodel.formatters.report_journeys import journey_tables
    from orgmodel.render.html import chart_section

    chart_body, chart_css, chart_script = chart_section(report.chart, heading=False)
    kommune = report.stats.kommune
    sections = [
        ("summary", _summary(report)),
        ("chart", chart_body),
        ("figures", "".join(_table(t) for t in tables(report.stats) if t.key != "coverage")),
        ("coverage", _coverage(report)),
    ]
    model = report.checked.model
    described = design_tables(model) if model is not None else []
    if (
        described
    ):  # what the proposal says beside its chart: ansvar, møteplasser, stillinger (the Nordre Follo workbook)
        sections.append(("design", "".join(_table(t) for t in described)))
    arranged = arrangement_tables(model) if model is not None else []
    if arranged:  # what politicians decide beside the chart: agreements, projects (seeds 000-004)
        sections.append(("arrangements", "".join(_table(t) for t in arranged)))
    hensyn = consideration_table(model) if model is not None else None
    if hensyn is not None:
        sections.append(("considerations", _table(hensyn)))
    journeys = (
        journey_tables(report.checked.journeys, _journeys_before(report))
        if model is not None and model.personas
        else []
    )
    if journeys:  # what each fictional user meets, as orgmodel trace walks it (tour M: for the workshop)
        sections.append(("journeys", "".join(_table(t) for t in journeys)))
    sections.append(("findings", _findings(report)))
    if report.diff is not None:
        sections.append(("diff", render_body(report.diff, heading="h3")))
    titles = {key: _(SECTIONS[key]) for key, _body in sections}
    toc = "".join(f'<li><a href="#{key}">{escape(titles[key])}</a></li>' for key, _body in sections)
    heading = _("Report: {kommune}").format(kommune=clip_name(kommune))
    model_line = _("Model: {path}").format(path=report.path)
    contents = _("Contents")
    parts = [
        f"<h1>{escape(heading)}</h1>",
        f'<p class="note">{escape(model_line)}</p>',
        f'<nav class="toc" aria-label="{escape(contents)}"><ol>{toc}</ol></nav>',
    ]
    for key, body in sections:
        parts.append(f'<section class="part" id="{key}"><h2>{escape(titles[key])}</h2>\n{body}</section>')
    return "\n".join(parts), [DIFF_CSS, CSS, chart_css], [chart_script]


def _journeys_before(report: MeetingReport) -> Journeys | None:
    """The journeys of the model compared with (``--compare``, ``--base``), where it has personas."""
    if report.diff is None:
        return None
    for file in report.diff.files:
        result = file.result
        if result is not None and result.old_journeys is not None and result.old_model.personas:
            found: Journeys = result.old_journeys
            return found
    return None


class ReportHtmlFormatter(Formatter):
    """The report as one self-contained HTML document."""

    name = "html"

    def report(self, result: MeetingReport) -> None:
        """Write the document."""
        body, styles, scripts = render_report(result)
        title = _("Report: {kommune}").format(kommune=clip_name(result.stats.kommune))
        self.stream.write(page(title, body, styles, scripts))
