"""Where the command line meets the rest of ketacover: consoles, dates typed by the user, and the
translation of errors into one line on standard error with exit status 2."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Final, ParamSpec, TypeVar

import typer

from ketacover.core.errors import KetacoverError

if TYPE_CHECKING:
    from rich.console import Console

BAD_INPUT: Final = 2
"""Exit status for input ketacover cannot use (an invalid case file, an unknown code, ...)."""
NOT_ADVICE: Final = (
    "This is information to help with paperwork, not medical or legal advice. "
    "Check dates and amounts with the plan."
)

P = ParamSpec("P")
R = TypeVar("R")


def stdout() -> Console:
    """A console on standard output (plain when it is not a terminal)."""
    from rich.console import Console

    return Console(highlight=False)


def stderr() -> Console:
    """A console on standard error, for progress and problems."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def fail(message: str) -> typer.Exit:
    """Print ``message`` as one line on standard error; the exit to raise (status 2)."""
    typer.echo(f"ketacover: {message}", err=True)
    return typer.Exit(BAD_INPUT)


def edge(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command so that any :class:`KetacoverError` ends as one line and exit status 2."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KetacoverError as error:
            raise fail(str(error).splitlines()[0] if str(error) else type(error).__name__) from None

    return run


def day(text: str | None, option: str) -> date:
    """The date typed for ``option`` (``YYYY-MM-DD``); today's date when none was typed.

    The command line is an edge, so it may read the clock (the local date); the core never does.
    """
    if text is None:
        return datetime.now(UTC).astimezone().date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise fail(f"{option}: {text[:40]!r} is not a date (use YYYY-MM-DD)") from None
