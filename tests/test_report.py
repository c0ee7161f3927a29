"""``orgmodel report``: the API's meeting_report and the command, without a browser."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgmodel
from conftest import ROOT
from orgmodel.cli import app

NEW = ROOT / "tests" / "fixtures" / "diff" / "new.yaml"
OLD = ROOT / "tests" / "fixtures" / "diff" / "old.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_report_holds_what_check_and_stats_say() -> None:
    result = orgmodel.meeting_report(NEW, ruleset="default")
    checked = orgmodel.check_paths([NEW], ruleset="default").files[0]
    assert [(d.line, d.col, d.code) for d in result.findings] == sorted(
        (d.line, d.col, d.code) for d in checked.diagnostics
    )
    assert result.severities()["error"] == sum(1 for d in checked.diagnostics if d.severity.value == "error")
    assert result.stats.units == 17
    assert result.diff is None
    span = result.explanations["OM120"]
    assert (span.code, span.name) == ("OM120", "span-of-control")
    assert span.text.startswith("OM120 span-of-control (severity in ")


def test_the_page_has_every_section_and_each_finding_with_its_rule_explained(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, stdout, stderr = run("report", str(NEW), "--ruleset", "default", "-o", str(out))
    assert (code, stdout, stderr) == (0, "", "")
    html = out.read_text(encoding="utf-8")
    sections = re.findall(r'<section class="part" id="(\w+)"><h2>([^<]+)</h2>', html)
    assert sections == [
        ("summary", "Summary"),
        ("chart", "Organisation chart"),
        ("figures", "Figures"),
        ("coverage", "Local services per kommunedel"),
        ("journeys", "Fictional users&#x27; journeys"),
        ("findings", "Findings"),
    ]
    assert "<tr><th>Units</th><td>17</td></tr>" in html
    assert (
        '<tr><td class="num">29:109</td><td class="sev-warning">warning</td>'
        "<td><code>OM120</code> span-of-control</td><td>&#x27;Alfa skole&#x27; (skole-alfa) has a span of "
        "control of 31 (1 unit leader + 30 staff), above the ruleset&#x27;s warning limit of "
        "30 for a first-line leader"
    ) in html
    assert '<details class="why"><summary>What OM120 checks, and why</summary>' in html
    # the kommunedel x local-service matrix: Bibliotek is delivered in Nord only
    row = re.search(r'<tr><th title="kd2">Sør</th>(.*?)</tr>', html)
    assert row is not None
    assert row.group(1) == (
        '<td class="local" title="hjemme-sor-vest">Hjemmetjenester Sør og Vest</td>'
        '<td class="elsewhere" title="bibliotek-virk">elsewhere: Bibliotek og møteplass</td>'
    )
    assert html.count('data-id="') >= 17  # the chart: one box per unit
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None and "unsafe" not in policy.group(1)
    assert policy.group(1).count("'sha256-") == 5  # four style blocks, one script


def test_compare_adds_the_changes(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, _ = run("report", str(NEW), "--compare", str(OLD), "--ruleset", "default", "-o", str(out))
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert '<section class="part" id="diff"><h2>Changes</h2>' in html
    assert '<div class="cell new d4 moved" data-unit="avd-beta">' in html
    assert html.count('<div class="grid">') == 1
    # the diff's headings sit below the section's: h3 for the file, h4 for each group of changes
    assert f"<h3>{OLD} → {NEW}</h3>" in html
    assert re.findall(r"<h4>(Structure|Places) \(\d+ changes?\)</h4>", html) == ["Structure", "Places"]
    assert "<h2>Structure" not in html


def test_base_reads_the_model_at_a_git_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    model = repo / "model.yaml"
    model.write_bytes(OLD.read_bytes())

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "model.yaml")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "proposal 1")
    model.write_bytes(NEW.read_bytes())
    monkeypatch.chdir(repo)
    code, out, err = run("report", "model.yaml", "--base", "HEAD", "--ruleset", "default")
    assert (code, err) == (0, "")
    assert "<h3>HEAD:model.yaml → model.yaml</h3>" in out
    code, _, err = run("report", "model.yaml", "--base", "nosuch", "--ruleset", "default")
    assert code == 2
    assert err.startswith("orgmodel: 'nosuch:model.yaml': this git repository has no revision 'nosuch'")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = run("report", str(NEW), "--compare", str(OLD), "--base", "HEAD")
    assert (code, err) == (2, "orgmodel: give --compare OTHER or --base REV, not both\n")
    code, _, err = run("report", str(NEW), "-o", str(tmp_path / "report.yaml"))
    assert code == 2 and "a report is an HTML file ending in .html" in err
    assert not (tmp_path / "report.yaml").exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("orgmodel: 1\nkommune: X\nunits: [{id: a}]\n", encoding="utf-8")
    code, out, err = run("report", str(broken), "-o", str(tmp_path / "r.html"))
    assert code == 2 and out == ""
    assert "is not a valid model" in err
    assert not (tmp_path / "r.html").exists()


def test_bokmal_headings(tmp_path: Path) -> None:
    code, out, _ = run("--lang", "nb", "report", str(NEW), "--ruleset", "default")
    assert code == 0
    assert '<html lang="nb">' in out
    assert '<section class="part" id="summary"><h2>Sammendrag</h2>' in out
    assert "<h1>Rapport: " in out


def test_a_rules_explanation_is_html_with_code_lists_and_examples_not_rest() -> None:
    from orgmodel.formatters.doc_html import doc_html

    html = doc_html(
        "OM1 x (severity: error)\n\nA ``kind`` is checked:\n\n- ``top``: the top\n- ``other``: the rest\n"
        "  of them\n\nAnti-pattern (a slip)::\n\n    - {id: a, kind: <b>}\n\nOptions:\n"
        " - max: 3\n     at most three\n"
    )
    assert html.splitlines() == [
        "<p>OM1 x (severity: error)</p>",
        "<p>A <code>kind</code> is checked:</p>",
        "<ul><li><code>top</code>: the top</li><li><code>other</code>: the rest of them</li></ul>",
        "<p>Anti-pattern (a slip):</p>",
        "<pre><code>- {id: a, kind: &lt;b&gt;}</code></pre>",
        "<p>Options:</p>",
        "<ul><li>max: 3 at most three</li></ul>",
    ]


def test_the_findings_tables_say_the_severity_in_the_readers_language(tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    code = CliRunner().invoke(
        app, ["--lang", "nb", "report", str(ROOT / "docs/examples/utkast.yaml"), "-o", str(out)]
    )
    assert code.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '<td class="sev-error">feil</td>' in page and '<td class="sev-warning">advarsel</td>' in page
    assert ">error</td>" not in page


def test_the_report_holds_what_the_proposal_describes_beside_its_chart(tmp_path: Path) -> None:
    # seed 003's template asks for ANSVAR and MØTEPLASSER: a planner found neither in the report
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        app, ["--lang", "nb", "report", str(ROOT / "models/drammen-2020.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '<a href="#design">Ansvar, møteplasser og stillinger</a>' in page
    design = page.split('<section class="part" id="design">', 1)[1].split("</section>", 1)[0]
    assert '<h3 id="t-forums">Møteplasser</h3>' in design and "Kommunalsjefens ledergruppe, skole" in design
    assert '<h3 id="t-positions">Stillinger som ikke er enheter</h3>' in design and "Digital agent" in design
    small = tmp_path / "small.html"
    CliRunner().invoke(app, ["report", str(ROOT / "tests/fixtures/models/small.yaml"), "-o", str(small)])
    assert 'id="design"' not in small.read_text(encoding="utf-8")  # a model that states none of them


def test_a_forum_that_names_nobody_differs_from_one_that_does_not_say(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        "orgmodel: 1\nkommune: X\nunits:\n  - {id: a, name: A, level: 1}\n"
        "forums:\n  - {id: f1, name: Tom, kind: fagteam, chair: a, members: []}\n"
        "  - {id: f2, name: Ukjent, kind: fagteam, chair: a}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    assert CliRunner().invoke(app, ["report", str(model), "-o", str(out)]).exit_code == 0
    rows = out.read_text(encoding="utf-8").split('id="t-forums"', 1)[1].split("</table>", 1)[0].split("<tr>")
    assert "<td>nobody</td>" in rows[2] and "<td>nobody</td>" not in rows[3]


def test_the_report_holds_the_agreements_projects_collaborations_and_hensyn(tmp_path: Path) -> None:
    # tour H: for a meeting on a vertskommune proposal the three things politicians decide were missing
    model = tmp_path / "m.yaml"
    model.write_text(
        "orgmodel: 1\nkommune: Holmestrand\nkommunenummer: '3903'\n"
        "services:\n  - {id: barnevern, name: Barneverntjeneste}\n"
        "units:\n  - {id: kd, name: Kommunedirektøren, level: 1, leader: Kommunedirektør}\n"
        "  - {id: bv, name: Barnevern <b>og</b> familie, level: 2, parent: kd, leader: Leder, "
        "delivers: [barnevern]}\n"
        "  - {id: hs, name: Helsestasjon, level: 2, parent: kd, leader: Leder}\n"
        "positions:\n  - {id: htv, title: Hovedtillitsvalgt, unit: kd}\n"
        "collaborations:\n  - {between: [bv, hs], frequency: {times: 1, per: week}, purpose: Bekymringer}\n"
        "agreements:\n  - {id: vk, kind: vertskommune, name: Vertskommuneavtale barnevern, "
        "parties: ['3903', '3901'], host: '3903', units: [bv], services: [barnevern]}\n"
        "projects:\n  - {id: p, name: Etablering, owner: kd, steering_group: [kd], "
        "parties: [employer, employees], ends: 2027-06-30, hands_over_to: bv}\n"
        "considerations:\n  - {id: barnets-beste, name: Barnets beste, rank: 1}\n"
        "  - {id: narhet, name: Nærhet, rank: 2}\n"
        "scores: {barnets-beste: 4, narhet: 3}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    code, _stdout, stderr = run("report", str(model), "--ruleset", "default", "-o", str(out))
    assert (code, stderr) == (0, "")
    html = out.read_text(encoding="utf-8")
    sections = re.findall(r'<section class="part" id="(\w+)"><h2>([^<]+)</h2>', html)
    assert ("arrangements", "Collaborations, agreements and projects") in sections
    assert ("considerations", "Hensyn") in sections
    assert (
        "<tr><td>Barnevern &lt;b&gt;og&lt;/b&gt; familie and Helsestasjon</td><td>weekly</td>"
        "<td>Bekymringer</td></tr>"
    ) in html
    # the model's own kommunenummer by the model's name (tour J: "3005" where the model is Drammen);
    # units and services by name, their ids on hover
    assert (
        "<tr><td>Vertskommuneavtale barnevern</td><td>vertskommune</td>"
        "<td>Holmestrand (3903), kommunenummer 3901</td><td>Holmestrand (3903)</td>"
        '<td><span title="bv">Barnevern &lt;b&gt;og&lt;/b&gt; familie</span></td>'
        '<td><span title="barnevern">Barneverntjeneste</span></td></tr>'
    ) in html
    # the end as people write a date (JSON and the model keep 2027-06-30)
    assert (
        '<tr><td>Etablering</td><td class="num">–</td><td><span title="kd">Kommunedirektøren</span></td>'
        '<td class="num">–</td><td><span title="kd">Kommunedirektøren</span></td>'
        "<td>employer (arbeidsgiver), employees (tillitsvalgte)</td><td>30 June 2027</td>"
        '<td><span title="bv">Barnevern &lt;b&gt;og&lt;/b&gt; familie</span></td></tr>'
    ) in html
    bokmal = tmp_path / "rapport.html"
    assert run("--lang", "nb", "report", str(model), "--ruleset", "default", "-o", str(bokmal))[0] == 0
    nb = bokmal.read_text(encoding="utf-8")
    assert "<td>Holmestrand (3903), kommunenummer 3901</td><td>Holmestrand (3903)</td>" in nb
    assert "<td>30. juni 2027</td>" in nb
    # the weights as the diff's scorecard has them (2/3, 1/3), and the weighted score 3.67
    assert '<tr><td class="num">1</td><td>Barnets beste</td><td>0.67</td><td class="num">4</td></tr>' in html
    assert '<td>weighted score</td><td class="num">–</td><td>3.67</td>' in html
    small = tmp_path / "small.html"
    run("report", str(ROOT / "tests/fixtures/models/small.yaml"), "-o", str(small))
    assert 'id="arrangements"' not in small.read_text(encoding="utf-8")


def test_the_report_walks_each_fictional_users_journey(tmp_path: Path) -> None:
    """Tour M: the workshop needs each persona's journey, not only its counts."""
    out = tmp_path / "report.html"
    assert run("report", str(ROOT / "models" / "drammen-2020.yaml"), "-o", str(out))[0] == 0
    html = out.read_text(encoding="utf-8")
    sections = [key for key, _title in re.findall(r'<section class="part" id="(\w+)"><h2>([^<]+)</h2>', html)]
    assert sections.index("journeys") == sections.index("findings") - 1
    kari = re.search(r'<h3 id="t-journey-kari">([^<]+)</h3><table>(.*?)</table>', html)
    assert kari is not None
    assert kari.group(1) == "Kari, 84, bor hjemme med demens · lives in kommunedel 5 Konnerud"
    assert (  # trace's own words (tour R item 5)
        "<tr><td>Dagsenter</td><td>✓ in kommunedel 5 Konnerud, "
        "by Omsorgstjenester Konnerud (virk-oms-konnerud)</td>"
        "<td>by Tjenestetildeling og koordinerende enhet (virk-tildeling)</td></tr>"
    ) in kari.group(2)
    assert "<tr><td>own kommunedel</td><td>✓ every need is met in kommunedel 5 Konnerud</td>" in kari.group(2)
    assert run("--lang", "nb", "report", str(ROOT / "models" / "drammen-2020.yaml"), "-o", str(out))[0] == 0
    norsk = out.read_text(encoding="utf-8")
    assert "Kari, 84, bor hjemme med demens · bor i kommunedel 5 Konnerud" in norsk
    assert "<td>✓ i kommunedel 5 Konnerud, av Omsorgstjenester Konnerud (virk-oms-konnerud)</td>" in norsk
    # a model without personas has no such section
    bare = tmp_path / "bare.yaml"
    bare.write_text("orgmodel: 1\nkommune: Testby\nunits:\n  - {id: top, name: Rådmann, level: 1}\n")
    assert run("report", str(bare), "-o", str(tmp_path / "n.html"))[0] == 0
    assert 'id="journeys"' not in (tmp_path / "n.html").read_text(encoding="utf-8")
