"""Collection of the submissions (atelier/correction/collecte.py) and the files the grader reads (rapport.py).

Fast tests: tiny folders and zips built in tmp_path, collected and attributed without grading
anything. The honest content is the learners' release of the real exercise of module 00; what
a whole batch does with the same inputs is in tests/test_grading.py (``lot_collecte``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import time
import zipfile
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from atelier.correction import collecte, rapport
from atelier.correction.collecte import Budget, attribuer_identifiants, collecter, identifiant, inventorier, lire_exercices
from tests.conftest import ROOT

MODULE, NOTEBOOK = "00-prise-en-main", "exercice-00-premiers-pas"
RELEASE = ROOT / "exercises" / MODULE / f"{NOTEBOOK}.ipynb"
HONNETE = RELEASE.read_bytes()
EXERCICES = lire_exercices(ROOT / "solutions")
MOODLE = "_assignsubmission_file_"


def ecrire(chemin: Path, contenu: bytes = HONNETE) -> Path:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_bytes(contenu)
    return chemin


def membre(nom: str, date=(2026, 11, 2, 10, 0, 0), mode: int | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(nom, date_time=date)
    info.compress_type = zipfile.ZIP_DEFLATED
    if mode is not None:
        info.external_attr = mode << 16
    return info


def zipper(chemin: Path, membres: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(chemin, "w") as archive:
        for info, contenu in membres:
            archive.writestr(membre(info) if isinstance(info, str) else info, contenu)
    return chemin


def inventaire(soumissions: Path, tmp_path: Path, budget: Budget | None = None, **options) -> list:
    copies = collecter(soumissions, tmp_path / "sortie" / "collecte", budget=budget)
    return inventorier(copies, EXERCICES, **options)


def par_fichier(copies) -> dict:
    return {c.relatif: c for c in copies}


def arborescence(racine: Path, sauf: Path | None = None) -> dict:
    """Every path under racine with its bytes, mode and dates (but those under ``sauf``)."""
    etat = {}
    for chemin in sorted(racine.rglob("*")):
        if sauf is not None and (chemin == sauf or sauf in chemin.parents):
            continue
        infos = chemin.lstat()
        contenu = chemin.read_bytes() if chemin.is_file() and not chemin.is_symlink() else None
        etat[str(chemin)] = (contenu, infos.st_mode, infos.st_mtime_ns)
    return etat


# --------------------------------------------------------------------------- whose file it is


def test_a_file_named_after_another_learner_stays_with_the_learner_who_uploaded_it(tmp_path):
    """Moodle's folder or prefix decides; a name inside Mallory's upload never makes a file Alice's."""
    copies = tmp_path / "export"
    ecrire(copies / f"Alice Martin_101{MOODLE}" / f"{NOTEBOOK}.ipynb")
    intrus = ecrire(copies / f"Mallory Noir_102{MOODLE}" / f"Alice Martin_101{MOODLE}{NOTEBOOK}.ipynb")
    zipper(copies / f"Mallory Noir_102{MOODLE}rendu.zip", [
        (f"Alice Martin_101{MOODLE}{NOTEBOOK}.ipynb", HONNETE),
        (f"alice-martin_101/{MODULE}/{NOTEBOOK}.ipynb", HONNETE),
    ])
    ecrire(copies / "mallory" / MODULE / "alice-martin_101" / MODULE / f"{NOTEBOOK}.ipynb")
    plus_tard = time.time() + 3600
    os.utime(intrus, (plus_tard, plus_tard))  # the newest file: the one the old duplicate rule kept

    resultat = inventaire(copies, tmp_path)
    alice = [c for c in resultat if c.relatif.startswith("Alice")]
    assert [(c.eleve, c.probleme) for c in alice] == [("alice-martin_101", None)]
    assert alice[0].remarques == []  # no duplicate of hers was received
    for copie in resultat:
        if copie.relatif.startswith("Mallory"):
            assert copie.eleve == "mallory-noir_102", copie.relatif
        elif copie.relatif.startswith("mallory/"):
            assert copie.eleve == "mallory", copie.relatif
    assert len([c for c in resultat if c.relatif.startswith("Mallory")]) == 3
    assert all(c.probleme is None or c.categorie == "doublon" for c in resultat)  # all readable, none refused


def test_names_that_differ_by_case_or_accents_stay_distinct_and_the_report_says_so(tmp_path):
    copies = tmp_path / "copies"
    for nom in ("Zoé", "Zoe", "ZOE"):
        ecrire(copies / nom / MODULE / f"{NOTEBOOK}.ipynb")
    resultat = inventaire(copies, tmp_path)
    ids = {c.brut: c.eleve for c in resultat}
    assert set(ids) == {"Zoé", "Zoe", "ZOE"} and len(set(ids.values())) == 3, ids
    assert all(i.startswith("zoe-") for i in ids.values()), ids
    for copie in resultat:
        assert copie.probleme is None and not copie.ignore, copie
        autres = {"Zoé", "Zoe", "ZOE"} - {copie.brut}
        remarque = next(r for r in copie.remarques if "majuscules, les accents" in r)
        assert all(f"« {a} »" in remarque for a in autres) and copie.eleve in remarque
    assert {c.nom for c in resultat} == {"Zoé", "Zoe", "ZOE"}


def test_one_name_written_composed_or_decomposed_is_one_learner(tmp_path):
    """macOS writes « é » as e + accent (NFD): the same person, so two files are a duplicate."""
    copies = tmp_path / "copies"
    ecrire(copies / "Zoé" / MODULE / f"{NOTEBOOK}.ipynb")
    ecrire(copies / "Zoe\u0301" / MODULE / f"{NOTEBOOK}.ipynb")
    resultat = inventaire(copies, tmp_path)
    assert {c.eleve for c in resultat} == {"zoe"}
    assert sorted(c.categorie or "" for c in resultat) == ["", "doublon"]


def test_non_latin_names_are_kept_transliterated(tmp_path):
    copies = tmp_path / "copies"
    noms = ["Иван Петров", "张伟", "Ελένη", "😀"]
    for nom in noms:
        ecrire(copies / nom / MODULE / f"{NOTEBOOK}.ipynb")
    resultat = inventaire(copies, tmp_path)
    ids = {c.brut: c.eleve for c in resultat}
    assert ids["Иван Петров"] == "ivan-petrov" and ids["张伟"] == "zhang-wei" and ids["Ελένη"] == "elene"
    assert ids["😀"].startswith("eleve-") and len(set(ids.values())) == 4
    assert all(c.probleme is None and not c.ignore for c in resultat)
    assert {c.nom for c in resultat} == set(noms)


def test_ids_are_stable_and_an_output_folder_keeps_the_ids_it_gave():
    seuls = attribuer_identifiants({"Jean Dupont_12345", "solution"})
    assert seuls == {"Jean Dupont_12345": ("jean-dupont_12345", []), "solution": ("solution", [])}
    # A second « Zoe » arriving later: « Zoé », graded first as « zoe », keeps her id.
    ensemble = attribuer_identifiants({"Zoé", "Zoe"}, connus={"Zoé": "zoe"})
    assert ensemble["Zoé"] == ("zoe", ["Zoe"])
    assert ensemble["Zoe"][0].startswith("zoe-") and ensemble["Zoe"] == attribuer_identifiants({"Zoe"}, {"Zoé": "zoe"})["Zoe"]
    assert identifiant("=1+2*3") == "1-2-3" and identifiant("..") == ""


def test_one_learner_can_be_regraded_by_raw_name_or_id(tmp_path):
    copies = tmp_path / "copies"
    for nom in ("Zoé", "Zoe"):
        ecrire(copies / nom / MODULE / f"{NOTEBOOK}.ipynb")
    zoe = next(c.eleve for c in inventaire(copies, tmp_path) if c.brut == "Zoe")
    for choix in ("Zoe", zoe):
        assert {c.brut for c in inventaire(copies, tmp_path, eleve=choix) if c.eleve} == {"Zoe"}


# --------------------------------------------------------------------------- extraction


def test_archive_modes_owners_and_dates_are_not_applied(tmp_path):
    archive = zipper(tmp_path / "copies.zip", [
        (membre(f"solution/{MODULE}/{NOTEBOOK}.ipynb", date=(1999, 1, 2, 3, 4, 6), mode=stat.S_IFREG | 0o6777), HONNETE),
    ])
    avant = time.time() - 5
    (copie,) = inventaire(archive, tmp_path)
    infos = copie.chemin.stat()
    assert stat.S_IMODE(infos.st_mode) == 0o600, oct(infos.st_mode)
    assert infos.st_mtime >= avant, "the archive's date was applied to the extracted file"
    assert copie.date == datetime(1999, 1, 2, 3, 4, 6).timestamp()  # still decides between duplicates
    assert copie.probleme is None and copie.eleve == "solution"
    assert stat.S_IMODE(copie.chemin.parent.stat().st_mode) == 0o700


def test_member_names_cannot_reach_or_touch_anything_outside_the_collection_folder(tmp_path):
    cible = ecrire(tmp_path / "cible.txt", b"intact")
    os.utime(cible, (1_000_000_000, 1_000_000_000))
    dangereux = ["../../cible.txt", "../../../../../../" + str(cible).lstrip("/"), str(cible), "a/../../cible.txt",
                 "C:\\cible.txt", "solution/../../cible.txt"]
    archive = zipper(tmp_path / "copies.zip", [(n, b"pirate") for n in dangereux]
                     + [(f"solution/{MODULE}/{NOTEBOOK}.ipynb", HONNETE)])
    avant = arborescence(tmp_path, sauf=tmp_path / "sortie")
    resultat = inventaire(archive, tmp_path)
    assert arborescence(tmp_path, sauf=tmp_path / "sortie") == avant
    refuses = [c for c in resultat if c.categorie == "chemin"]
    assert len(refuses) == len(dangereux) and all(c.chemin is None for c in refuses)
    assert all("sort du dossier de l'archive" in c.probleme for c in refuses)
    assert [c.eleve for c in resultat if c.probleme is None] == ["solution"]
    extraits = list((tmp_path / "sortie" / "collecte").iterdir())
    assert [p.read_bytes() for p in extraits] == [HONNETE]


def test_symbolic_links_are_never_followed(tmp_path):
    secret = ecrire(tmp_path / "secret" / f"{NOTEBOOK}.ipynb")  # e.g. the solution, outside the submissions
    archive = zipper(tmp_path / "copies.zip", [
        (membre(f"lien/{MODULE}/{NOTEBOOK}.ipynb", mode=stat.S_IFLNK | 0o777), str(secret).encode()),
    ])
    (copie,) = inventaire(archive, tmp_path)
    assert copie.categorie == "lien" and copie.eleve == "lien" and copie.module == MODULE and copie.chemin is None
    dossier = tmp_path / "copies"
    (dossier / "pendant" / MODULE).mkdir(parents=True)
    (dossier / "pendant" / MODULE / f"{NOTEBOOK}.ipynb").symlink_to(tmp_path / "nulle-part.ipynb")
    (dossier / "vers-solution" / MODULE).mkdir(parents=True)
    (dossier / "vers-solution" / MODULE / f"{NOTEBOOK}.ipynb").symlink_to(secret)
    (dossier / "dossier-lie").symlink_to(secret.parent, target_is_directory=True)
    (dossier / "tube" / MODULE).mkdir(parents=True)
    os.mkfifo(dossier / "tube" / MODULE / f"{NOTEBOOK}.ipynb")  # reading it would block
    resultat = par_fichier(inventaire(dossier, tmp_path))
    for relatif in (f"pendant/{MODULE}/{NOTEBOOK}.ipynb", f"vers-solution/{MODULE}/{NOTEBOOK}.ipynb", "dossier-lie",
                    f"tube/{MODULE}/{NOTEBOOK}.ipynb"):
        assert resultat[relatif].categorie == "lien", relatif
    assert "lien symbolique" in resultat["dossier-lie"].probleme
    assert "fichier ordinaire" in resultat[f"tube/{MODULE}/{NOTEBOOK}.ipynb"].probleme


def _imbriquer(niveaux: int, contenu: bytes = HONNETE) -> bytes:
    """A zip holding a zip holding … (niveaux archives) a notebook."""
    donnees, nom = contenu, f"{NOTEBOOK}.ipynb"
    for niveau in range(niveaux):
        tampon = io.BytesIO()
        with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(nom, donnees)
        donnees, nom = tampon.getvalue(), f"niveau{niveau}.zip"
    return donnees


def test_nested_archives_are_extracted_under_the_same_budget_and_not_left_on_disk(tmp_path):
    gros = [(f"f{i}.txt", b"0" * len(HONNETE)) for i in range(5)]
    interieur = io.BytesIO()
    with zipfile.ZipFile(interieur, "w", zipfile.ZIP_DEFLATED) as archive:
        for nom, contenu in gros:
            archive.writestr(nom, contenu)
    archive = zipper(tmp_path / "copies.zip", [
        (f"solution/{MODULE}/{NOTEBOOK}.ipynb", HONNETE),
        (f"bombe/{MODULE}/rendu.zip", interieur.getvalue()),  # 5 notebooks' worth of bytes, a few hundred zipped
        (f"emboite/{MODULE}/rendu.zip", _imbriquer(2)),
    ])
    budget = Budget(octets=len(HONNETE) * 3 + 5000, fichiers=100)
    resultat = par_fichier(inventaire(archive, tmp_path, budget=budget))
    bombe = resultat[f"bombe/{MODULE}/rendu.zip"]
    assert bombe.categorie == "archive" and "trop grande une fois décompressée" in bombe.probleme
    assert bombe.eleve == "bombe" and bombe.module == MODULE
    assert not any(r.startswith(f"bombe/{MODULE}/rendu.zip/") for r in resultat)
    emboite = resultat[f"emboite/{MODULE}/rendu.zip/niveau0.zip/{NOTEBOOK}.ipynb"]
    assert emboite.eleve == "emboite" and emboite.probleme is None and emboite.chemin.read_bytes() == HONNETE
    restes = sorted(p.suffix for p in (tmp_path / "sortie" / "collecte").iterdir())
    assert restes == [".ipynb", ".ipynb"], "a nested archive was left on disk"
    assert budget.octets >= 0


def test_archives_nested_too_deep_or_with_too_many_files_are_refused(tmp_path):
    archive = zipper(tmp_path / "copies.zip", [
        (f"profonde/{MODULE}/rendu.zip", _imbriquer(5)),
        (f"nombreuse/{MODULE}/rendu.zip", zipper(tmp_path / "n.zip", [(f"{i}.txt", b"x") for i in range(60)]).read_bytes()),
        (f"solution/{MODULE}/{NOTEBOOK}.ipynb", HONNETE),
    ])
    resultat = inventaire(archive, tmp_path, budget=Budget(fichiers=50))
    refus = {c.eleve: c.probleme for c in resultat if c.categorie == "archive"}
    assert "au-delà de 3 niveaux" in refus["profonde"] and "trop de fichiers" in refus["nombreuse"]
    assert [c.eleve for c in resultat if c.probleme is None] == ["solution"]


def test_a_damaged_nested_archive_or_member_is_refused_alone(tmp_path):
    abime = bytearray(zipper(tmp_path / "a.zip", [(f"{NOTEBOOK}.ipynb", HONNETE)]).read_bytes())
    abime[60:80] = b"\0" * 20  # inside the compressed data: CRC or inflate error
    archive = zipper(tmp_path / "copies.zip", [
        (f"abimee/{MODULE}/rendu.zip", bytes(abime)),
        (f"pas-zip/{MODULE}/rendu.zip", b"PK ceci n'est pas une archive"),
        (f"solution/{MODULE}/{NOTEBOOK}.ipynb", HONNETE),
    ])
    resultat = inventaire(archive, tmp_path)
    problemes = {c.eleve: c.probleme for c in resultat}
    assert "abîmé" in problemes["abimee"] and "abîmée" in problemes["pas-zip"]
    assert problemes["solution"] is None


def test_a_member_name_that_is_not_utf8_does_not_make_the_archive_unreadable(tmp_path):
    """zipfile cannot open an archive with one such name (CPython gh-153426): the others must still be graded."""
    archive = zipper(tmp_path / "copies.zip", [
        (f"Zoé Martin_7{MOODLE}/{NOTEBOOK}.ipynb", HONNETE),
        (f"Jean Dupont_8{MOODLE}/{NOTEBOOK}.ipynb", HONNETE),
    ])
    octets = archive.read_bytes()
    assert octets.count("Zoé Martin_7".encode()) == 2  # local header and central directory, flagged UTF-8
    archive.write_bytes(octets.replace("Zoé Martin_7".encode(), "Zoéé Martin_7".encode("cp1252")))  # same length
    resultat = inventaire(archive, tmp_path)
    noms = {c.brut: c for c in resultat}
    assert set(noms) == {"Zoéé Martin_7", "Jean Dupont_8"}
    zoe = noms["Zoéé Martin_7"]
    assert zoe.probleme is None and zoe.chemin.read_bytes() == HONNETE
    assert any("pas écrit en UTF-8" in r for r in zoe.remarques)
    assert noms["Jean Dupont_8"].probleme is None and noms["Jean Dupont_8"].remarques == []


def test_a_file_name_that_is_not_utf8_is_read_and_reported(tmp_path):
    dossier = tmp_path / "copies" / "Zoe" / MODULE
    dossier.mkdir(parents=True)
    Path(os.fsdecode(os.fsencode(dossier) + b"/exercice-00-premiers-pas\xe9.ipynb")).write_bytes(HONNETE)
    Path(os.fsdecode(os.fsencode(tmp_path / "copies") + b"/Lo\xefc")).mkdir()
    ecrire(Path(os.fsdecode(os.fsencode(tmp_path / "copies") + b"/Lo\xefc")) / MODULE / f"{NOTEBOOK}.ipynb")
    resultat = {c.brut: c for c in inventaire(tmp_path / "copies", tmp_path)}
    assert set(resultat) == {"Zoe", "Loïc"}
    for copie in resultat.values():
        copie.relatif.encode("utf-8")  # no surrogate left: the report and the CSV can be written
        assert copie.probleme is None and copie.notebook == NOTEBOOK
        assert any("pas écrit en UTF-8" in r for r in copie.remarques)
    assert resultat["Zoe"].relatif == f"Zoe/{MODULE}/exercice-00-premiers-pasé.ipynb"


def test_archives_found_in_a_submissions_folder_are_extracted(tmp_path):
    copies = tmp_path / "copies"
    zipper(copies / f"Jean Dupont_8{MOODLE}rendu.zip", [(f"{NOTEBOOK}.ipynb", HONNETE)])
    (copie,) = inventaire(copies, tmp_path)
    assert copie.eleve == "jean-dupont_8" and copie.notebook == NOTEBOOK and copie.probleme is None
    assert copie.relatif == f"Jean Dupont_8{MOODLE}rendu.zip/{NOTEBOOK}.ipynb"
    assert (copies / f"Jean Dupont_8{MOODLE}rendu.zip").exists(), "the grader's own file was removed"


# --------------------------------------------------------------------------- reading the notebooks


@pytest.mark.parametrize("niveaux", [500, 100_000])
def test_a_deeply_nested_notebook_is_refused_without_stopping_the_batch(tmp_path, niveaux):
    notebook = json.loads(HONNETE)
    notebook["cells"][0]["metadata"]["x"] = "PROFOND"
    texte = json.dumps(notebook).replace('"PROFOND"', "[" * niveaux + "]" * niveaux)
    ecrire(tmp_path / "copies" / "profond" / MODULE / f"{NOTEBOOK}.ipynb", texte.encode())
    ecrire(tmp_path / "copies" / "solution" / MODULE / f"{NOTEBOOK}.ipynb")
    resultat = {c.eleve: c for c in inventaire(tmp_path / "copies", tmp_path)}
    assert resultat["profond"].categorie == "illisible" and "imbriquées" in resultat["profond"].probleme
    assert resultat["solution"].probleme is None


def _copie_lue(tmp_path, notebook) -> collecte.Copie:
    ecrire(tmp_path / "copies" / "eleve" / MODULE / f"{NOTEBOOK}.ipynb", nbformat.writes(notebook).encode())
    (copie,) = inventaire(tmp_path / "copies", tmp_path)
    assert copie.probleme is None, copie.probleme
    return copie


def _cellule(notebook, grade_id: str) -> int:
    return next(i for i, c in enumerate(notebook.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def test_nbgrader_metadata_of_the_wrong_type_is_repaired_and_explained(tmp_path):
    from nbgrader.preprocessors import DeduplicateIds

    release = nbformat.read(RELEASE, as_version=4)
    notebook = nbformat.read(RELEASE, as_version=4)
    test, reponse, manuelle = (_cellule(notebook, g) for g in ("q1-verification", "q2-reponse", "q5-reponse"))
    notebook.cells[test].metadata["nbgrader"] = "oui"
    notebook.cells[reponse].source = "total_2025 = 3"
    notebook.cells[reponse].metadata["nbgrader"]["grade_id"] = 5
    notebook.cells[manuelle].metadata["nbgrader"]["points"] = "dix"
    sans_id = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"grade": True, "points": 100}})
    notebook.cells.insert(2, sans_id)
    copie = _copie_lue(tmp_path, notebook)
    collecte.reparer_metadonnees(copie, release)

    cellules = copie.contenu.cells
    assert cellules[test + 1].metadata["nbgrader"] == release.cells[test].metadata["nbgrader"]
    assert cellules[manuelle + 1].metadata["nbgrader"] == release.cells[manuelle].metadata["nbgrader"]
    assert "nbgrader" not in cellules[reponse + 1].metadata and "nbgrader" not in cellules[2].metadata
    assert cellules[reponse + 1].source == "total_2025 = 3", "the learner's answer was lost"
    texte = "\n".join(copie.reparations)
    assert len(copie.reparations) == 4
    assert '("oui" au lieu d\'un dictionnaire) ; reconnue à son contenu comme la cellule officielle « q1-verification »' in texte
    assert "grade_id vaut 5 au lieu d'un texte" in texte and 'points vaut "dix" au lieu d\'un nombre' in texte
    assert "grade_id manquant" in texte
    DeduplicateIds().preprocess(copie.contenu, {})  # stopped with AttributeError / TypeError / KeyError before
    cible = tmp_path / "depose.ipynb"
    copie.deposer(cible)
    assert nbformat.read(cible, as_version=4).cells[test + 1].metadata["nbgrader"]["grade_id"] == "q1-verification"


def test_a_notebook_with_sound_metadata_is_handed_over_byte_for_byte(tmp_path):
    copie = _copie_lue(tmp_path, nbformat.read(RELEASE, as_version=4))
    collecte.reparer_metadonnees(copie, nbformat.read(RELEASE, as_version=4))
    assert copie.reparations == []
    copie.deposer(tmp_path / "depose.ipynb")
    assert (tmp_path / "depose.ipynb").read_bytes() == copie.chemin.read_bytes()


def test_the_sanitize_preprocessors_before_the_restoration_accept_any_nbgrader_metadata():
    """nbgrader's DeduplicateIds stops on metadata that is not a mapping: NettoyerMetadonnees runs first."""
    from traitlets.config import Config

    from atelier.correction.pretraitements import RestaurerCellules, configurer

    c = Config()
    configurer(c, autograde=True)
    chaine = list(c.Autograde.sanitize_preprocessors)
    notebook = nbformat.read(RELEASE, as_version=4)
    notebook.cells[_cellule(notebook, "q1-verification")].metadata["nbgrader"] = "oui"
    for classe in chaine[:chaine.index(RestaurerCellules)]:
        notebook, _ = classe().preprocess(notebook, {})


# --------------------------------------------------------------------------- what the grader reads


class _Isolation:
    def description(self) -> str:
        return "partielle (essai)"


def _publier(tmp_path, eleves: dict) -> tuple[list[list[str]], str]:
    sortie = tmp_path / "correction"
    (sortie / "cours").mkdir(parents=True)
    etat = {"eleves": {}, "non_attribues": [], "modules": []}
    for eleve, (nom, fichier) in eleves.items():
        etat["eleves"][eleve] = {"nom": nom, "entrees": [{
            "fichier": fichier, "eleve": eleve, "nom": nom, "module": MODULE, "notebook": NOTEBOOK, "statut": "echec",
            "raison": f"essai « {fichier} »", "remarques": [f"remarque sur « {fichier} »"], "categorie": "illisible"}]}
    rapport.publier(sortie, etat, EXERCICES, _Isolation(), stats=None)
    with open(sortie / "notes.csv", encoding="utf-8", newline="") as fichier:
        lignes = list(csv.reader(fichier))
    return lignes, (sortie / "rapport.md").read_text(encoding="utf-8")


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(tmp_path):
    noms = {"a": "=1+2*3", "b": "+33 6 12", "c": "-2+3", "d": "@SOMME(A1)", "e": "\tx", "f": "\r=1", "g": "Zoé"}
    lignes, _ = _publier(tmp_path, {e: (n, f"{e}.ipynb") for e, n in noms.items()})
    colonnes = lignes[0]
    noms_csv = {l[colonnes.index("eleve")]: l[colonnes.index("nom")] for l in lignes[1:]}
    assert noms_csv == {**{e: "'" + n for e, n in noms.items()}, "f": "' =1", "g": "Zoé"}
    for ligne in lignes:
        for cellule in ligne:
            assert not cellule.startswith(("=", "+", "@", "\t", "\r")), cellule
    assert [rapport.neutraliser(v) for v in ("-1", "-1.5", "12", "-", "-x")] == ["-1", "-1.5", "12", "'-", "'-x"]


def test_names_from_the_submissions_cannot_add_markup_to_the_report(tmp_path):
    fichier = "x`](http://piege)<img src=x onerror=alert(1)>|.ipynb"
    _, texte = _publier(tmp_path, {"a": ("<b>Zoé</b> [lien](http://piege)", fichier)})
    assert "``x`](http://piege)<img src=x onerror=alert(1)>\\|.ipynb``" in texte  # one code span, whatever it holds
    hors_code = texte.replace("``x`](http://piege)<img src=x onerror=alert(1)>\\|.ipynb``", "")
    assert not re.search(r"(?<!\\)(<img|<b>|\]\(http)", hors_code), hors_code
    assert "\\<b\\>Zoé\\</b\\> \\[lien\\](http://piege)" in texte  # shown as typed


def test_a_damaged_state_file_does_not_stop_the_next_batch(tmp_path):
    from atelier.correction.lot import _charger_etat

    etat = tmp_path / "etat-correction.json"
    etat.write_text("", encoding="utf-8")  # what a batch stopped while writing it used to leave
    assert _charger_etat(etat) == {"eleves": {}, "non_attribues": [], "modules": []}
    assert not etat.exists() and (tmp_path / "etat-correction.json.abime").exists()
    rapport.ecrire(etat, json.dumps({"eleves": {"a": {"nom": "\udce9"}}}))
    assert _charger_etat(etat)["eleves"]["a"]["nom"] == "\udce9"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["etat-correction.json", "etat-correction.json.abime"]
