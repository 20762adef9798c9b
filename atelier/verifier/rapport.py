"""The checker's report: frictionless's verdict, how the file was read, and each family of errors explained in French.

``print(rapport)`` gives the text; in a notebook the report displays itself (Markdown). The
errors themselves stay at hand in ``rapport.erreurs``, one row per error as frictionless reports
it (``rapport.par_famille()`` groups them, rows with no field included).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from atelier.verifier.explications import Explication

COLONNES_ERREURS = ["ligne", "colonne", "champ", "type d'erreur", "valeur", "détail"]


@dataclass
class Rapport:
    """What ``verifier_fichier`` found. ``valide`` is frictionless's verdict on the file and the schema."""

    fichier: str
    schema: str
    valide: bool
    lecture: str
    lignes_lues: int
    erreurs: pd.DataFrame
    explications: list[Explication] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    remarques: list[str] = field(default_factory=list)
    plafond: int | None = None
    """The error limit when frictionless stopped there (the file may hold more errors), else None."""

    @property
    def nombre_erreurs(self) -> int:
        return len(self.erreurs)

    def par_famille(self) -> pd.DataFrame:
        """The errors counted by field and error type, with the first row and value; rows with no field are kept."""
        if self.erreurs.empty:
            return pd.DataFrame(columns=["champ", "type d'erreur", "nombre", "première ligne", "exemple"])
        return (self.erreurs.groupby(["champ", "type d'erreur"], dropna=False, sort=False)
                .agg(nombre=("type d'erreur", "size"), **{"première ligne": ("ligne", "min")}, exemple=("valeur", "first"))
                .reset_index())

    def _verdict(self) -> str:
        if self.valide:
            return "VALIDE : frictionless ne trouve aucune erreur."
        familles = len(self.explications)
        compte = f"{self.nombre_erreurs} erreur{'s' if self.nombre_erreurs > 1 else ''}"
        if self.plafond:
            compte = f"au moins {compte}"
        return f"NON VALIDE : {compte}, en {familles} famille{'s' if familles > 1 else ''} à corriger."

    def phrase_plafond(self) -> str:
        return (f"frictionless s'est arrêté après {self.plafond} erreurs, à la ligne {self.lignes_lues + 1} : le reste du "
                "fichier n'a pas été lu et peut contenir d'autres erreurs. Corrigez les familles ci-dessous puis relancez "
                "la vérification, ou relevez la limite (limite_erreurs=…, --limite-erreurs).")

    def _sections(self) -> list[tuple[str, list[str]]]:
        sections = [("Erreurs, par famille", [str(e) for e in self.explications])]
        if self.plafond:
            sections[0][1].insert(0, self.phrase_plafond())
        sections.append(("Avertissements (ce que frictionless ne vérifie pas)", self.avertissements))
        sections.append(("Remarques sur la lecture et le schéma", self.remarques))
        return [(titre, lignes) for titre, lignes in sections if lignes]

    def __str__(self) -> str:
        texte = [f"Vérification de {self.fichier}", f"Schéma : {self.schema}",
                 f"Lecture : {self.lecture} ; {self.lignes_lues} ligne(s) de données lue(s).", self._verdict()]
        for titre, lignes in self._sections():
            texte += ["", titre + " :"] + [f"{i}. {l}" for i, l in enumerate(lignes, start=1)]
        return "\n".join(texte)

    def _repr_markdown_(self) -> str:
        texte = [f"**Vérification de `{self.fichier}`**", "", f"- Schéma : {self.schema}",
                 f"- Lecture : {self.lecture} ; {self.lignes_lues} ligne(s) de données lue(s).", f"- **{self._verdict()}**"]
        for titre, lignes in self._sections():
            texte += ["", f"**{titre}**", ""] + [f"{i}. {l}" for i, l in enumerate(lignes, start=1)]
        return "\n".join(texte)


def tableau_des_erreurs(erreurs: list) -> pd.DataFrame:
    """One row per frictionless error, with the columns the lesson uses."""
    lignes = [[getattr(e, "row_number", None), getattr(e, "field_number", None), getattr(e, "field_name", None),
               e.type, getattr(e, "cell", None), e.note] for e in erreurs]
    return pd.DataFrame(lignes, columns=COLONNES_ERREURS).astype({"ligne": "Int64", "colonne": "Int64"})
