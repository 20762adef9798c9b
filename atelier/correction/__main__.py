"""The grader's command line: « python -m atelier.correction SOUMISSIONS --sortie DOSSIER ».

    python -m atelier.correction copies.zip --sortie correction
    python -m atelier.correction copies/ --sortie correction --module 00-prise-en-main --jobs 4
    python -m atelier.correction copies/ --sortie correction --eleve jean-dupont_12345   # one learner again
    python -m atelier.correction --sortie correction --exporter-seulement               # after manual grading

(also ``atelier-corriger`` and ``make grade SOUMISSIONS=... SORTIE=...``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from atelier.correction.collecte import ErreurCorrection
from atelier.correction.lot import SOURCES, Options, corriger


_ARGPARSE_FR = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et s'arrête",
    "the following arguments are required: %s": "argument obligatoire manquant : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "expected one argument": "une valeur est attendue",
    "argument %(argument_name)s: %(message)s": "option %(argument_name)s : %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}


def analyser_arguments(argv: list[str] | None = None) -> Options:
    anglais = argparse._
    argparse._ = lambda texte: _ARGPARSE_FR.get(texte, anglais(texte))  # the CLI speaks French
    try:
        return _analyser_arguments(argv)
    finally:
        argparse._ = anglais


def _analyser_arguments(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="atelier-corriger",
        description="Corrige les copies d'une promotion avec nbgrader : notes (CSV), retours HTML et rapport.",
    )
    parser.add_argument("soumissions", nargs="?", type=Path,
                        help="dossier ou archive .zip des copies (export Moodle ou dossiers <personne>/<module>/)")
    parser.add_argument("--sortie", type=Path, required=True, help="dossier où écrire les notes, les retours et le rapport")
    parser.add_argument("--module", help="module à corriger (par défaut : celui de chaque fichier)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="nombre de copies corrigées en même temps (par défaut : nombre de cœurs)")
    parser.add_argument("--timeout-cellule", type=int, default=120, help="durée maximale d'une cellule, en secondes (120)")
    parser.add_argument("--timeout-notebook", type=int, default=600, help="durée maximale d'un notebook, en secondes (600)")
    parser.add_argument("--motif", help="expression régulière qui reconnaît la personne dans le chemin des fichiers, "
                                        "avec les groupes (?P<eleve>...) et (?P<notebook>...)")
    parser.add_argument("--eleve", help="ne corriger (à nouveau) que cette personne ; les autres restent inchangées")
    parser.add_argument("--source", type=Path, default=SOURCES, help=argparse.SUPPRESS)
    parser.add_argument("--memoire", type=int, default=4096, help="mémoire maximale d'un notebook, en Mo (4096)")
    parser.add_argument("--disque", type=int, default=512,
                        help="place disque d'une copie (dossier de travail et échanges), en Mo (512 ; isolation complète)")
    parser.add_argument("--isolation", choices=["auto", "partielle", "minimale"], default="auto",
                        help="isolation des copies : la plus forte possible (auto), ou moins forte pour diagnostiquer")
    parser.add_argument("--exporter-seulement", action="store_true",
                        help="ne rien corriger : régénérer retours, notes.csv et rapport depuis le gradebook "
                             "(après la notation manuelle dans formgrader)")
    parser.add_argument("--garder-collecte", action="store_true",
                        help="garder, dans le dossier de sortie, le dossier collecte/ des fichiers extraits des archives "
                             "(par défaut, il est supprimé à la fin)")
    parser.add_argument("--garder-travail", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.timeout_cellule < 1 or args.timeout_notebook < 1:
        parser.error("--jobs, --timeout-cellule et --timeout-notebook doivent être positifs")
    return Options(
        soumissions=args.soumissions, sortie=args.sortie, module=args.module, jobs=args.jobs,
        timeout_cellule=args.timeout_cellule, timeout_notebook=args.timeout_notebook, motif=args.motif,
        eleve=args.eleve, source=args.source, memoire_mo=args.memoire, disque_mo=args.disque, isolation=args.isolation,
        exporter_seulement=args.exporter_seulement, garder_travail=args.garder_travail,
        garder_collecte=args.garder_collecte,
    )


def main(argv: list[str] | None = None) -> int:
    options = analyser_arguments(argv)
    try:
        resume = corriger(options)
    except ErreurCorrection as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 2
    print(resume["texte"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
