"""French help when a cell stops on an error, in the learner's own kernel.

``import atelier`` calls :func:`activer` when it runs in IPython. Through IPython's own hooks
(``set_custom_exc``, which also receives syntax errors, and the ``pre/post_run_cell`` events):

- an answer cell that fails shows a short French explanation (the nearest column names for a
  KeyError, the nearest name for a NameError…) above a shortened traceback: the line of the cell
  that failed and Python's last line; ``%tb`` would print the full one (``atelier.aide.detail()``);
- a self-check cell (it starts with « # Auto-vérification ») that fails shows one line, its hint;
  if the cell run just before it stopped on an error, it says so instead of blaming a missing name.

The error itself is unchanged (same type, same message in the notebook's output), so nbgrader and
the tests see exactly what they saw before.
"""

from __future__ import annotations

import difflib
import os
import re
import traceback

ROUGE, GRAS, FIN = "\x1b[31m", "\x1b[1m", "\x1b[0m"
DEBUT_AUTO_VERIFICATION = "# Auto-vérification"
CELLULE_EN_ERREUR = (
    "Indice : votre cellule de réponse s'est arrêtée sur une erreur (l'explication est sous elle). "
    "Corrigez-la, exécutez-la de nouveau, puis relancez cette vérification."
)


class _Etat:
    cellule = ""  # source of the cell being run
    precedente_en_erreur = False  # did the last cell run before it, self-checks aside, stop on an error?
    en_erreur = False
    derniere = None  # (type, value, traceback) of the last error, for detail()


def _proches(nom, candidats, n: int = 3) -> list[str]:
    candidats = [str(c) for c in candidats]
    proches = difflib.get_close_matches(str(nom), candidats, n=n, cutoff=0.6)
    sans_accents = {_simplifier(c): c for c in candidats}
    exact = sans_accents.get(_simplifier(nom))
    return ([exact] if exact and exact not in proches else []) + proches


def _simplifier(texte) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", str(texte)) if not unicodedata.combining(c)).lower().strip()


def _liste(noms) -> str:
    return ", ".join(f"« {n} »" for n in noms)


def _tableau_en_cause(tb):
    """The pandas object whose lookup raised (the ``self`` of the deepest pandas frame), if any."""
    trouve = None
    while tb is not None:
        objet = tb.tb_frame.f_locals.get("self")
        if type(objet).__module__.startswith(("pandas", "geopandas")) and hasattr(objet, "columns"):
            trouve = objet
        elif type(objet).__name__ == "Series" and trouve is None:
            trouve = objet
        tb = tb.tb_next
    return trouve


def _expliquer_cle(valeur, tb) -> str:
    cle = valeur.args[0] if valeur.args else ""
    tableau = _tableau_en_cause(tb)
    liste = re.fullmatch(r"\[(.*)\] not in index", str(cle))  # pandas, for a list of columns
    if liste:
        cle = ", ".join(n.strip(" '\"") for n in liste.group(1).split(","))
    if tableau is not None and hasattr(tableau, "columns"):
        colonnes = list(tableau.columns)
        proches = _proches(cle, colonnes)
        texte = f"La colonne « {cle} » n'existe pas dans ce tableau."
        if proches:
            texte += f" Vouliez-vous dire {_liste(proches)} ?"
        return texte + f" Ses colonnes : {_liste(colonnes[:12])}{' …' if len(colonnes) > 12 else ''}. " \
            "Un nom de colonne s'écrit exactement, accents et majuscules compris."
    if tableau is not None:
        return f"L'étiquette « {cle} » n'existe pas dans cette série (vérifiez l'orthographe, ou utilisez .iloc pour une position)."
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    dictionnaire = next((v for v in (tb.tb_frame.f_locals.values() if tb else []) if isinstance(v, dict) and v), None)
    texte = f"La clé « {cle} » n'existe pas."
    proches = _proches(cle, dictionnaire) if dictionnaire is not None else []
    if proches:
        texte += f" Vouliez-vous dire {_liste(proches)} ?"
    return texte + " Vérifiez son orthographe (accents et majuscules compris)."


def _expliquer_nom(valeur, shell) -> str:
    nom = getattr(valeur, "name", None) or (re.findall(r"'([^']+)'", str(valeur)) or [""])[0]
    connus = [n for n in (shell.user_ns if shell else {}) if not n.startswith("_")]
    proches = _proches(nom, connus)
    texte = f"Le nom « {nom} » n'est pas défini."
    if proches:
        texte += f" Vouliez-vous dire {_liste(proches)} ?"
    return texte + (" Sinon, exécutez d'abord la cellule qui le crée : après une réouverture du notebook, "
                    "relancez les cellules depuis le début (menu Exécution › Exécuter toutes les cellules).")


def _expliquer_attribut(valeur) -> str:
    nom, objet = getattr(valeur, "name", None), getattr(valeur, "obj", None)
    if nom is None or objet is None:
        return "Cet objet n'a pas l'attribut ou la méthode demandée : vérifiez son orthographe."
    proches = difflib.get_close_matches(nom, [n for n in dir(objet) if not n.startswith("_")], n=2, cutoff=0.75)
    texte = f"Un objet de type {type(objet).__name__} n'a pas d'attribut ou de méthode « {nom} »."
    if proches:
        texte += f" Vouliez-vous dire {_liste(proches)} ?"
    if objet is None or type(objet).__name__ == "NoneType":
        texte += " La valeur est None : une étape précédente n'a rien rendu (une fonction sans return ?)."
    return texte


def _expliquer_valeur(valeur) -> str:
    message = str(valeur)
    texte = re.search(r"(?:invalid literal for \w+\(\) with base \d+|could not convert string to float): '(.*)'", message)
    if texte:
        return (f"Le texte « {texte.group(1)} » ne peut pas être lu comme un nombre. Retirez les espaces et les "
                "unités ; une virgule décimale se lit avec decimal=\",\" dans pd.read_csv, ou en la remplaçant par un point.")
    if "doesn't match format" in message or "time data" in message or "Unknown datetime string format" in message:
        return ("Une date ne suit pas le format indiqué. Regardez une valeur de la colonne (jour/mois/année ?), "
                "puis donnez le format exact (format=\"%d/%m/%Y\") ou dayfirst=True ; errors=\"coerce\" marque les "
                "dates illisibles comme manquantes, pour les retrouver.")
    if re.search(r"Expected \d+ fields? in line \d+, saw \d+", message):
        return ("pandas ne trouve pas le même nombre de colonnes à chaque ligne : des lignes de titre précèdent "
                "peut-être l'en-tête (skiprows=...), ou le séparateur n'est pas le bon (sep=...).")
    if "Unable to parse string" in message:
        return ("pd.to_numeric a trouvé un texte qui n'est pas un nombre. errors=\"coerce\" le remplace par une "
                "valeur manquante : vous pourrez alors afficher les lignes concernées.")
    return "Une valeur n'a pas la forme attendue par la fonction appelée : relisez la dernière ligne ci-dessous."


def _expliquer_type(valeur) -> str:
    message = str(valeur)
    if re.search(r"unsupported operand|can only concatenate|must be str, not|not supported between instances", message):
        return ("Vous mélangez du texte et des nombres. Un nombre écrit entre guillemets (\"14015\") est du texte : "
                "retirez les guillemets, ou convertissez avec int(), float() ou pd.to_numeric().")
    if "NoneType" in message:
        return "Une valeur vaut None : une étape précédente n'a rien rendu (une fonction sans return, une cellule sautée ?)."
    if "not callable" in message:
        return "Vous appelez avec des parenthèses quelque chose qui n'est pas une fonction (un nom réutilisé pour une valeur ?)."
    if re.search(r"missing \d+ required|takes \d+ positional|unexpected keyword argument", message):
        return "La fonction n'a pas reçu les arguments attendus : comparez votre appel avec l'exemple de la leçon."
    return "Une opération a reçu une valeur d'un type inattendu (du texte au lieu d'un nombre, une liste au lieu d'un tableau…)."


def _expliquer_fichier(valeur) -> str:
    nom = getattr(valeur, "filename", None) or ""
    texte = f"Le fichier « {nom} » est introuvable depuis le dossier de ce notebook ({os.getcwd()})."
    dossier = os.path.dirname(str(nom)) or "."
    if os.path.isdir(dossier):
        proches = _proches(os.path.basename(str(nom)), os.listdir(dossier))
        if proches:
            texte += f" Fichiers proches dans ce dossier : {_liste(proches)}."
    return texte + (" Vérifiez le nom (extension, majuscules) ; pour les fichiers d'exemple, utilisez "
                    "atelier.donnees(\"…\").")


def expliquer(erreur: BaseException, shell=None) -> str:
    """A short French explanation of ``erreur`` for someone who does not code (one to three sentences)."""
    tb = erreur.__traceback__
    if isinstance(erreur, SyntaxError):
        return expliquer_syntaxe(erreur)
    if isinstance(erreur, NotImplementedError) and not str(erreur):
        return ("Cette cellule attend encore votre réponse : effacez les lignes « # VOTRE CODE ICI » et "
                "« raise NotImplementedError() », écrivez votre code à leur place, puis exécutez la cellule.")
    if isinstance(erreur, ModuleNotFoundError):
        return (f"La bibliothèque « {erreur.name} » n'est pas installée dans cet environnement : ouvrez JupyterLab "
                "avec la commande d'installation du guide (make lab), ou demandez à votre formateur.")
    if isinstance(erreur, UnicodeDecodeError):
        return ("Ce fichier n'est pas écrit en UTF-8 : indiquez son encodage avec encoding=... (la leçon « Lire ce "
                "que vous avez vraiment » du module 3 montre comment le reconnaître), puis vérifiez les accents.")
    if isinstance(erreur, KeyError):
        return _expliquer_cle(erreur, tb)
    if isinstance(erreur, NameError):
        return _expliquer_nom(erreur, shell)
    if isinstance(erreur, AttributeError):
        return _expliquer_attribut(erreur)
    if isinstance(erreur, FileNotFoundError):
        return _expliquer_fichier(erreur)
    if isinstance(erreur, ZeroDivisionError):
        return "Une division par zéro : un total ou un effectif vaut 0 (un filtre qui ne garde aucune ligne ?)."
    if isinstance(erreur, IndexError):
        return "Vous demandez une position qui n'existe pas (la liste ou le tableau est plus court, ou vide)."
    if isinstance(erreur, ValueError):
        return _expliquer_valeur(erreur)
    if isinstance(erreur, TypeError):
        return _expliquer_type(erreur)
    if isinstance(erreur, AssertionError):
        return str(erreur) or "Une vérification a échoué."
    if type(erreur).__module__.startswith("atelier"):
        return str(erreur)
    return (f"Python s'est arrêté sur une erreur de type {type(erreur).__name__}. La dernière ligne ci-dessous "
            "en donne la raison ; en cas de doute, montrez-la à votre formateur.")


def expliquer_syntaxe(erreur: SyntaxError) -> str:
    """French explanation of a SyntaxError (the cell did not run at all)."""
    ligne = f"ligne {erreur.lineno}" if erreur.lineno else "une ligne"
    if isinstance(erreur, IndentationError):
        return (f"Python ne comprend pas le décalage de la {ligne} : les lignes d'un même bloc commencent au même "
                "endroit ; retirez les espaces en trop au début de la ligne.")
    message = str(erreur.msg or "")
    if re.search(r"was never closed|unterminated|EOF|incomplete input", message):
        cause = "une parenthèse, un crochet ou un guillemet ouvert n'est pas refermé"
    elif "expected 'else'" in message:
        cause = "une condition écrite sur une ligne demande aussi sa partie « else »"
    elif "invalid decimal literal" in message or "leading zeros" in message:
        cause = "un nombre est mal écrit (une virgule au lieu d'un point, un zéro au début, ou un nom qui commence par un chiffre)"
    elif "Perhaps you forgot a comma" in message:
        cause = "il manque une virgule entre deux éléments"
    elif "expected ':'" in message:
        cause = "il manque les deux-points « : » en fin de ligne"
    elif "invalid character" in message:
        cause = "un caractère n'est pas permis dans du code (guillemets typographiques « » ou “ ” : utilisez \")"
    else:
        cause = "un signe manque ou est en trop (parenthèse, guillemet, virgule, deux-points)"
    return f"Python ne comprend pas l'écriture de la {ligne}, rien n'a été exécuté : {cause}."


def _cadre_de_la_cellule(tb):
    """The deepest frame of the traceback that belongs to a notebook cell (file, line number)."""
    trouve = None
    for cadre, numero in traceback.walk_tb(tb):
        nom = cadre.f_code.co_filename
        if nom.startswith("<ipython-input") or "ipykernel_" in nom or nom.startswith("<cell"):
            trouve = (nom, numero)
    return trouve


def _ligne_de_la_cellule(numero: int) -> str:
    lignes = _Etat.cellule.splitlines()
    return lignes[numero - 1].strip() if 0 < numero <= len(lignes) else ""


def _traceback_court(etype, valeur, tb) -> list[str]:
    cadre = _cadre_de_la_cellule(tb)
    lignes = []
    if cadre is not None:
        lignes.append(f"Dans votre cellule, ligne {cadre[1]} : {_ligne_de_la_cellule(cadre[1])}")
    if isinstance(valeur, SyntaxError) and valeur.text:
        lignes.append(f"Ligne {valeur.lineno} : {valeur.text.rstrip()}")
    texte = valeur.msg if isinstance(valeur, SyntaxError) else str(valeur)
    derniere = f"{etype.__name__}: {texte}" if texte else etype.__name__
    premiere = derniere.splitlines()[0] if derniere.strip() else etype.__name__
    lignes.append(premiere[:300] + (" …" if len(premiere) > 300 or premiere != derniere.strip() else ""))
    lignes.append("(Détail complet : exécutez atelier.aide.detail() dans une nouvelle cellule.)")
    return lignes


def _est_auto_verification() -> bool:
    return _Etat.cellule.lstrip().startswith(DEBUT_AUTO_VERIFICATION)


def _indice(erreur: BaseException, shell) -> str:
    """The one line a failed self-check shows."""
    if _Etat.precedente_en_erreur:
        return CELLULE_EN_ERREUR
    if isinstance(erreur, AssertionError) and str(erreur):
        return " ".join(str(erreur).split())
    if isinstance(erreur, NameError):
        return f"Indice : {_expliquer_nom(erreur, shell)}"
    return f"Indice : votre réponse n'a pas la forme attendue. {expliquer(erreur, shell)}"


def _lignes(shell, etype, valeur, tb) -> list[str]:
    if _est_auto_verification():
        return [f"{ROUGE}✗ {_indice(valeur, shell)}{FIN}"]
    return [f"{ROUGE}{GRAS}✗ {expliquer(valeur, shell)}{FIN}", *_traceback_court(etype, valeur, tb)]


def _afficher(shell, etype, valeur, tb, tb_offset=None):
    """IPython's custom exception handler: it shows the error itself (the kernel sends ename and evalue unchanged)."""
    _Etat.derniere = (etype, valeur, tb)
    lignes = _lignes(shell, etype, valeur, tb)
    shell._showtraceback(etype, valeur, lignes)
    return lignes


def detail() -> None:
    """Print the full Python traceback of the last error (for the trainer, or the curious)."""
    if _Etat.derniere is None:
        print("Aucune erreur à détailler.")
        return
    print("".join(traceback.format_exception(*_Etat.derniere)))


def _avant(info) -> None:
    _Etat.cellule = getattr(info, "raw_cell", "") or ""
    _Etat.precedente_en_erreur = _Etat.en_erreur


def _apres(resultat) -> None:
    # self-checks leave the state alone: it describes the last answer (or other) cell the learner ran
    if not _est_auto_verification():
        _Etat.en_erreur = bool(resultat.error_before_exec or resultat.error_in_exec)


def activer(shell=None) -> bool:
    """Install the French error help in the running IPython kernel (once). False outside IPython."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or getattr(shell, "_atelier_aide", False):
        return shell is not None
    shell._atelier_aide = True
    shell.set_custom_exc((Exception,), _afficher)  # SyntaxError included: IPython routes it here too
    shell.events.register("pre_run_cell", _avant)
    shell.events.register("post_run_cell", _apres)
    return True
