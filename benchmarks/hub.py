"""How many learners one machine serves with the workshop hub: memory per learner, server start time, lesson time.

    python benchmarks/hub.py                      # steps of 1, 4, 8 and 12 learners
    python benchmarks/hub.py --paliers 1,6,12,20  # other steps
    python benchmarks/hub.py --json resultat.json

A real hub (``python -m atelier.hub demarrer``) is started on 127.0.0.1 in a temporary state
folder, with as many accounts as the last step needs. At each step, the learners that are not
running yet get their server (timed one by one, from the REST API's start request to « ready »),
then **every** running learner executes the same lesson at the same time, in a new kernel of
their own server (module 00's lesson 3: pandas, a plotly figure and a folium map), like a room
where everybody runs the cells with the trainer. Printed per step: servers running, start time
(median, max), lesson time (median, max; alone it is the first step's), memory per learner
measured when its lesson has run, its kernel still up (unique set size of the learner's server
and its kernel, which leaves out the shared libraries; and RSS), the hub's
own memory, and the machine's load average (the machine may be shared: read the times with it).

A lesson that fails (a kernel lost under load) is counted in « échecs » with its error, not fatal.
Nothing is asserted: these are measurements. Every process started is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atelier.hub import comptes  # noqa: E402
from atelier.hub.pilote import Pilote, processus  # noqa: E402

LECON = ROOT / "notebooks" / "00-prise-en-main" / "03-premier-graphique-et-premiere-carte.ipynb"


def cellules(chemin: Path) -> list[str]:
    notebook = nbformat.read(chemin, as_version=4)
    return [c.source for c in notebook.cells
            if c.cell_type == "code" and "raises-exception" not in c.metadata.get("tags", [])]


def memoire(eleve: str, serveurs: dict[str, psutil.Process]) -> tuple[float, float]:
    """(USS, RSS) in MiB of the learner's server and every process under it (its kernels)."""
    racine = serveurs[eleve]
    tous = [racine, *racine.children(recursive=True)]
    uss = sum(p.memory_full_info().uss for p in tous)
    rss = sum(p.memory_info().rss for p in tous)
    return uss / 2**20, rss / 2**20


def memoire_du_hub(hub: psutil.Process, serveurs: dict[str, psutil.Process]) -> int:
    """RSS of the hub and what it started that is not a learner's (the proxy, the culler), in bytes."""
    des_eleves = {p.pid for s in serveurs.values() for p in [s, *s.children(recursive=True)]}
    return sum(p.memory_info().rss for p in [hub, *hub.children(recursive=True)] if p.pid not in des_eleves)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paliers", default="1,4,8,12", help="numbers of learners running at once")
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    args = parser.parse_args()
    paliers = sorted({int(n) for n in args.paliers.split(",")})
    code = cellules(LECON)
    resultats = []
    with tempfile.TemporaryDirectory(prefix="banc-hub-") as dossier:
        pilote = Pilote(Path(dossier) / "etat")
        noms = [f"Participant {i:02d}" for i in range(1, paliers[-1] + 1)]
        comptes.creer_comptes(pilote.etat.comptes, noms, formateur=None)
        eleves = sorted(comptes.lire(pilote.etat.comptes))
        try:
            pilote.demarrer()
            hub = psutil.Process(pilote.process.pid)
            lances: list[str] = []
            demarrages: list[float] = []
            for palier in paliers:
                for eleve in eleves[len(lances):palier]:
                    debut = time.monotonic()
                    pilote.demarrer_serveur(eleve)
                    pilote.attendre_serveur(eleve)
                    demarrages.append(time.monotonic() - debut)
                    pilote.jeton_eleve(eleve)
                    lances.append(eleve)
                serveurs = {p.environ().get("JUPYTERHUB_USER"): p for p in processus(pilote.etat.racine)
                            if "jupyterhub-singleuser" in " ".join(p.cmdline())}
                mesures: dict[str, tuple[float, float]] = {}

                echecs: dict[str, str] = {}

                def lecon(eleve: str) -> float | None:
                    try:
                        return pilote.executer(eleve, code, avant_arret=lambda: mesures.__setitem__(
                            eleve, memoire(eleve, serveurs)))
                    except Exception as erreur:  # a lesson that fails is a measurement too: counted, not fatal
                        echecs[eleve] = f"{type(erreur).__name__}: {str(erreur)[:200]}"
                        return None

                with ThreadPoolExecutor(max_workers=len(lances)) as pool:
                    durees = [d for d in pool.map(lecon, lances) if d is not None] or [float("nan")]
                uss = [m[0] for m in mesures.values()] or [float("nan")]
                rss = [m[1] for m in mesures.values()] or [float("nan")]
                ligne = {
                    "serveurs": len(lances),
                    "demarrage_median_s": round(statistics.median(demarrages), 1),
                    "demarrage_max_s": round(max(demarrages), 1),
                    "lecon_mediane_s": round(statistics.median(durees), 1),
                    "lecon_max_s": round(max(durees), 1),
                    "uss_par_eleve_mo": round(statistics.median(uss)),
                    "rss_par_eleve_mo": round(statistics.median(rss)),
                    "hub_et_proxy_mo": round(memoire_du_hub(hub, serveurs) / 2**20),
                    "charge_1min": round(os.getloadavg()[0], 1),
                    "lecons_echouees": len(echecs),
                    "echecs": echecs,
                }
                resultats.append(ligne)
                print(json.dumps(ligne, ensure_ascii=False), flush=True)
        finally:
            pilote.arreter()
            restes = processus(pilote.etat.racine)
            for reste in restes:
                reste.kill()
            print(f"Processus encore là après l'arrêt du hub (tués) : {len(restes)}", flush=True)
    memoire_totale = psutil.virtual_memory().total / 2**30
    print(f"\nMachine : {os.cpu_count()} cœurs, {memoire_totale:.0f} Gio ; leçon : {LECON.relative_to(ROOT)}")
    print(f"{'serveurs':>8} {'démarrage (méd/max s)':>22} {'leçon (méd/max s)':>18} {'USS/élève Mo':>13} "
          f"{'RSS/élève Mo':>13} {'hub Mo':>7} {'charge':>7} {'échecs':>7}")
    for r in resultats:
        print(f"{r['serveurs']:>8} {r['demarrage_median_s']:>10}/{r['demarrage_max_s']:<11} "
              f"{r['lecon_mediane_s']:>8}/{r['lecon_max_s']:<9} {r['uss_par_eleve_mo']:>13} "
              f"{r['rss_par_eleve_mo']:>13} {r['hub_et_proxy_mo']:>7} {r['charge_1min']:>7} {r['lecons_echouees']:>7}")
    if args.json:
        args.json.write_text(json.dumps(resultats, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
