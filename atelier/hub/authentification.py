"""The hub's login: the accounts of comptes.py, checked against their salted scrypt hashes.

A small subclass of JupyterHub's own :class:`~jupyterhub.auth.Authenticator` (the base every
maintained authenticator extends): no identity provider, no self sign-up, only the people on the
trainer's list. The accounts file is read at each login, so accounts added while the hub runs
work at once; the trainer's account (``formateur`` in comptes.json) is the hub's admin.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from jupyterhub.auth import Authenticator
from traitlets import Unicode

from atelier.hub import comptes


class AuthentificateurAtelier(Authenticator):
    """Logs in the people of the accounts file (``fichier_comptes``) with the password of their slip."""

    fichier_comptes = Unicode(help="comptes.json written by « python -m atelier.hub comptes »").tag(config=True)

    def _comptes(self) -> dict:
        return comptes.lire(Path(self.fichier_comptes))

    async def authenticate(self, handler, data):
        nom = self.normalize_username((data or {}).get("username", ""))
        mot = (data or {}).get("password", "")
        compte = self._comptes().get(nom)
        if not compte or not mot:
            return None
        # scrypt takes tens of milliseconds: off the hub's event loop.
        if not await asyncio.get_running_loop().run_in_executor(None, comptes.verifier, mot, compte):
            self.log.warning("Mot de passe refusé pour %s", nom)
            return None
        return {"name": nom, "admin": bool(compte.get("formateur"))}

    def check_allowed(self, username, authentication=None):
        return username in self._comptes()
