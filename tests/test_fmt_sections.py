"""``orgmodel fmt`` moves a section with the blank lines and comments above it, and ends a file cleanly.

ruamel.yaml keeps the lines between two sections as the end of the *previous* section's last
comment token, or, after a last value in flow style (``services: [revisjon]``, ``- {id: a}``), in
the previous collection's ``ca.end``. Tour K: ``personas:`` written last, after ``agreements:`` and
a blank line, moved before ``positions:`` glued to the list above it, and its blank line stayed
behind at the end of the file, which ``fmt --check`` then accepted as formatted.
"""

from __future__ import annotations

from fuzz_mutants import settings_for
from hypothesis import given
from hypothesis import strategies as st

from orgmodel.fmt import format_bytes

HEAD = (
    "orgmodel: 1\n"
    "kommune: Tindvik\n"
    "services:\n"
    "  - {id: revisjon, name: Kommunerevisjon}\n"
    "units:\n"
    "  - {id: kd, name: Kommunedirektøren, level: 1, leader: Kommunedirektør}\n"
    "  - {id: revisjon-iks, name: Revisjon Fjell IKS, kind: iks, level: 1, delivers: [revisjon]}\n"
)
POSITIONS = "positions:\n  - {id: radgiver, title: Rådgiver, unit: kd}\n"
AGREEMENTS = (
    "agreements:\n"
    "  - id: revisjon-avtale\n"
    "    kind: iks\n"
    "    name: Revisjon Fjell IKS\n"
    "    units: [revisjon-iks]\n"
    "    services: [revisjon]\n"
)
PERSONAS = "personas:\n  - id: olga\n    name: Olga, 87\n    needs: [revisjon]\n"


def _formatted(text: str) -> str:
    result = format_bytes("m.yaml", text.encode())
    assert result.problem is None, result.problem
    assert result.formatted is not None
    out = result.formatted.decode()
    again = format_bytes("m.yaml", result.formatted)
    assert again.formatted == result.formatted, "fmt is not idempotent"
    return out


def test_the_tour_s_case_a_moved_section_takes_its_blank_line_and_the_file_ends_in_one_newline() -> None:
    text = HEAD + "\n" + POSITIONS + "\n" + AGREEMENTS + "\n" + PERSONAS
    out = _formatted(text)
    assert out == HEAD + "\n" + PERSONAS + "\n" + POSITIONS + "\n" + AGREEMENTS
    assert out.endswith("services: [revisjon]\n")


def test_what_the_old_fmt_wrote_is_not_taken_as_formatted() -> None:
    # the moved section glued to the list above it, a blank line at the end: fmt --check said clean
    glued = HEAD + PERSONAS + "\n" + POSITIONS + "\n" + AGREEMENTS + "\n"
    result = format_bytes("m.yaml", glued.encode())
    assert result.changed
    assert result.formatted is not None and result.formatted.decode() == glued[:-1]


def test_comment_lines_above_a_moved_section_go_with_it() -> None:
    text = (
        HEAD
        + "\n"
        + AGREEMENTS
        + "\n# Fiktive brukere fra verkstedet 12. mars\n# (to av fire)\n"
        + PERSONAS
        + "\n# Stillinger uten personalansvar\n"
        + POSITIONS
    )
    out = _formatted(text)
    assert out == (
        HEAD
        + "\n# Fiktive brukere fra verkstedet 12. mars\n# (to av fire)\n"
        + PERSONAS
        + "\n# Stillinger uten personalansvar\n"
        + POSITIONS
        + "\n"
        + AGREEMENTS
    )


def test_the_last_section_moved_leaves_no_blank_line_and_a_closing_comment_stays_last() -> None:
    # personas, the last section, moves up; agreements becomes the last; the comment at the very
    # end of the file stays there, the blank lines after it go
    text = HEAD + "\n" + AGREEMENTS + "\n" + PERSONAS + "\n# slutt på modellen\n\n\n"
    out = _formatted(text)
    assert out == HEAD + "\n" + PERSONAS + "\n" + AGREEMENTS + "\n# slutt på modellen\n"


def test_blank_lines_at_the_end_of_a_file_go_whatever_its_last_value() -> None:
    for last in (AGREEMENTS, PERSONAS, "considerations: [{id: robust, name: Robuste enheter, rank: 1}]\n"):
        out = _formatted(HEAD + last + "\n\n")
        assert out == HEAD + last, last


def test_a_section_after_a_flow_value_takes_its_blank_lines_when_it_moves() -> None:
    # the lines after a top-level flow value are kept in the root mapping's own ca.end
    services = "services: [{id: revisjon, name: Kommunerevisjon}]\n"
    units = HEAD[HEAD.index("units:") :]
    text = "orgmodel: 1\nkommune: Tindvik\n" + units + "\n\n" + services + "\n# the end\n"
    out = _formatted(text)
    assert out == "orgmodel: 1\nkommune: Tindvik\n\n\n" + services + units + "\n# the end\n"


# --- any order of sections, any blank lines and comments between them


def _sections(flow_services: bool, end_comments: tuple[bool, bool, bool]) -> dict[str, str]:
    """Sections whose last values take each shape ruamel.yaml keeps the following lines apart for."""
    eol = ["  # slutt" if on else "" for on in end_comments]
    services = "services: [{id: revisjon, name: Kommunerevisjon}]"
    if not flow_services:
        services = "services:\n  - {id: revisjon, name: Kommunerevisjon}"
    return {
        "services": services + eol[0] + "\n",
        "units": HEAD[HEAD.index("units:") :].rstrip("\n") + eol[1] + "\n",
        "positions": POSITIONS,
        "agreements": AGREEMENTS.rstrip("\n") + eol[2] + "\n",
        "personas": PERSONAS,
    }


GAPS = ("", "\n", "# om {key}\n", "\n# om {key}\n", "\n\n# om {key}\n# (to linjer)\n\n")
ENDS = ("", "\n", "\n\n", "# slutt på filen\n", "\n# slutt på filen\n\n")


@settings_for(60)
@given(
    st.permutations(["services", "units", "positions", "agreements", "personas"]),
    st.lists(st.sampled_from(GAPS), min_size=5, max_size=5),
    st.booleans(),
    st.tuples(st.booleans(), st.booleans(), st.booleans()),
    st.sampled_from(ENDS),
)
def test_every_section_moves_with_what_stands_above_it(
    order: list[str], gaps: list[str], flow: bool, ends: tuple[bool, bool, bool], end: str
) -> None:
    sections = _sections(flow, ends)
    text = "orgmodel: 1\nkommune: Tindvik\n"
    text += "".join(gap.format(key=key) + sections[key] for key, gap in zip(order, gaps, strict=True)) + end
    out = _formatted(text)
    assert not out.endswith("\n\n")
    for key, gap in zip(order, gaps, strict=True):
        above = out[: out.index(f"\n{key}:") + 1]
        assert above.endswith(gap.format(key=key)), (key, out)
    if end.strip():
        assert out.endswith("# slutt på filen\n")
