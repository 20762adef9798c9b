"""Grading throughput: stock sequential nbgrader against `atelier-corriger`, same copies, same run.

    python benchmarks/grading.py                    # 60 copies of exercise 0, jobs = number of cores
    python benchmarks/grading.py --copies 20 --jobs 2
    python benchmarks/grading.py --exercice solutions/03-fichiers/exercice-03a-nettoyer-les-subventions.ipynb

The copies are built from the exercise's release: for each question a copy holds the
solution, a plausible wrong answer (tests/mauvaises_reponses/<module>/<exercise>.yaml) or the
blank stub, in a fixed rotation: a third of the cohort is right, a third partly right, a third
wrong.

Two runs grade the same copies from scratch, in fresh folders:

(a) stock nbgrader, one process: ``nbgrader autograde --create`` on the whole cohort (timed
    alone), then ``generate_feedback`` and ``export`` so that it delivers what (b) delivers;
(b) ``python -m atelier.correction`` (``make grade``): collection, parallel autograde in
    sandboxes, feedback, notes.csv and the report.

The table gives copies per minute and the ratio, and checks that every learner got the same
points for every question in both runs. No threshold: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_EXERCISE = ROOT / "solutions" / "00-prise-en-main" / "exercice-00-premiers-pas.ipynb"
WRONG_ANSWERS = ROOT / "tests" / "mauvaises_reponses"
MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.MULTILINE)


def env() -> dict:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def nbgrader(course: Path, *args: str) -> None:
    subprocess.run([str(BIN / "nbgrader"), *args, "--log-level=ERROR"], cwd=course, env=env(), check=True,
                   capture_output=True)


def new_course(folder: Path, source: Path) -> Path:
    """A course folder with the exercise's module (and its supporting files) and the project's config."""
    folder.mkdir(parents=True)
    shutil.copytree(source.parent, folder / "solutions" / source.parent.name)
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    nbgrader(folder, "generate_assignment", source.parent.name, "--create", "--force")
    return folder


def answer_choices(source: Path) -> dict[str, list[str]]:
    """For each answer cell: [solution, wrong answers..., blank stub]."""
    solution = nbformat.read(source, as_version=4)
    choices = {c.metadata["nbgrader"]["grade_id"]: [MARKERS.sub("", c.source)] for c in solution.cells
               if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
               and not c.metadata["nbgrader"].get("grade")}
    wrong = WRONG_ANSWERS / source.parent.name / f"{source.stem}.yaml"
    for item in yaml.safe_load(wrong.read_text(encoding="utf-8")) if wrong.exists() else []:
        if item["question"] in choices:
            choices[item["question"]].append(item["code"])
    return choices


def make_copies(source: Path, release: Path, folder: Path, count: int) -> list[str]:
    """Copy i is right (i % 3 == 0), partly right (1: every other answer) or wrong (2)."""
    choices = answer_choices(source)
    learners = []
    for index in range(count):
        notebook = nbformat.read(release, as_version=4)
        answers = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") in choices]
        for question, cell in enumerate(answers):
            right, *wrong = choices[cell.metadata["nbgrader"]["grade_id"]]
            if index % 3 == 0 or (index % 3 == 1 and question % 2 == 0):
                cell.source = right
            elif wrong and (index + question) % 4:  # otherwise the blank stub stays
                cell.source = wrong[(index // 3 + question) % len(wrong)]
        learner = f"personne-{index:03d}"
        target = folder / learner / source.parent.name / source.name
        target.parent.mkdir(parents=True)
        nbformat.write(notebook, target)
        learners.append(learner)
    return learners


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def stock_scores(course: Path, module: str, notebook: str) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {(grade.student.id, grade.name): grade.score
                for student in gradebook.students
                for grade in gradebook.find_submission_notebook(notebook, module, student.id).grades
                if grade.auto_score is not None}


def atelier_scores(notes_csv: Path, notebook: str) -> dict[tuple[str, str], float]:
    with open(notes_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {(row["eleve"], column.split("/", 1)[1]): float(value) for row in rows for column, value in row.items()
            if column.startswith(f"{notebook}/") and value not in ("", None)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--exercice", type=Path, default=DEFAULT_EXERCISE, help="an exercise of solutions/")
    args = parser.parse_args()
    source = args.exercice.resolve()
    module, notebook = source.parent.name, source.stem
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        stock = new_course(tmp / "stock", source)
        learners = make_copies(source, stock / "exercises" / module / source.name, stock / "submitted", args.copies)
        copies = tmp / "copies"
        shutil.copytree(stock / "submitted", copies)

        autograde = timed(lambda: nbgrader(stock, "autograde", module, "--create"))
        rest = timed(lambda: (nbgrader(stock, "generate_feedback", module),
                              nbgrader(stock, "export", "--to", str(stock / "notes.csv"))))

        output = tmp / "atelier"
        command = [sys.executable, "-m", "atelier.correction", str(copies), "--sortie", str(output),
                   "--module", module, "--jobs", str(args.jobs)]
        ours = timed(lambda: subprocess.run(command, cwd=ROOT, env=env(), check=True, capture_output=True))

        expected, obtained = stock_scores(stock, module, notebook), atelier_scores(output / "notes.csv", notebook)
        differing = sorted(k for k in expected if expected[k] != obtained.get(k))
        spread = sorted({sum(v for (who, _), v in expected.items() if who == learner) for learner in learners})

    def rate(seconds: float) -> str:
        return f"{args.copies / seconds * 60:.1f}"

    print(f"grading {args.copies} copies of {source.relative_to(ROOT)} on {os.cpu_count()} cores")
    print(f"autograded totals in the cohort: {spread[0]:g} to {spread[-1]:g} points, {len(spread)} distinct totals")
    rows = [("(a) nbgrader autograde, sequential", autograde),
            ("(a) + generate_feedback + export", autograde + rest),
            (f"(b) atelier.correction --jobs {args.jobs} (everything)", ours)]
    print(f"{'run':<45} | seconds | copies/minute")
    print(f"{'-' * 45}-|---------|--------------")
    for name, seconds in rows:
        print(f"{name:<45} | {seconds:7.1f} | {rate(seconds):>13}")
    print(f"ratio (b) / (a) autograde alone: {autograde / ours:.2f}x; "
          f"(b) / (a) with feedback and export: {(autograde + rest) / ours:.2f}x")
    print(f"same points per learner and question: {'yes' if not differing else 'NO'} "
          f"({len(expected)} grades compared)")
    if differing:
        for key in differing[:10]:
            print(f"  {key}: nbgrader {expected[key]}, atelier {obtained.get(key)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
