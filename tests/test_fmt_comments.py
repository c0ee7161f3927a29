"""``orgmodel fmt`` keeps every comment where it belongs, also beside flow-style list items.

A comment line above a key or a list item belongs to it and moves with it; an end-of-line comment
stays on its line. ruamel.yaml keeps the comments after a list whose last item is written in flow
style (``- {id: a, ...}``) apart from the other comments, and drops a comment line above a flow
item that also has an end-of-line comment: fmt must neither lose them nor refuse the file.
"""

from __future__ import annotations

from orgmodel.api import check_text
from orgmodel.fmt import format_bytes


def _formatted(text: str) -> str:
    result = format_bytes("m.yaml", text.encode())
    assert result.problem is None, result.problem
    assert result.formatted is not None
    return result.formatted.decode()


def test_a_comment_above_a_flow_item_with_an_end_of_line_comment_is_kept() -> None:
    text = (
        "orgmodel: 1\nkommune: Testby\nunits:\n"
        "  - {id: a, name: A, level: 1, leader: X}\n"
        "  # above\n"
        "  - {id: k, name: K, level: 1}   # trailing\n"
    )
    assert _formatted(text) == text


def test_both_comments_of_a_flow_item_stay_when_its_keys_are_reordered() -> None:
    text = (
        "orgmodel: 1\nkommune: Testby\nunits:\n"
        "  - {id: a, name: A, level: 1, leader: X}\n"
        "  # orgmodel: ignore[max-levels] the comment above covers the item below it\n"
        "  - {name: K, id: k, level: 2, parent: a}  # K's own note\n"
        "  - {id: m, name: M, level: 2, parent: a}\n"
    )
    expected = text.replace("{name: K, id: k,", "{id: k, name: K,")
    assert _formatted(text) == expected
    before = check_text(text, name="m.yaml", ruleset="default")
    after = check_text(expected, name="m.yaml", ruleset="default")
    assert [(s.first, s.last, s.rules) for s in after.suppressions] == [
        (s.first, s.last, s.rules) for s in before.suppressions
    ]


def test_comments_above_flow_items_in_every_position_are_kept() -> None:
    text = (
        "orgmodel: 1\nkommune: Testby\nunits:\n"
        "  # first\n"
        "  - {id: a, name: A, level: 1, leader: X}  # a\n"
        "  # second, over two lines\n"
        "  # (still the second)\n"
        "  - {id: b, name: B, level: 2, parent: a}  # b\n"
        "\n"
        "  # third, after a blank line\n"
        "  - {id: c, name: C, level: 2, parent: a}  # c\n"
    )
    assert _formatted(text) == text


def test_a_comment_above_a_top_level_key_moves_with_it() -> None:
    """The key after a list of flow items: ruamel.yaml keeps its comment apart (issue 15's sections)."""
    text = (
        "orgmodel: 1\nkommune: Testby\n"
        "# hensyn, ranked (seed 004)\n"
        "considerations:\n"
        "  - {id: narhet, name: Nærhet, rank: 1}\n"
        "# the units\n"
        "units:\n"
        "  - {id: a, name: A, level: 1, leader: X}\n"
        "# the description\n"
        "description: after the units in this file, before them in the layout\n"
    )
    assert _formatted(text) == (
        "orgmodel: 1\nkommune: Testby\n"
        "# the description\n"
        "description: after the units in this file, before them in the layout\n"
        "# the units\n"
        "units:\n"
        "  - {id: a, name: A, level: 1, leader: X}\n"
        "# hensyn, ranked (seed 004)\n"
        "considerations:\n"
        "  - {id: narhet, name: Nærhet, rank: 1}\n"
    )


def test_a_comment_above_a_key_moves_with_it_after_a_list_of_scalars_and_after_a_blank_line() -> None:
    text = (
        "orgmodel: 1\nkommune: Testby\n"
        "considerations:\n"
        "  - {id: narhet, name: Nærhet, rank: 1}\n"
        "scores: {narhet: 4}\n"
        "\n"
        "# the units, after a blank line\n"
        "units:\n"
        "  - id: a\n"
        "    name: A\n"
        "    level: 1\n"
        "    delivers:\n"
        "      - s\n"
        "    # the leader\n"
        "    leader: X\n"
        "services:\n"
        "  - {id: s, name: S}\n"
    )
    assert _formatted(text) == (
        "orgmodel: 1\nkommune: Testby\n"
        "services:\n"
        "  - {id: s, name: S}\n"
        "\n"
        "# the units, after a blank line\n"
        "units:\n"
        "  - id: a\n"
        "    name: A\n"
        "    level: 1\n"
        "    # the leader\n"
        "    leader: X\n"
        "    delivers:\n"
        "      - s\n"
        "considerations:\n"
        "  - {id: narhet, name: Nærhet, rank: 1}\n"
        "scores: {narhet: 4}\n"
    )
