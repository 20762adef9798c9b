"""Grading throughput: N generated copies graded with --jobs 1, then --jobs 2 (no thresholds).

    python benchmarks/grading.py                 # 20 copies of the test fixture's exercise
    python benchmarks/grading.py --copies 40 --jobs 1 2 4
    python benchmarks/grading.py --reel          # the real exercise of 00-prise-en-main

Copies are generated from the exercise's release: each one answers a different subset of
the questions with the solution (honest and partial copies, no adversarial code). Each run
grades them from scratch into a temporary folder, exactly as ``make grade`` does, and the
wall-clock time includes building the course. The table also says whether every run gave
the same notes.csv.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIXTURE = ROOT / "tests" / "fixtures" / "grading" / "solutions" / "99-essai" / "exercice-essai.ipynb"
REEL = ROOT / "solutions" / "00-prise-en-main" / "exercice-00-premiers-pas.ipynb"
MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.MULTILINE)


def env() -> dict:
    import os

    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def release_of(source: Path, folder: Path) -> Path:
    course = folder / "publication"
    module = source.parent.name
    shutil.copytree(source.parent, course / "solutions" / module)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    subprocess.run([sys.executable, "-m", "atelier.correction_travail", "--nbgrader", "generate_assignment", module,
                    "--create", "--force", "--log-level=ERROR"], cwd=course, env=env(), check=True)
    return course / "exercises" / module / source.name


def make_copies(source: Path, release: Path, folder: Path, count: int) -> None:
    solution = nbformat.read(source, as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: MARKERS.sub("", c.source) for c in solution.cells
               if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
               and not c.metadata["nbgrader"].get("grade")}
    names = sorted(answers)
    for index in range(count):
        notebook = nbformat.read(release, as_version=4)
        for cell in notebook.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in answers and (index >> names.index(grade_id)) & 1 == 0:
                cell.source = answers[grade_id]
        target = folder / f"personne-{index:03d}" / source.parent.name / source.name
        target.parent.mkdir(parents=True)
        nbformat.write(notebook, target)


def grade(copies: Path, output: Path, jobs: int, source_root: Path, module: str) -> float:
    command = [sys.executable, "-m", "atelier.correction", str(copies), "--sortie", str(output), "--module", module,
               "--jobs", str(jobs), "--source", str(source_root)]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env(), check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--reel", action="store_true", help="the real exercise of 00-prise-en-main")
    args = parser.parse_args()
    source = REEL if args.reel else FIXTURE
    if not source.exists():
        sys.exit(f"{source.relative_to(ROOT)} does not exist")
    rows, csvs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        release = release_of(source, tmp)
        copies = tmp / "copies"
        make_copies(source, release, copies, args.copies)
        for jobs in args.jobs:
            output = tmp / f"sortie-{jobs}"
            seconds = grade(copies, output, jobs, source.parent.parent, source.parent.name)
            rows.append((args.copies, jobs, seconds, args.copies / seconds * 60))
            csvs.append((output / "notes.csv").read_bytes())
    print(f"grading {source.relative_to(ROOT)}")
    print("copies | jobs | seconds | copies/minute")
    print("-------|------|---------|--------------")
    for copies_count, jobs, seconds, rate in rows:
        print(f"{copies_count:>6} | {jobs:>4} | {seconds:>7.1f} | {rate:>13.1f}")
    print("same notes.csv for every run:", "yes" if len(set(csvs)) == 1 else "NO")


if __name__ == "__main__":
    main()
