"""Offline replay of the web services the lessons call, built on vcrpy.

One line at the top of a lesson::

    atelier.mode_hors_ligne()

From then on, every HTTP request made with requests, urllib (pandas.read_csv on
a URL) or OWSLib is answered from the recordings in ``data/enregistrements/*.yaml``
(vcrpy cassettes, matched on method, scheme, host, port, path and query
parameters in any order). A request that has no recording raises
:class:`EnregistrementIntrouvable` at once, with a French message naming the
URL; nothing ever waits on the network.

Live mode: ``atelier.mode_direct()`` or the environment variable
``ATELIER_EN_DIRECT=1`` (then ``mode_hors_ligne()`` does nothing but say so).

Recording, for maintainers who are online: set ``ATELIER_ENREGISTRER`` to a
cassette file (e.g. ``data/enregistrements/odwb-reel.yaml``) and run the lesson;
requests already recorded are replayed, the others go to the real service and
are appended to that file as soon as they arrive (a relative path is taken from
the repository's root).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import vcr
from vcr.cassette import Cassette, CassetteContextDecorator
from vcr.persisters.filesystem import CassetteNotFoundError, FilesystemPersister

from atelier.chemins import DOSSIER_DONNEES, RACINE

DOSSIER_ENREGISTREMENTS = DOSSIER_DONNEES / "enregistrements"
VARIABLE_DIRECT = "ATELIER_EN_DIRECT"
VARIABLE_ENREGISTRER = "ATELIER_ENREGISTRER"

_COMMENT_PASSER_EN_DIRECT = (
    "Pour interroger le vrai service (connexion Internet nécessaire), exécutez "
    "« atelier.mode_direct() » dans le notebook, ou lancez Jupyter avec la variable "
    f"d'environnement {VARIABLE_DIRECT}=1."
)


class EnregistrementIntrouvable(Exception):
    """Offline mode is on and no recorded answer matches the request.

    Deliberately not an OSError: requests and urllib would wrap an OSError in an
    English "connection error"; this one reaches the learner as it is.
    """

    def __init__(self, methode: str, url: str, proches: list[str], dossier: Path = DOSSIER_ENREGISTREMENTS):
        self.methode = methode
        self.url = url
        self.proches = proches
        message = (
            f"Aucune réponse enregistrée pour {methode} {url}\n"
            "Le mode hors ligne est actif : les réponses viennent des enregistrements "
            f"du dossier {dossier}, sans connexion Internet.\n"
            "Vérifiez l'adresse et les paramètres : une seule lettre différente suffit "
            "pour ne pas trouver l'enregistrement."
        )
        if proches:
            message += "\nEnregistrements proches (même adresse, autres paramètres) :\n" + "\n".join(
                f"  - {p}" for p in proches
            )
        message += "\n" + _COMMENT_PASSER_EN_DIRECT
        super().__init__(message)


class _DossierDeCassettes:
    """vcrpy persister that reads every *.yaml cassette of a folder as one."""

    @staticmethod
    def load_cassette(cassette_path, serializer):
        requetes, reponses = [], []
        for fichier in sorted(Path(cassette_path).glob("*.yaml")):
            try:
                r, s, *_ = FilesystemPersister.load_cassette(fichier, serializer)
            except CassetteNotFoundError:  # an empty file
                continue
            requetes += r
            reponses += s
        if not requetes:
            raise CassetteNotFoundError()
        return requetes, reponses

    @staticmethod
    def save_cassette(cassette_path, cassette_dict, serializer):
        raise RuntimeError("The folder of recordings is read-only; new answers go to ATELIER_ENREGISTRER.")


class _CassetteAtelier(Cassette):
    """A cassette that fails in French when offline, and appends new answers to one file when recording."""

    fichier_enregistrement: Path | None = None
    dossier: Path = DOSSIER_ENREGISTREMENTS

    def can_play_response_for(self, request):
        if super().can_play_response_for(request):
            return True
        if self.write_protected:
            raise EnregistrementIntrouvable(request.method, request.uri, self._proches(request), self.dossier)
        return False

    def _proches(self, request, limite: int = 3) -> list[str]:
        cible = urlsplit(request.uri)
        proches = []
        for enregistree in self.requests:
            adresse = urlsplit(enregistree.uri)
            if (adresse.netloc, adresse.path) == (cible.netloc, cible.path) and enregistree.uri not in proches:
                proches.append(enregistree.uri)
        return proches[:limite]

    _chargee = False

    def _load(self):
        super()._load()
        self._chargee = True

    def append(self, request, response):
        super().append(request, response)
        # Save each new answer at once: a lesson that simply ends must not lose it.
        if self._chargee:
            self._save()

    def _save(self, force=False):
        nouvelles = self.data[self._loaded_count :]
        if not nouvelles or self.fichier_enregistrement is None:
            return
        fichier = Path(self.fichier_enregistrement)
        try:
            requetes, reponses, *_ = FilesystemPersister.load_cassette(fichier, self._serializer)
        except CassetteNotFoundError:
            requetes, reponses = [], []
        requetes = list(requetes) + [q for q, _ in nouvelles]
        reponses = list(reponses) + [r for _, r in nouvelles]
        FilesystemPersister.save_cassette(
            fichier, {"requests": requetes, "responses": reponses}, serializer=self._serializer
        )
        self._loaded_count = len(self.data)


def _corps_enregistre(requete, enregistree) -> None:
    """Bodies match when the recording holds one and they are equal: two catalogue searches differ only
    by the XML they post; a recording without a body (module 04's uploads) answers any body."""
    if requete.body and enregistree.body and requete.body != enregistree.body:
        raise AssertionError("the request body differs from the recorded one")


_config = vcr.VCR(
    match_on=("method", "scheme", "host", "port", "path", "query", "corps_enregistre"),
    decode_compressed_response=True,
    filter_headers=["authorization", "cookie", "set-cookie"],
)
_config.register_matcher("corps_enregistre", _corps_enregistre)
_config.register_persister(_DossierDeCassettes)

_actif: CassetteContextDecorator | None = None


def _arreter() -> None:
    global _actif
    if _actif is not None:
        _actif.__exit__(None, None, None)
        _actif = None


def mode_hors_ligne(dossier: str | os.PathLike | None = None, *, silencieux: bool = False) -> None:
    """Answer every web request from the recordings (the default for lessons).

    ``dossier`` is the folder of cassettes (data/enregistrements by default).
    Calling it twice is harmless: the recordings are reloaded.
    """
    if os.environ.get(VARIABLE_DIRECT, "").strip() not in ("", "0"):
        _arreter()
        if not silencieux:
            print(f"Mode direct ({VARIABLE_DIRECT} est définie) : les requêtes partent vers les vrais services.")
        return
    global _actif
    _arreter()
    dossier = Path(dossier) if dossier else DOSSIER_ENREGISTREMENTS
    enregistrer = os.environ.get(VARIABLE_ENREGISTRER)
    if enregistrer and not Path(enregistrer).is_absolute():
        # Notebooks run in their own folder: a relative path means one in the repository.
        enregistrer = str(RACINE / enregistrer)
    classe = type("_Cassette", (_CassetteAtelier,), {"fichier_enregistrement": enregistrer or None, "dossier": dossier})
    reglages = _config.get_merged_config(
        path=str(dossier),
        record_mode="new_episodes" if enregistrer else "none",
        allow_playback_repeats=True,
    )
    _actif = CassetteContextDecorator.from_args(classe, **reglages)
    cassette = _actif.__enter__()
    if not silencieux:
        if enregistrer:
            print(f"Mode enregistrement : les nouvelles réponses sont ajoutées à {enregistrer}.")
        else:
            print(f"Mode hors ligne : {len(cassette)} réponses enregistrées disponibles.")


def mode_direct() -> None:
    """Send requests to the real services again (needs an Internet connection)."""
    _arreter()
    print("Mode direct : les requêtes partent vers les vrais services (connexion Internet nécessaire).")


def mode_actuel() -> str:
    """« hors ligne », « enregistrement » or « direct »."""
    if _actif is None:
        return "direct"
    return "enregistrement" if os.environ.get(VARIABLE_ENREGISTRER) else "hors ligne"
