"""The command for agents: check a CSV or XLSX file against a local schema or a published schema's URL.

    python -m atelier.verifier FICHIER --schema SCHEMA_OU_ADRESSE [--separateur ";"] [--encodage cp1252]
                               [--feuille NOM] [--limite-erreurs N] [--en-ligne]

(also installed as ``atelier-verifier``; ``make verifier FICHIER=… SCHEMA=…``). A schema's URL is
answered from the recordings of ``data/enregistrements/`` unless ``--en-ligne`` is given (or
ATELIER_EN_DIRECT=1). Exit status: 0 valid, 1 not valid, 2 the check could not run.
"""

from __future__ import annotations

import argparse
import sys

from frictionless import FrictionlessException

from atelier.hors_ligne import EnregistrementIntrouvable, mode_hors_ligne
from atelier.verifier.schema import est_une_adresse
from atelier.verifier.verification import LIMITE_ERREURS, verifier_fichier


def analyser(argv: list[str] | None = None) -> argparse.Namespace:
    parseur = argparse.ArgumentParser(
        prog="atelier-verifier",
        description="Vérifie un fichier CSV ou XLSX avec un schéma Table Schema (frictionless) et explique chaque "
                    "erreur en français.",
    )
    parseur.add_argument("fichier", help="le fichier à vérifier (.csv ou .xlsx)")
    parseur.add_argument("--schema", required=True,
                         help="le schéma : chemin d'un schema.json, ou adresse d'un schéma publié (https://…)")
    parseur.add_argument("--separateur", help="séparateur du CSV s'il est mal détecté : « ; », « , », « tab »…")
    parseur.add_argument("--encodage", help="encodage du CSV s'il est mal détecté : utf-8, cp1252…")
    parseur.add_argument("--feuille", help="feuille du classeur à vérifier (la première par défaut)")
    parseur.add_argument("--limite-erreurs", type=int, default=LIMITE_ERREURS,
                         help=f"frictionless s'arrête après ce nombre d'erreurs (par défaut {LIMITE_ERREURS})")
    parseur.add_argument("--en-ligne", action="store_true",
                         help="télécharger le schéma publié au lieu de le lire dans les enregistrements")
    return parseur.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = analyser(argv)
    if est_une_adresse(options.schema) and not options.en_ligne:
        mode_hors_ligne(silencieux=True)
    separateur = "\t" if (options.separateur or "").lower() in ("tab", "\\t", "tabulation") else options.separateur
    try:
        rapport = verifier_fichier(options.fichier, options.schema, encodage=options.encodage, separateur=separateur,
                                   feuille=options.feuille, limite_erreurs=options.limite_erreurs)
    except EnregistrementIntrouvable as erreur:
        print(f"{erreur}\nAvec la commande : ajoutez --en-ligne pour télécharger le schéma.", file=sys.stderr)
        return 2
    except (OSError, ValueError, TypeError, FrictionlessException) as erreur:
        print(f"Vérification impossible : {erreur}", file=sys.stderr)
        return 2
    print(rapport)
    return 0 if rapport.valide else 1


if __name__ == "__main__":
    sys.exit(main())
