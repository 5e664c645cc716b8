"""The people who act are typed: in every module mypy checks (``[tool.mypy] files`` in
pyproject.toml), a parameter named ``actor``, ``staff``, ``user`` or ``worker`` carries an
annotation, so mypy checks what is done with them (an optional one, passed on where one is
required, is what it caught before)."""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PEOPLE = {"actor", "staff", "user", "worker"}


def checked_modules() -> list[Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    found: list[Path] = []
    for entry in config["files"]:
        path = ROOT / entry
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [p for p in found if "tests" not in p.parts and "migrations" not in p.parts]


def unannotated(path: Path) -> list[str]:
    missing = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            for argument in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
                if argument.arg in PEOPLE and argument.annotation is None:
                    where = path.relative_to(ROOT)
                    missing.append(f"{where}:{node.lineno} {node.name}({argument.arg})")
    return missing


def test_mypy_checks_every_services_module_of_every_app():
    checked = set(checked_modules())
    services = [
        path
        for app in sorted((ROOT / "yunjishi").iterdir())
        for path in [app / "services.py", *sorted((app / "services").glob("*.py"))]
        if path.exists()
    ]

    assert services and [p for p in services if p not in checked] == []
    assert ROOT / "yunjishi/people/scope.py" in checked


def test_every_actor_staff_user_and_worker_parameter_is_annotated():
    missing = [entry for path in checked_modules() for entry in unannotated(path)]

    assert missing == []
