"""The errors ketacover raises.

One root, :class:`KetacoverError`, with a few meaningful subclasses. Messages never carry
protected health information: they name fields, codes and file lines, never a person.
Edges translate these (CLI exit code 2 with a one-line message; form errors; one API handler).
"""

from __future__ import annotations


class KetacoverError(Exception):
    """Root of every error ketacover raises on purpose."""


class InvalidCodeError(KetacoverError, ValueError):
    """A code (ICD-10-CM, NPI, HCPCS, CPT, CARC, ...) is malformed or unknown."""


class InvalidCaseFileError(KetacoverError):
    """A case file failed validation; ``problems`` lists each one with its path."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        summary = f"{first.path}: {first.message}" if first else "invalid case file"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(summary + more)


class RuleFileError(KetacoverError):
    """A coverage rule file is missing or malformed; the message names the file and the line."""


class SourceBookError(KetacoverError):
    """The sources list is missing, malformed or cited by an unknown id; the message names the
    file and the entry."""


class Problem:
    """One validation problem: where (a path such as ``treatment_history[2].start``) and what."""

    __slots__ = ("line", "message", "path")

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.message = message
        self.line = line

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message!r}, line={self.line!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.message, self.line) == (other.path, other.message, other.line)

    def __hash__(self) -> int:
        return hash((self.path, self.message, self.line))

    def as_dict(self) -> dict[str, str | int | None]:
        """The problem as plain data, for ``--json`` output."""
        return {"path": self.path, "message": self.message, "line": self.line}


class MissingFactsError(KetacoverError):
    """A document cannot be produced because the case lacks facts it needs.

    ``missing`` lists each one as ``path: why it is needed`` (paths name case-file fields).
    """

    def __init__(self, document: str, missing: list[str]) -> None:
        self.document = document
        self.missing = missing
        super().__init__(f"{document} needs {len(missing)} more fact(s): " + "; ".join(missing))
