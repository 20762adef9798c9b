"""Import what the tests call in scripts/: the data generator's package ``vireloux`` and the standalone scripts."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load_generator(module: str):
    """Import ``vireloux.<module>``, a module of the data generator, with scripts/ on sys.path (as the scripts do)."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    return importlib.import_module(f"vireloux.{module}")


def load_script(name: str):
    """Execute scripts/<name>.py as module ``name`` (registered first: its dataclasses need it)."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
