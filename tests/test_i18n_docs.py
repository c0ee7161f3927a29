"""Rule documentation in the catalogue: paragraphs, literal blocks, and the Babel extraction method."""

from __future__ import annotations

from orgmodel.checks import CHECKS
from orgmodel.i18n_docs import doc_messages, paragraphs, translate_doc
from orgmodel.rule import load_rules

DOC = """A unit names its leader.

A unit in the model is a unit with a leader
(virksomhetsleder, avdelingsleder).

Anti-pattern::

    - {id: virk-a, name: A}

    - {id: virk-b, name: B}

Best practice: give the role."""


def test_paragraphs_split_prose_from_literal_blocks() -> None:
    assert paragraphs(DOC) == [
        ("A unit names its leader.", True),
        ("\n\n", False),
        ("A unit in the model is a unit with a leader\n(virksomhetsleder, avdelingsleder).", True),
        ("\n\n", False),
        ("Anti-pattern::", True),
        ("\n\n", False),
        ("    - {id: virk-a, name: A}", False),
        ("\n\n", False),
        ("    - {id: virk-b, name: B}", False),
        ("\n\n", False),
        ("Best practice: give the role.", True),
    ]


def test_english_documentation_comes_back_byte_for_byte() -> None:
    docs = [rule.documentation() for rule in load_rules().values()] + [check.doc for check in CHECKS]
    for doc in docs:
        assert "".join(text for text, _ in paragraphs(doc)) == doc
        assert translate_doc(doc) == doc


def test_the_summary_is_the_first_paragraph_of_every_rule_and_check() -> None:
    """The summary is translated as the first paragraph, so that paragraph must be one line."""
    docs = [rule.documentation() for rule in load_rules().values()] + [check.doc for check in CHECKS]
    for doc in docs:
        first, prose = paragraphs(doc)[0]
        assert prose
        assert "\n" not in first


SOURCE = '''
from orgmodel.i18n import _
from orgmodel.rule import Rule, register


@register
class LeaderRequired(Rule):
    """A unit names its leader.

    Anti-pattern::

        - {id: virk-a}   # no leader
        # orgmodel: ignore[leader-required] an acting leader
    """

    def check(self, ctx):
        yield _("{unit} names no leader")


class Helper:
    """Not a rule: not in the catalogue."""

    max: int = Field(default=4, description="the most lines " "a unit may have")
    min: int = Field(default=0)


CHECK = BuiltinCheck("OM001", "yaml-syntax", _E, """The file is valid YAML.

Nothing else is checked.""")
'''


def test_doc_messages_are_the_prose_of_rules_and_checks_and_the_options_descriptions() -> None:
    assert list(doc_messages(SOURCE)) == [
        (8, "A unit names its leader."),
        (8, "Anti-pattern::"),
        (8, "no leader"),
        (8, "an acting leader"),
        (27, "The file is valid YAML."),
        (27, "Nothing else is checked."),
        (23, "the most lines a unit may have"),
    ]


def test_a_literal_block_keeps_its_yaml_and_translates_its_comments(monkeypatch) -> None:
    import orgmodel.i18n_docs as docs

    words = {"no hub here": "ingen knutepunkt her", "the pilot, p. 17": "piloten, s. 17"}
    monkeypatch.setattr(docs, "_", lambda text: words.get(text, text))
    block = (
        "    - {id: kd2, name: 'Kd #2'}   # no hub here\n"
        "    # orgmodel: ignore[level-skip] the pilot, p. 17\n"
    )
    assert docs.translate_doc("Anti-pattern::\n\n" + block) == (
        "Anti-pattern::\n\n"
        "    - {id: kd2, name: 'Kd #2'}   # ingen knutepunkt her\n"
        "    # orgmodel: ignore[level-skip] piloten, s. 17\n"
    )
