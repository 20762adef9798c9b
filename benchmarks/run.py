"""Measure what the issues name and print a table (no thresholds: these are not tests).

    python benchmarks/run.py            # book build cold and warm, page weight
    python benchmarks/run.py --grading  # also the grading throughput (benchmarks/grading.py)
    python benchmarks/run.py --slides [--site _build/html]
        # in a built site: time to write the decks (from the book's cache) and print the handouts,
        # and their weight
    python benchmarks/run.py --module 06-dataviz [--site _build/html]
        # one module: each lesson's execution time, and each page's weight in an already built
        # site (default: build one); no full cold/warm timing

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


def lesson_time(notebook: Path) -> float:
    """Seconds to execute a lesson top to bottom, offline, as tests/test_lessons.py does."""
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "tests" / "run_notebook.py"), str(notebook)], check=True,
                   capture_output=True, env={**os.environ, "PLOTLY_RENDERER": "plotly_mimetype"})
    return time.perf_counter() - started


def module_rows(module: str, site: Path | None) -> list[tuple[str, str]]:
    rows = [(f"lesson {p.relative_to(ROOT)} (execution)", f"{lesson_time(p):.1f} s")
            for p in sorted((ROOT / "notebooks" / module).glob("*.ipynb"))]
    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            build(Path(tmp))
            site = Path(tmp) / "_build" / "html"
        pages = sorted((site / "notebooks" / module).glob("*.html")) + sorted((site / "exercises" / module).glob("*.html"))
        pages += sorted((site / "book" / "modules").glob(f"{module}.html"))
        for page in pages:
            own, total = page_weight(site.resolve(), page.resolve())
            rows.append((f"page {page.relative_to(site)}", f"{own / 1024:.0f} KiB (+ assets: {total / 1024:.0f} KiB)"))
    return rows


def slides_rows(site: Path) -> list[tuple[str, str]]:
    """Write the decks and print the handouts again in a built site; time and weigh them."""
    from atelier.livre import diapositives, polycopies

    started = time.perf_counter()
    decks = diapositives.construire(site)
    deck_time = time.perf_counter() - started
    started = time.perf_counter()
    pdfs = polycopies.construire(site)
    pdf_time = time.perf_counter() - started
    weights = sorted((page_weight(site, deck), deck) for deck in decks)
    (own, total), largest = weights[-1]
    return [
        (f"{len(decks)} decks written (executed lessons from the book's cache)", f"{deck_time:.1f} s"),
        ("decks, all together", f"{sum(w[0][0] for w in weights) / 2**20:.1f} MiB"),
        (f"largest deck: {largest.relative_to(site)}", f"{own / 1024:.0f} KiB (+ assets: {total / 1024:.0f} KiB)"),
        (f"{len(pdfs)} handouts printed by chromium", f"{pdf_time:.1f} s"),
        ("handouts, all together", f"{sum(p.stat().st_size for p in pdfs) / 2**20:.1f} MiB"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grading", action="store_true", help="also run benchmarks/grading.py")
    parser.add_argument("--module", help="measure one module only (lessons' execution time, pages' weight)")
    parser.add_argument("--slides", action="store_true", help="decks and handouts of an already built site")
    parser.add_argument("--site", type=Path, help="with --module or --slides: an already built site (its html folder)")
    args = parser.parse_args()
    if args.slides:
        _print(slides_rows(args.site or ROOT / "_build" / "html"))
        return
    if args.module:
        _print(module_rows(args.module, args.site))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("book build, cold (fresh folder, every lesson executed)", f"{build(Path(tmp)):.1f} s"))
        rows.append(("book build, warm (nothing changed)", f"{build(Path(tmp)):.1f} s"))
        html = Path(tmp) / "_build" / "html"
        for page in sorted((html / "notebooks").rglob("*.html")):
            own, total = page_weight(html, page)
            rows.append((f"page {page.relative_to(html)}", f"{own / 1024:.0f} KiB (+ assets: {total / 1024:.0f} KiB)"))
    _print(rows)
    if args.grading and (ROOT / "benchmarks" / "grading.py").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "grading.py")], check=True)


def _print(rows: list[tuple[str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|------")
    for name, value in rows:
        print(f"{name.ljust(width)} | {value}")


if __name__ == "__main__":
    main()
