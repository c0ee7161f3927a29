"""The model schema's portable spellings: ids and labels in every script, and every date pydantic reads.

pydantic checks ids with Unicode ``\\w`` (its Rust regex); editors run the schema's patterns as
JavaScript regular expressions, whose ``\\w`` is ASCII. orgmodel.schema_export spells the patterns so
that Python, JavaScript and Rust read them alike; these tests compare them with pydantic itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Annotated, Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import Field, TypeAdapter, ValidationError

import orgmodel
from conftest import ROOT
from orgmodel.loader import load_bytes
from orgmodel.schema import ID_PATTERN, LABEL_PATTERN, Id, OrgModel
from orgmodel.schema_export import EXACT_BLOCKS, portable_patterns


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "orgmodel" / "schemas" / "model-1.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_norwegian_and_sami_ids_are_valid_for_both(validator: Draft202012Validator, tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(
        "orgmodel: 1\nkommune: Kárášjohka\nkommunedeler:\n  - {id: kd-åsen, name: Åsen}\n"
        "units:\n"
        "  - {id: rådmann, name: Rådmann, level: 1, kind: støtte, kommunedeler: [kd-åsen], budget: true}\n"
        "  - {id: čoahkkin_ŋ.1, name: Čoahkkin, level: 2, parent: rådmann, kind: direktørområde}\n",
        encoding="utf-8",
    )
    assert orgmodel.check_text(model.read_bytes(), select=["OM0"]).diagnostics == []
    assert errors(validator, load_bytes(str(model), model.read_bytes()).data) == []
    for bad in ("kd åsen", "-åsen", "kd,1", "kd/1", "kd–1", "kd€", "kd\u00a01", "kd\u20021", "x²"):
        with pytest.raises(ValidationError):
            TypeAdapter(Id).validate_python(bad)
        assert errors(
            validator,
            {**load_bytes(str(model), model.read_bytes()).data, "kommunedeler": [{"id": bad, "name": "X"}]},
        ), bad


def _pydantic_accepts(pattern: str, texts: list[str]) -> list[bool]:
    r"""Whether pydantic (its Rust regex, Unicode ``\w``, ``$`` at the very end) takes each text."""
    validator = TypeAdapter(Annotated[str, Field(pattern=pattern)]).validator
    return [validator.isinstance_python(text) for text in texts]


EXACT = [cp for start, stop in EXACT_BLOCKS for cp in range(start, stop)]
# Beyond the exact blocks: scripts and marks pydantic's \w takes (Arabic-Indic digits, CJK, a combining
# acute, Devanagari, the zero-width joiner, a mathematical letter beyond the BMP) and some it refuses.
SAMPLES = "\u0661\u4e2d\u0301\u0915\u200d\U0001d518\u00b2\u2013\u20ac\u3000"


def _texts() -> list[str]:
    """One character alone and after a letter, for the exact blocks and the samples."""
    chars = [chr(cp) for cp in EXACT] + list(SAMPLES)
    return chars + ["a" + c for c in chars]


def test_a_pattern_refuses_only_characters_of_the_exact_blocks() -> None:
    """So every character beyond them that pydantic takes, the schema takes too."""
    for pattern in (ID_PATTERN, LABEL_PATTERN):
        portable = portable_patterns()[pattern]
        classes = re.fullmatch(
            r"\^\[\^((?:\\u[0-9A-F]{4}(?:-\\u[0-9A-F]{4})?)+)\]\[\^([^\]]+)\]\*\$", portable
        )
        assert classes is not None, portable
        for body in classes.groups():
            for first, last in re.findall(r"\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?", body):
                low, high = int(first, 16), int(last or first, 16)
                assert any(start <= low and high < stop for start, stop in EXACT_BLOCKS), (first, last)


def test_no_id_or_label_holds_a_space_of_any_kind() -> None:
    spaces = [chr(cp) for cp in range(0x110000) if chr(cp).isspace()]
    assert len(spaces) == 29
    for pattern in (ID_PATTERN, LABEL_PATTERN):
        portable = re.compile(portable_patterns()[pattern])
        assert [c for c in spaces if portable.match(f"a{c}b") or portable.match(c)] == []


def test_the_patterns_are_exact_on_the_blocks_where_planners_type() -> None:
    texts = _texts()
    for pattern in (ID_PATTERN, LABEL_PATTERN):
        # Python's '$' matches before a final newline too; \Z is what pydantic and JavaScript do
        portable = re.compile(portable_patterns()[pattern].removesuffix("$") + r"\Z")
        found = [bool(portable.match(text)) for text in texts]
        assert found == _pydantic_accepts(pattern, texts)


NODE_CHECK = """
const {patterns, texts, wanted} = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const flags of ['u', '']) {
  out[flags || 'none'] = patterns.map((p, i) => {
    const compiled = new RegExp(p, flags);
    return texts.filter((t, j) => compiled.test(t) !== wanted[i][j]);
  });
  out[flags || 'none'].push(new RegExp('^[\\\\w][\\\\w.\\\\-]*$', flags).test('mjøndalen'));
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.skipif(
    shutil.which("node") is None, reason="needs Node.js, the engine of VS Code's YAML extension"
)
def test_the_patterns_mean_the_same_in_javascript() -> None:
    """yaml-language-server compiles a pattern with ``new RegExp(pattern, 'u')``, else without the flag."""
    texts = _texts()
    patterns = [portable_patterns()[ID_PATTERN], portable_patterns()[LABEL_PATTERN]]
    wanted = [_pydantic_accepts(ID_PATTERN, texts), _pydantic_accepts(LABEL_PATTERN, texts)]
    node = shutil.which("node")
    assert node is not None
    payload = json.dumps({"patterns": patterns, "texts": texts, "wanted": wanted})
    done = subprocess.run([node, "-e", NODE_CHECK], input=payload, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # nothing differs; and pydantic's own pattern would refuse 'mjøndalen' in JavaScript
    assert json.loads(done.stdout) == {"u": [[], [], False], "none": [[], [], False]}


DATES = [
    "2020-01-01",
    "2020-01-01T00:00:00",
    "2020-01-01T00:00:00Z",
    "2020-01-01 00:00",
    1577836800,
    1577836800.0,
    "1577836800",
    0,
    "2020-01-01T10:00:00",
    "2020-13-01",
    "20200101",
    "2020-1-1",
    "1. januar 2020",
    True,
]


def test_every_date_pydantic_reads_is_valid_in_the_schema(validator: Draft202012Validator) -> None:
    base = {"orgmodel": 1, "kommune": "Testby", "units": [{"id": "u", "name": "U", "level": 1}]}
    read, rejected = [], []
    for value in DATES:
        try:
            OrgModel.model_validate({**base, "valid_from": value})
            read.append(value)
        except ValidationError:
            rejected.append(value)
    assert read == DATES[:8]
    assert [v for v in read if errors(validator, {**base, "valid_from": v})] == []
    assert [v for v in rejected if not errors(validator, {**base, "valid_from": v})] == [
        "2020-01-01T10:00:00",  # a date-time not at midnight: pydantic refuses, the schema cannot tell
        "20200101",  # read as a Unix timestamp, not at midnight: the same
    ]


def test_the_bounds_of_fte_are_json_schema_bounds(validator: Draft202012Validator) -> None:
    # pydantic wrote them as 'ge'/'le'/'gt' beside the union, which no validator reads: an editor took
    # 'fte: -1' that check refuses
    base = {"orgmodel": 1, "kommune": "K", "units": [{"id": "r", "name": "R", "level": 1}]}

    def unit(fte: Any) -> dict[str, Any]:
        return {**base, "units": [{"id": "r", "name": "R", "level": 1, "fte": fte}]}

    def position(fte: Any) -> dict[str, Any]:
        return {**base, "positions": [{"id": "p", "title": "P", "unit": "r", "personnel": False, "fte": fte}]}

    schema_text = (ROOT / "orgmodel" / "schemas" / "model-1.schema.json").read_text(encoding="utf-8")
    assert '"ge"' not in schema_text and '"le"' not in schema_text and '"gt"' not in schema_text
    for data, valid in [
        (unit(412.5), True),
        (unit(0), True),
        (unit(-1), False),
        (unit(1_000_001), False),
        (position(0.5), True),
        (position(0), False),
        (position(5000), False),
    ]:
        assert (errors(validator, data) == []) is valid, data
        pydantic_ok = TypeAdapter(OrgModel).validator.isinstance_python(data)
        assert pydantic_ok is valid, data  # what check accepts, the editor accepts
