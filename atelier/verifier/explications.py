"""French explanation of each frictionless error family, with the failing rows and values and the usual fix.

frictionless finds the errors; this module only groups them (by field, error type and constraint)
and says in French what each group means for this schema: its types and formats, ``trueValues``,
``missingValues``, ``decimalChar``, patterns, lists, bounds and keys. A suggested fix is given only
when it is proven on the failing values themselves (removing dots is proposed only if the values
then match the pattern, a missing zero only if ``zfill`` makes them match).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable

from atelier.verifier.schema import SchemaLu

ETIQUETTES = {"blank-label", "duplicate-label", "extra-label", "incorrect-label", "missing-label", "blank-header",
              "label-error", "header-error", "unmatched-header"}
FICHIER = {"source-error", "scheme-error", "format-error", "encoding-error", "compression-error", "resource-error",
           "schema-error", "dialect-error", "control-error", "file-error", "hash-count", "byte-count"}
VIDES_COURANTS = {"NA", "N/A", "n/a", "na", "null", "NULL", "None", "nan", "NaN", "-", "nd", "ND", "#N/A", "?"}
OUI = {"oui", "o", "yes", "y", "vrai", "true", "1", "x", "v"}
NON = {"non", "n", "no", "faux", "false", "0"}


@dataclass
class Contexte:
    """What an explanation needs besides the errors: the schema, the file's format and how rows are named."""

    schema: SchemaLu
    format: str = "csv"
    index: list | None = None  # the DataFrame's index when a pandas table is checked, else None
    exemples: int = 3


@dataclass
class Explication:
    """One family of errors, explained: which field, how many, which rows, and the French sentence."""

    famille: str
    champ: str | None
    texte: str
    lignes: list[int] = field(default_factory=list)
    nombre: int = 0

    def __str__(self) -> str:
        return self.texte


# --------------------------------------------------------------------------------------------
# Small helpers: rows and values as a reader wants them
# --------------------------------------------------------------------------------------------

def citer(valeur) -> str:
    texte = "" if valeur is None else str(valeur)
    return "(case vide)" if texte.strip() == "" else f"« {texte if len(texte) <= 60 else texte[:57] + '…'} »"


def valeurs(erreurs: Iterable, nombre: int) -> list[str]:
    vues = []
    for erreur in erreurs:
        valeur = getattr(erreur, "cell", None)
        valeur = "" if valeur is None else str(valeur)
        if valeur not in vues:
            vues.append(valeur)
    return vues[:nombre] if nombre else vues


def exemples(erreurs: list, ctx: Contexte) -> str:
    return ", ".join(citer(v) for v in valeurs(erreurs, ctx.exemples))


def numeros(erreurs: Iterable) -> list[int]:
    return sorted({e.row_number for e in erreurs if getattr(e, "row_number", None)})


def lignes(numeros_: list[int], ctx: Contexte, montrer: int = 5) -> str:
    """« ligne 3 », « lignes 2, 5 et 9 », « lignes 2, 3, 4, 5, 6… (48 lignes) »; DataFrame rows by their index."""
    if ctx.index is not None:
        noms = [str(ctx.index[n - 2]) if 0 <= n - 2 < len(ctx.index) else str(n) for n in numeros_]
        singulier, pluriel = "ligne d'index", "lignes d'index"
    else:
        noms = [str(n) for n in numeros_]
        singulier, pluriel = "ligne", "lignes"
    if len(noms) == 1:
        return f"{singulier} {noms[0]}"
    if len(noms) <= montrer:
        return f"{pluriel} {', '.join(noms[:-1])} et {noms[-1]}"
    return f"{pluriel} {', '.join(noms[:montrer])} et {len(noms) - montrer} autres"


def _pluriel(n: int, mot: str, pluriel: str | None = None) -> str:
    return f"{n} {mot if n == 1 else (pluriel or mot + 's')}"


N_EST, N_A, N_ONT = "n'est", "n'a", "n'ont"


def _accord(n: int, singulier: str, pluriel: str) -> str:
    return singulier if n == 1 else pluriel


def _debut(texte: str, longueur: int = 200) -> str:
    """The first sentences of a description, up to about ``longueur`` characters."""
    texte = " ".join(str(texte).split())
    if len(texte) <= longueur:
        return texte if texte.endswith((".", "!", "?")) else texte + "."
    coupure = texte.rfind(". ", 0, longueur)
    return texte[:coupure + 1] if coupure > 40 else texte[:longueur].rsplit(" ", 1)[0] + "…"


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c)).casefold()


def _proche(valeur: str, permises: list[str]) -> str | None:
    """The allowed value a person most likely meant: same letters but for case and accents, else a close spelling."""
    for permise in permises:
        if _sans_accents(permise) == _sans_accents(valeur.strip()):
            return permise
    proches = difflib.get_close_matches(valeur, permises, n=1, cutoff=0.8)
    return proches[0] if proches else None


def _note_vides(valeurs_: list[str], ctx: Contexte) -> str:
    """A sentence when failing values look like « no value » but the schema does not count them as empty."""
    manquantes = ctx.schema.descripteur.get("missingValues", [""])
    vides = [v for v in valeurs_ if v.strip() in VIDES_COURANTS and v not in manquantes]
    if not vides:
        return ""
    return (f" {', '.join(citer(v) for v in vides)} ne compte pas comme une case vide pour ce schéma, qui n'accepte "
            f"comme valeurs manquantes que {', '.join(citer(m) for m in manquantes)} : laissez la case vide.")


# --------------------------------------------------------------------------------------------
# Values that have the wrong type
# --------------------------------------------------------------------------------------------

def _nombre(nom: str, champ: dict, erreurs: list, ctx: Contexte, entier: bool) -> str:
    vals = valeurs(erreurs, 0)
    decimal = champ.get("decimalChar", ".")
    groupe = champ.get("groupChar", "")
    causes = []
    if entier and vals and all(re.fullmatch(r"-?\d+\.0+", v) for v in vals if v.strip()):
        return (f"colonne « {nom} » : {_pluriel(len(erreurs), 'valeur')} {_accord(len(erreurs), 'est écrite', 'sont écrites')} comme des nombres à virgule "
                f"({exemples(erreurs, ctx)}, {lignes(numeros(erreurs), ctx)}) alors que le schéma attend des entiers "
                "(integer). pandas lit une colonne d'entiers qui a des cases vides comme des décimaux : convertissez-la "
                "avec .astype(\"Int64\") (avec un I majuscule, il garde les vides) avant d'écrire le fichier.")
    if decimal == "." and any(re.search(r"\d,\d", v) for v in vals):
        causes.append("une virgule décimale (écrivez le point : 1250.5)")
    if decimal != "." and any(re.search(r"\d\.\d", v) for v in vals):
        causes.append(f"un point décimal, alors que le schéma déclare decimalChar « {decimal} »")
    if any(re.search(r"\d[\s\u00a0\u202f]\d", v) for v in vals) and not groupe.isspace():
        causes.append("une espace entre les milliers (parfois une espace insécable)")
    if any(re.search(r"[€$£%]", v) for v in vals) and champ.get("bareNumber", True):
        causes.append("un symbole « € » ou « % » (le schéma veut le nombre seul)")
    if entier and any(re.fullmatch(r"-?\d+[.,]\d*[1-9]\d*", v) for v in vals):
        causes.append("des décimales dans une colonne d'entiers")
    genre = "des entiers (integer)" if entier else "des nombres (number)"
    texte = (f"colonne « {nom} » : {_pluriel(len(erreurs), 'valeur')} {_accord(len(erreurs), 'ne se lit', 'ne se lisent')} pas comme {_accord(len(erreurs), 'un entier' if entier else 'un nombre', genre.split(' (')[0])}, "
             f"alors que le schéma attend {genre} : {exemples(erreurs, ctx)} ({lignes(numeros(erreurs), ctx)}).")
    if causes:
        texte += " En cause : " + " ; ".join(causes) + "."
        texte += (" Avec pandas : .str.replace(\"€\", \"\").str.replace(r\"\\s\", \"\", regex=True)"
                  ".str.replace(\",\", \".\") puis .astype(float).")
    return texte + _note_vides(vals, ctx)


def _booleen(nom: str, champ: dict, erreurs: list, ctx: Contexte) -> str:
    vrais = champ.get("trueValues", ["true", "True", "TRUE", "1"])
    faux = champ.get("falseValues", ["false", "False", "FALSE", "0"])
    correspondance = {}
    for v in valeurs(erreurs, 0):
        forme = v.strip().casefold()
        if forme in OUI:
            correspondance[v] = vrais[0]
        elif forme in NON:
            correspondance[v] = faux[0]
    texte = (f"colonne « {nom} » : {_pluriel(len(erreurs), 'valeur')} {_accord(len(erreurs), N_EST, 'ne sont')} pas {_accord(len(erreurs), 'un booléen tel que ce schéma le demande', 'des booléens tels que ce schéma les demande')} "
             f"({exemples(erreurs, ctx)}, {lignes(numeros(erreurs), ctx)}). Le schéma écrit vrai avec "
             f"{' ou '.join(citer(v) for v in vrais)} et faux avec {' ou '.join(citer(v) for v in faux)} "
             "(propriétés trueValues et falseValues) : n'utilisez que ces valeurs.")
    if correspondance:
        if ctx.index is not None and set(correspondance) <= {"True", "False"}:
            texte += f" Avec pandas : .map({{True: \"{vrais[0]}\", False: \"{faux[0]}\"}})."
        else:
            texte += " Avec pandas : .replace({" + ", ".join(f"\"{a}\": \"{b}\"" for a, b in correspondance.items()) + "})."
    return texte + _note_vides(valeurs(erreurs, 0), ctx)


_FORMATS_DATE = [
    (re.compile(r"\d{1,2}/\d{1,2}/\d{4}"), "%d/%m/%Y", "JJ/MM/AAAA"),
    (re.compile(r"\d{1,2}-\d{1,2}-\d{4}"), "%d-%m-%Y", "JJ-MM-AAAA"),
    (re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}"), "%d.%m.%Y", "JJ.MM.AAAA"),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{2}"), "%d/%m/%y", "JJ/MM/AA"),
    (re.compile(r"\d{4}/\d{2}/\d{2}"), "%Y/%m/%d", "AAAA/MM/JJ"),
]


def _lisible(format_: str) -> str:
    for code, lettres in (("%Y", "AAAA"), ("%y", "AA"), ("%m", "MM"), ("%d", "JJ"), ("%H", "HH"), ("%M", "mm"),
                          ("%S", "ss")):
        format_ = format_.replace(code, lettres)
    return format_


def _date(nom: str, champ: dict, erreurs: list, ctx: Contexte, genre: str) -> str:
    format_ = champ.get("format", "default")
    attendu = {"date": "AAAA-MM-JJ", "datetime": "AAAA-MM-JJTHH:MM:SS (ISO 8601, avec le fuseau : +02:00 ou Z)",
               "time": "HH:MM:SS", "year": "AAAA (quatre chiffres)", "yearmonth": "AAAA-MM",
               "duration": "une durée ISO 8601 (P1D, PT2H30M…)"}[genre]
    iso = format_ in ("default", "any") or (genre == "date" and format_ == "%Y-%m-%d")
    if not iso and genre in ("date", "datetime", "time"):
        attendu = f"{_lisible(format_)} (format « {format_} » déclaré par le schéma)"
    vals = valeurs(erreurs, 0)
    texte = (f"colonne « {nom} » : {_pluriel(len(erreurs), 'valeur')} {_accord(len(erreurs), N_EST, 'ne sont')} pas au format {attendu} "
             f"que le schéma demande pour ce champ ({genre}) : {exemples(erreurs, ctx)} ({lignes(numeros(erreurs), ctx)}).")
    if genre == "date" and iso:
        for motif, code, lettres in _FORMATS_DATE:
            if any(motif.fullmatch(v.strip()) for v in vals):
                texte += (f" Des dates sont écrites {lettres} : convertissez-les avec pd.to_datetime(colonne, "
                          f"format=\"{code}\").dt.strftime(\"%Y-%m-%d\").")
                break
        if any(re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?", v.strip()) for v in vals):
            texte += " Des dates portent une heure : gardez la date seule, avec .dt.strftime(\"%Y-%m-%d\")."
        if ctx.format == "xlsx" and any(re.fullmatch(r"\d{5}(\.0)?", v.strip()) for v in vals):
            texte += " Dans le classeur, ces cellules sont au format Nombre : mettez la colonne au format Date."
        if "pd.to_datetime" not in texte:
            texte += " Avec pandas : pd.to_datetime(…, format=…) en précisant le format de chaque forme de date."
    if genre == "datetime" and any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.strip()) for v in vals):
        texte += " Il manque l'heure : sans heure connue, écrivez par exemple 2023-09-06T00:00:00+02:00."
    return texte + _note_vides(vals, ctx)


def _texte(nom: str, champ: dict, erreurs: list, ctx: Contexte) -> str:
    format_ = champ.get("format", "default")
    sens = {"email": "des adresses e-mail (nom@domaine.be)",
            "uri": "des adresses web complètes, qui commencent par http:// ou https://",
            "uuid": "des identifiants UUID", "binary": "du texte encodé en base64"}.get(format_)
    base = f"colonne « {nom} » : {_pluriel(len(erreurs), 'valeur')} ({exemples(erreurs, ctx)}, {lignes(numeros(erreurs), ctx)})"
    if sens:
        return f"{base} {_accord(len(erreurs), N_EST, 'ne sont')} pas {sens}, comme le demande le format « {format_} » du schéma."
    texte = f"{base} {_accord(len(erreurs), N_EST, 'ne sont')} pas du texte, alors que le schéma attend du texte (string)."
    if ctx.format == "xlsx":
        texte += (" Dans le classeur, ces cellules sont au format Nombre ou Date : mettez la colonne au format Texte "
                  "(les zéros initiaux perdus ne reviennent pas seuls : retapez-les, ou .str.zfill() avec pandas).")
    return texte


def _geographie(nom: str, champ: dict, erreurs: list, ctx: Contexte, genre: str) -> str:
    vals = valeurs(erreurs, 0)
    if genre == "geopoint":
        format_ = champ.get("format", "default")
        forme = {"default": "« longitude, latitude » (par exemple « 4.77, 50.37 »)",
                 "array": "[longitude, latitude]", "object": "{\"lon\": …, \"lat\": …}"}.get(format_, format_)
        texte = (f"colonne « {nom} » : {_pluriel(len(erreurs), 'point')} {_accord(len(erreurs), N_EST, 'ne sont')} pas {_accord(len(erreurs), 'écrit', 'écrits')} {forme} : "
                 f"{exemples(erreurs, ctx)} ({lignes(numeros(erreurs), ctx)}).")
    else:
        texte = (f"colonne « {nom} » : {_pluriel(len(erreurs), 'valeur')} {_accord(len(erreurs), N_EST, 'ne sont')} pas du GeoJSON valide : "
                 f"{exemples(erreurs, ctx)} ({lignes(numeros(erreurs), ctx)}). Un point s'écrit "
                 "{\"type\": \"Point\", \"coordinates\": [4.77, 50.37]}, longitude d'abord, en JSON (guillemets doubles).")
        if any("'" in v for v in vals):
            texte += " Des apostrophes remplacent les guillemets doubles : écrivez la valeur avec json.dumps()."
    return texte


def _json(nom: str, erreurs: list, ctx: Contexte, genre: str) -> str:
    forme = "un objet JSON {…}" if genre == "object" else "une liste JSON […]"
    return (f"colonne « {nom} » : {_pluriel(len(erreurs), 'valeur')} {_accord(len(erreurs), N_EST, 'ne sont')} pas {forme} : {exemples(erreurs, ctx)} "
            f"({lignes(numeros(erreurs), ctx)}). Écrivez-les avec json.dumps(), guillemets doubles compris.")


def expliquer_type(nom: str, erreurs: list, ctx: Contexte) -> str:
    champ = ctx.schema.champ(nom)
    genre = champ.get("type", "any")
    if genre in ("number", "integer"):
        return _nombre(nom, champ, erreurs, ctx, entier=genre == "integer")
    if genre == "boolean":
        return _booleen(nom, champ, erreurs, ctx)
    if genre in ("date", "datetime", "time", "year", "yearmonth", "duration"):
        return _date(nom, champ, erreurs, ctx, genre)
    if genre == "string":
        return _texte(nom, champ, erreurs, ctx)
    if genre in ("geopoint", "geojson"):
        return _geographie(nom, champ, erreurs, ctx, genre)
    if genre in ("object", "array"):
        return _json(nom, erreurs, ctx, genre)
    return (f"colonne « {nom} » : {_pluriel(len(erreurs), 'valeur')} {_accord(len(erreurs), N_A, N_ONT)} pas le type « {genre} » du schéma : "
            f"{exemples(erreurs, ctx)} ({lignes(numeros(erreurs), ctx)}).")


# --------------------------------------------------------------------------------------------
# Values that break a constraint
# --------------------------------------------------------------------------------------------

_CORRECTIONS: list[tuple[str, Callable[[str], str]]] = [
    ("retirez les espaces au début et à la fin (.str.strip())", str.strip),
    ("le tableur a transformé le code en nombre et ajouté « .0 » : retirez-le (.str.removesuffix(\".0\"))",
     lambda v: v.strip().removesuffix(".0")),
    ("retirez les points, espaces, tirets ou barres ajoutés pour la lisibilité (.str.replace(r\"[.\\s/-]\", \"\", regex=True))",
     lambda v: re.sub(r"[.\s/\-]", "", v)),
    ("écrivez-les en majuscules (.str.upper())", str.upper),
    ("écrivez-les en minuscules (.str.lower())", str.lower),
]


def _conseil_motif(vals: list[str], motif: re.Pattern) -> str:
    """A fix that makes every failing value match the pattern, proven on the values, or ''."""
    vals = [v for v in vals if v.strip()]
    if not vals:
        return ""
    for conseil, corriger in _CORRECTIONS:
        if all(motif.fullmatch(corriger(v)) for v in vals):
            return " Correction qui convient à toutes ces valeurs : " + conseil + "."
    for nettoyer in (lambda v: v.strip(), lambda v: v.strip().removesuffix(".0"), lambda v: re.sub(r"[.\s/\-]", "", v)):
        for longueur in range(2, 21):
            # at most two lost zeros: a SIREN (9 digits) where a SIRET (14) is due is not a lost zero
            if all(nettoyer(v).isdigit() and longueur - 2 <= len(nettoyer(v)) < longueur
                   and motif.fullmatch(nettoyer(v).zfill(longueur)) for v in vals):
                return (f" Il manque des chiffres au début : les zéros initiaux ont été perdus quand le code a été lu "
                        f"comme un nombre. Lisez le fichier avec dtype=str, puis remettez les zéros avec .str.zfill({longueur}).")
    return ""


def expliquer_contrainte(nom: str, contrainte: str, erreurs: list, ctx: Contexte) -> str:
    champ = ctx.schema.champ(nom)
    contraintes = champ.get("constraints", {})
    n = len(erreurs)
    ou = lignes(numeros(erreurs), ctx)
    if contrainte == "required":
        manquantes = ctx.schema.descripteur.get("missingValues", [""])
        detail = "" if manquantes == [""] else f" (ce schéma compte comme vides : {', '.join(citer(m) for m in manquantes)})"
        return (f"la colonne « {nom} » est obligatoire mais {_pluriel(n, 'case')} {'est vide' if n == 1 else 'sont vides'}"
                f"{detail} : {ou}. {_accord(n, 'Remplissez-la', 'Remplissez-les')} ; si l'information n'existe pas, la ligne n'a sans doute pas sa place "
                "dans le fichier.")
    if contrainte == "pattern":
        motif = contraintes.get("pattern", "")
        texte = (f"{_pluriel(n, 'valeur')} de « {nom} » {_accord(n, 'ne respecte', 'ne respectent')} pas le motif {motif} du schéma : "
                 f"{exemples(erreurs, ctx)} ({ou}).")
        try:
            conseil = _conseil_motif(valeurs(erreurs, 0), re.compile(motif))
        except re.error:
            conseil = ""
        if conseil:
            return texte + conseil
        if champ.get("example") not in (None, ""):
            texte += f" Exemple de valeur correcte donné par le schéma : « {champ['example']} »."
        return texte + (f" Le schéma le décrit ainsi : {_debut(champ['description'])}" if champ.get("description") else "")
    if contrainte == "enum":
        permises = [str(v) for v in contraintes.get("enum", [])]
        texte = (f"{_pluriel(n, 'valeur')} de « {nom} » {_accord(n, 'ne fait', 'ne font')} pas partie de la liste permise : {exemples(erreurs, ctx)} "
                 f"({ou}) ; valeurs permises : {', '.join(citer(v) for v in permises)}.")
        suggestions = [(v, _proche(v, permises)) for v in valeurs(erreurs, ctx.exemples) if v.strip()]
        suggestions = [f"{citer(v)} → {citer(p)}" for v, p in suggestions if p]
        if suggestions:
            texte += " Vouliez-vous écrire " + " ; ".join(suggestions) + " ? Les majuscules, les accents et les séparateurs comptent."
        return texte
    if contrainte in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        borne = contraintes.get(contrainte)
        sens = (_accord(n, "inférieure", "inférieures") + " au minimum" if "inimum" in contrainte
                else _accord(n, "supérieure", "supérieures") + " au maximum")
        if contrainte.startswith("exclusive"):
            sens += " (borne exclue)"
        texte = f"{_pluriel(n, 'valeur')} de « {nom} » {_accord(n, 'est', 'sont')} {sens} {borne} : {exemples(erreurs, ctx)} ({ou})."
        try:
            bas = float(contraintes.get("minimum", contraintes.get("exclusiveMinimum", float("-inf"))))
            haut = float(contraintes.get("maximum", contraintes.get("exclusiveMaximum", float("inf"))))
            nombres = [float(v.replace(",", ".")) for v in valeurs(erreurs, 0)]
        except (TypeError, ValueError):
            return texte
        if haut <= 1 and nombres and all(bas <= x / 100 <= haut for x in nombres):
            texte += (f" Ce sont sans doute des pourcentages : le schéma attend une proportion entre {bas:g} et {haut:g} "
                      "(80 % s'écrit 0.8). Divisez ces valeurs par 100.")
        return texte
    if contrainte in ("minLength", "maxLength"):
        limite = contraintes.get(contrainte)
        longueurs = [len(v) for v in valeurs(erreurs, 0)]
        if contrainte == "maxLength":
            return (f"{_pluriel(n, 'valeur')} de « {nom} » {_accord(n, 'dépasse', 'dépassent')} {limite} caractères (la plus longue en compte "
                    f"{max(longueurs)}) : {ou}. Raccourcissez-les, ou mettez le détail dans une autre colonne.")
        return f"{_pluriel(n, 'valeur')} de « {nom} » {_accord(n, 'compte', 'comptent')} moins de {limite} caractères : {exemples(erreurs, ctx)} ({ou})."
    if contrainte == "unique":
        return expliquer_unique(nom, erreurs, ctx)
    if contrainte == "jsonSchema":
        return (f"{_pluriel(n, 'valeur')} de « {nom} » {_accord(n, 'ne respecte', 'ne respectent')} pas le schéma JSON que le schéma décrit pour ce "
                f"champ : {exemples(erreurs, ctx)} ({ou}).")
    return f"{_pluriel(n, 'valeur')} de « {nom} » {_accord(n, 'viole', 'violent')} la contrainte « {contrainte} » du schéma : {exemples(erreurs, ctx)} ({ou})."


def expliquer_unique(nom: str, erreurs: list, ctx: Contexte) -> str:
    return (f"la colonne « {nom} » doit être unique, mais ces valeurs reviennent plusieurs fois : {exemples(erreurs, ctx)} "
            f"({lignes(numeros(erreurs), ctx)}, qui répètent une ligne précédente). Gardez une seule ligne par valeur.")


# --------------------------------------------------------------------------------------------
# The header: compared by position, explained by name
# --------------------------------------------------------------------------------------------

def expliquer_entete(erreurs: list, ctx: Contexte) -> list[Explication]:
    """The header's problems, from the labels frictionless read and the schema's field names."""
    libelles = next((list(e.labels) for e in erreurs if getattr(e, "labels", None)), [])
    attendus = ctx.schema.noms
    types = {e.type for e in erreurs}
    resultat = []

    def ajouter(texte: str, famille: str):
        resultat.append(Explication(famille=famille, champ=None, texte=texte, lignes=[1], nombre=len(erreurs)))

    sans_nom = [i + 1 for i, l in enumerate(libelles) if l is None or str(l).strip() == ""]
    noms = [str(l) for l in libelles if l is not None and str(l).strip() != ""]
    manquants = [a for a in attendus if a not in noms]
    en_trop = [l for l in noms if l not in attendus]
    renommes = []
    for attendu in list(manquants):
        for lu in en_trop:
            if _sans_accents(lu).replace("_", "") == _sans_accents(attendu).replace("_", "") or \
                    difflib.SequenceMatcher(None, lu.casefold(), attendu.casefold()).ratio() >= 0.8:
                renommes.append((lu, attendu))
                manquants.remove(attendu)
                en_trop.remove(lu)
                break
    if renommes:
        ajouter("en-tête : " + " ; ".join(f"la colonne « {lu} » devrait s'appeler « {attendu} »" for lu, attendu in renommes)
                + (". Renommez-la exactement comme dans le schéma (majuscules et tirets bas compris) ; tant qu'elle porte "
                   "un autre nom, ses cellules ne sont pas vérifiées." if len(renommes) == 1 else
                   ". Renommez-les exactement comme dans le schéma (majuscules et tirets bas compris) ; tant qu'elles "
                   "portent un autre nom, leurs cellules ne sont pas vérifiées."), "incorrect-label")
    if manquants:
        obligatoires = [m for m in manquants if ctx.schema.champ(m).get("constraints", {}).get("required")]
        texte = (f"il manque {len(manquants)} colonne(s) : {', '.join(manquants)}. Vérifiez l'orthographe exacte "
                 "(majuscules comprises) ; le schéma demande toutes ses colonnes, même celles qui restent vides"
                 + (f" (obligatoires : {', '.join(obligatoires)})" if obligatoires else "") + ".")
        if ctx.index is not None:
            texte += " Ajoutez-les ou renommez avec .rename(columns={...})."
        ajouter(texte, "missing-label")
    if en_trop:
        texte = f"colonne(s) absente(s) du schéma : {', '.join(en_trop)}. Retirez-les, ou renommez-les comme dans le schéma."
        if any(l.startswith("Unnamed") for l in en_trop):
            texte += " Une colonne « Unnamed: 0 » vient d'un index écrit dans le fichier : écrivez avec .to_csv(…, index=False)."
        if ctx.index is not None:
            texte += " Avec pandas : .drop(columns=[...])."
        ajouter(texte, "extra-label")
    if sans_nom:
        ajouter(f"{_pluriel(len(sans_nom), 'colonne')} sans nom (position {', '.join(map(str, sans_nom))}) : dans un "
                "tableur, des colonnes vides mais mises en forme restent dans le fichier exporté. Supprimez ces colonnes "
                "(clic droit, « Supprimer ») avant d'exporter ; avec pandas, .dropna(axis=\"columns\", how=\"all\").",
                "blank-label")
    doubles = sorted({l for l in noms if noms.count(l) > 1})
    if doubles:
        ajouter(f"deux colonnes portent le même nom ({', '.join(doubles)}) : renommez-en une.", "duplicate-label")
    vers_schema = dict(renommes)
    lus = [vers_schema.get(l, l) for l in noms if vers_schema.get(l, l) in attendus]  # the schema's names, file order
    dans_l_ordre = [a for a in attendus if a in lus]
    if "incorrect-label" in types and lus != dans_l_ordre:
        ecarts = [i for i, (a, b) in enumerate(zip(lus, dans_l_ordre)) if a != b]
        if ctx.index is not None:
            texte = "les colonnes n'ont pas l'ordre du schéma : réordonnez-les avec tableau[liste_des_noms_du_schema]."
        elif len(ecarts) == 2 and lus[ecarts[0]] == dans_l_ordre[ecarts[1]]:
            a, b = dans_l_ordre[ecarts[0]], dans_l_ordre[ecarts[1]]
            texte = (f"les colonnes « {a} » et « {b} » sont inversées : le schéma attend « {a} » avant « {b} ». "
                     "frictionless compare les colonnes par leur position ; remettez-les dans l'ordre du schéma.")
        else:
            texte = ("les colonnes n'ont pas l'ordre du schéma : frictionless compare les colonnes par leur position ; "
                     "remettez-les dans l'ordre : " + ", ".join(dans_l_ordre) + ".")
        ajouter(texte, "incorrect-label")
    if not resultat:
        ajouter("l'en-tête ne correspond pas au schéma : " + "; ".join(e.message for e in erreurs[:3]), "label-error")
    return resultat


# --------------------------------------------------------------------------------------------
# Rows: blank rows, shifted rows, keys
# --------------------------------------------------------------------------------------------

def expliquer_lignes_vides(erreurs: list, cles_vides: list, lignes_lues: int, ctx: Contexte) -> str:
    n = len(erreurs)
    if lignes_lues and n >= lignes_lues:
        texte = (f"le fichier ne contient aucune donnée : {'sa seule ligne est vide' if n == 1 else f'ses {n} lignes sont vides'} "
                 f"({lignes(numeros(erreurs), ctx)}). C'est un gabarit vide : remplissez-le, une ligne par objet décrit, "
                 "avant de le vérifier ; les lignes mises en forme mais vides d'un tableur comptent comme des lignes.")
    else:
        texte = (f"{_pluriel(n, 'ligne vide', 'lignes vides')} ({lignes(numeros(erreurs), ctx)}) : {_accord(n, 'supprimez-la', 'supprimez-les')}. Dans un "
                 "tableur, une ligne mise en forme mais sans valeur compte quand même ; avec pandas, .dropna(how=\"all\").")
    if cles_vides:
        texte += (" frictionless signale aussi une clé primaire vide (primary-key) sur ces lignes : c'est la même cause, "
                  "elle disparaît avec elles.")
    return texte


def expliquer_cases(famille: str, erreurs: list, lignes_lues: int, ctx: Contexte) -> str:
    rangs = numeros(erreurs)
    if famille == "missing-cell":
        texte = (f"{_pluriel(len(rangs), 'ligne')} {'a' if len(rangs) == 1 else 'ont'} moins de valeurs que l'en-tête "
                 f"({lignes(rangs, ctx)}) : il manque des cases en fin de ligne.")
    else:
        texte = (f"{_pluriel(len(rangs), 'ligne')} {'a' if len(rangs) == 1 else 'ont'} plus de valeurs que l'en-tête "
                 f"({lignes(rangs, ctx)}), par exemple {exemples(erreurs, ctx)} : souvent un séparateur à l'intérieur "
                 "d'une valeur écrite sans guillemets.")
    if lignes_lues and len(rangs) > 0.3 * lignes_lues:
        texte += (" Autant de lignes décalées : le séparateur ou la ligne d'en-tête lus ne sont sans doute pas les bons ; "
                  "vérifiez-les dans la section « Lecture » et donnez-les au besoin (separateur=…, --separateur).")
    return texte


def expliquer_cle(erreurs: list, ctx: Contexte) -> str:
    cle = ctx.schema.descripteur.get("primaryKey") or []
    cle = [cle] if isinstance(cle, str) else list(cle)
    rangs = numeros(erreurs)
    premieres = sorted({int(m.group(1)) for e in erreurs if (m := re.search(r"position (\d+)", e.note or ""))})
    texte = (f"{_pluriel(len(rangs), 'ligne')} {'répète' if len(rangs) == 1 else 'répètent'} la clé primaire "
             f"({', '.join(cle)}) d'une ligne précédente ({lignes(rangs, ctx)}"
             + (f", déjà vue {lignes(premieres, ctx)}" if premieres else "") + ") : il reste des doublons. "
             "Chaque ligne doit avoir une clé différente : retirez les doublons (.drop_duplicates()) ou corrigez "
             "l'identifiant. Repérez-les avec tableau[tableau.duplicated(subset=[...], keep=False)].")
    return texte


def expliquer_fichier(erreur, lecture_description: str) -> str:
    note = erreur.note or erreur.message
    if erreur.type == "encoding-error":
        return (f"le fichier ne se lit pas avec l'encodage choisi ({lecture_description}) : {note}. Donnez l'encodage "
                "vous-même (encodage=\"cp1252\", ou --encodage cp1252).")
    if erreur.type == "resource-error" and "not safe" in note:
        return (f"frictionless refuse d'ouvrir un chemin : {note}. frictionless refuse par sécurité les chemins absolus "
                "écrits en texte, par exemple Schema(\"/…/schema.json\") ; donnez un Path (Schema(Path(…))), ou un dossier "
                "basepath et un chemin relatif. Le fichier lui-même n'a peut-être aucun défaut.")
    if erreur.type == "schema-error":
        return f"frictionless refuse le schéma : {note}."
    return f"frictionless n'a pas pu lire le fichier ({erreur.type}) : {note}."


# --------------------------------------------------------------------------------------------
# All families, in the order a person fixes them
# --------------------------------------------------------------------------------------------

def _contrainte(erreur) -> str:
    trouve = re.search(r'constraint "(\w+)"', erreur.note or "")
    return trouve.group(1) if trouve else "?"


def expliquer(erreurs: list, ctx: Contexte, lignes_lues: int, lecture_description: str) -> list[Explication]:
    """Every family of ``erreurs`` explained: the file, the header, blank and shifted rows, each field, the keys."""
    resultat: list[Explication] = []

    def ajouter(famille, champ, groupe, texte):
        resultat.append(Explication(famille=famille, champ=champ, texte=texte, lignes=numeros(groupe), nombre=len(groupe)))

    for erreur in (e for e in erreurs if e.type in FICHIER):
        ajouter(erreur.type, None, [erreur], expliquer_fichier(erreur, lecture_description))
    entete = [e for e in erreurs if e.type in ETIQUETTES]
    if entete:
        resultat += expliquer_entete(entete, ctx)
    vides = [e for e in erreurs if e.type == "blank-row"]
    rangs_vides = set(numeros(vides))
    cles_vides = [e for e in erreurs if e.type == "primary-key" and e.row_number in rangs_vides]
    if vides:
        ajouter("blank-row", None, vides, expliquer_lignes_vides(vides, cles_vides, lignes_lues, ctx))
    for famille in ("missing-cell", "extra-cell"):
        groupe = [e for e in erreurs if e.type == famille]
        if groupe:
            ajouter(famille, None, groupe, expliquer_cases(famille, groupe, lignes_lues, ctx))
    cellules: dict[tuple, list] = {}
    for erreur in erreurs:
        if erreur.type in ("type-error", "constraint-error", "unique-error"):
            cle = (erreur.field_name, erreur.type, _contrainte(erreur) if erreur.type == "constraint-error" else "")
            cellules.setdefault(cle, []).append(erreur)
    ordre = {nom: i for i, nom in enumerate(ctx.schema.noms)}
    for (nom, famille, contrainte), groupe in sorted(cellules.items(), key=lambda kv: (ordre.get(kv[0][0], 1e9), kv[0][1])):
        if famille == "type-error":
            texte = expliquer_type(nom, groupe, ctx)
        elif famille == "unique-error":
            texte = expliquer_unique(nom, groupe, ctx)
        else:
            texte = expliquer_contrainte(nom, contrainte, groupe, ctx)
        ajouter(famille if not contrainte else f"{famille}/{contrainte}", nom, groupe, texte)
    doublons = [e for e in erreurs if e.type == "primary-key" and e.row_number not in rangs_vides]
    if doublons:
        ajouter("primary-key", None, doublons, expliquer_cle(doublons, ctx))
    connus = FICHIER | ETIQUETTES | {"blank-row", "missing-cell", "extra-cell", "type-error", "constraint-error",
                                     "unique-error", "primary-key"}
    autres: dict[str, list] = {}
    for erreur in erreurs:
        if erreur.type not in connus:
            autres.setdefault(erreur.type, []).append(erreur)
    for famille, groupe in autres.items():
        ou = lignes(numeros(groupe), ctx) if numeros(groupe) else "tout le fichier"
        if famille == "foreign-key":
            texte = (f"{_pluriel(len(groupe), 'ligne')} {_accord(len(groupe), 'renvoie', 'renvoient')} à une valeur absente de la table de référence "
                     f"(foreignKeys du schéma) : {ou}.")
        else:
            texte = f"{famille} ({groupe[0].title}) : {groupe[0].note or groupe[0].message} ({ou})."
        ajouter(famille, None, groupe, texte)
    return resultat
