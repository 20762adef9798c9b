"""The hub's command line (``make hub``, ``make hub-publier``...): « python -m atelier.hub COMMANDE ».

    python -m atelier.hub comptes participants.csv        # accounts and the sheet of passwords
    python -m atelier.hub demarrer                        # the hub on http://127.0.0.1:8000/
    python -m atelier.hub demarrer --salle                # the hub on the room's network too
    python -m atelier.hub publier 00-prise-en-main        # the exercise appears in « Assignments »
    python -m atelier.hub collecter 00-prise-en-main      # then: make grade SOUMISSIONS=.hub/soumissions
    python -m atelier.hub retourner 00-prise-en-main --sortie correction   # feedback to each learner
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from atelier.hub import comptes, configuration, echange
from atelier.hub.etat import VARIABLE_ETAT, Etat

AVERTISSEMENT_SALLE = """
ATTENTION : le hub écoute sur toutes les interfaces réseau de ce poste (--salle).
Toute machine qui peut joindre ce poste (le wifi de la salle, le réseau de l'administration)
voit la page de connexion ; la connexion n'est pas chiffrée (http) : les mots de passe et les
notebooks passent en clair sur ce réseau. Utilisez un réseau réservé à la salle, arrêtez le
hub à la fin de la séance (Ctrl+C) et voyez « Animer avec le hub » dans le guide du formateur.
"""


def _comptes(args, etat: Etat) -> int:
    noms = comptes.lire_participants(args.participants) if args.participants else []
    nouveaux = comptes.creer_comptes(etat.comptes, noms, set(args.renouveler or ()))
    if not nouveaux:
        print("Aucun nouveau compte : tous les participants en avaient déjà un "
              "(--renouveler IDENTIFIANT donne un nouveau mot de passe).")
        return 0
    adresse = configuration.Reglages(port=args.port).adresse
    feuille = comptes.ecrire_feuille(etat.feuille, nouveaux, adresse)
    largeur = max(len(p.identifiant) for p in nouveaux)
    print(f"{'identifiant':<{largeur}}  mot de passe  nom")
    for p in nouveaux:
        print(f"{p.identifiant:<{largeur}}  {p.mot_de_passe:<12}  {p.nom_complet}")
    print(f"\nFiches à imprimer et découper : {feuille}\n(supprimez ce fichier après l'impression : "
          "les mots de passe ne sont gardés nulle part ailleurs en clair)")
    return 0


def _demarrer(args, etat: Etat) -> int:
    if not etat.proxy.exists():
        print(f"Le proxy du hub est absent ({etat.proxy}) : lancez « make hub », qui l'installe.", file=sys.stderr)
        return 1
    if args.participants:
        _comptes(args, etat)
    if not any(not c.get("formateur") for c in comptes.lire(etat.comptes).values()):
        print("Aucun compte de participant : lancez d'abord « make hub PARTICIPANTS=liste.csv ».", file=sys.stderr)
        return 1
    reglages = configuration.Reglages(
        ip=configuration.SALLE if args.salle else configuration.LOCAL, port=args.port,
        memoire_mo=args.memoire, inactivite=args.inactivite, serveurs_max=args.serveurs_max)
    fichier = configuration.ecrire(etat, reglages)
    if args.salle:
        print(AVERTISSEMENT_SALLE, file=sys.stderr)
    print(f"Hub de l'atelier : {reglages.adresse} (arrêt : Ctrl+C)", flush=True)
    jupyterhub = str(Path(sys.executable).parent / "jupyterhub")
    os.chdir(etat.racine)
    os.environ[VARIABLE_ETAT] = str(etat.racine)  # the proxy and the culler carry it: their state folder
    os.execv(jupyterhub, [jupyterhub, "-f", str(fichier)])


def _echange(args, etat: Etat) -> int:
    if args.commande == "publier":
        echange.publier(etat, args.module)
        print(f"{args.module} est publié : les participants le voient dans « Assignments » (onglet Nbgrader).")
    elif args.commande == "collecter":
        copies = echange.collecter(etat, args.module)
        print(f"{len(copies)} copie(s) collectée(s) dans {etat.soumissions}.\n"
              f"Corrigez-les : make grade SOUMISSIONS={etat.soumissions} SORTIE=correction")
    else:
        places = echange.retourner(etat, args.module, args.sortie)
        print(f"{len(places)} retour(s) publié(s) : chaque participant clique « Fetch Feedback » dans « Assignments ».")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atelier.hub", description="Le hub de l'atelier (JupyterHub).")
    parser.add_argument("--etat", help="dossier d'état du hub (par défaut : .hub/ à la racine du dépôt)")
    sous = parser.add_subparsers(dest="commande", required=True)
    for nom, aide in (("comptes", "crée les comptes d'une liste de participants (CSV)"),
                      ("demarrer", "démarre le hub")):
        commande = sous.add_parser(nom, help=aide)
        commande.add_argument("participants", nargs="?", type=Path,
                              help="CSV des participants (colonnes « nom » et, si vous voulez, « prenom »)")
        commande.add_argument("--renouveler", nargs="*", metavar="IDENTIFIANT", help="nouveaux mots de passe pour eux")
        commande.add_argument("--port", type=int, default=8000, help="port du hub (8000)")
    demarrer = sous.choices["demarrer"]
    demarrer.add_argument("--salle", action="store_true",
                          help="écouter aussi sur le réseau de la salle (lisez l'avertissement du guide)")
    demarrer.add_argument("--memoire", type=int, default=3072, help="mémoire maximale par processus d'un participant, en Mo")
    demarrer.add_argument("--inactivite", type=int, default=3600, help="arrêt d'un serveur inactif après ces secondes")
    demarrer.add_argument("--serveurs-max", type=int, default=0, help="serveurs de participants ouverts à la fois (0 : sans limite)")
    for nom in ("publier", "collecter", "retourner"):
        commande = sous.add_parser(nom, help=f"{nom} un module par l'échange de nbgrader")
        commande.add_argument("module", help="par exemple 00-prise-en-main")
        if nom == "retourner":
            commande.add_argument("--sortie", type=Path, required=True, help="le dossier de « make grade » (SORTIE)")
    args = parser.parse_args(argv)
    etat = Etat.par_defaut(args.etat)
    try:
        if args.commande == "comptes":
            return _comptes(args, etat)
        if args.commande == "demarrer":
            return _demarrer(args, etat)
        return _echange(args, etat)
    except (comptes.ErreurComptes, echange.ErreurEchange) as erreur:
        print(erreur, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
