"""What an editor shows with the model schema: the real yaml-language-server, driven over LSP.

yaml-language-server (the engine of VS Code's YAML extension) is an npm package, not a Python one,
so this runs where it is installed: on PATH, or named by ORGMODEL_YAML_LANGUAGE_SERVER, e.g.

    npm install --prefix /tmp/yls yaml-language-server
    ORGMODEL_YAML_LANGUAGE_SERVER=/tmp/yls/node_modules/.bin/yaml-language-server \\
        .venv/bin/python -m pytest tests/test_editor.py

docs/editors.md shows the answers of this very session.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

import orgmodel
from conftest import ROOT
from orgmodel.schema_export import PATTERN_MESSAGE

SERVER = os.environ.get("ORGMODEL_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
pytestmark = pytest.mark.skipif(
    SERVER is None, reason="yaml-language-server is not installed (see the docstring)"
)

SETTINGS = {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}


def _model() -> str:
    """The model docs/editors.md shows under 'What the editor shows'."""
    page = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    section = page.split("## What the editor shows", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


class Client:
    """A minimal language-server client: JSON-RPC over the server's stdin and stdout."""

    def __init__(self, command: str) -> None:
        self.process = subprocess.Popen(
            [command, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        try:
            while True:
                length = 0
                while (line := stream.readline().decode("ascii").strip()) != "":
                    name, _, value = line.partition(":")
                    length = int(value) if name.lower() == "content-length" else length
                if not length:
                    return
                self.inbox.put(json.loads(stream.read(length)))
        except (OSError, ValueError):  # the stream closed at the end of the session
            return

    def send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
        self.process.stdin.flush()

    def wait(self, wanted: Any) -> dict[str, Any]:
        """The next message ``wanted`` accepts; the server's own requests are answered meanwhile."""
        while True:
            message = self.inbox.get(timeout=60)
            if "method" in message and "id" in message:
                items = (
                    message["params"].get("items", [])
                    if message["method"] == "workspace/configuration"
                    else []
                )
                self.send({"id": message["id"], "result": [SETTINGS for _ in items] if items else None})
            elif wanted(message):
                return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m).get("result")


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Any:
    assert SERVER is not None
    root = tmp_path_factory.mktemp("kommune")
    (root / "schemas").mkdir()
    (root / "models").mkdir()
    (root / "schemas" / "model-1.schema.json").write_bytes(
        (ROOT / "orgmodel" / "schemas" / "model-1.schema.json").read_bytes()
    )
    model = root / "models" / "utkast.yaml"
    model.write_text(_model(), encoding="utf-8")
    client = Client(SERVER)
    client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
        "textDocument": {"hover": {"contentFormat": ["markdown"]},
                         "completion": {"completionItem": {"snippetSupport": True}}},
        "workspace": {"configuration": True}}})  # fmt: skip
    client.send({"method": "initialized", "params": {}})
    client.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": SETTINGS}}})
    document = {"uri": model.as_uri(), "languageId": "yaml", "version": 1, "text": _model()}
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
    yield client, model
    client.process.kill()
    client.process.wait()
    for stream in (client.process.stdin, client.process.stdout):
        if stream is not None:
            stream.close()


def test_the_editor_marks_the_misspelt_key_and_the_wrong_role_and_not_the_norwegian_ids(session: Any) -> None:
    client, model = session
    published = client.wait(
        lambda m: (
            m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == model.as_uri()
            and m["params"]["diagnostics"]
        )
    )
    found = [
        (d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1, d["message"])
        for d in published["params"]["diagnostics"]
    ]
    assert found == [
        (
            14,
            11,
            'Value is not accepted. Valid values: "authority", "appeals", "provider", "staff", "support".',
        ),
        (13, 5, "Property parnet is not allowed."),
    ]


MERGED = """\
# yaml-language-server: $schema=../schemas/model-1.schema.json
orgmodel: 1
kommune: Testby
units:
  - &top {id: rådmann, name: Rådmannens lederteam, level: 1, leader: Rådmann, budget: true}
  - <<: *top
    id: dir-omsorg
    parent: rådmann
    rolle: provider
"""


def _opened(client: Client, path: Path, text: str) -> list[tuple[int, str]]:
    """Open ``text`` as ``path`` in the editor: the (line, message) of each diagnostic it publishes."""
    path.write_text(text, encoding="utf-8")
    document = {"uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": text}
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
    published = client.wait(
        lambda m: (
            m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == path.as_uri()
            and m["params"]["diagnostics"]
        )
    )
    return [(d["range"]["start"]["line"] + 1, d["message"]) for d in published["params"]["diagnostics"]]


def test_merge_keys_are_read_as_check_reads_them(session: Any) -> None:
    """'<<: *top' brings the required name and level: the one finding is the misspelt 'rolle'."""
    client, model = session
    assert _opened(client, model.with_name("merged.yaml"), MERGED) == [(9, "Property rolle is not allowed.")]
    checked = orgmodel.check_text(MERGED, select=["OM0"])
    assert [(d.line, d.code) for d in checked.diagnostics] == [(9, "OM011")]


SPACED = """\
# yaml-language-server: $schema=../schemas/model-1.schema.json
orgmodel: 1
kommune: Testby
units:
  - {id: stab x, name: Stab, level: 1}
"""


def test_an_id_with_a_space_is_said_in_words_not_as_the_pattern(session: Any) -> None:
    # the editor showed 900 characters of \\uXXXX ranges: "String does not match the pattern of ..."
    client, model = session
    assert _opened(client, model.with_name("spaced.yaml"), SPACED) == [(5, PATTERN_MESSAGE)]


def test_hover_shows_the_norwegian_term(session: Any) -> None:
    client, model = session
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": model.as_uri()}, "position": {"line": 17, "character": 5}},
    )
    text = hover["contents"]["value"]
    assert text.startswith("#### Parent || Parent\n\npersonalmessig rapportering: the id of the unit")
    assert "```yaml\nks-hjemmetjenester\n```" in text


def test_completion_offers_the_roles(session: Any) -> None:
    client, model = session
    done = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": model.as_uri()}, "position": {"line": 18, "character": 10}},
    )
    items = done["items"] if isinstance(done, dict) else done
    assert [i["label"] for i in items] == [
        "Default value",
        "provider",
        "authority",
        "appeals",
        "staff",
        "support",
        "null",
    ]


def test_completion_offers_the_kinds_the_rules_know(session: Any) -> None:
    client, model = session
    text = (
        "orgmodel: 1\nkommune: Testby\nunits:\n  - id: radmann\n    name: Rådmann\n    level: 1\n    kind: \n"
    )
    text = "# yaml-language-server: $schema=../schemas/model-1.schema.json\n" + text
    kinds = model.with_name("kinds.yaml")
    kinds.write_text(text, encoding="utf-8")
    document = {"uri": kinds.as_uri(), "languageId": "yaml", "version": 1, "text": text}
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
    done = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": kinds.as_uri()}, "position": {"line": 7, "character": 10}},
    )
    items = done["items"] if isinstance(done, dict) else done
    assert [i["label"] for i in items] == [
        "Default value",
        "virksomhet",
        "avdeling",
        "direktørområde",
        "kommunalsjefområde",
        "stab",
        "støtte",
        "knutepunkt",
        "tjenestested",
        "team",
        "iks",
        "external",
        "null",
    ]
