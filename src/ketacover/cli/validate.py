"""``ketacover validate FILE...``: say "ok" for each valid case file, or list its problems as
``file:line: path: message``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ketacover.cli.edge import BAD_INPUT, edge
from ketacover.cli.plain import print_json
from ketacover.core.errors import Problem


def problem_line(file: str, problem: Problem) -> str:
    """``case.yaml:12: treatment_history[2].start: "2026-13-01" is not a date``."""
    where = f"{file}:{problem.line}" if problem.line is not None else file
    return (
        f"{where}: {problem.path}: {problem.message}"
        if problem.path
        else f"{where}: {problem.message}"
    )


@edge
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="Case files (.yaml, .yml, .json; - for stdin).")
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON for programs.")] = False,
) -> None:
    """Check case files; print "ok" or every problem with its line. Exit 2 if any is invalid.

    JSON: {"files": [{"file", "valid", "case_id", "problems": [{"path", "message", "line"}]}]}.
    """
    from ketacover.core.errors import InvalidCaseFileError
    from ketacover.interop.casefile import load_case

    results: list[dict[str, object]] = []
    for path in files:
        name = str(path)
        try:
            case = load_case(path)
        except InvalidCaseFileError as error:
            results.append(
                {"file": name, "valid": False, "case_id": None, "problems": error.problems}
            )
            if not json_output:
                for problem in error.problems:
                    typer.echo(problem_line(name, problem))
        else:
            results.append({"file": name, "valid": True, "case_id": case.id, "problems": []})
            if not json_output:
                typer.echo(f"{name}: ok")
    if json_output:
        print_json({"files": results})
    if not all(result["valid"] for result in results):
        raise typer.Exit(BAD_INPUT)
