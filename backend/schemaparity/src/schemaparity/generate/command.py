"""The `revision` command's run: generate, print the plan and the proof, then the three-way check.

Models are not generated: after the revision is written, the project's whole check
runs, so that the report names each model change still needed.
"""

from __future__ import annotations

from typing import TextIO

from schemaparity.config import Config
from schemaparity.generate.report import render_generation
from schemaparity.generate.run import EXIT_DONE, Formatter, Linter, Request, generate_revision
from schemaparity.project import ProjectCheck
from schemaparity.render import render_text


def run_revision(
    config: Config,
    request: Request,
    server,
    out: TextIO,
    err: TextIO,
    *,
    linter: Linter | None = None,
    formatter: Formatter | None = None,
) -> int:
    from schemaparity.pg.servers import ChosenServer

    def say(line: str) -> None:
        print(line, file=err, flush=True)

    chosen = server or ChosenServer(say=say)
    result = generate_revision(config, request, chosen, linter=linter, formatter=formatter, say=say)
    out.write(render_generation(result, dry_run=request.dry_run, root=config.root))
    if result.exit_code != EXIT_DONE or request.dry_run or result.empty:
        return result.exit_code
    out.write(_three_way(config, chosen))
    return EXIT_DONE


def _three_way(config: Config, server) -> str:
    """The project's check after the revision: what the models (the source not generated) still need."""
    try:
        check = ProjectCheck.of(config)
    except Exception as error:  # nothing more to compare (no models configured, say)
        return f"three-way check skipped: {error}\n"
    report = check.run(server)
    lines = ["", "the check, now that the revision is written:", render_text(report).rstrip("\n")]
    models = [d for d in report.differences if any(name == "models" for name, _ in d.values)]
    if models:
        lines.append(f"models: {len(models)} difference(s) left: update the models to match the SQL file")
    return "\n".join(lines) + "\n"
