"""The municipal council: its sessions and its decisions of 2023-2024 (data set, schema, raw register)."""

from __future__ import annotations

from datetime import date, timedelta

from vireloux.brutes import date_variee, ecrire_lignes, ligne_suivante, paires_de_lignes
from vireloux.commune import INS, PRODUCTEUR, aleatoire
from vireloux.formats import date_fr, utf8
from vireloux.schemas import champ, standard_scdl, table_schema
from vireloux.territoire import Territoire


MATIERES = {
    "1.1": "Marchés publics", "1.4": "Autres types de contrats", "3.1": "Acquisitions", "3.3": "Locations",
    "4.1": "Personnel titulaire", "5.2": "Fonctionnement des assemblées", "5.3": "Désignation de représentants",
    "5.7": "Intercommunalité", "6.1": "Police municipale", "7.1": "Décisions budgétaires", "7.2": "Fiscalité",
    "7.5": "Subventions", "8.1": "Enseignement", "8.3": "Voirie", "8.8": "Environnement", "8.9": "Culture",
    "9.1": "Autres domaines de compétences",
}
CONSEILLERS = 23


def _seances() -> list[date]:
    seances = []
    for annee in (2023, 2024):
        for mois in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12):
            d = date(annee, mois, 15)
            while d.weekday() != 1:  # third Tuesday
                d += timedelta(days=1)
            seances.append(d)
    return seances


def seances_2025() -> list[date]:
    seances = []
    for mois in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12):
        d = date(2025, mois, 15)
        while d.weekday() != 1:
            d += timedelta(days=1)
        seances.append(d)
    return seances


def deliberations(t: Territoire) -> list[dict]:
    """Decisions of the municipal council, 2023-2024 (SCDL « délibérations », adapted)."""
    rng = aleatoire("deliberations")
    seances = _seances()
    rues = [r.nom for r in t.rues]
    une_fois_par_an = set()
    lignes = []
    for k, seance in enumerate(seances):
        points = []
        if k:
            points.append(("5.2", f"Approbation du procès-verbal de la séance du {date_fr(seances[k - 1])}", None, "u"))
        annee = seance.year
        if seance.month == 12:
            points.append(("7.1", f"Budget communal de l'exercice {annee + 1} – services ordinaire et extraordinaire",
                           f"Budget {annee + 1}", "v"))
            points.append(("7.2", f"Taxe additionnelle à l'impôt des personnes physiques – exercice {annee + 1}",
                           f"Budget {annee + 1}", "v"))
        if seance.month == 6:
            points.append(("7.1", f"Compte communal de l'exercice {annee - 1}", f"Compte {annee - 1}", "v"))
        if seance.month in (5, 10):
            n = 1 if seance.month == 5 else 2
            points.append(("7.1", f"Modification budgétaire n°{n} de l'exercice {annee}", f"Budget {annee}", "v"))
        if seance.month in (3, 9):
            tranche = "1re" if seance.month == 3 else "2e"
            points.append(("7.5", f"Octroi de subsides aux associations – {tranche} tranche {annee}",
                           f"Budget {annee}", "u"))
        if annee == 2024 and seance.month == 2:
            points.append(("9.1", "Budget participatif 2024 – approbation du règlement", "Budget 2024", "u"))
        if annee == 2024 and seance.month == 11:
            points.append(("7.1", "Budget participatif 2024 – approbation des projets lauréats", "Budget 2025", "u"))
        if annee == 2024 and seance.month == 10:
            points.append(("9.1", "Adoption d'une politique communale de données ouvertes (open data)", None, "u"))
        if seance.month == 6:
            points.append(("8.1", f"Enseignement – organisation des implantations scolaires {annee}-{annee + 1}",
                           None, "u"))
        modeles = [
            ("1.1", "Marché public de travaux : réfection de voirie, {rue} – conditions et mode de passation", "b", "v"),
            ("1.1", "Marché public de fournitures : acquisition de mobilier scolaire", "b", "u"),
            ("6.1", "Règlement complémentaire de police : zone 30, {rue}", None, "u"),
            ("6.1", "Règlement complémentaire de police : stationnement réservé aux personnes handicapées, {rue}",
             None, "u"),
            ("5.7", "Assemblée générale ordinaire d'une intercommunale – approbation des points", None, "u"),
            ("5.3", "Désignation d'un représentant communal au conseil d'administration du centre culturel", None,
             "v"),
            ("3.1", "Acquisition d'une parcelle pour l'aménagement d'un espace vert, {rue}", "b", "v"),
            ("3.3", "Convention de mise à disposition de la salle des fêtes", None, "u"),
            ("8.3", "Classement dans la voirie communale : {rue}", None, "u"),
            ("8.8", "Plan communal de gestion des arbres remarquables", None, "u"),
            ("8.8", "Adhésion à la Convention des Maires pour le climat et l'énergie", None, "v"),
            ("8.9", "Convention avec le centre culturel – contrat-programme", "b", "u"),
            ("1.4", "Convention de partenariat avec l'ASBL Terre et Partage pour la collecte des textiles", None, "u"),
            ("4.1", "Modification du cadre du personnel administratif", None, "v"),
            ("7.2", "Règlement-taxe sur la collecte et le traitement des déchets ménagers", "b", "v"),
            ("7.5", "Règlement relatif à la prime communale pour l'installation d'une citerne d'eau de pluie", "b",
             "u"),
        ]
        for _ in range(rng.randint(6, 10)):
            code, objet, budget, vote = rng.choice(modeles)
            if "{rue}" not in objet:
                if (annee, objet) in une_fois_par_an:
                    continue  # a by-law or a convention is voted once a year at most
                une_fois_par_an.add((annee, objet))
            objet = objet.format(rue=rng.choice(rues))
            points.append((code, objet, f"Budget {annee}" if budget == "b" else budget, vote))
        vus = set()
        numero = 0
        for code, objet, budget, vote in points:
            if objet in vus:
                continue
            vus.add(objet)
            numero += 1
            absents = rng.choices([0, 1, 2, 3], weights=[40, 30, 20, 10])[0]
            reel = CONSEILLERS - absents
            if vote == "u" or rng.random() < 0.25:
                pour, contre, abst = reel, 0, 0
            else:
                majorite = 13 - rng.randint(0, min(absents, 2))
                opposition = reel - majorite
                contre = rng.randint(0, opposition)
                abst = opposition - contre
                pour = majorite
            ident = f"CC-{seance.isoformat()}-{numero:02d}"
            lignes.append({
                "COLL_NOM": PRODUCTEUR,
                "COLL_INS": INS,
                "DELIB_ID": ident,
                "DELIB_DATE": seance.isoformat(),
                "DELIB_MATIERE_CODE": code,
                "DELIB_MATIERE_NOM": MATIERES[code],
                "DELIB_OBJET": objet,
                "BUDGET_ANNEE": budget.split()[-1] if budget else None,
                "BUDGET_NOM": budget,
                "VOTE_EFFECTIF": CONSEILLERS,
                "VOTE_REEL": reel,
                "VOTE_POUR": pour,
                "VOTE_CONTRE": contre,
                "VOTE_ABSTENTION": abst,
                "DELIB_URL": f"https://www.vireloux.example/conseil/{seance.isoformat()}/{ident}.pdf",
            })
    return lignes


def schema_deliberations() -> dict:
    return table_schema(
        "deliberations", "Délibérations du conseil communal, 2023-2024",
        "Décisions adoptées en séance publique. Adapté du schéma SCDL « Délibérations » : COLL_INS (code INS) "
        "remplace COLL_SIRET, les champs de la préfecture française sont retirés ; les codes de matière suivent "
        "la nomenclature ACTES utilisée par le SCDL.",
        [champ("COLL_NOM", "string", "Collectivité", "Nom officiel de la collectivité.", requis=True),
         champ("COLL_INS", "string", "Code INS", "Code INS de la commune.", requis=True, pattern=r"^\d{5}$"),
         champ("DELIB_ID", "string", "Identifiant", "CC-date de séance-numéro du point.", requis=True, unique=True,
               pattern=r"^CC-\d{4}-\d{2}-\d{2}-\d{2}$"),
         champ("DELIB_DATE", "date", "Date de la séance", "Date de la décision (AAAA-MM-JJ).", requis=True),
         champ("DELIB_MATIERE_CODE", "string", "Code de la matière", "Code de la nomenclature ACTES.", requis=True,
               pattern=r"^\d\.\d{1,2}$"),
         champ("DELIB_MATIERE_NOM", "string", "Matière", "Libellé de la matière.", requis=True),
         champ("DELIB_OBJET", "string", "Objet", "Objet de la délibération.", requis=True),
         champ("BUDGET_ANNEE", "string", "Exercice budgétaire", "Année du budget concerné.", pattern=r"^[0-9]{4}$"),
         champ("BUDGET_NOM", "string", "Budget", "Budget concerné."),
         champ("VOTE_EFFECTIF", "integer", "Conseillers en fonction", "Nombre de membres du conseil.", minimum=0),
         champ("VOTE_REEL", "integer", "Votants", "Membres présents qui ont voté.", minimum=0),
         champ("VOTE_POUR", "integer", "Pour", "Votes pour.", minimum=0),
         champ("VOTE_CONTRE", "integer", "Contre", "Votes contre.", minimum=0),
         champ("VOTE_ABSTENTION", "integer", "Abstentions", "Abstentions.", minimum=0),
         champ("DELIB_URL", "string", "Lien", "Adresse du texte de la délibération (site fictif).", format_="uri")],
        cle=["DELIB_ID"], standard=standard_scdl("deliberations", "Délibérations", "2.1.5"),
    )


def brut_deliberations(lignes: list[dict]) -> tuple[bytes, list[dict]]:
    """brutes/deliberations-2023-2024.csv: the secretariat's register."""
    entete = ["Séance", "Point", "Matière", "Objet", "Présents", "Pour", "Contre", "Abstentions"]
    sortie = [entete]
    unanimes, doublons, proches, multilignes = [], [], [], []
    for i, l in enumerate(lignes):
        point = int(l["DELIB_ID"][-2:])
        objet = l["DELIB_OBJET"]
        if i % 41 == 10:
            objet = objet.replace(" – ", "\n", 1) if " – " in objet else objet + "\n(point ajouté en urgence)"
            multilignes.append(ligne_suivante(sortie))
        ligne = [date_variee(l["DELIB_DATE"], i // 9), str(point), f"{l['DELIB_MATIERE_CODE']} {l['DELIB_MATIERE_NOM']}",
                 objet, str(l["VOTE_REEL"]), str(l["VOTE_POUR"]), str(l["VOTE_CONTRE"]), str(l["VOTE_ABSTENTION"])]
        if l["VOTE_POUR"] == l["VOTE_REEL"] and i % 2 == 0:
            ligne[5:8] = ["unanimité", "", ""]
            unanimes.append(ligne_suivante(sortie))
        debut = ligne_suivante(sortie)
        sortie.append(ligne)
        if i in (15, 60, 88):
            doublons.append((debut, ligne_suivante(sortie)))
            sortie.append(list(ligne))
        if i in (40, 75):
            proche = list(ligne)
            proche[3] = "  " + ligne[3].rstrip() + "."
            proches.append((debut, ligne_suivante(sortie)))
            sortie.append(proche)
    texte = ecrire_lignes(sortie, ",")
    defauts = [
        {"famille": "dates", "defaut": "dates de séance dans quatre formats (03/04/2024, 2024-04-03, 3 avril 2024, 03-04-24)",
         "ou": "colonne « Séance »", "correction": "AAAA-MM-JJ"},
        {"famille": "texte-au-lieu-de-nombres", "defaut": "« unanimité » écrit dans la colonne Pour, Contre et Abstentions vides",
         "ou": f"{len(unanimes)} lignes, dont les lignes " + ", ".join(map(str, unanimes[:5])),
         "correction": "Pour = Présents, Contre = 0, Abstentions = 0"},
        {"famille": "doublons", "defaut": "points recopiés deux fois (doublons exacts)", "ou": paires_de_lignes(doublons),
         "correction": "une ligne par point"},
        {"famille": "doublons", "defaut": "doublons approchés : même point, objet avec espaces en tête et point final",
         "ou": paires_de_lignes(proches), "correction": "une ligne par point"},
        {"famille": "retours-ligne", "defaut": "retour à la ligne à l'intérieur d'une cellule (objet sur deux lignes, entre guillemets)",
         "ou": "enregistrements qui commencent aux lignes " + ", ".join(map(str, multilignes)) + " et occupent deux lignes",
         "correction": "objet sur une ligne"},
        {"famille": "colonne-composee", "defaut": "code et libellé de la matière dans une seule colonne (« 7.5 Subventions »)",
         "ou": "colonne « Matière »", "correction": "DELIB_MATIERE_CODE et DELIB_MATIERE_NOM"},
    ]
    return utf8(texte), defauts
