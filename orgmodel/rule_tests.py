"""``orgmodel rules test``: each custom rule against its own ``examples:``.

Like Spectral's and kube-linter's rule tests.

A ``pass`` example must give no finding of the rule; a ``fail`` example
must give at least one, at its ``line`` when the example states one (lines
count from the snippet's first line). A snippet may leave out
``orgmodel: 1`` and ``kommune:``; they are added after its last line, so
its own lines keep their numbers. Only the rule under test runs: a
snippet need not satisfy the other rules. The rule's notes in the ruleset
(a ``where`` kind or service the snippet lacks) are not findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from orgmodel.custom.checker import CustomRule
from orgmodel.custom.grammar import Example
from orgmodel.diagnostic import Severity
from orgmodel.engine import check_bytes
from orgmodel.i18n import _
from orgmodel.loader import load_bytes
from orgmodel.ruleset import Ruleset

EXAMPLE_PATH = "<example>"


@dataclass(frozen=True)
class ExampleResult:
    """One example of one rule: whether the rule behaved, and why not."""

    kind: Literal["pass", "fail"]
    number: int
    """1-based, among the rule's examples of this kind."""
    where: str
    """The example's place in the ruleset: 'path:line'."""
    ok: bool
    why: str = ""


@dataclass(frozen=True)
class RuleTest:
    """The examples of one custom rule."""

    code: str
    name: str
    defined_in: str
    examples: list[ExampleResult]

    @property
    def ok(self) -> bool:
        """Whether every example behaved (a rule without examples is untested, not failed)."""
        return all(example.ok for example in self.examples)


@dataclass(frozen=True)
class RuleTestRun:
    """Every custom rule of a ruleset against its examples."""

    ruleset: str
    rules: list[RuleTest]

    @property
    def ok(self) -> bool:
        """Whether every rule behaved on every example."""
        return all(rule.ok for rule in self.rules)


def run_rule_tests(ruleset: Ruleset) -> RuleTestRun:
    """Run each custom rule of ``ruleset`` (and the rulesets it extends) on its examples."""
    tests = []
    for code, cls in sorted(ruleset.custom.items()):
        setting = ruleset.settings[code]
        rule = cls(None, setting.severity or cls.severity, dict(setting.origins))
        assert setting.origin is not None  # every custom rule is set by the layer declaring it
        doc, base = setting.origin
        results = []
        for kind, snippets in (("pass", cls.spec.examples.pass_), ("fail", cls.spec.examples.fail)):
            for index, snippet in enumerate(snippets):
                loc = (*base, "examples", kind, index)
                where = f"{doc.path}:{doc.source.span(loc).line}"
                results.append(_run_example(rule, kind, index + 1, where, snippet))  # type: ignore[arg-type]
        tests.append(RuleTest(code, cls.name, cls.defined_in, results))
    return RuleTestRun(ruleset.path, tests)


def _run_example(
    rule: CustomRule, kind: Literal["pass", "fail"], number: int, where: str, snippet: str | Example
) -> ExampleResult:
    text, line = (snippet, None) if isinstance(snippet, str) else (snippet.model, snippet.line)
    checked = check_bytes(EXAMPLE_PATH, _completed(text).encode("utf-8"), [rule])
    if not checked.rules_run:
        first = next((d for d in checked.diagnostics if d.severity is Severity.ERROR), None)
        why = (
            _("the example is not a valid model: line {line}:{col}: {message}").format(
                line=first.line, col=first.col, message=first.message
            )
            if first
            else _("the example is not a valid model")
        )
        return ExampleResult(kind, number, where, False, why)
    mine = [d for d in checked.diagnostics if d.code == rule.code]
    # a note in the ruleset (a kind or service the snippet lacks) is no finding, but may say why none came
    notes = [d for d in mine if d.path != EXAMPLE_PATH and d.severity is Severity.INFO]
    found = [d for d in mine if d not in notes]
    listed = "; ".join(f"{_place(d.path, d.line)}: {d.message}" for d in found[:3])
    if kind == "pass":
        if not found:
            return ExampleResult(kind, number, where, True)
        why = _("expected no finding, found {n}: {findings}").format(n=len(found), findings=listed)
        return ExampleResult(kind, number, where, False, why)
    if not found:
        why = (
            _("expected a finding at line {line}, found none").format(line=line)
            if line is not None
            else _("expected a finding, found none")
        )
        why += f" ({notes[0].message})" if notes else ""
        return ExampleResult(kind, number, where, False, why)
    if line is not None and not any(d.path == EXAMPLE_PATH and d.line == line for d in found):
        why = _("expected a finding at line {line}, found: {findings}").format(line=line, findings=listed)
        return ExampleResult(kind, number, where, False, why)
    return ExampleResult(kind, number, where, True)


def _place(path: str, line: int) -> str:
    return _("line {line}").format(line=line) if path == EXAMPLE_PATH else f"{path}:{line}"


def _completed(text: str) -> str:
    """The snippet with ``orgmodel: 1`` and ``kommune:`` added after its last line when it lacks them."""
    data: Any = load_bytes(EXAMPLE_PATH, text.encode("utf-8")).data
    if not isinstance(data, dict) or text.lstrip().startswith("{"):
        return text
    tail = "" if text.endswith("\n") else "\n"
    if "orgmodel" not in data:
        tail += "orgmodel: 1\n"
    if "kommune" not in data:
        tail += "kommune: Eksempel\n"
    return text + tail
