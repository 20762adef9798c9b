"""The hub's settings: written once as ``.hub/jupyterhub_config.py``, applied by :func:`configurer` when JupyterHub reads it.

The generated file holds only the trainer's choices (address, ports, limits) and one call to
:func:`configurer`, which sets JupyterHub from them: the proxy installed from npm, the accounts
of comptes.py, the learners' servers of poste.py, jupyterhub-idle-culler as a hub service, and
the state kept in the state folder. An API token for scripts (the tests, the benchmark) is
read from the environment variable ``ATELIER_HUB_JETON`` when the hub starts, never written.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from atelier.hub import comptes
from atelier.hub.etat import VARIABLE_ETAT, Etat

VARIABLE_JETON = "ATELIER_HUB_JETON"
LOCAL = "127.0.0.1"
SALLE = "0.0.0.0"


@dataclass
class Reglages:
    """What the trainer may choose (``python -m atelier.hub demarrer --help``)."""

    ip: str = LOCAL
    port: int = 8000
    port_hub: int = 0  # 0: port + 1
    port_api_proxy: int = 0  # 0: port + 2
    memoire_mo: int = 3072  # address space of each learner's server and of each of its kernels
    processeurs: float = 1.0  # shown to JupyterLab (CPU_LIMIT); the hub enforces no CPU share here
    inactivite: int = 3600  # seconds before an idle learner's server is stopped (jupyterhub-idle-culler)
    serveurs_max: int = 0  # learner servers running at once (0: no limit)

    @property
    def ports(self) -> tuple[int, int, int]:
        return self.port, self.port_hub or self.port + 1, self.port_api_proxy or self.port + 2

    @property
    def adresse(self) -> str:
        hote = "ADRESSE-DE-CE-POSTE" if self.ip == SALLE else self.ip
        return f"http://{hote}:{self.port}/"


def ecrire(etat: Etat, reglages: Reglages) -> Path:
    """Write ``jupyterhub_config.py`` in the state folder for these settings."""
    etat.creer()
    texte = (
        '"""JupyterHub configuration of the workshop hub, written by « python -m atelier.hub demarrer »: '
        'edit the options of that command rather than this file."""\n'
        "from atelier.hub.configuration import configurer\n\n"
        f"configurer(c, {str(etat.racine)!r}, {json.dumps(asdict(reglages), sort_keys=True)})  # noqa: F821\n"
    )
    etat.configuration.write_text(texte, encoding="utf-8")
    return etat.configuration


def configurer(c, racine: str, valeurs: dict) -> None:
    """Set JupyterHub's configuration object ``c`` for the state folder ``racine`` and the trainer's settings."""
    etat, reglages = Etat(Path(racine)), Reglages(**valeurs)
    port, port_hub, port_api = reglages.ports
    python = sys.executable

    c.JupyterHub.ip = reglages.ip
    c.JupyterHub.port = port
    c.JupyterHub.hub_ip = LOCAL
    c.JupyterHub.hub_port = port_hub
    c.ConfigurableHTTPProxy.api_url = f"http://{LOCAL}:{port_api}"
    c.ConfigurableHTTPProxy.command = [str(etat.proxy)]
    c.ConfigurableHTTPProxy.pid_file = str(etat.racine / "proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{etat.racine / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(etat.racine / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(etat.racine / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
    c.JupyterHub.template_vars = {
        "announcement_login": "Atelier « Données ouvertes locales » : entrez l'identifiant et le mot de passe "
                              "de votre fiche.",
    }

    c.JupyterHub.authenticator_class = "atelier.hub.authentification.AuthentificateurAtelier"
    c.AuthentificateurAtelier.fichier_comptes = str(etat.comptes)
    inscrits = comptes.lire(etat.comptes)
    c.Authenticator.admin_users = {nom for nom, compte in inscrits.items() if compte.get("formateur")}
    c.Authenticator.allowed_users = set(inscrits)  # listed in the admin page from the start

    c.JupyterHub.spawner_class = "atelier.hub.poste.PosteEleve"
    c.PosteEleve.home_dir_template = str(etat.eleves / "{username}")
    c.PosteEleve.echange = str(etat.echange)
    c.Spawner.cmd = [str(Path(python).parent / "jupyterhub-singleuser")]
    c.Spawner.default_url = "/lab"
    c.Spawner.mem_limit = reglages.memoire_mo * 1024 * 1024
    c.Spawner.cpu_limit = reglages.processeurs
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 90
    c.JupyterHub.concurrent_spawn_limit = 10
    c.JupyterHub.active_server_limit = reglages.serveurs_max

    c.JupyterHub.load_roles = [{
        "name": "arret-inactifs",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["arret-inactifs"],
    }]
    c.JupyterHub.services = [{
        "name": "arret-inactifs",
        "command": [python, "-m", "atelier.hub.inactifs", f"--timeout={reglages.inactivite}", "--cull-every=60"],
        "environment": {VARIABLE_ETAT: str(etat.racine)},  # so that every process of the hub names its folder
    }]
    jeton = os.environ.get(VARIABLE_JETON)
    if jeton:
        c.JupyterHub.services.append({"name": "scripts-atelier", "api_token": jeton})
        c.JupyterHub.load_roles.append({
            "name": "scripts-atelier",
            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users", "list:services",
                       "read:services"],
            "services": ["scripts-atelier"],
        })
