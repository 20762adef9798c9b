"""Read a submission before it runs: what was done to the official cells, and is any code suspect?

nbgrader runs the official tests in the learner's own kernel, after the learner's code. That
code can therefore change what the tests see: redefine a helper the tests call
(``math.isclose = lambda *a, **k: True``), shadow a built-in they use, or hook IPython so
that later cells (the tests) never run (``get_ipython().input_transformers_post``). No
sandbox can stop this from outside the kernel, so the grading command reads the learner's
cells first (the cell source is turned into Python exactly as IPython does it) and looks
for the constructs that make it possible. A notebook with such code gets **no automatic
points**: they are suspended, the notebook is flagged in nbgrader and the report explains
why, so that a person decides in formgrader. Honest beginner code essentially never uses
these constructs; a false alarm costs a look, a missed one would cost a wrong grade.

Nothing here is needed to *restore* the official cells (pretraitements.RestaurerCellules
does it); this module only describes what happened, for the report.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, field

from nbformat.notebooknode import NotebookNode

# Modules whose import gives a way around the tests (introspection, the interpreter's
# internals, the kernel itself, serialised code).
MODULES_SUSPECTS = {
    "builtins", "__builtin__", "__main__", "importlib", "ctypes", "cffi", "gc", "inspect", "IPython",
    "ipykernel", "jupyter_client", "zmq", "nbclient", "nbformat", "nbgrader", "marshal", "pickle", "dill",
    "types", "runpy", "code", "codeop", "site", "sysconfig", "traceback", "unittest",
}
NOMS_SUSPECTS = {
    "get_ipython", "__builtins__", "__import__", "exec", "eval", "compile", "globals", "locals", "vars",
    "setattr", "delattr", "breakpoint", "__loader__", "__spec__",
}
ATTRIBUTS_SYS = {
    "modules", "_getframe", "settrace", "setprofile", "displayhook", "excepthook", "meta_path", "path_hooks",
    "path", "addaudithook", "stdout", "stderr", "__stdout__", "__stderr__", "audit", "setrecursionlimit",
}
DUNDERS_PERMIS = {"__name__", "__doc__", "__init__", "__class__", "__len__", "__str__", "__repr__"}
# Special methods a class may define without changing how the tests compare or inspect values.
METHODES_PERMISES = {"__init__", "__repr__", "__str__", "__post_init__"}
MAGIES_PERMISES = {"matplotlib", "time", "timeit", "capture", "who", "whos", "pwd", "ls", "precision",
                   "pprint", "lsmagic", "magic", "history", "pip"}
OPTIONS_PERMISES = {"options", "rcParams", "display"}  # pd.options.display.max_rows = ..., etc.
EXCEPTIONS = {n for n in dir(builtins) if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException)}


@dataclass
class Analyse:
    """What a submission did to the official cells, and what looks like an attempt to pass the tests."""

    cellules_retouchees: list[tuple[str, str]] = field(default_factory=list)
    soupcons: list[str] = field(default_factory=list)

    @property
    def suspecte(self) -> bool:
        return bool(self.soupcons)


def _meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


_transformer = None


def en_python(source: str) -> str | None:
    """The Python that IPython would run for this cell (magics and shell escapes included)."""
    global _transformer
    if _transformer is None:
        from IPython.core.inputtransformer2 import TransformerManager

        _transformer = TransformerManager()
    try:
        return _transformer.transform_cell(source)
    except Exception:
        return None


def _racine(noeud) -> str | None:
    while isinstance(noeud, (ast.Attribute, ast.Subscript, ast.Call)):
        noeud = noeud.value if not isinstance(noeud, ast.Call) else noeud.func
    return noeud.id if isinstance(noeud, ast.Name) else None


def _chaine(noeud) -> list[str]:
    """``a.b.c`` -> ["a", "b", "c"] (empty when the root is not a name)."""
    parties = []
    while isinstance(noeud, ast.Attribute):
        parties.append(noeud.attr)
        noeud = noeud.value
    if isinstance(noeud, ast.Name):
        return [noeud.id, *reversed(parties)]
    return []


def _importe(noeud) -> dict[str, str]:
    """Names bound by an import statement -> what they refer to."""
    if isinstance(noeud, ast.Import):
        return {(a.asname or a.name.split(".")[0]): (a.name if a.asname else a.name.split(".")[0]) for a in noeud.names}
    if isinstance(noeud, ast.ImportFrom):
        return {(a.asname or a.name): f"{noeud.module or ''}.{a.name}" for a in noeud.names}
    return {}


class _Liaisons(ast.NodeVisitor):
    """Names bound at the top level of a cell (functions' own locals excluded, ``global`` included)."""

    def __init__(self):
        self.noms: set[str] = set()
        self.imports: dict[str, str] = {}
        self.charges: set[str] = set()

    def _cible(self, cible):
        for noeud in ast.walk(cible):
            if isinstance(noeud, ast.Name) and isinstance(noeud.ctx, (ast.Store, ast.Del)):
                self.noms.add(noeud.id)

    def visit_Name(self, noeud):
        if isinstance(noeud.ctx, ast.Load):
            self.charges.add(noeud.id)

    def visit_Assign(self, noeud):
        for cible in noeud.targets:
            self._cible(cible)
        self.visit(noeud.value)

    def visit_AugAssign(self, noeud):
        self._cible(noeud.target)
        self.visit(noeud.value)

    def visit_AnnAssign(self, noeud):
        self._cible(noeud.target)
        if noeud.value:
            self.visit(noeud.value)

    def visit_NamedExpr(self, noeud):
        self._cible(noeud.target)
        self.visit(noeud.value)

    def visit_For(self, noeud):
        self._cible(noeud.target)
        self.generic_visit(noeud)

    visit_AsyncFor = visit_For

    def visit_With(self, noeud):
        for item in noeud.items:
            if item.optional_vars is not None:
                self._cible(item.optional_vars)
        self.generic_visit(noeud)

    visit_AsyncWith = visit_With

    def visit_Delete(self, noeud):
        for cible in noeud.targets:
            self._cible(cible)

    def visit_Import(self, noeud):
        liens = _importe(noeud)
        self.noms |= set(liens)
        self.imports.update(liens)

    visit_ImportFrom = visit_Import

    def visit_ExceptHandler(self, noeud):
        if noeud.name:
            self.noms.add(noeud.name)
        self.generic_visit(noeud)

    def _fonction(self, noeud):
        self.noms.add(noeud.name)
        globaux = {n for g in ast.walk(noeud) if isinstance(g, ast.Global) for n in g.names}
        for sous in ast.walk(noeud):
            if isinstance(sous, ast.Name) and isinstance(sous.ctx, (ast.Store, ast.Del)) and sous.id in globaux:
                self.noms.add(sous.id)
            elif isinstance(sous, ast.Name) and isinstance(sous.ctx, ast.Load):
                self.charges.add(sous.id)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _fonction


def _liaisons(code: str) -> _Liaisons | None:
    try:
        arbre = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    visiteur = _Liaisons()
    visiteur.visit(arbre)
    return visiteur


def _magie(appel: ast.Call) -> tuple[str, str] | None:
    """``get_ipython().run_line_magic('name', ...)`` -> ("magie", name); ``.system(...)`` -> ("shell", "")."""
    fonction = appel.func
    if not (isinstance(fonction, ast.Attribute) and isinstance(fonction.value, ast.Call)):
        return None
    interieur = fonction.value.func
    if not (isinstance(interieur, ast.Name) and interieur.id == "get_ipython" and not fonction.value.args):
        return None
    if fonction.attr in ("run_line_magic", "run_cell_magic") and appel.args and isinstance(appel.args[0], ast.Constant):
        return ("magie", str(appel.args[0].value))
    if fonction.attr in ("system", "getoutput"):
        return ("shell", "")
    return None


def _examiner(code: str, modules: set[str]) -> list[str]:
    """Suspect constructs in one learner cell (already turned into Python)."""
    try:
        arbre = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    raisons: list[str] = []
    permis: set[int] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Call):
            magie = _magie(noeud)
            if magie is not None:
                permis.add(id(noeud.func.value.func))
                if magie[0] == "magie" and magie[1] not in MAGIES_PERMISES:
                    raisons.append(f"commande magique IPython « %{magie[1]} »")
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Name) and noeud.id in NOMS_SUSPECTS and id(noeud) not in permis:
            raisons.append(f"utilisation de « {noeud.id} »")
        elif isinstance(noeud, (ast.Import, ast.ImportFrom)):
            nom = noeud.module if isinstance(noeud, ast.ImportFrom) else None
            for module in ([nom] if nom else [a.name for a in noeud.names]):
                if module and module.split(".")[0] in MODULES_SUSPECTS:
                    raisons.append(f"import du module « {module} »")
            if isinstance(noeud, ast.ImportFrom) and nom == "sys":
                for alias in noeud.names:
                    if alias.name in ATTRIBUTS_SYS:
                        raisons.append(f"utilisation de « sys.{alias.name} »")
        elif isinstance(noeud, ast.Attribute):
            chaine = _chaine(noeud)
            if noeud.attr.startswith("__") and noeud.attr.endswith("__") and noeud.attr not in DUNDERS_PERMIS:
                raisons.append(f"accès à l'attribut interne « {noeud.attr} »")
            elif chaine[:1] == ["sys"] and len(chaine) > 1 and chaine[1] in ATTRIBUTS_SYS:
                raisons.append(f"utilisation de « sys.{chaine[1]} »")
            if isinstance(noeud.ctx, (ast.Store, ast.Del)):
                racine = _racine(noeud)
                if racine in modules and not (set(chaine[1:-1]) & OPTIONS_PERMISES):
                    raisons.append(f"modification de « {'.'.join(chaine) or noeud.attr} » (un module utilisé par les tests)")
        elif isinstance(noeud, ast.Constant) and isinstance(noeud.value, str):
            valeur = noeud.value
            if re.fullmatch(r"__\w+__", valeur) and valeur not in DUNDERS_PERMIS or any(
                f"__{mot}__" in valeur for mot in ("builtins", "import", "globals", "code", "subclasses", "dict")
            ):
                raisons.append(f"chaîne « {valeur[:40]} » désignant un mécanisme interne de Python")
        elif isinstance(noeud, ast.ClassDef):
            if noeud.name in EXCEPTIONS:
                raisons.append(f"redéfinition de l'exception « {noeud.name} »")
            for membre in noeud.body:
                noms = [membre.name] if isinstance(membre, (ast.FunctionDef, ast.AsyncFunctionDef)) else [
                    c.id for c in (membre.targets if isinstance(membre, ast.Assign) else [])
                    if isinstance(c, ast.Name)]
                for nom in noms:
                    if nom.startswith("__") and nom.endswith("__") and nom not in METHODES_PERMISES:
                        raisons.append(f"classe qui redéfinit « {nom} » (comparaisons ou vérifications des tests faussées)")
        elif isinstance(noeud, ast.Name) and isinstance(noeud.ctx, ast.Store) and noeud.id in EXCEPTIONS:
            raisons.append(f"redéfinition de l'exception « {noeud.id} »")
    return raisons


def analyser(soumis: NotebookNode, publication: NotebookNode, source: NotebookNode) -> Analyse:
    """Compare a submission with the release (official cells) and the source (tests, solutions)."""
    resultat = Analyse()
    officielles = {}
    for cell in publication.cells:
        meta = _meta(cell)
        if meta.get("grade_id") and (meta.get("locked") or meta.get("grade")):
            officielles[meta["grade_id"]] = (cell, meta)
    presentes: dict[str, object] = {}
    for cell in soumis.cells:
        meta = _meta(cell)
        grade_id = meta.get("grade_id")
        if isinstance(grade_id, str) and grade_id in officielles and grade_id not in presentes:
            presentes[grade_id] = cell
    for grade_id, (officielle, meta) in officielles.items():
        if officielle.cell_type != "code" and not meta.get("grade"):
            continue
        cell = presentes.get(grade_id)
        if cell is None:
            resultat.cellules_retouchees.append((grade_id, "supprimée"))
        elif meta.get("locked") and (_source(cell) != _source(officielle) or cell.get("cell_type") != officielle.cell_type):
            resultat.cellules_retouchees.append((grade_id, "modifiée"))
        else:
            champs = ("grade", "solution", "locked", "points")
            if any(_meta(cell).get(k) != meta.get(k) for k in champs):
                resultat.cellules_retouchees.append((grade_id, "métadonnées modifiées"))

    # What the tests rely on, and what the learner is expected to define.
    charges_tests: set[str] = set()
    lies_officiels: set[str] = set()
    imports_officiels: dict[str, str] = {}
    attendus: set[str] = set()
    for cell in source.cells:
        meta = _meta(cell)
        if cell.cell_type != "code":
            continue
        liaisons = _liaisons(en_python(_source(cell)) or "")
        if liaisons is None:
            continue
        if meta.get("solution"):
            attendus |= liaisons.noms
        elif meta.get("grade"):
            charges_tests |= liaisons.charges - liaisons.noms  # what the tests take from the learner's namespace
        elif meta.get("locked"):
            lies_officiels |= liaisons.noms
            imports_officiels.update(liaisons.imports)
    proteges = (charges_tests | lies_officiels) - attendus

    verrouillees = {g for g, (_, m) in officielles.items() if m.get("locked")}
    cellules_eleve = [
        c for c in soumis.cells
        if c.get("cell_type") == "code" and not (_meta(c).get("grade_id") in verrouillees and c is presentes.get(_meta(c).get("grade_id")))
    ]
    codes = [en_python(_source(c)) for c in cellules_eleve]
    modules = set(imports_officiels)
    for code in codes:
        liaisons = _liaisons(code or "")
        if liaisons is not None:
            modules |= set(liaisons.imports)
    raisons: list[str] = []
    for code in codes:
        if not code:
            continue
        raisons += _examiner(code, modules)
        liaisons = _liaisons(code)
        if liaisons is None:
            continue
        for nom in sorted(liaisons.noms & proteges):
            if nom in liaisons.imports and imports_officiels.get(nom) == liaisons.imports[nom]:
                continue  # ``import math`` again: the same module
            raisons.append(f"redéfinition de « {nom} », utilisé par les tests")
    resultat.soupcons = list(dict.fromkeys(raisons))
    return resultat
