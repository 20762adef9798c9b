"""Measure what the issues name and print a table (no thresholds: these are not tests).

    python benchmarks/run.py            # book build cold and warm, page weight
    python benchmarks/run.py --grading  # also the grading throughput (benchmarks/grading.py)

The book is built into a temporary folder, offline, as `make book` does it.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ASSET = re.compile(r"""(?:src|href)=["']([^"'#?]+\.(?:js|css))""")


def build(output: Path) -> float:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "PLOTLY_RENDERER": "plotly_mimetype"}
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(output)],
        check=True, env=env, capture_output=True,
    )
    return time.perf_counter() - started


def page_weight(html_root: Path, page: Path) -> tuple[int, int]:
    """Bytes of the page itself, and of the page plus the local scripts/stylesheets it loads."""
    text = page.read_text(encoding="utf-8")
    total = len(text.encode())
    for asset in set(ASSET.findall(text.replace("&quot;", '"'))):
        path = (page.parent / asset).resolve()
        if path.is_file() and html_root in path.parents:
            total += path.stat().st_size
    return len(text.encode()), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grading", action="store_true", help="also run benchmarks/grading.py")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("book build, cold (fresh folder, every lesson executed)", f"{build(Path(tmp)):.1f} s"))
        rows.append(("book build, warm (nothing changed)", f"{build(Path(tmp)):.1f} s"))
        html = Path(tmp) / "_build" / "html"
        for page in sorted((html / "notebooks").rglob("*.html")):
            own, total = page_weight(html, page)
            rows.append((f"page {page.relative_to(html)}", f"{own / 1024:.0f} KiB (+ assets: {total / 1024:.0f} KiB)"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|------")
    for name, value in rows:
        print(f"{name.ljust(width)} | {value}")
    if args.grading and (ROOT / "benchmarks" / "grading.py").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "grading.py")], check=True)


if __name__ == "__main__":
    main()
