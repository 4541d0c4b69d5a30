import importlib.util
from pathlib import Path

FOLDER = Path(__file__).parents[2] / "fixtures" / "fhir"


def load_script():
    spec = importlib.util.spec_from_file_location("make_bundles", FOLDER / "make_bundles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_reproduces_every_fixture_exactly():
    made = load_script().bundles()
    assert sorted(made) == sorted(path.name for path in FOLDER.glob("*.json"))
    for name, text in made.items():
        assert (FOLDER / name).read_text(encoding="utf-8") == text, name


def test_the_script_is_deterministic():
    script = load_script()
    assert script.bundles() == script.bundles()


def test_the_script_writes_the_files_where_it_is_told(tmp_path, monkeypatch, capsys):
    script = load_script()
    monkeypatch.setattr(script, "FOLDER", tmp_path)
    script.main()
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(script.bundles())
    assert "wrote" in capsys.readouterr().out
