"""What the grader reads: notes.csv, rapport.md, retours/ and the summary printed at the end.

Everything comes from two sources only, so that a re-run, a single-learner re-grade
(``--eleve``) or ``--exporter-seulement`` after manual grading always agree:

* the cohort's gradebook (cours/gradebook.db): the points;
* cours/etat-correction.json: what happened to each file (status, reasons, events).

notes.csv has one row per learner; columns: ``eleve``, ``nom``, ``statut``, then for each
notebook its total and one column per graded cell (``<notebook>/<grade_id>``), then
``total``, ``max`` and ``a_noter_a_la_main``. A cell left empty has no grade yet (a manual
question not graded in formgrader, or a file that could not be graded). No timing or date
goes into the CSV, so the same submissions always give the same bytes. A cell that a
spreadsheet would read as a formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a
line break, and is not a number: a learner named ``=1+2*3``) is prefixed with ``'``, as the
OWASP rule on CSV injection asks.

Text that comes from the submissions (file and learner names, messages printed by the
copies) is escaped in rapport.md, so it cannot add links, HTML or table cells to it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

STATUTS = {
    "echec": "échec",
    "a_verifier": "à vérifier",
    "manquant": "incomplète",
    "remarques": "corrigée, avec remarques",
    "corrigee": "corrigée",
}
PRIORITE = ["echec", "a_verifier", "manquant", "remarques", "corrigee"]
CATEGORIES = {
    "pas_notebook": "fichier qui n'est pas un notebook (.ipynb)",
    "vide": "fichier vide",
    "trop_gros": "fichier trop volumineux",
    "illisible": "notebook illisible (abîmé ou pas du JSON)",
    "notebook_vide": "notebook sans aucune cellule",
    "autre_exercice": "notebook d'un autre exercice",
    "sans_exercice": "notebook sans les cellules de l'exercice",
    "exercice_inconnu": "aucun exercice ne correspond",
    "nom_inconnu": "nom de fichier non reconnu (personne inconnue)",
    "correcteur": "échec de nbgrader ou du correcteur (voir journaux/)",
    "doublon": "doublon (un fichier plus récent a été corrigé)",
    "autre_module": "fichier d'un autre module",
    "lien": "lien symbolique ou fichier spécial (non suivi)",
    "chemin": "nom de fichier dangereux dans une archive",
    "archive": "archive refusée (trop grande, trop de fichiers, trop imbriquée ou abîmée)",
}
FORMULE = ("=", "+", "-", "@", "\t", "\r", "\n")
INTERNES = {"DelaiDepasse", "CelluleNonExecutee", "NoyauArrete"}


def _nombre(valeur) -> str:
    if valeur is None:
        return ""
    valeur = round(float(valeur), 4)
    return str(int(valeur)) if valeur.is_integer() else f"{valeur:g}"


def _ordre(cours: Path, module: str, notebook: str) -> list[str]:
    chemin = cours / "exercises" / module / f"{notebook}.ipynb"
    try:
        cells = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return []
    return [c["metadata"]["nbgrader"]["grade_id"] for c in cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade")]


def _statut_entree(entree: dict) -> str:
    statut = entree.get("statut")
    if statut == "corrigee" and any(entree.get(c) for c in ("evenements", "retouchees", "audit", "reparations")):
        return "remarques"
    return statut


def lire_notes(cours: Path, etat: dict) -> dict:
    """Points from the gradebook: {"colonnes": [...], "eleves": {id: {...}}, "modules": {...}}."""
    from nbgrader.api import Gradebook, MissingEntry

    notes: dict = {"modules": {}, "eleves": {}}
    if not (cours / "gradebook.db").exists():  # nothing could be graded yet
        for eleve in sorted(etat.get("eleves", {})):
            notes["eleves"][eleve] = {"modules": {}}
        return notes
    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gradebook:
        modules = sorted(set(etat.get("modules", [])) | {a.name for a in gradebook.assignments if a.submissions})
        for module in modules:
            try:
                assignment = gradebook.find_assignment(module)
            except MissingEntry:
                continue
            notes["modules"][module] = {}
            for notebook in sorted(assignment.notebooks, key=lambda n: n.name):
                ordre = _ordre(cours, module, notebook.name) or sorted(c.name for c in notebook.grade_cells)
                maxima = {c.name: float(c.max_score) for c in notebook.grade_cells}
                notes["modules"][module][notebook.name] = {"ordre": [g for g in ordre if g in maxima], "max": maxima}
        eleves = set(etat.get("eleves", {}))
        for student in gradebook.students:
            if student.submissions:
                eleves.add(student.id)
        for eleve in sorted(eleves):
            ligne: dict = {"modules": {}}
            for module, notebooks in notes["modules"].items():
                try:
                    gradebook.find_submission(module, eleve)
                except MissingEntry:
                    continue
                for notebook in notebooks:
                    soumis = gradebook.find_submission_notebook(notebook, module, eleve)
                    cellules = {}
                    for grade in soumis.grades:
                        valeur = grade.manual_score if grade.manual_score is not None else grade.auto_score
                        if valeur is not None and grade.extra_credit:
                            valeur += grade.extra_credit
                        a_noter = grade.manual_score is None and (grade.needs_manual_grade or valeur is None)
                        cellules[grade.name] = {"valeur": valeur, "a_noter": a_noter}
                    ligne["modules"].setdefault(module, {})[notebook] = {"cellules": cellules, "signale": bool(soumis.flagged)}
            notes["eleves"][eleve] = ligne
    return notes


def _lignes(etat: dict, notes: dict) -> tuple[list[str], list[list[str]], dict]:
    colonnes = ["eleve", "nom", "statut"]
    for module, notebooks in notes["modules"].items():
        for notebook, infos in notebooks.items():
            colonnes.append(notebook)
            colonnes += [f"{notebook}/{g}" for g in infos["ordre"]]
    colonnes += ["total", "max", "a_noter_a_la_main"]
    lignes, synthese = [], {}
    for eleve, donnees in notes["eleves"].items():
        infos_etat = etat.get("eleves", {}).get(eleve, {})
        entrees = [e for e in infos_etat.get("entrees", []) if e.get("statut") != "ignoree"]
        if not entrees and not donnees["modules"]:
            continue
        modules_concernes = set(donnees["modules"]) | {e.get("module") for e in entrees if e.get("module")}
        statuts = [_statut_entree(e) for e in entrees] or ["corrigee"]
        statut = next(s for s in PRIORITE if s in statuts)
        ligne = [eleve, infos_etat.get("nom", ""), STATUTS[statut]]
        total = maximum = 0.0
        a_noter = 0
        for module, notebooks in notes["modules"].items():
            for notebook, infos in notebooks.items():
                soumis = donnees["modules"].get(module, {}).get(notebook)
                if module not in modules_concernes:
                    ligne += [""] * (1 + len(infos["ordre"]))
                    continue
                maximum += sum(infos["max"].values())
                if soumis is None:
                    ligne += ["0"] + [""] * len(infos["ordre"])
                    continue
                cellules = soumis["cellules"]
                somme = sum(c["valeur"] or 0 for c in cellules.values())
                total += somme
                a_noter += sum(1 for c in cellules.values() if c["a_noter"])
                ligne.append(_nombre(somme))
                ligne += [_nombre(cellules.get(g, {}).get("valeur")) for g in infos["ordre"]]
        ligne += [_nombre(total), _nombre(maximum), str(a_noter)]
        lignes.append(ligne)
        synthese[eleve] = {"nom": infos_etat.get("nom", ""), "statut": STATUTS[statut], "total": total,
                           "max": maximum, "a_noter": a_noter}
    return colonnes, lignes, synthese


def _md(texte) -> str:
    """Text from a submission, shown as it is: no link, HTML, code span or table cell of its own."""
    return re.sub(r"([\\`<>\[\]|])", r"\\\1", str(texte).replace("\r", " ").replace("\n", " "))


def _code(texte) -> str:
    """A file name in a code span whatever backticks it holds (CommonMark: a longer fence)."""
    texte = str(texte).replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "`" * (max((len(m) for m in re.findall(r"`+", texte)), default=0) + 1)
    marge = " " if texte.startswith("`") or texte.endswith("`") else ""
    return f"{fence}{marge}{texte}{marge}{fence}"


def neutraliser(valeur: str) -> str:
    """A CSV cell a spreadsheet cannot take for a formula (OWASP, CSV injection): ``=1+2*3`` -> ``'=1+2*3``.

    Line breaks become spaces: with the "\\n" line terminator, the csv module would not quote a "\\r".
    """
    if valeur.startswith(FORMULE) and not re.fullmatch(r"-?\d+(\.\d+)?", valeur):
        valeur = "'" + valeur
    return re.sub(r"\r\n?|\n", " ", valeur)


def ecrire(chemin: Path, texte: str) -> None:
    """Write a whole file or nothing (a batch stopped while writing never leaves half a file)."""
    provisoire = chemin.with_name(f".{chemin.name}.{os.getpid()}")
    provisoire.write_text(texte, encoding="utf-8", errors="backslashreplace")
    os.replace(provisoire, chemin)


def _points_notebook(notes: dict, eleve: str, module: str, notebook: str) -> tuple[float, float, int] | None:
    infos = notes["modules"].get(module, {}).get(notebook)
    soumis = notes["eleves"].get(eleve, {}).get("modules", {}).get(module, {}).get(notebook)
    if infos is None or soumis is None:
        return None
    cellules = soumis["cellules"]
    return (sum(c["valeur"] or 0 for c in cellules.values()), sum(infos["max"].values()),
            sum(1 for c in cellules.values() if c["a_noter"]))


def _details(entree: dict, notes: dict) -> list[str]:
    lignes: list[str] = []
    for remarque in entree.get("remarques", []):
        lignes.append(f"Remarque : {_md(remarque)}.")
    lignes += [_md(r) for r in entree.get("reparations", [])]
    for grade_id, etat in entree.get("retouchees", []):
        quoi = (f"Métadonnées nbgrader de la cellule officielle `{grade_id}` modifiées" if etat.startswith("métadonnées")
                else f"Cellule officielle `{grade_id}` {etat}")
        lignes.append(f"{quoi} par la personne : la version officielle a été rétablie avant la correction "
                      "(aucun point ne peut être gagné ainsi).")
    for evenement in entree.get("evenements", []):
        cellule = evenement.get("cellule")
        ou = f"la cellule {cellule + 1}" if isinstance(cellule, int) else "une cellule"
        if evenement.get("grade_id"):
            ou += f" (`{evenement['grade_id']}`)"
        type_ = evenement.get("type")
        if type_ == "delai_cellule":
            lignes.append(f"Délai dépassé : {ou} a été interrompue après {evenement.get('delai')} s.")
        elif type_ == "noyau_arrete":
            lignes.append(f"Le noyau Python s'est arrêté pendant {ou}, à cause d'une sortie du programme ou d'un "
                          "plantage : les cellules suivantes n'ont pas été exécutées et comptent 0.")
        elif type_ == "noyau_bloque":
            lignes.append(f"Le noyau ne répondait plus pendant {ou}, même après interruption : il a été arrêté ; "
                          "les cellules suivantes n'ont pas été exécutées et comptent 0.")
        elif type_ == "delai_notebook":
            lignes.append(f"Délai total du notebook dépassé ({evenement.get('delai')} s) : arrêt avant {ou} ; "
                          "les cellules restantes n'ont pas été exécutées et comptent 0.")
        elif type_ == "demarrage":
            lignes.append("Le noyau Python n'a pas pu démarrer : aucune cellule n'a été exécutée.")
        elif type_ == "sortie_tronquee":
            lignes.append(f"Sortie tronquée : {ou} a affiché plus de {evenement.get('octets', 0) // 1000} ko ; "
                          "le surplus n'a pas été conservé.")
    refus = {"reseau": "connexion réseau refusée", "ecriture": "écriture hors de son dossier refusée",
             "lecture": "accès refusé à un dossier protégé (solutions, corrections, autres copies)",
             "processus": "commande système refusée", "signal": "signal à un autre processus refusé"}
    vus = {}
    for tentative in entree.get("audit", []):
        cle = tentative.get("quoi")
        if tentative.get("refuse") and cle in refus:
            vus.setdefault(cle, []).append(tentative.get("detail", ""))
    for cle, details in vus.items():
        exemples = ", ".join(_code(d) for d in list(dict.fromkeys(details))[:3])
        lignes.append(f"Refus signalé par la garde Python de la copie : {refus[cle]} ({exemples}).")
    if entree.get("suspendu") or entree.get("statut") == "a_verifier":
        raisons = _md("; ".join(entree.get("soupcons", [])[:5]))
        lignes.append(
            f"**Code suspect : points automatiques suspendus** ({raisons}). Ce code peut fausser les tests ; "
            "les questions automatiques valent 0 et le notebook est signalé dans formgrader. Lisez la copie "
            "et, si elle est honnête, attribuez les points à la main."
        )
    else:
        tests = entree.get("tests", {})
        for grade_id, message in tests.items():
            if message and message.split(":")[0] not in INTERNES:
                lignes.append(f"Question `{grade_id}` non réussie : {_md(message)}")
    erreurs = [e for e in entree.get("erreurs", []) if e.get("ename") not in INTERNES | {"KeyboardInterrupt"}]
    for erreur in erreurs[:8]:
        ou = f"Cellule {erreur['cellule']}" + (f" (`{erreur['grade_id']}`)" if erreur.get("grade_id") else "")
        if erreur.get("ename") == "NotImplementedError":
            lignes.append(f"{ou} : réponse non écrite (la cellule est restée telle quelle).")
        else:
            detail = f" : {_md(erreur['evalue'])}" if erreur.get("evalue") else ""
            lignes.append(f"{ou} : erreur à l'exécution, {erreur['ename']}{detail}")
    return lignes


def _rapport(sortie: Path, etat: dict, notes: dict, synthese: dict, isolation, stats: dict | None) -> str:
    maintenant = datetime.now().strftime("%d/%m/%Y à %H:%M")
    texte = io.StringIO()
    w = texte.write
    w("# Rapport de correction\n\n")
    w(f"- Généré le {maintenant} ; module(s) : {', '.join(etat.get('modules', [])) or 'aucun'}.\n")
    w(f"- Isolation des copies : {isolation.description()}.\n")
    if stats is not None:
        w(f"- Cette exécution : {resume_court(stats)} ; durée {stats['duree']:.0f} s avec {stats['jobs']} correction(s) "
          "en parallèle.\n")
    w("- Fichiers : `notes.csv` (les notes), `retours/` (un retour HTML par personne et par notebook, à renvoyer), "
      "`cours/` (le cours nbgrader : ouvrez-y formgrader pour les questions à noter à la main), `journaux/` "
      "(messages techniques de nbgrader).\n\n")
    w("## Synthèse par personne\n\n")
    if synthese:
        w("| Personne | Nom | Statut | Points | Sur | À noter à la main |\n|---|---|---|---|---|---|\n")
        for eleve, s in synthese.items():
            w(f"| `{_md(eleve)}` | {_md(s['nom'])} | {s['statut']} | {_nombre(s['total'])} | {_nombre(s['max'])} "
              f"| {s['a_noter']} |\n")
    else:
        w("Aucune copie n'a pu être corrigée.\n")
    w("\n## Détail par personne et par fichier\n\n")
    for eleve, infos in sorted(etat.get("eleves", {}).items()):
        w(f"### `{_md(eleve)}`" + (f" — {_md(infos.get('nom'))}" if infos.get("nom") else "") + "\n\n")
        for entree in sorted(infos.get("entrees", []), key=lambda e: (e.get("module") or "", e.get("notebook") or "", e.get("fichier") or "")):
            fichier = _code(entree["fichier"]) if entree.get("fichier") else "aucun fichier"
            raison = _md(entree.get("raison"))
            quoi = f"**{entree['notebook']}** ({fichier})" if entree.get("notebook") else fichier
            statut = entree.get("statut")
            if statut in ("corrigee", "a_verifier"):
                points = _points_notebook(notes, eleve, entree["module"], entree["notebook"])
                if points:
                    total, maximum, a_noter = points
                    complement = f", dont {a_noter} question(s) à noter ou revoir à la main" if a_noter else ""
                    mot = "corrigé" if statut == "corrigee" else "corrigé, à vérifier"
                    w(f"- {quoi} : {mot} — {_nombre(total)} / {_nombre(maximum)} points{complement}.\n")
                else:
                    w(f"- {quoi} : corrigé.\n")
            elif statut == "manquant":
                w(f"- {quoi} : **manquant** — {raison}\n")
            elif statut == "ignoree":
                w(f"- {quoi} : ignoré — {raison}\n")
            else:
                w(f"- {quoi} : **non corrigé** — {raison}\n")
            for ligne in _details(entree, notes):
                w(f"  - {ligne}\n")
        w("\n")
    non_attribues = etat.get("non_attribues", [])
    if non_attribues:
        w("## Fichiers non attribués\n\n")
        for entree in non_attribues:
            w(f"- {_code(entree['fichier'])} : {_md(entree.get('raison'))}\n")
        w("\n")
    return texte.getvalue()


def _compter(stats: dict) -> dict:
    entrees = stats["entrees"]
    return {
        "corrigees": [e for e in entrees if e.get("statut") in ("corrigee", "a_verifier")],
        "a_verifier": [e for e in entrees if e.get("statut") == "a_verifier"],
        "echecs": [e for e in entrees if e.get("statut") == "echec"],
        "ignorees": [e for e in entrees if e.get("statut") == "ignoree"],
    }


def resume_court(stats: dict) -> str:
    c = _compter(stats)
    texte = f"{len(c['corrigees'])} copie(s) corrigée(s), {len(c['echecs'])} en échec"
    if c["a_verifier"]:
        texte += f", {len(c['a_verifier'])} à vérifier (code suspect)"
    if c["ignorees"]:
        texte += f", {len(c['ignorees'])} fichier(s) ignoré(s)"
    return texte


def _resume(sortie: Path, stats: dict | None) -> str:
    lignes = []
    if stats is None:
        lignes.append("Retours, notes et rapport régénérés depuis le gradebook (notation manuelle comprise).")
    else:
        c = _compter(stats)
        lignes.append(f"Correction terminée en {stats['duree']:.0f} s ({stats['jobs']} correction(s) en parallèle).")
        lignes.append(f"  {len(c['corrigees'])} copie(s) corrigée(s)"
                      + (f", dont {len(c['a_verifier'])} à vérifier (code suspect : points suspendus)" if c["a_verifier"] else "")
                      + ".")
        for cle, titre in (("echecs", "en échec"), ("ignorees", "ignorée(s)")):
            if not c[cle]:
                continue
            lignes.append(f"  {len(c[cle])} copie(s) {titre} :")
            raisons: dict[str, int] = {}
            for entree in c[cle]:
                libelle = CATEGORIES.get(entree.get("categorie"), entree.get("raison") or "raison inconnue")
                raisons[libelle] = raisons.get(libelle, 0) + 1
            for libelle, nombre in sorted(raisons.items(), key=lambda r: (-r[1], r[0])):
                lignes.append(f"    - {nombre} × {libelle}")
    lignes.append(f"Rapport : {sortie / 'rapport.md'}")
    lignes.append(f"Notes : {sortie / 'notes.csv'}")
    lignes.append(f"Retours à envoyer : {sortie / 'retours'}")
    lignes.append(f"Cours nbgrader (formgrader, notation manuelle) : {sortie / 'cours'}")
    return "\n".join(lignes)


def _copier_retours(cours: Path, sortie: Path) -> None:
    retours = sortie / "retours"
    shutil.rmtree(retours, ignore_errors=True)
    retours.mkdir()
    feedback = cours / "feedback"
    if feedback.is_dir():
        for html in sorted(feedback.glob("*/*/*.html")):
            eleve, module = html.parent.parent.name, html.parent.name
            cible = retours / eleve / module / html.name
            cible.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(html, cible)


def regenerer_retours(cours: Path, sortie: Path, env: dict) -> None:
    """nbgrader generate_feedback for the whole cohort (after manual grading in formgrader)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cours / 'gradebook.db'}") as gradebook:
        modules = [a.name for a in gradebook.assignments if a.submissions]
    for module in modules:
        commande = [sys.executable, "-m", "atelier.correction.travail", "--nbgrader", "generate_feedback", module,
                    "--force", "--log-level=ERROR"]
        subprocess.run(commande, cwd=cours, env=env, check=False, capture_output=True)


def publier(sortie: Path, etat: dict, exercices: dict, isolation, stats: dict | None) -> dict:
    """Write notes.csv, rapport.md and retours/; return the summary for the terminal."""
    cours = sortie / "cours"
    notes = lire_notes(cours, etat)
    colonnes, lignes, synthese = _lignes(etat, notes)
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, lineterminator="\n")
    for ligne in [colonnes, *lignes]:
        ecrivain.writerow([neutraliser(cellule) for cellule in ligne])
    ecrire(sortie / "notes.csv", tampon.getvalue())
    ecrire(sortie / "rapport.md", _rapport(sortie, etat, notes, synthese, isolation, stats))
    _copier_retours(cours, sortie)
    return {"texte": _resume(sortie, stats), "synthese": synthese, "stats": stats}
