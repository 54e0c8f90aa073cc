"""pytest plugin: a project proves its schema sources identical in its own test suite.

    def test_schema_parity(schemaparity):
        schemaparity.assert_identical()

The configuration is the nearest `[tool.schemaparity]` from pytest's rootdir (or the
`schemaparity_config` ini option); scratch databases go where `schemaparity check`
puts them, unless the project overrides the `schemaparity_server_url` fixture with a
server of its own. A failure's message is the report.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest


class SchemaParity:
    """The project's check, run on demand; the scratch server starts at the first check."""

    def __init__(self, pyproject: Path, server_url: str | None, stack: ExitStack):
        self.pyproject = pyproject
        self._server_url = server_url
        self._stack = stack

    def check(self, *, only: str | None = None, pydantic: bool | None = None):
        """Run the check; returns its `CheckResult`."""
        from schemaparity.config import load_config
        from schemaparity.project import ProjectCheck

        plan = ProjectCheck.of(load_config(self.pyproject, required=True), only=only, pydantic=pydantic)
        return plan.run(self.server() if plan.needs_scratch else None)

    def assert_identical(self, *, only: str | None = None, pydantic: bool | None = None) -> None:
        """Fail the test with the report unless the sources are identical."""
        from schemaparity.render import render_text

        result = self.check(only=only, pydantic=pydantic)
        if result.exit_code != 0:
            pytest.fail(render_text(result), pytrace=False)

    def server(self):
        """The project's server when it overrides `schemaparity_server_url`, else the usual order, started once."""
        from schemaparity.pg.servers import ChosenServer, UrlServer

        if self._server_url is None:
            self._server_url = self._stack.enter_context(ChosenServer().running())
        return UrlServer(self._server_url)


def pytest_addoption(parser) -> None:
    parser.addini("schemaparity_config", "pyproject.toml holding [tool.schemaparity] (default: the nearest one)")


@pytest.fixture(scope="session")
def schemaparity_server_url() -> str | None:
    """The server for scratch databases; None: the usual order (SCHEMAPARITY_SERVER_URL, Docker, embedded)."""
    return None


@pytest.fixture(scope="session")
def schemaparity(request, schemaparity_server_url):
    """The project's schema check (see the module docstring)."""
    from schemaparity.config import find_config

    configured = request.config.getini("schemaparity_config")
    rootdir = Path(str(request.config.rootpath))
    pyproject = rootdir / configured if configured else find_config(rootdir)
    with ExitStack() as stack:
        yield SchemaParity(pyproject, schemaparity_server_url, stack)
