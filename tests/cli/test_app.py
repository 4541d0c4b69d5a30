from ketacover import __version__


def test_it_prints_its_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"ketacover {__version__}\n"


def test_its_help_lists_every_command(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("validate", "assess", "deadlines", "costs", "codes", "schema", "rules"):
        assert command in result.stdout


def test_an_unknown_option_is_bad_input(run):
    assert run("assess", "--nope").exit_code == 2


def test_importing_the_command_line_loads_no_heavy_library():
    import subprocess
    import sys

    code = (
        "import sys, ketacover.cli; "
        "heavy = [m for m in ('pydantic', 'yaml', 'simple_icd_10_cm', 'holidays', "
        "'ketacover.core.coverage', 'ketacover.interop.casefile') if m in sys.modules]; "
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_every_command_group_prints_plain_help():
    from ketacover.cli import app

    groups = [group.typer_instance for group in app.registered_groups]
    assert len(groups) >= 2
    assert app.rich_markup_mode is None
    assert all(group is not None and group.rich_markup_mode is None for group in groups)


def test_the_help_loads_neither_rich_help_nor_the_engines():
    import subprocess
    import sys

    code = (
        "import sys; from ketacover.cli import app; sys.argv = ['ketacover', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('typer.rich_utils', 'rich.markdown', 'pydantic', 'reportlab', "
        "'ketacover.core.model', 'ketacover.core.deadlines') if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "Usage: ketacover" in result.stdout
    assert result.stderr.strip() == "[]"
