"""Generate the sample data of the fictional commune of Vireloux (the command behind ``make data``).

    python scripts/generate_data.py [--sortie DIR]

The generator is the package scripts/vireloux/ (its ``__init__`` lists the modules); this script
puts scripts/ on the import path and runs ``vireloux.generer.main``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vireloux.generer import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
