"""``orgmodel check --format junit``: JUnit XML for the test reports of GitLab, Jenkins and others.

One ``<testsuite>`` per checked file (its path as the name) and one
``<testcase>`` per finding, named ``OM120 span-of-control at 13:12`` (``#2``
after a second one of the rule at the same spot) with the file's path as
``classname``, so GitLab's test report and Jenkins list each finding on its
own row under its file:

- a load error that kept the rules from running (OM001-OM021) is an
  ``<error>`` (the test could not run);
- another finding at or above ``--fail-on`` (the configuration's, else
  warning) is a ``<failure>``;
- a finding below it (an info, and a warning under ``--fail-on error``) is a
  passing test case whose ``<system-out>`` holds the note: the report fails
  exactly when the exit code does, so Jenkins does not mark a passing run
  unstable.

A file without findings has one passing test case ``orgmodel check``, so a
clean run shows its files as passed, not as an empty report. A run stopped
by an error with no line to show it at (a path that does not exist, a selector that
names no rule) is a suite ``orgmodel`` whose one test case is an ``<error>``
holding the message. Every string
is escaped for the terminal (``escape.text``: control characters, which XML
1.0 cannot hold, become visible escapes) and then by xml.etree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from orgmodel.checked import CheckedModel, Report
from orgmodel.diagnostic import Diagnostic, Severity
from orgmodel.escape import text
from orgmodel.formatters import CheckFormatter
from orgmodel.formatters.ci import relative_path
from orgmodel.formatters.gitlab import LOAD_ERRORS
from orgmodel.i18n import _


def _case(
    suite: ET.Element, diag: Diagnostic, classname: str, seen: dict[str, int], fail_on: Severity
) -> str | None:
    """Add a finding's test case; return what it counts as (error, failure or None: passed).

    Two findings of one rule at one spot (two pairs of co-location's at one site) get ``#2``, ``#3``
    after the name, so every test case of a file has its own name.
    """
    name = text(f"{diag.code} {diag.name} at {diag.line}:{diag.col}")
    seen[name] = seen.get(name, 0) + 1
    if seen[name] > 1:
        name += f" #{seen[name]}"
    case = ET.SubElement(suite, "testcase", name=name, classname=text(classname))
    where = (
        f"{relative_path(diag.path)}:{diag.line}:{diag.col}: {diag.code} {diag.name} [{diag.severity.value}]"
    )
    body = text(f"{where} {diag.message}") + ("\n" + _("hint: ") + text(diag.hint) if diag.hint else "")
    if diag.severity.rank < fail_on.rank:  # below --fail-on: the run passes, and so does its test
        ET.SubElement(case, "system-out").text = body
        return None
    kind = "error" if diag.severity is Severity.ERROR and diag.code in LOAD_ERRORS else "failure"
    ET.SubElement(case, kind, message=text(diag.message), type=text(diag.code)).text = body
    return kind


def _suite(parent: ET.Element, result: CheckedModel, fail_on: Severity) -> tuple[int, int, int]:
    """Add a file's test suite; return its tests, failures and errors."""
    classname = relative_path(result.path)
    suite = ET.SubElement(parent, "testsuite", name=text(classname))
    seen: dict[str, int] = {}
    counted = [_case(suite, diag, classname, seen, fail_on) for diag in result.diagnostics]
    if not counted:
        ET.SubElement(suite, "testcase", name="orgmodel check", classname=text(classname))
        counted = [None]
    tests, failures, errors = len(counted), counted.count("failure"), counted.count("error")
    suite.attrib.update(tests=str(tests), failures=str(failures), errors=str(errors), skipped="0")
    return tests, failures, errors


def _failed_run(parent: ET.Element, failures: list[str]) -> None:
    """A run stopped by an error with no line: one suite ``orgmodel``, its one test case an error."""
    suite = ET.SubElement(
        parent, "testsuite", name="orgmodel", tests="1", failures="0", errors="1", skipped="0"
    )
    case = ET.SubElement(suite, "testcase", name="orgmodel check", classname="orgmodel")
    message = text("; ".join(failures))
    ET.SubElement(case, "error", message=message, type="usage").text = text("\n".join(failures))


class JunitFormatter(CheckFormatter):
    """The whole report as one JUnit XML document."""

    name = "junit"

    def finish(self, report: Report) -> None:
        """Write the document: ``<testsuites>``, a suite per file."""
        root = ET.Element("testsuites", name="orgmodel")
        totals = [0, 0, 0]
        for file in report.files:
            for n, count in enumerate(_suite(root, file, report.fail_on)):
                totals[n] += count
        if report.failures:
            _failed_run(root, report.failures)
            totals[0], totals[2] = totals[0] + 1, totals[2] + 1
        root.attrib.update(tests=str(totals[0]), failures=str(totals[1]), errors=str(totals[2]))
        ET.indent(root)
        self.stream.write(ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n")
