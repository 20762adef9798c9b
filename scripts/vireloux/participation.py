"""The 2024 participatory budget: the projects and the anonymous ballots, with their schemas."""

from __future__ import annotations

from datetime import date, timedelta

from vireloux.commune import aleatoire
from vireloux.formats import texte_nombre
from vireloux.population import PROFILS_POPULATION, TRANCHES_AGE
from vireloux.schemas import C_LAT_SEULE, C_LON_SEULE, C_QUARTIER, champ, table_schema
from vireloux.territoire import QUARTIERS, Territoire, rues_du_quartier, sur_rue, wgs84


PROJETS_BP = [
    ("Q01", "Des bancs et de l'ombre sur la place communale", "Cadre de vie", 14500),
    ("Q01", "Une boîte à vélos sécurisée près de la gare des bus", "Mobilité", 18000),
    ("Q01", "Un jardin partagé derrière la bibliothèque", "Environnement", 9500),
    ("Q02", "Un chemin piéton éclairé entre les Tilleuls et l'école", "Mobilité", 24000),
    ("Q02", "Une aire de street workout aux Tilleuls", "Sport et loisirs", 21000),
    ("Q02", "Plantation d'une haie mellifère rue des Lilas", "Environnement", 6000),
    ("Q03", "Rénover l'abri de la Place de la Station", "Mobilité", 12000),
    ("Q03", "Une fresque participative au Chemin de Fer", "Culture", 8000),
    ("Q03", "Des nichoirs et un hôtel à insectes au Marais", "Environnement", 3500),
    ("Q04", "Un terrain de pétanque à Sart-Loriot", "Sport et loisirs", 7500),
    ("Q04", "Sécuriser le carrefour de la Chaussée de Namur", "Mobilité", 30000),
    ("Q05", "Un verger communautaire aux Coteaux", "Environnement", 11000),
    ("Q05", "Une table d'orientation au Panorama", "Culture", 9000),
    ("Q06", "Un sentier didactique dans le bois", "Environnement", 16000),
    ("Q06", "Un abri pour les jeunes à Bois-Hennin", "Cohésion sociale", 13000),
    ("Q07", "Réhabiliter le lavoir du Moulin", "Culture", 19000),
    ("Q07", "Une passerelle pour le RAVeL au Halage", "Mobilité", 45000),
    ("Q07", "Un potager à l'école de Moulin-Brûlé", "Environnement", 4000),
    ("Q08", "Une boîte à livres et un banc à Fond-des-Vaux", "Cohésion sociale", 3000),
    ("Q08", "Ralentisseurs Rue du Fond", "Mobilité", 22000),
    ("Q01", "Un frigo solidaire au CPAS", "Cohésion sociale", 5500),
    ("Q02", "Une fête des voisins annuelle aux Tilleuls", "Cohésion sociale", 2500),
    ("Q04", "Un parking vélo couvert à l'école de Sart-Loriot", "Mobilité", 8500),
    ("Q05", "Illuminer l'église Saint-Roch", "Culture", 26000),
]
IRRECEVABLES = {"Une fête des voisins annuelle aux Tilleuls": "Dépense de fonctionnement, non éligible",
                "Illuminer l'église Saint-Roch": "Bâtiment n'appartenant pas à la commune"}
ENVELOPPE_BP = 100000


def budget_participatif(t: Territoire) -> tuple[list[dict], list[dict]]:
    """The 2024 participatory budget: projects and anonymous ballots (one line per project chosen)."""
    rng = aleatoire("budget-participatif")
    projets = []
    for i, (code, titre, theme, cout) in enumerate(PROJETS_BP, start=1):
        rues = rues_du_quartier(t, code) or [r.nom for r in t.rues if r.quartier == code]
        point = sur_rue(t, rng, rng.choice(rues))
        lon, lat = wgs84(point.x, point.y)
        projets.append({
            "id_projet": f"BP24-{i:02d}",
            "titre": titre,
            "theme": theme,
            "code_quartier": code,
            "nom_quartier": t.quartiers[code]["nom"],
            "cout_estime": cout,
            "porteur": rng.choice(["Collectif d'habitants", "Association", "Comité de quartier", "École"]),
            "latitude": texte_nombre(lat, 6),
            "longitude": texte_nombre(lon, 6),
            "recevable": titre not in IRRECEVABLES,
            "motif_irrecevabilite": IRRECEVABLES.get(titre),
        })
    recevables = [p for p in projets if p["recevable"]]
    attrait = {p["id_projet"]: rng.uniform(0.4, 2.2) for p in recevables}
    poids_quartier = {code: PROFILS_POPULATION[code][0] for code in PROFILS_POPULATION}
    bulletins = []
    for b in range(1, 1387):
        code = rng.choices(list(poids_quartier), weights=list(poids_quartier.values()))[0]
        tranche = rng.choices(TRANCHES_AGE[1:], weights=[14, 26, 30, 22, 8])[0]
        canal = "Papier" if rng.random() < (0.55 if tranche in ("65-79", "80+") else 0.2) else "En ligne"
        jour = date(2024, 9, 16) + timedelta(days=rng.randrange(0, 28))
        nombre = rng.choices([1, 2, 3], weights=[20, 30, 50])[0]
        poids = [attrait[p["id_projet"]] * (3.0 if p["code_quartier"] == code else 1.0) for p in recevables]
        choisis = []
        while len(choisis) < nombre:
            p = rng.choices(recevables, weights=poids)[0]
            if p["id_projet"] not in choisis:
                choisis.append(p["id_projet"])
        for id_projet in sorted(choisis):
            bulletins.append({
                "id_bulletin": f"B{b:05d}",
                "date_vote": jour.isoformat(),
                "canal": canal,
                "code_quartier_votant": code,
                "tranche_age_votant": tranche,
                "id_projet": id_projet,
            })
    voix = {p["id_projet"]: 0 for p in projets}
    for ligne in bulletins:
        voix[ligne["id_projet"]] += 1
    reste = ENVELOPPE_BP
    for p in sorted(recevables, key=lambda p: (-voix[p["id_projet"]], p["id_projet"])):
        if p["cout_estime"] <= reste:
            p["statut"] = "Lauréat"
            reste -= p["cout_estime"]
        else:
            p["statut"] = "Non retenu"
    for p in projets:
        p.setdefault("statut", "Irrecevable")
        p["nombre_voix"] = voix[p["id_projet"]]
    bulletins.sort(key=lambda l: (l["id_bulletin"], l["id_projet"]))
    return projets, bulletins


def schema_budget_participatif_projets() -> dict:
    return table_schema(
        "budget-participatif-projets", "Budget participatif 2024 : projets",
        "Projets déposés par les habitants pour le budget participatif 2024 (enveloppe de 100 000 €), avec le "
        "nombre de voix obtenues et le résultat.",
        [champ("id_projet", "string", "Identifiant du projet", "Identifiant du projet.", requis=True, unique=True,
               pattern=r"^BP24-\d{2}$"),
         champ("titre", "string", "Titre", "Titre du projet.", requis=True),
         champ("theme", "string", "Thème", "Thème du projet.", requis=True,
               enum=["Cadre de vie", "Mobilité", "Environnement", "Sport et loisirs", "Culture", "Cohésion sociale"]),
         C_QUARTIER,
         champ("nom_quartier", "string", "Nom du quartier", "Quartier du projet.", requis=True,
               enum=[q[1] for q in QUARTIERS]),
         champ("cout_estime", "integer", "Coût estimé (€)", "Coût estimé par les services communaux, TVAC.",
               requis=True, minimum=0),
         champ("porteur", "string", "Porteur", "Type de porteur du projet (aucun nom de personne).", requis=True),
         C_LAT_SEULE, C_LON_SEULE,
         champ("recevable", "boolean", "Recevable", "Le projet respecte-t-il le règlement ?", requis=True),
         champ("motif_irrecevabilite", "string", "Motif d'irrecevabilité", "Raison pour laquelle le projet n'a pas été soumis au vote."),
         champ("statut", "string", "Statut", "Résultat du vote.", requis=True,
               enum=["Lauréat", "Non retenu", "Irrecevable"]),
         champ("nombre_voix", "integer", "Nombre de voix", "Nombre de bulletins qui ont choisi le projet.",
               requis=True, minimum=0)],
        cle=["id_projet"],
    )


def schema_budget_participatif_votes() -> dict:
    s = table_schema(
        "budget-participatif-votes", "Budget participatif 2024 : votes",
        "Votes anonymes : une ligne par projet choisi sur un bulletin (un bulletin peut choisir jusqu'à trois projets). "
        "Seuls le quartier et la tranche d'âge du votant sont conservés.",
        [champ("id_bulletin", "string", "Bulletin", "Numéro anonyme du bulletin.", requis=True,
               pattern=r"^B\d{5}$"),
         champ("date_vote", "date", "Date du vote", "Jour du vote.", requis=True),
         champ("canal", "string", "Canal", "Vote en ligne ou sur papier.", requis=True, enum=["En ligne", "Papier"]),
         champ("code_quartier_votant", "string", "Quartier du votant", "Quartier de résidence du votant.",
               requis=True, enum=[q[0] for q in QUARTIERS]),
         champ("tranche_age_votant", "string", "Tranche d'âge du votant", "Tranche d'âge du votant (vote dès 15 ans).",
               requis=True, enum=TRANCHES_AGE[1:]),
         champ("id_projet", "string", "Projet choisi", "Identifiant du projet (voir budget-participatif-projets).",
               requis=True, pattern=r"^BP24-\d{2}$")],
        cle=["id_bulletin", "id_projet"],
    )
    s["foreignKeys"] = [{"fields": "id_projet",
                         "reference": {"resource": "budget-participatif-projets", "fields": "id_projet"}}]
    return s
