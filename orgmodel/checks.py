"""The checks built into loading and suppression handling, with their documentation.

They are not rules (a ruleset cannot turn them off: a file that cannot be
read as a model cannot be checked), but they share the Diagnostic type, and
``orgmodel rules`` and ``orgmodel explain`` list and document them too.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgmodel.diagnostic import Severity
from orgmodel.i18n_docs import translate_doc


@dataclass(frozen=True)
class BuiltinCheck:
    """Documentation of a built-in check."""

    code: str
    name: str
    severity: Severity
    doc: str

    def summary(self) -> str:
        """The first line of the documentation, in the current language."""
        return self.explanation().strip().splitlines()[0]

    def explanation(self) -> str:
        """The documentation in the current language (``doc`` is the English source)."""
        return translate_doc(self.doc)


_E, _W = Severity.ERROR, Severity.WARNING

CHECKS = [
    BuiltinCheck(
        "OM001",
        "yaml-syntax",
        _E,
        """The file is valid YAML.

A syntax error is reported at its cause, in plain words: an unclosed
quote, bracket or brace where it opened ("this '{' is never closed"), with
where the parser gave up as a second location; ``staff:12`` at its own
line ("needs a space after the ':'"); a ': ' inside a value with the value
in quotes as the hint; a line indented to the wrong column with the column
it should start at; a tab used for indentation. Nothing else in the file
is checked until it parses.

Anti-pattern::

    units:
    \t- id: radmann        # a tab

Best practice: indent with spaces only.""",
    ),
    BuiltinCheck(
        "OM002",
        "duplicate-key",
        _E,
        """A key appears once in each mapping.

YAML tools disagree on which of two equal keys wins, so a duplicate is
always a mistake. The rules wait until it is fixed; the schema and the
references of a model in one file are judged beside it, so every other
load error shows in the same run.

Anti-pattern::

    - id: virk-a
      staff: 40
      staff: 45

Best practice: keep one of them.""",
    ),
    BuiltinCheck(
        "OM003",
        "forbidden-tag",
        _E,
        """The file uses no YAML tags.

A model holds text, numbers, true/false, lists and mappings. A tag such as
``!!python/object`` could make other YAML tools run code; orgmodel never
constructs it and reports it instead.

Anti-pattern::

    kommune: !!python/object/apply:os.system ["rm -rf /"]

Best practice::

    kommune: Drammen""",
    ),
    BuiltinCheck(
        "OM004",
        "encoding",
        _E,
        """The file is UTF-8 text.

Latin-1 or Windows-1252 files (common from older Windows tools), binary
files and control characters are reported at the first bad byte. A UTF-8
byte order mark and UTF-16 with a byte order mark are accepted.

Best practice: save the file as UTF-8.""",
    ),
    BuiltinCheck(
        "OM005",
        "alias-expansion",
        _E,
        """Aliases do not blow the file up.

Anchors and aliases (``&base`` / ``*base``) may share parts, but a file
whose aliases expand to hundreds of thousands of values (a "billion laughs"
alias bomb) is refused before it uses up memory.

Best practice: write repeated parts out, or use a few anchors.""",
    ),
    BuiltinCheck(
        "OM006",
        "not-a-model",
        _E,
        """The file is an orgmodel model.

A model file is a mapping that starts with ``orgmodel: 1``. An empty file,
a list or a single value at the top is reported.

Best practice::

    orgmodel: 1
    kommune: Drammen
    units: [...]""",
    ),
    BuiltinCheck(
        "OM007",
        "unreadable",
        _E,
        """The file can be read.

A file or directory that vanished, cannot be opened, or is not a regular
file is reported instead of stopping the whole run, and the exit code is 2:
nothing is skipped silently.""",
    ),
    BuiltinCheck(
        "OM008",
        "config",
        _E,
        """The ruleset and configuration are valid.

An unknown rule, an unknown or mistyped rule option, or a ruleset that
cannot be read stops the run with exit code 2, at the line of the cause.""",
    ),
    BuiltinCheck(
        "OM009",
        "internal-error",
        _E,
        """A rule failed on this file.

This is a bug in orgmodel, reported as a finding so that the other rules'
findings still show. Please report it together with the file.""",
    ),
    BuiltinCheck(
        "OM010",
        "schema",
        _E,
        """Every value has the type the format expects.

Levels and staff are whole numbers, budget and vedtak are true/false, lists
are lists. The message names the place (``units[12] (id 'virk-a').level``)
and what was found.

Anti-pattern::

    - {id: virk-a, name: A skole, level: tre}

Best practice::

    - {id: virk-a, name: A skole, level: 3}""",
    ),
    BuiltinCheck(
        "OM011",
        "unknown-key",
        _E,
        """Every key is one the format knows.

A misspelt key would otherwise be ignored without a word; the message
suggests the key that was probably meant (Norwegian words too: ``leder``
-> ``leader``).

Anti-pattern::

    - {id: virk-a, name: A skole, level: 3, leder: Rektor}

Best practice::

    - {id: virk-a, name: A skole, level: 3, leader: Rektor}""",
    ),
    BuiltinCheck(
        "OM012",
        "too-large",
        _E,
        """The file stays within orgmodel's bounds.

A file holds at most 5,000,000 YAML values and 200,000 units, and whole
numbers have at most 100 digits; only the first 1,000 findings of a file
are shown, with a count of the rest. A file above 64 MiB is not read at
all (OM007); the environment variable ``ORGMODEL_MAX_FILE_SIZE`` (e.g.
``256MiB``) changes that limit.

Best practice: split a very large model into several files.""",
    ),
    BuiltinCheck(
        "OM013",
        "model-part",
        _E,
        """Every part of a model split across files is read and belongs to it.

A main file lists its parts (``parts: [omsorg.yaml]``), paths relative to
its directory and never out of it; each part starts with
``orgmodel-part: 1`` and ``part_of:`` naming the main file. A part listed
twice, a part that cannot be read, a part without ``orgmodel-part: 1``, a
``part_of`` naming another file, a part named on the command line that
its main file does not list, and a part read as a model on its own (from
stdin) are reported where the mistake is written.

Anti-pattern::

    # omsorg.yaml, listed by kommune.yaml
    orgmodel-part: 1
    part_of: drammen.yaml""",
    ),
    BuiltinCheck(
        "OM014",
        "part-content",
        _E,
        """A part of a model holds only list sections.

The facts of the whole model (``kommune``, ``status``, ``valid_from``, ...)
and its ``parts`` are written once, in the main file; a part holds units,
services, sites, kommunedeler and personas, each as a list.

Anti-pattern::

    orgmodel-part: 1
    part_of: ../kommune.yaml
    status: adopted""",
    ),
    BuiltinCheck(
        "OM020",
        "duplicate-id",
        _E,
        """Every id is used once among units (and once among sites, services, ...).

A kommunedel ``number`` is used once too.

Anti-pattern::

    - {id: virk-a, name: A skole, ...}
    - {id: virk-a, name: B skole, ...}""",
    ),
    BuiltinCheck(
        "OM021",
        "unknown-reference",
        _E,
        """Every reference names an existing id.

``parent``, ``functional``, ``supervises``, ``sites``, ``kommunedeler``,
``delivers``, ``decides``, ``needs`` and ``kommunedel`` must name an id that
exists; the finding is at the reference, with the id probably meant.

Anti-pattern::

    - {id: virk-a, name: A skole, level: 3, parent: ks-skolee}""",
    ),
    BuiltinCheck(
        "OM090",
        "suppression-without-reason",
        _W,
        """A suppression says why.

``# orgmodel: ignore[level-skip] the pilot reports to the direktør (p. 17)``
documents an adopted exception; without the reason, the next reader cannot
tell an exception from a hidden mistake. The finding is a warning, or as
serious as the most serious finding the suppression silences: an error
hidden without a reason is an error, so a bare ``ignore`` cannot pass a
gate at ``--fail-on error``.""",
    ),
    BuiltinCheck(
        "OM091",
        "unused-suppression",
        _W,
        """A suppression suppresses something.

A suppression whose finding has gone (or that names no rule) is stale and
is reported, so exceptions do not outlive their reason. A suppression is
used when its finding is silenced by another one too (a unit's own exception
beside a draft's ``ignore-file``). While personnel lines go round in a
circle (OM102) no suppression is called unused: the units cut off from the
top are judged by no rule, so whether an exception there is still needed is
only known once the circle is mended.""",
    ),
]

CHECKS_BY_KEY = {c.code: c for c in CHECKS} | {c.name: c for c in CHECKS}
