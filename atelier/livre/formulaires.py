"""The book's two forms, rendered at build time from atelier/evaluation.py (questions, columns, sessions).

In a page::

    ```{formulaire} avis
    ```

    ```{colonnes-du-formulaire} auto-evaluation
    ```

The first renders the form (book/_static/vendor/atelier/formulaires.js turns its answers into a CSV
download); the second, the table of the CSV's columns for the trainer. Both read the same
definitions as the trainer's reader, so the page, its file and ``lire_avis`` cannot drift apart.
"""

from __future__ import annotations

import json
from html import escape

from docutils import nodes
from docutils.parsers.rst import Directive

from atelier import evaluation

FORMULAIRES = {
    # name: (questions, columns, file name prefix)
    "avis": (evaluation.QUESTIONS_AVIS, evaluation.COLONNES_AVIS, "avis"),
    "auto-evaluation": (evaluation.QUESTIONS_AUTO_EVALUATION, evaluation.COLONNES_AUTO_EVALUATION, "auto-evaluation"),
}
JS = "vendor/atelier/formulaires.js"
MARQUE = "atelier-formulaire"  # the class the extension looks for to add the script to a page


def _question(q: evaluation.Question, formulaire: str) -> str:
    ident = f"{formulaire}-{q.colonne}"
    requis = " required" if q.obligatoire else ""
    facultatif = "" if q.obligatoire else ' <span class="facultatif">(facultatif)</span>'
    if q.genre in ("echelle", "choix"):
        choix = []
        for i, valeur in enumerate(q.valeurs):
            if not q.libelles:
                texte = valeur
            else:  # a scale shows its numbers, a choice only its words
                texte = f"{valeur} : {q.libelles[i]}" if q.genre == "echelle" else q.libelles[i]
            choix.append(f'<label><input type="radio" name="{q.colonne}" value="{escape(valeur)}"{requis}> '
                         f"{escape(texte)}</label>")
        return (f'<fieldset class="question question-{q.genre}" id="{ident}"><legend>{escape(q.intitule)}'
                f'{facultatif}</legend>{"".join(choix)}</fieldset>')
    champ = (f'<textarea id="{ident}" name="{q.colonne}" rows="3"{requis}></textarea>' if q.genre == "texte"
             else f'<input type="text" id="{ident}" name="{q.colonne}" autocomplete="off"{requis}>')
    return f'<div class="question"><label for="{ident}">{escape(q.intitule)}{facultatif}</label>{champ}</div>'


def _choix_seance() -> str:
    options = "".join(f'<option value="{escape(s["slug"])}">{escape(s["etape"])} — {escape(s["titre"])}</option>'
                      for s in evaluation.seances())
    return ('<div class="question choix-seance">'
            '<p class="seance-choisie" hidden>Séance : <strong></strong></p>'
            '<p class="seance-inconnue" hidden role="alert"></p>'
            '<label for="avis-seance">Choisissez la séance à laquelle vous avez participé</label>'
            f'<select id="avis-seance" name="seance" required><option value="">(choisissez)</option>{options}</select>'
            "</div>")


def formulaire_html(nom: str) -> str:
    questions, colonnes, prefixe = FORMULAIRES[nom]
    corps = (_choix_seance() if nom == "avis" else "") + "".join(_question(q, nom) for q in questions)
    return (f'<form class="{MARQUE}" data-formulaire="{nom}" data-prefixe="{prefixe}" '
            f"data-colonnes='{escape(json.dumps(list(colonnes)))}'>{corps}"
            '<button type="submit" class="btn btn-primary">Télécharger mes réponses (fichier CSV)</button>'
            '<p class="formulaire-message" role="status" aria-live="polite"></p></form>'
            '<noscript><p><strong>Ce formulaire a besoin de JavaScript</strong>, qui est désactivé dans votre '
            "navigateur : répondez plutôt sur papier ou par courriel à votre formateur.</p></noscript>")


def _description(colonne: str, questions) -> str:
    if colonne == "horodatage":
        return "La date et l'heure du téléchargement, avec le décalage horaire : 2026-03-12T16:05:09+01:00."
    if colonne == "seance":
        return "L'identifiant de la séance (slug de book/seances/seances.yml) : explorer-le-portail."
    q = next(q for q in questions if q.colonne == colonne)
    libelles = q.libelles if q.genre == "echelle" else [""] * len(q.valeurs)
    valeurs = (" Valeurs : " + ", ".join(f"{v} ({l})" if l else v for v, l in zip(q.valeurs, libelles)) + "."
               if q.valeurs else " Texte libre.")
    vide = "" if q.obligatoire else " Peut être vide."
    axe = f" Axe de l'autodiagnostic : {q.axe}." if q.axe else ""
    return f"Réponse à « {q.intitule.rstrip('.')} ».{valeurs}{vide}{axe}"


def colonnes_html(nom: str) -> str:
    questions, colonnes, _ = FORMULAIRES[nom]
    lignes = "".join(f"<tr><td><code>{c}</code></td><td>{escape(_description(c, questions))}</td></tr>"
                     for c in colonnes)
    return ('<table class="table colonnes-formulaire"><thead><tr><th>colonne</th><th>contenu</th></tr></thead>'
            f"<tbody>{lignes}</tbody></table>")


class _Directive(Directive):
    required_arguments = 1
    rendu = staticmethod(formulaire_html)

    def run(self):
        nom = self.arguments[0]
        if nom not in FORMULAIRES:
            raise self.error(f"unknown form {nom!r}; known: {', '.join(FORMULAIRES)}")
        env = self.state.document.settings.env  # rebuild the page when the questions or the sessions change
        env.note_dependency(str(evaluation.FICHIER_SEANCES))
        env.note_dependency(evaluation.__file__)
        return [nodes.raw("", self.rendu(nom), format="html")]


class FormulaireDirective(_Directive):
    rendu = staticmethod(formulaire_html)


class ColonnesDirective(_Directive):
    rendu = staticmethod(colonnes_html)


def setup(app):
    app.add_directive("formulaire", FormulaireDirective)
    app.add_directive("colonnes-du-formulaire", ColonnesDirective)
