"""OM280 consideration-ranks: hensyn ranked from 1 without a gap no tie explains, at the rank."""

from __future__ import annotations

import pytest
from fixtures.principles.model import pos

from conftest import assert_diagnostics, check_yaml

MODEL = """\
orgmodel: 1
kommune: Testby
units:
  - {{id: top, name: Rådmannen, level: 1, leader: Rådmann}}
considerations:
  - {{id: barnets-beste, name: Barnets beste, rank: {a}}}
  - {{id: narhet, name: Nærhet til brukerne, rank: {b}}}
  - {{id: robust, name: Robuste fagmiljøer, rank: {c}}}
  - {{id: kostnad, name: Kostnadseffektivitet, rank: {d}}}
"""


@pytest.mark.parametrize(
    "ranks",
    [(1, 2, 3, 4), (4, 3, 2, 1), (1, 2, 2, 3), (1, 2, 2, 4), (1, 1, 1, 1), (1, 1, 3, 3), (2, 1, 3, 3)],
)
def test_ranks_from_one_without_a_gap_or_with_ties_pass(ranks: tuple[int, int, int, int]) -> None:
    text = MODEL.format(a=ranks[0], b=ranks[1], c=ranks[2], d=ranks[3])
    assert_diagnostics(text, ["consideration-ranks"], [])


def test_a_skipped_rank_is_reported_once_at_the_first_rank_no_tie_explains() -> None:
    # tour H: ranks 1-5, then 9 moved every weight in the diff's scorecard
    text = MODEL.format(a=1, b=2, c=9, d=12)
    diags = assert_diagnostics(text, ["consideration-ranks"], [pos(text, "{id: robust,", "9", "OM280")])
    assert diags[0].message == (
        "the consideration 'Robuste fagmiljøer' (robust) has rank 9, but the ranks before it end at 2: a "
        "skipped rank changes every weight (n + 1 - rank) 'orgmodel diff' scores the proposals by"
    )
    assert diags[0].hint == (
        "number the considerations 1, 2, 3 … in order of importance; equally important ones share a rank"
    )


def test_ranks_that_do_not_start_at_one_are_reported_at_the_lowest() -> None:
    text = MODEL.format(a=3, b=2, c=4, d=5)
    diags = assert_diagnostics(text, ["consideration-ranks"], [pos(text, "{id: narhet,", "2", "OM280")])
    assert "no consideration has rank 1" in diags[0].message


def test_a_model_without_considerations_passes() -> None:
    text = "orgmodel: 1\nkommune: Testby\nunits:\n  - {id: top, name: Rådmannen, level: 1, leader: Rådmann}\n"
    assert check_yaml(text, ["consideration-ranks"]).diagnostics == []


def test_the_bokmal_message_reads_som_before_the_relative_clause() -> None:
    """Tour O: '... endrer alle vektene (n + 1 - prioritet) 'orgmodel diff' vekter forslagene med'."""
    from orgmodel.i18n import set_language

    set_language("nb")  # the conftest speaks English again after the test
    text = MODEL.format(a=1, b=2, c=9, d=12)
    diags = assert_diagnostics(text, ["consideration-ranks"], [pos(text, "{id: robust,", "9", "OM280")])
    assert diags[0].message.endswith(
        "en prioritet som hoppes over, endrer alle vektene (n + 1 - prioritet) som 'orgmodel diff' "
        "vekter forslagene med"
    )
