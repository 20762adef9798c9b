"""The verdict process: where the tests run, on plain data, apart from any learner code.

    python -m atelier.correction.verdict ENTREE SORTIE     # started by the grading worker only

Trust boundary (see also donnees.py and the grader's guide):

* the learner's kernel runs the learner's cells, and never a test cell;
* at each test cell, the worker asks the kernel for the values the test reads
  (:func:`noms_a_exporter`) as plain data; the kernel writes them to a file;
* this process, which never runs a learner's cell, runs the exercise's *official* code only:
  the setup cells of the release, then each test cell (its visible part, then its hidden
  part) on the values rebuilt from that file by :func:`donnees.importer`;
* where a test calls a learner's function, the call goes back through the worker to the
  kernel with plain-data arguments, and only the plain-data result comes back.

A learner's hooks, patched libraries, ``__eq__`` methods, traces or frames therefore never
meet a test, and a failing hidden test shows a fixed sentence: its source and expected
values never reach the kernel, its history (``In``), the feedback or the report.

The worker talks to this process with one JSON object per line on two pipes.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import symtable
import sys
import traceback

HIDDEN = re.compile(r"^[ \t]*#+[ \t]*BEGIN HIDDEN TESTS[^\n]*\n(.*?)^[ \t]*#+[ \t]*END HIDDEN TESTS[^\n]*(\n|$)",
                    re.MULTILINE | re.DOTALL)

ECHEC_CACHE = ("Un test complémentaire du correcteur n'est pas passé : relisez la consigne de la question. "
               "(Le détail de ce test n'est pas communiqué.)")
ENAME_CACHE = "TestCorrecteur"


# --------------------------------------------------------------------------- what a test reads


def segments(source: str) -> list[tuple[str, bool]]:
    """The test cell's code in order, as (code, hidden?) pieces."""
    morceaux, debut = [], 0
    for bloc in HIDDEN.finditer(source):
        morceaux.append((source[debut:bloc.start()], False))
        morceaux.append((bloc.group(1), True))
        debut = bloc.end()
    morceaux.append((source[debut:], False))
    return [(code, cache) for code, cache in morceaux if code.strip()]


def _tables(code: str):
    try:
        racine = symtable.symtable(code, "<cellule>", "exec")
    except (SyntaxError, ValueError, RecursionError):
        return []
    pile, tables = [racine], []
    while pile:
        table = pile.pop()
        tables.append(table)
        pile.extend(table.get_children())
    return tables


def noms_lus(code: str) -> set[str]:
    """Global names the code reads, in any of its scopes (builtins excepted)."""
    noms = set()
    for table in _tables(code):
        for symbole in table.get_symbols():
            if symbole.is_referenced() and (table.get_type() == "module" or symbole.is_global()):
                noms.add(symbole.get_name())
    return noms - set(dir(builtins))


def noms_lies(code: str) -> set[str]:
    """Names the code binds at module level (assignments, imports, definitions, ``global``)."""
    noms = set()
    for table in _tables(code):
        for symbole in table.get_symbols():
            if table.get_type() == "module" and (symbole.is_assigned() or symbole.is_imported()
                                                 or symbole.is_namespace()):
                noms.add(symbole.get_name())
            elif symbole.is_declared_global() and symbole.is_assigned():
                noms.add(symbole.get_name())
    return noms


def noms_a_exporter(test: str) -> list[str]:
    """What the kernel hands over for this test: the names it reads, but the tests' own (« _… »)."""
    return sorted(n for n in noms_lus(test) if not n.startswith("_"))


def _sous(chemin, dossier: str) -> bool:
    texte = os.path.normpath(str(chemin))
    return ".." not in str(chemin).split("/") and (texte == dossier or texte.startswith(dossier.rstrip("/") + "/"))


def retenir(valeurs: dict, officiels: set[str], dossier: str) -> dict:
    """The learner's values a test may see.

    A name the exercise's setup cells define (imports, constants, reference tables, the helpers
    it gives) keeps the official value computed here, with one exception: a path into the
    learner's working folder (the setup's ``dossier``, created in the learner's session).
    """
    import pathlib

    return {nom: valeur for nom, valeur in valeurs.items()
            if nom not in officiels or (isinstance(valeur, pathlib.PurePath) and _sous(valeur, dossier))}


# --------------------------------------------------------------------------- the process itself


class _Canal:
    def __init__(self, entree: int, sortie: int):
        self.entree = os.fdopen(entree, "r", encoding="utf-8")
        self.sortie = os.fdopen(sortie, "w", encoding="utf-8")

    def lire(self) -> dict:
        ligne = self.entree.readline()
        if not ligne:
            raise SystemExit(0)
        return json.loads(ligne)

    def ecrire(self, message: dict) -> None:
        self.sortie.write(json.dumps(message, ensure_ascii=False) + "\n")
        self.sortie.flush()


def _exception(description: dict) -> BaseException:
    """The exception a learner's function raised, rebuilt as a fresh exception of a safe class."""
    from atelier.correction import donnees

    nom = str(description.get("type", "Exception"))
    message = str(description.get("message", ""))[:5000]
    try:
        args = [donnees.decoder(a) for a in description.get("args", [])][:10]
    except (donnees.ErreurDecodage, RecursionError, TypeError, ValueError, KeyError):
        args = [message]
    classe = getattr(builtins, nom, None)
    if isinstance(classe, type) and issubclass(classe, Exception) and nom.isidentifier():
        try:
            return classe(*args)
        except Exception:
            return classe(message)
    if nom == "EnregistrementIntrouvable" and str(description.get("module", "")).startswith("atelier"):
        import atelier

        return atelier.EnregistrementIntrouvable(message)
    nom = nom if nom.isidentifier() else "Exception"
    return type(nom, (Exception,), {"__module__": "copie"})(message)


class FonctionDeLaCopie:
    """Stands for a learner's function: each call runs in the learner's kernel, on plain data."""

    def __init__(self, nom: str, canal: _Canal):
        self.__name__ = self.__qualname__ = nom
        self._canal = canal

    def __repr__(self) -> str:
        return f"<fonction {self.__name__} de la copie>"

    def __call__(self, *args, **kwargs):
        from atelier.correction import donnees

        self._canal.ecrire({"op": "appel", "nom": self.__name__,
                            "appel": donnees.encoder({"args": list(args), "kwargs": dict(kwargs)})})
        reponse = self._canal.lire()
        try:
            resultat = _lire_retour(reponse.get("fichier"))
        except (OSError, ValueError, TypeError, RecursionError, KeyError, donnees.ErreurDecodage):
            resultat = {}
        if "retour" in resultat:
            return resultat["retour"]
        if "exception" in resultat and type(resultat["exception"]) is dict:
            raise _exception(resultat["exception"])
        raise RuntimeError(f"la fonction {self.__name__} de la copie n'a rien renvoyé au correcteur "
                           f"({str(reponse.get('erreur') or 'arrêt ou résultat illisible')[:300]}).")


def _lire_retour(chemin) -> dict:
    """What the learner's kernel wrote after a call: {"retour": value} or {"exception": {...}}."""
    from atelier.correction import donnees

    if not isinstance(chemin, str) or not os.path.isfile(chemin) or os.path.islink(chemin) \
            or os.path.getsize(chemin) > donnees.TAILLE_MAX:
        return {}
    with open(chemin, encoding="utf-8", errors="replace") as entree:
        brut = json.load(entree)
    if type(brut) is not dict:
        return {}
    if "retour" in brut:
        return {"retour": donnees.decoder(brut["retour"])}
    return {"exception": brut.get("exception")}


def _coquille():
    from IPython.core.interactiveshell import InteractiveShell

    coquille = InteractiveShell.instance(colors="nocolor", history_length=0)
    coquille.history_manager.enabled = False
    coquille.displayhook.write_output_prompt = lambda: None
    coquille.displayhook.write_format_data = lambda *a, **k: None
    coquille.showtraceback = lambda *a, **k: None
    coquille.showsyntaxerror = lambda *a, **k: None
    return coquille


def _sorties(capture, resultat, coquille, cache: bool) -> list[dict]:
    sorties = []
    if not cache:
        if capture.stdout:
            sorties.append({"output_type": "stream", "name": "stdout", "text": capture.stdout[-200_000:]})
        if capture.stderr:
            sorties.append({"output_type": "stream", "name": "stderr", "text": capture.stderr[-20_000:]})
        for sortie in capture.outputs:
            sorties.append({"output_type": "display_data", "data": sortie.data, "metadata": sortie.metadata or {}})
        if resultat.result is not None and resultat.success:
            donnees_, meta = coquille.display_formatter.format(resultat.result)
            sorties.append({"output_type": "execute_result", "data": donnees_, "metadata": meta, "execution_count": None})
    erreur = resultat.error_before_exec or resultat.error_in_exec
    if erreur is not None:
        if cache:
            sorties.append({"output_type": "error", "ename": ENAME_CACHE, "evalue": ECHEC_CACHE,
                            "traceback": [f"{ENAME_CACHE}: {ECHEC_CACHE}"]})
        else:
            ligne = "".join(traceback.format_exception_only(type(erreur), erreur)).strip()
            sorties.append({"output_type": "error", "ename": type(erreur).__name__, "evalue": str(erreur)[:20_000],
                            "traceback": [ligne[:20_000]]})
    return sorties


def servir(entree: int, sortie: int) -> int:
    import ctypes

    from IPython.utils.capture import capture_output

    ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: the learner's processes (same uid) cannot ptrace it
    # A fresh shell: a forked process may inherit one from its parent's imports.
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.clear_instance()

    from atelier.correction import donnees

    canal = _Canal(entree, sortie)
    coquille = _coquille()
    canal.ecrire({"op": "pret"})
    while True:
        commande = canal.lire()
        if commande.get("op") == "arreter":
            return 0
        export = commande.get("export")
        if isinstance(export, dict):
            valeurs = donnees.importer(str(export.get("fichier")), lambda nom: FonctionDeLaCopie(nom, canal))
            coquille.user_ns.update(retenir(valeurs, set(export.get("officiels", [])), str(export.get("dossier"))))
        cache = bool(commande.get("cache"))
        with capture_output(display=True) as capture:
            resultat = coquille.run_cell(commande.get("code", ""), store_history=False, silent=False)
        sorties = [] if commande.get("silencieux") else _sorties(capture, resultat, coquille, cache)
        echec = not resultat.success
        canal.ecrire({"op": "fin", "sorties": json.loads(json.dumps(sorties, default=str)), "echec": echec})


if __name__ == "__main__":
    sys.exit(servir(int(sys.argv[1]), int(sys.argv[2])))
