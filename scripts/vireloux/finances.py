"""The commune's money: subsidies granted in 2024 and the 2025 budget (data sets, schemas, raw files)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from vireloux.brutes import cp1252, date_variee, ecrire_lignes, nombre_fr
from vireloux.commune import CODE_POSTAL, COMMUNE, INS, PRODUCTEUR, aleatoire
from vireloux.formats import texte_nombre, zip_deterministe
from vireloux.schemas import champ, standard_scdl, table_schema
from vireloux.territoire import Territoire


# Subsidies ----------------------------------------------------------------------------------

ASSOCIATIONS = [
    ("RFC Vireloux", "Sport", "Fonctionnement de l'école des jeunes", 4500),
    ("Entente Moulin-Brûlé", "Sport", "Achat de filets et de ballons", 1200),
    ("Basket Club de la Viroule", "Sport", "Participation au championnat provincial", 2800),
    ("Vireloux Natation", "Sport", "Location de lignes d'eau à la piscine communale", 3200),
    ("Tennis de table Les Coteaux", "Sport", "Achat de deux tables de compétition", 900),
    ("Les Marcheurs de la Viroule", "Sport", "Balisage des promenades", 650),
    ("Judo Club Vireloux", "Sport", "Stage d'été pour les enfants", 1100),
    ("Comité des fêtes du Centre", "Fêtes", "Organisation de la fête de la Saint-Jean", 3500),
    ("Comité de quartier des Tilleuls", "Fêtes", "Fête des voisins des Tilleuls", 800),
    ("Les Amis de Sart-Loriot", "Fêtes", "Kermesse de Sart-Loriot", 1500),
    ("Comité des fêtes de Fond-des-Vaux", "Fêtes", "Marche aux flambeaux", 700),
    ("Jeunesse de Bois-Hennin", "Fêtes", "Grand feu de Bois-Hennin", 1300),
    ("Harmonie royale de Vireloux", "Culture", "Achat d'instruments", 2600),
    ("Chorale Sainte-Cécile", "Culture", "Concert de Noël", 600),
    ("Cercle d'histoire de la Viroule", "Culture", "Publication du bulletin annuel", 950),
    ("Théâtre des Coteaux", "Culture", "Création d'une pièce en wallon", 1400),
    ("Ciné-club Vireloux", "Culture", "Cycle de projections en plein air", 1800),
    ("École de devoirs Le Cartable", "Social", "Fonctionnement de l'école de devoirs", 5200),
    ("Repair Café de Vireloux", "Environnement", "Achat d'outillage", 700),
    ("Les Jardins partagés de la Gare", "Environnement", "Aménagement de bacs potagers", 1600),
    ("Natagora Vireloux", "Environnement", "Inventaire des oiseaux du Marais", 1250),
    ("Croix-Rouge – maison de Vireloux", "Social", "Vestiaire social", 2200),
    ("Les Restos du Cœur de la Viroule", "Social", "Colis alimentaires", 4800),
    ("Télé-Accueil Namur (antenne de Vireloux)", "Social", "Permanences d'écoute", 500),
    ("Association des parents de l'école du Centre", "Enseignement", "Classes de dépaysement", 1500),
    ("Association des parents des Tilleuls", "Enseignement", "Achat de livres pour la bibliothèque de classe", 700),
    ("Maison des jeunes de Vireloux", "Jeunesse", "Ateliers hip-hop", 3800),
    ("Scouts et Guides de Vireloux", "Jeunesse", "Camp d'été", 1200),
    ("Patro Saint-Roch", "Jeunesse", "Rénovation du local", 2500),
    ("Club des aînés du Moulin", "Seniors", "Excursion annuelle", 650),
    ("Université du temps libre de Vireloux", "Seniors", "Cycle de conférences", 900),
    ("Vireloux Commerces", "Économie", "Animations de Noël dans le centre", 3000),
    ("Syndicat d'initiative de Vireloux", "Tourisme", "Réédition de la carte des promenades", 2400),
    ("Apiculteurs de la Viroule", "Environnement", "Installation de ruches pédagogiques", 850),
]
PRIMES = [
    ("Prime communale à l'installation d'une citerne d'eau de pluie", 250),
    ("Prime à l'achat d'un vélo à assistance électrique", 150),
    ("Prime à la rénovation de façade", 750),
    ("Prime à l'achat d'une compostière", 50),
]
PRENOMS = ["Marie", "Luc", "Nathalie", "Philippe", "Sophie", "Jean-Marc", "Isabelle", "Olivier", "Catherine",
           "Didier", "Véronique", "Michel", "Anne", "Thierry", "Chantal", "Benoît", "Martine", "Pascal"]
NOMS = ["Dubois", "Lambert", "Martin", "Dupont", "Renard", "Leclercq", "Mathieu", "Collard", "Gilson", "Lejeune",
        "Thiry", "Henrard", "Dethier", "Pirard", "Jacquet", "Hubert", "Lemaire", "Georges"]
BCE_COMMUNE = "0299999101"


def _numero_bce(rng: random.Random) -> str:
    corps = rng.randint(400000000, 899999999)
    return f"0{corps}"


def subventions(t: Territoire, delibs: list[dict]) -> list[dict]:
    """Subsidies granted in 2024 (SCDL « subventions », adapted to Belgium).

    Each row carries the private fields too (beneficiary's person name and address), prefixed
    with an underscore: the clean file drops them, the raw file shows them.
    """
    rng = aleatoire("subventions")
    tranches = {
        "1re": next(d for d in delibs if d["DELIB_OBJET"].startswith("Octroi de subsides aux associations – 1re tranche 2024")),
        "2e": next(d for d in delibs if d["DELIB_OBJET"].startswith("Octroi de subsides aux associations – 2e tranche 2024")),
    }
    lignes = []
    for i, (nom, domaine, objet, montant) in enumerate(ASSOCIATIONS):
        tranche = tranches["1re" if i % 2 == 0 else "2e"]
        decision = date.fromisoformat(tranche["DELIB_DATE"])
        convention = decision + timedelta(days=rng.randint(7, 40))
        montant = round(montant * rng.uniform(0.9, 1.1) / 50) * 50 + (0.5 if i == 7 else 0)
        echelonne = montant >= 3000
        nature = "aide en numéraire" if i % 9 else "aide en numéraire;aide en nature"
        rue = rng.choice([r.nom for r in t.rues])
        lignes.append({
            "nomAttribuant": PRODUCTEUR,
            "idAttribuant": BCE_COMMUNE,
            "dateConvention": convention.isoformat(),
            "referenceDecision": tranche["DELIB_ID"],
            "nomBeneficiaire": nom,
            "idBeneficiaire": _numero_bce(rng),
            "typeBeneficiaire": "Association",
            "domaine": domaine,
            "objet": objet,
            "montant": texte_nombre(montant, 2),
            "nature": nature,
            "conditionsVersement": "échelonné" if echelonne else "unique",
            "datesPeriodeVersement": (f"{convention.isoformat()}/{(convention + timedelta(days=180)).isoformat()}"
                                      if echelonne else (convention + timedelta(days=30)).isoformat()),
            "notificationUE": False,
            "pourcentageSubvention": "1.00",
            "_personne": None,
            "_adresse": f"{rue} {rng.randint(1, 120)}, {CODE_POSTAL} {COMMUNE}",
        })
    for j in range(14):
        objet, montant = PRIMES[j % len(PRIMES)]
        if objet.startswith("Prime à la rénovation"):
            montant = rng.choice([500, 750, 1000, 1500])
        personne = f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}"
        adresse = rng.choice(t.adresses)
        decision = date(2024, 1, 8) + timedelta(days=rng.randrange(0, 340))
        while decision.weekday() != 0:  # the college meets on Mondays
            decision += timedelta(days=1)
        lignes.append({
            "nomAttribuant": PRODUCTEUR,
            "idAttribuant": BCE_COMMUNE,
            "dateConvention": decision.isoformat(),
            "referenceDecision": f"COL-{decision.isoformat()}",
            "nomBeneficiaire": "Personne physique",
            "idBeneficiaire": None,
            "typeBeneficiaire": "Personne physique",
            "domaine": "Environnement" if "citerne" in objet or "compostière" in objet else (
                "Mobilité" if "vélo" in objet else "Logement"),
            "objet": objet,
            "montant": texte_nombre(montant, 2),
            "nature": "aide en numéraire",
            "conditionsVersement": "unique",
            "datesPeriodeVersement": (decision + timedelta(days=21)).isoformat(),
            "notificationUE": False,
            "pourcentageSubvention": "1.00",
            "_personne": personne,
            "_adresse": f"{adresse.rue} {adresse.numero}, {CODE_POSTAL} {COMMUNE}",
        })
    lignes.sort(key=lambda l: (l["dateConvention"], l["nomBeneficiaire"], l["objet"], l["_personne"] or ""))
    return lignes


def schema_subventions() -> dict:
    return table_schema(
        "subventions", "Subventions accordées par la commune en 2024",
        "Subsides et primes octroyés en 2024. Adapté du schéma SCDL « Subventions » : le numéro d'entreprise belge "
        "(BCE, 10 chiffres) remplace le SIRET, les champs propres à la France (RNA, RAE) sont retirés, "
        "typeBeneficiaire et domaine sont ajoutés. Les bénéficiaires personnes physiques sont anonymisés (RGPD).",
        [champ("nomAttribuant", "string", "Attribuant", "Nom officiel de la collectivité qui attribue.", requis=True),
         champ("idAttribuant", "string", "Numéro BCE de l'attribuant",
               "Numéro d'entreprise (BCE) de la commune, 10 chiffres sans point.", requis=True,
               pattern=r"^[01]\d{9}$"),
         champ("dateConvention", "date", "Date de la décision", "Date de la convention ou de la décision (AAAA-MM-JJ).",
               requis=True),
         champ("referenceDecision", "string", "Référence de la décision",
               "Identifiant de la délibération du conseil (CC-…, voir deliberations) ou de la décision du collège (COL-…).",
               requis=True),
         champ("nomBeneficiaire", "string", "Bénéficiaire",
               "Nom officiel du bénéficiaire ; « Personne physique » pour un particulier (anonymisé).", requis=True),
         champ("idBeneficiaire", "string", "Numéro BCE du bénéficiaire",
               "Numéro d'entreprise (BCE) du bénéficiaire, 10 chiffres (le zéro initial fait partie du numéro). "
               "Vide pour une personne physique.", pattern=r"^[01]\d{9}$"),
         champ("typeBeneficiaire", "string", "Type de bénéficiaire", "Association ou Personne physique.", requis=True,
               enum=["Association", "Personne physique"]),
         champ("domaine", "string", "Domaine", "Domaine d'action subventionné.", requis=True),
         champ("objet", "string", "Objet", "Objet de la subvention.", requis=True, maxLength=256),
         champ("montant", "number", "Montant (€)", "Montant attribué en euros, point décimal.", requis=True,
               minimum=0),
         champ("nature", "string", "Nature", "Aide en numéraire et/ou en nature.", requis=True,
               enum=["aide en numéraire", "aide en nature", "aide en numéraire;aide en nature",
                     "aide en nature;aide en numéraire"]),
         champ("conditionsVersement", "string", "Conditions de versement", "unique, échelonné ou autre.",
               requis=True, maxLength=256),
         champ("datesPeriodeVersement", "string", "Date ou période de versement",
               "AAAA-MM-JJ, ou AAAA-MM-JJ/AAAA-MM-JJ pour un versement échelonné.", requis=True,
               pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$"),
         champ("notificationUE", "boolean", "Aide de minimis notifiée", "Aide notifiée à la Commission européenne ?",
               requis=True),
         champ("pourcentageSubvention", "number", "Part du bénéficiaire", "1.00 pour un bénéficiaire unique.",
               requis=True, minimum=0.01, maximum=1)],
        standard=standard_scdl("subventions", "Subventions", "2.1.1"),
    )


def brut_subventions(lignes: list[dict]) -> tuple[bytes, list[dict]]:
    """brutes/subventions-2024.csv: the finance department's export."""
    rng = aleatoire("brut-subventions")
    entete = ["N°", "Date décision", "Bénéficiaire", "N° entreprise", "Adresse du bénéficiaire", "Objet",
              "Montant (€)", "Type d'aide", "Versement", "Réf. décision"]
    sortie = [["COMMUNE DE VIRELOUX – Service des finances"], ["Subsides et primes octroyés en 2024"],
              ["Extraction du 15/01/2025 – document de travail interne"], [], entete]
    defauts = []
    par_domaine: dict[str, list[dict]] = {}
    for l in lignes:
        par_domaine.setdefault(l["domaine"], []).append(l)
    n = 0
    doublon_exact = doublon_proche = None
    total = 0.0
    for domaine in sorted(par_domaine):
        sortie.append([domaine.upper()])
        for l in par_domaine[domaine]:
            n += 1
            montant = float(l["montant"])
            total += montant
            k = n % 4
            if l["typeBeneficiaire"] == "Personne physique":
                nom, bce = l["_personne"], ""
            else:
                nom = l["nomBeneficiaire"]
                bce = str(int(l["idBeneficiaire"])) if n % 3 else (
                    f"{l['idBeneficiaire'][:4]}.{l['idBeneficiaire'][4:7]}.{l['idBeneficiaire'][7:]}")
            texte_montant = nombre_fr(montant) + (" €" if n % 5 == 0 else "")
            ligne = [str(n), date_variee(l["dateConvention"], k), nom, bce, l["_adresse"], l["objet"], texte_montant,
                     "numéraire" if l["nature"] == "aide en numéraire" else "numéraire + nature",
                     l["conditionsVersement"], l["referenceDecision"]]
            sortie.append(ligne)
            if l["nomBeneficiaire"] == "RFC Vireloux":
                doublon_proche = len(sortie)
                proche = list(ligne)
                proche[0] = str(n) + "b"
                proche[2] = "R.F.C. VIRELOUX"
                sortie.append(proche)
            if l["nomBeneficiaire"] == "Harmonie royale de Vireloux":
                sortie.append(list(ligne))
                doublon_exact = len(sortie)
            if rng.random() < 0.08:
                sortie.append([])
        sortie.append([])
    sortie.append(["TOTAL", "", "", "", "", "", nombre_fr(total)])
    sortie.append(["Personnes physiques : données à ne pas diffuser"])
    texte = ecrire_lignes(sortie, ";")
    numero_total = len(sortie) - 1
    defauts += [
        {"famille": "encodage", "defaut": "encodage Windows-1252 (cp1252), pas UTF-8",
         "ou": "tout le fichier (é, €, œ…)", "correction": "relu en cp1252, écrit en UTF-8"},
        {"famille": "separateur", "defaut": "séparateur point-virgule",
         "ou": "toutes les lignes", "correction": "virgule"},
        {"famille": "fins-de-ligne", "defaut": "fins de ligne Windows (CRLF)", "ou": "toutes les lignes",
         "correction": "fins de ligne Unix (LF)"},
        {"famille": "titre", "defaut": "trois lignes de titre et une ligne vide au-dessus de l'en-tête",
         "ou": "lignes 1 à 4 (l'en-tête est à la ligne 5)", "correction": "une seule ligne d'en-tête"},
        {"famille": "cellules-fusionnees", "defaut": "lignes de section (« CULTURE », « SPORT »…) issues de cellules fusionnées",
         "ou": "une ligne par domaine, avant ses subsides", "correction": "colonne domaine renseignée sur chaque ligne"},
        {"famille": "lignes-vides", "defaut": "lignes vides au milieu des données", "ou": "après chaque domaine et çà et là",
         "correction": "supprimées"},
        {"famille": "total", "defaut": "ligne de total (et une note) en bas du tableau",
         "ou": f"lignes {numero_total} et {numero_total + 1}", "correction": "supprimées : le total se calcule"},
        {"famille": "decimale", "defaut": "montants avec virgule décimale, espace des milliers et parfois « € »",
         "ou": "colonne « Montant (€) »", "correction": "nombre avec point décimal, sans symbole"},
        {"famille": "dates", "defaut": "dates dans quatre formats (03/04/2024, 2024-04-03, 3 avril 2024, 03-04-24)",
         "ou": "colonne « Date décision »", "correction": "AAAA-MM-JJ (ISO 8601)"},
        {"famille": "codes-nombres", "defaut": "numéro d'entreprise (BCE) enregistré comme un nombre : zéro initial perdu (412345678 au lieu de 0412345678) ; parfois avec des points",
         "ou": "colonne « N° entreprise »", "correction": "texte de 10 chiffres, zéro initial compris"},
        {"famille": "doublons", "defaut": "doublon exact (Harmonie royale de Vireloux)",
         "ou": f"lignes {doublon_exact - 1} et {doublon_exact}", "correction": "une seule ligne"},
        {"famille": "doublons", "defaut": "doublon approché : « RFC Vireloux » et « R.F.C. VIRELOUX », même objet et montant",
         "ou": f"lignes {doublon_proche} et {doublon_proche + 1}", "correction": "une seule ligne, nom officiel"},
        {"famille": "donnees-personnelles", "defaut": "noms et adresses de particuliers bénéficiaires de primes (RGPD : à ne pas publier)",
         "ou": "colonnes « Bénéficiaire » et « Adresse du bénéficiaire » des primes",
         "correction": "nom remplacé par « Personne physique », colonne d'adresse supprimée"},
    ]
    return cp1252(texte), defauts


# Budget -------------------------------------------------------------------------------------

GROUPES_FONCTIONS = {
    "0": "Non imputable et général", "1": "Administration générale", "3": "Sécurité",
    "4": "Communications et voirie", "5": "Commerce et tourisme", "7": "Enseignement, culture et sport",
    "8": "Action sociale, santé et environnement", "9": "Logement et aménagement du territoire",
}
FONCTIONS = [
    # code, label, ordinary expenses, ordinary revenues, extraordinary expenses, extraordinary revenues (2025, €)
    ("000", "Résultats des exercices antérieurs", 0, 1650000, 0, 350000),
    ("020", "Fonds des communes", 0, 4210000, 0, 0),
    ("040", "Impôts et redevances", 0, 7925000, 0, 0),
    ("050", "Assurances", 192000, 0, 0, 0),
    ("101", "Autorités communales", 618000, 0, 0, 0),
    ("104", "Administration générale", 3104000, 182000, 245000, 0),
    ("124", "Patrimoine privé", 141000, 223000, 120000, 60000),
    ("330", "Police (dotation à la zone)", 1452000, 0, 0, 0),
    ("351", "Service d'incendie (dotation à la zone)", 781000, 0, 0, 0),
    ("421", "Voirie", 1248000, 91000, 2310000, 1120000),
    ("425", "Éclairage public", 212000, 0, 178000, 0),
    ("529", "Foires et marchés", 36000, 42000, 0, 0),
    ("561", "Tourisme", 95000, 12000, 0, 0),
    ("722", "Enseignement primaire", 2648000, 1304000, 852000, 402000),
    ("734", "Enseignement artistique", 312000, 158000, 0, 0),
    ("761", "Jeunesse", 187000, 21000, 0, 0),
    ("762", "Culture et fêtes", 418000, 61000, 95000, 40000),
    ("764", "Sport", 563000, 212000, 604000, 250000),
    ("767", "Bibliothèques", 241000, 54000, 0, 0),
    ("790", "Cultes", 86000, 0, 0, 0),
    ("831", "Aide sociale (dotation au CPAS)", 2304000, 0, 0, 0),
    ("835", "Petite enfance (crèches)", 482000, 311000, 60000, 0),
    ("871", "Santé publique", 41000, 0, 0, 0),
    ("876", "Propreté publique", 329000, 18000, 0, 0),
    ("877", "Eaux usées", 262000, 0, 448000, 300000),
    ("878", "Cimetières", 118000, 46000, 52000, 0),
    ("879", "Protection de l'environnement", 96000, 8000, 151000, 45000),
    ("922", "Logement social", 31000, 0, 0, 0),
    ("930", "Aménagement du territoire et budget participatif", 309000, 61000, 402000, 0),
]


def budget(t: Territoire) -> list[dict]:
    """The 2025 initial budget by function (SCDL « budget », adapted to the Walloon classification)."""
    rng = aleatoire("budget")
    lignes = []
    for code, libelle, od, orr, ed, er in FONCTIONS:
        for section, sens, montant in (("ordinaire", "dépense", od), ("ordinaire", "recette", orr),
                                       ("extraordinaire", "dépense", ed), ("extraordinaire", "recette", er)):
            if not montant:
                continue
            precedent = round(montant * rng.uniform(0.9, 1.02) / 100) * 100
            if section == "extraordinaire" and rng.random() < 0.3:
                precedent = 0
            lignes.append({
                "BGT_NATDEC": "budget initial",
                "BGT_ANNEE": 2025,
                "BGT_INS": INS,
                "BGT_NOM": PRODUCTEUR,
                "BGT_GROUPE": code[0],
                "BGT_GROUPE_LABEL": GROUPES_FONCTIONS[code[0]],
                "BGT_FONCTION": code,
                "BGT_FONCTION_LABEL": libelle,
                "BGT_SECTION": section,
                "BGT_CODRD": sens,
                "BGT_MTPREV": texte_nombre(montant, 2),
                "BGT_MTBUDGPREC": texte_nombre(precedent, 2),
            })
    return lignes


def schema_budget() -> dict:
    return table_schema(
        "budget-2025", "Budget initial 2025 par fonction",
        "Crédits du budget initial 2025 (et du budget 2024 pour comparaison), par fonction de la classification "
        "fonctionnelle des communes wallonnes, service ordinaire et extraordinaire. Adapté du schéma SCDL « Budget » : "
        "BGT_INS remplace BGT_SIRET ; BGT_SECTION vaut ordinaire ou extraordinaire ; les colonnes de nature "
        "(économique) sont omises ; BGT_GROUPE et BGT_GROUPE_LABEL sont ajoutées.",
        [champ("BGT_NATDEC", "string", "Étape budgétaire", "Étape budgétaire.", requis=True,
               enum=["budget initial", "modification budgétaire", "compte"]),
         champ("BGT_ANNEE", "year", "Exercice", "Année de l'exercice.", requis=True),
         champ("BGT_INS", "string", "Code INS", "Code INS de la commune.", requis=True, pattern=r"^\d{5}$"),
         champ("BGT_NOM", "string", "Collectivité", "Nom de la collectivité.", requis=True),
         champ("BGT_GROUPE", "string", "Groupe de fonctions", "Premier chiffre du code de fonction.", requis=True,
               pattern=r"^\d$"),
         champ("BGT_GROUPE_LABEL", "string", "Libellé du groupe", "Libellé du groupe de fonctions.", requis=True),
         champ("BGT_FONCTION", "string", "Code de fonction", "Code de la fonction, 3 chiffres (zéros compris).",
               requis=True, pattern=r"^\d{3}$"),
         champ("BGT_FONCTION_LABEL", "string", "Fonction", "Libellé de la fonction.", requis=True),
         champ("BGT_SECTION", "string", "Service", "Service ordinaire ou extraordinaire.", requis=True,
               enum=["ordinaire", "extraordinaire"]),
         champ("BGT_CODRD", "string", "Recette ou dépense", "Sens du crédit.", requis=True,
               enum=["recette", "dépense"]),
         champ("BGT_MTPREV", "number", "Montant prévu 2025 (€)", "Crédit inscrit au budget initial 2025.",
               requis=True, minimum=0),
         champ("BGT_MTBUDGPREC", "number", "Montant prévu 2024 (€)", "Crédit du budget 2024, pour comparaison.",
               minimum=0)],
        cle=["BGT_FONCTION", "BGT_SECTION", "BGT_CODRD"], standard=standard_scdl("budget", "Budget", "0.8.3"),
    )


def brut_budget(lignes: list[dict], chemin_temporaire: Path) -> tuple[bytes, list[dict]]:
    """brutes/budget-2025.xlsx: the budget summary as the finance department keeps it (openpyxl)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    classeur = Workbook()
    gras = Font(bold=True)
    fond = PatternFill("solid", fgColor="DDEBF7")
    trait = Border(top=Side(style="thin"), bottom=Side(style="thin"))
    feuilles = []
    for k, section in enumerate(("ordinaire", "extraordinaire")):
        ws = classeur.active if k == 0 else classeur.create_sheet()
        ws.title = section.capitalize()
        feuilles.append(ws.title)
        ws["A1"] = "COMMUNE DE VIRELOUX"
        ws["A2"] = f"Budget initial 2025 – service {section} – synthèse par fonction"
        ws["A3"] = "Montants en euros – voté en séance du conseil du 17/12/2024"
        for r in (1, 2, 3):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
            ws.cell(r, 1).font = gras
        ws["C5"], ws["E5"] = "Dépenses", "Recettes"
        ws.merge_cells("C5:D5")
        ws.merge_cells("E5:F5")
        for c, v in enumerate(["Fonction", "Libellé", "Budget 2024", "Budget 2025", "Budget 2024", "Budget 2025"], 1):
            ws.cell(6, c, v).font = gras
        ws.merge_cells("A5:A6")
        ws.merge_cells("B5:B6")
        ws["A5"], ws["B5"] = "Fonction", "Libellé"
        ligne = 7
        totaux = [0.0, 0.0, 0.0, 0.0]
        for groupe, libelle_groupe in GROUPES_FONCTIONS.items():
            fonctions = sorted({l["BGT_FONCTION"] for l in lignes if l["BGT_GROUPE"] == groupe and l["BGT_SECTION"] == section})
            if not fonctions:
                continue
            ws.cell(ligne, 1, f"Groupe {groupe} – {libelle_groupe}").font = gras
            ws.merge_cells(start_row=ligne, start_column=1, end_row=ligne, end_column=6)
            ws.cell(ligne, 1).fill = fond
            ligne += 1
            sous = [0.0, 0.0, 0.0, 0.0]
            for code in fonctions:
                def montant(sens, colonne):
                    for l in lignes:
                        if l["BGT_FONCTION"] == code and l["BGT_SECTION"] == section and l["BGT_CODRD"] == sens:
                            return float(l[colonne])
                    return None
                libelle = next(l["BGT_FONCTION_LABEL"] for l in lignes if l["BGT_FONCTION"] == code)
                ws.cell(ligne, 1, int(code))  # the function code typed as a number: 020 becomes 20
                ws.cell(ligne, 2, libelle)
                for c, (sens, colonne) in enumerate((("dépense", "BGT_MTBUDGPREC"), ("dépense", "BGT_MTPREV"),
                                                   ("recette", "BGT_MTBUDGPREC"), ("recette", "BGT_MTPREV"))):
                    v = montant(sens, colonne)
                    if v is not None:
                        ws.cell(ligne, 3 + c, v).number_format = "#,##0.00"
                        sous[c] += v
                ligne += 1
            ws.cell(ligne, 2, f"Sous-total groupe {groupe}").font = gras
            for c in range(4):
                ws.cell(ligne, 3 + c, sous[c]).number_format = "#,##0.00"
                ws.cell(ligne, 3 + c).font = gras
                totaux[c] += sous[c]
            ligne += 2
        ws.cell(ligne, 1, f"TOTAL SERVICE {section.upper()}").font = gras
        ws.merge_cells(start_row=ligne, start_column=1, end_row=ligne, end_column=2)
        for c in range(4):
            ws.cell(ligne, 3 + c, totaux[c]).number_format = "#,##0.00"
            ws.cell(ligne, 3 + c).border = trait
        ws.cell(ligne + 2, 1, "Source : service des finances. Les montants 2024 sont ceux du budget initial 2024.")
        ws.column_dimensions["A"].width = 10
        ws.column_dimensions["B"].width = 48
        for col in "CDEF":
            ws.column_dimensions[col].width = 15
        ws.cell(1, 1).alignment = Alignment(horizontal="left")
    notes = classeur.create_sheet("Notes")
    notes["A1"] = "Ce classeur est un document de travail : ne pas publier tel quel."
    notes["A2"] = "Fonctions : classification fonctionnelle des communes wallonnes (3 chiffres)."
    # fixed metadata: openpyxl would otherwise write the current time into docProps/core.xml
    from datetime import datetime

    fixe = datetime(2025, 1, 15, 9, 0, 0)
    classeur.properties.created = fixe
    classeur.properties.modified = fixe
    classeur.properties.creator = "Service des finances"
    classeur.properties.lastModifiedBy = "Service des finances"
    classeur.properties.title = "Budget initial 2025"
    chemin = chemin_temporaire / "budget-2025.xlsx"
    classeur.save(chemin)
    contenu = zip_deterministe(chemin.read_bytes())
    defauts = [
        {"famille": "titre", "defaut": "trois lignes de titre fusionnées au-dessus du tableau", "ou": "feuilles Ordinaire et Extraordinaire, lignes 1 à 3",
         "correction": "une seule ligne d'en-tête"},
        {"famille": "cellules-fusionnees", "defaut": "en-tête sur deux lignes avec cellules fusionnées (« Dépenses » et « Recettes » au-dessus des années)",
         "ou": "lignes 5 et 6 (C5:D5, E5:F5, A5:A6, B5:B6)", "correction": "colonnes BGT_CODRD et BGT_MTPREV / BGT_MTBUDGPREC"},
        {"famille": "cellules-fusionnees", "defaut": "lignes de groupe fusionnées (« Groupe 7 – Enseignement, culture et sport »)",
         "ou": "une ligne avant chaque groupe", "correction": "colonnes BGT_GROUPE et BGT_GROUPE_LABEL"},
        {"famille": "total", "defaut": "sous-totaux par groupe et total du service", "ou": "après chaque groupe et en bas de chaque feuille",
         "correction": "supprimés : ils se calculent"},
        {"famille": "lignes-vides", "defaut": "lignes vides entre les groupes et note en bas de page", "ou": "après chaque sous-total",
         "correction": "supprimées"},
        {"famille": "codes-nombres", "defaut": "code de fonction saisi comme un nombre : 000 devient 0, 020 devient 20",
         "ou": "colonne A", "correction": "texte de 3 chiffres"},
        {"famille": "format-large", "defaut": "dépenses et recettes, 2024 et 2025 côte à côte ; ordinaire et extraordinaire sur deux feuilles",
         "ou": "colonnes C à F, feuilles Ordinaire et Extraordinaire", "correction": "une ligne par fonction, service et sens"},
        {"famille": "plusieurs-feuilles", "defaut": "trois feuilles, dont une de notes", "ou": ", ".join(feuilles + ["Notes"]),
         "correction": "un seul tableau"},
    ]
    return contenu, defauts
