"""Whatever a custom: section holds, loading the ruleset is a ruleset or a ConfigError, never a traceback;
and whatever the model, a valid custom rule gives findings, never OM009."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.api import check_text
from orgmodel.ruleset import ConfigError, load_ruleset

KEYS = [
    "code",
    "name",
    "summary",
    "where",
    "require",
    "at_most",
    "required",
    "message",
    "hint",
    "examples",
    "severity",
    "kind",
    "under",
    "pass",
    "fail",
    "model",
    "line",
]
WORDS = [
    "ABC1",
    "robust",
    "staff >= 8",
    "people <",
    "has site",
    "not decides category x",
    "{unit}",
    "{x",
    "virksomhet",
    "first_line",
    "OM1",
    "-1",
    "",
    "budget == true",
    "units:\n  - {id: a}",
]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 20), st.sampled_from(WORDS), st.text(max_size=8)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)
ENTRY = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["ABC1", "ABC2"]),
        "name": st.sampled_from(["robust", "other"]),
        "summary": st.just("s"),
    },
    optional={key: VALUES for key in KEYS if key not in ("code", "name", "summary")},
)


@settings(max_examples=25, deadline=None)
@given(entries=st.lists(ENTRY, max_size=3))
def test_any_custom_section_loads_or_is_a_config_error(
    tmp_path_factory: object, entries: list[object]
) -> None:
    directory = Path(tmp_path_factory.mktemp("r"))  # type: ignore[attr-defined]
    path = directory / "r.yaml"
    path.write_text(
        "orgmodel-ruleset: 1\ncustom: " + json.dumps(entries, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    try:
        ruleset = load_ruleset(path)
    except ConfigError as error:
        # OM008 for the section; a text the YAML reader refuses (a lone surrogate) is OM001-OM005
        assert error.diagnostics and all(d.code in ("OM001", "OM004", "OM008") for d in error.diagnostics)
        return
    model = (
        "orgmodel: 1\nkommune: K\nunits:\n  - {id: a, name: A, level: 1, staff: 3}\n"
        "  - {id: b, name: B, level: 2, parent: a}\n"
    )
    checked = check_text(model, ruleset=ruleset)
    assert not [d for d in checked.diagnostics if d.code == "OM009"]
