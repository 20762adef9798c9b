"""nbgrader preprocessors and configuration used by the grading command.

* :class:`NettoyerMetadonnees` runs first when a submission is sanitized: nbgrader metadata of
  the wrong type (text, a list, a number as ``grade_id``) is dropped instead of crashing nbgrader.
* :class:`RestaurerCellules` runs next. nbgrader's own
  ``OverwriteCells`` puts back the official source of every locked cell it can *find*
  (by ``grade_id``, checked with checksums); this preprocessor makes sure it finds them
  all: it rebuilds the nbgrader metadata of every known cell from the gradebook (so
  points, ``locked`` or ``grade`` flags edited by hand count for nothing), strips the
  metadata of cells that claim an unknown or duplicated id, and re-inserts every locked
  or graded cell the learner deleted, at its place in the release. A test cell can
  therefore be edited, emptied, deleted or stripped of its metadata: the official test,
  hidden part included, runs anyway.
* :class:`MasquerTestsCaches` is used for the feedback HTML: hidden tests are removed
  from the test cells and tracebacks of test cells are reduced to their message, so the
  feedback never reveals them (the release is reused from one cohort to the next).
* :class:`RefuserCorrectionDirecte` makes ``nbgrader autograde`` (and formgrader's
  "Autograde" button) fail in the cohort's course folder: grading there would run the
  copies without the sandbox; the grading command grades in per-learner copies instead.
* :func:`configurer` writes these into an nbgrader config.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

HIDDEN = re.compile(r"^[ \t]*#+[ \t]*BEGIN HIDDEN TESTS.*?^[ \t]*#+[ \t]*END HIDDEN TESTS[^\n]*\n?", re.MULTILINE | re.DOTALL)


class NettoyerMetadonnees(NbGraderPreprocessor):
    """Drop nbgrader metadata that is not a mapping with a text ``grade_id`` (nbgrader's own steps crash on it).

    The cell then counts as the learner's own; :class:`RestaurerCellules` puts back the official
    cell it stood for, with its metadata from the gradebook.
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        for cell in nb.cells:
            meta = cell.get("metadata", {})
            if not isinstance(meta, dict):
                cell["metadata"] = NotebookNode()
                continue
            nbgrader = meta.get("nbgrader")
            if nbgrader is not None and (not isinstance(nbgrader, dict) or not isinstance(nbgrader.get("grade_id"), str)):
                del meta["nbgrader"]
        return nb, resources

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover - preprocess does the work
        return cell, resources


class RestaurerCellules(NbGraderPreprocessor):
    """Give every official cell back its metadata, and put back the ones that were deleted."""

    dossier_publication = Unicode(
        "exercises", help="Folder of the release (relative to the course root): gives the order of the cells."
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        notebook_id = resources["nbgrader"]["notebook"]
        assignment_id = resources["nbgrader"]["assignment"]
        with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
            record = gradebook.find_notebook(notebook_id, assignment_id)
            sources = {c.name: (c.cell_type, c.source, c.locked) for c in record.source_cells}
            grades = {c.name: float(c.max_score) for c in record.grade_cells}
            solutions = {c.name for c in record.solution_cells}
            tasks = {c.name: float(c.max_score) for c in record.task_cells}

        def metadata(grade_id: str) -> dict:
            meta = {"grade_id": grade_id, "locked": bool(sources[grade_id][2]), "schema_version": 3,
                    "grade": grade_id in grades, "solution": grade_id in solutions}
            if grade_id in grades:
                meta["points"] = grades[grade_id]
            if grade_id in tasks:
                meta.update(task=True, grade=False, solution=False, points=tasks[grade_id])
            return meta

        seen: set[str] = set()
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if meta is None:
                continue
            grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
            if not isinstance(grade_id, str) or grade_id not in sources or grade_id in seen:
                del cell.metadata["nbgrader"]
                continue
            seen.add(grade_id)
            cell.metadata["nbgrader"] = metadata(grade_id)

        order = self._ordre(assignment_id, notebook_id, resources) or sorted(sources)
        missing = {g for g in order if g not in seen and (sources.get(g, (None, None, False))[2] or g in grades or g in tasks)}
        cursor = 0
        for grade_id in order:
            position = next((i for i, c in enumerate(nb.cells)
                             if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id), None)
            if position is not None:
                cursor = max(cursor, position + 1)
            elif grade_id in missing:
                cell_type, source, _ = sources[grade_id]
                cell = nbformat.v4.new_code_cell(source) if cell_type == "code" else nbformat.v4.new_markdown_cell(source)
                cell.metadata["nbgrader"] = metadata(grade_id)
                nb.cells.insert(cursor, cell)
                cursor += 1
                self.log.warning("Official cell %s was missing: put back", grade_id)
        return nb, resources

    def _ordre(self, assignment_id: str, notebook_id: str, resources) -> list[str]:
        release = Path(self.dossier_publication) / assignment_id / f"{notebook_id}.ipynb"
        if not release.is_absolute():
            release = Path.cwd() / release
        try:
            notebook = nbformat.read(release, as_version=4)
        except (OSError, ValueError):
            return []
        return [c.metadata["nbgrader"]["grade_id"] for c in notebook.cells
                if isinstance(c.metadata.get("nbgrader"), dict) and "grade_id" in c.metadata["nbgrader"]]

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover - preprocess does the work
        return cell, resources


class MasquerTestsCaches(NbGraderPreprocessor):
    """Feedback: remove hidden tests from test cells and reduce their tracebacks to the message.

    Any output that reproduces a line of a hidden test (a copy that printed the code it was
    tested with) is masked as well.
    """

    def preprocess(self, nb, resources):
        self._caches = set()
        for cell in nb.cells:
            if self._est_test(cell):
                for bloc in HIDDEN.finditer(cell.source):
                    for ligne in bloc.group(0).splitlines()[1:-1]:
                        if len(ligne.strip()) >= 8:
                            self._caches.add(ligne.strip())
        return super().preprocess(nb, resources)

    @staticmethod
    def _est_test(cell) -> bool:
        meta = cell.metadata.get("nbgrader", {})
        return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")

    def _revele(self, texte) -> bool:
        texte = "".join(texte) if isinstance(texte, list) else str(texte)
        return any(ligne in texte for ligne in self._caches)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and self._est_test(cell):
                continue  # reduced to its message below
            contenus = [output.get("text", "")] + list(output.get("data", {}).values()) + [
                output.get("evalue", "")] + list(output.get("traceback", []))
            if self._caches and any(self._revele(c) for c in contenus):
                output.clear()
                output.update(output_type="stream", name="stdout", text="[sortie masquée : elle reproduit un test caché]\n")
        if not self._est_test(cell):
            return cell, resources
        if HIDDEN.search(cell.source):
            cell.source = HIDDEN.sub("", cell.source).rstrip() + "\n# (tests cachés : non affichés)"
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = str(output.get("evalue", "")).strip()
                if not message:
                    message = "un test n'est pas passé (détail non affiché : test caché ou sans message)."
                output["evalue"] = message
                output["traceback"] = [f"{output.get('ename', 'Erreur')}: {message}"]
        return cell, resources


class RefuserCorrectionDirecte(NbGraderPreprocessor):
    """In the cohort's course: autograding there (e.g. formgrader's button) would skip the sandbox."""

    def preprocess(self, nb, resources):
        raise RuntimeError(
            "Ne lancez pas l'autograde depuis ce cours (formgrader ou nbgrader autograde) : il exécuterait les "
            "copies sans bac à sable. Utilisez « python -m atelier.correction » (voir le guide du correcteur)."
        )


def configurer(c, *, autograde: bool, timeout_cellule: int = 120, delai_notebook: int = 600,
               octets_par_cellule: int = 1_000_000) -> None:
    """Apply the grading kit's nbgrader settings to the config object ``c``."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds, GetGrades, IgnorePattern,
        LimitOutput, OverwriteCells, OverwriteKernelspec, SaveAutoGrades,
    )

    c.GenerateFeedback.preprocessors = [GetGrades, MasquerTestsCaches, CSSHTMLHeaderPreprocessor]
    if not autograde:
        c.Autograde.sanitize_preprocessors = [RefuserCorrectionDirecte]
        return
    from atelier.correction.bac_a_sable import ExecutionIsolee

    c.Autograde.sanitize_preprocessors = [
        NettoyerMetadonnees, ClearOutput, DeduplicateIds, RestaurerCellules, OverwriteKernelspec, OverwriteCells, CheckCellMetadata,
    ]
    c.Autograde.autograde_preprocessors = [
        ExecutionIsolee, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
        AssignLatePenalties, CheckCellMetadata,
    ]
    c.ExecutionIsolee.timeout = int(timeout_cellule)
    c.ExecutionIsolee.delai_notebook = int(delai_notebook)
    c.ExecutionIsolee.octets_par_cellule = int(octets_par_cellule)
