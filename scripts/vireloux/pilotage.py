"""Module 07 (steering a data project): the blank templates an agent keeps, and Vireloux's own filled copies.

Two folders of data/:

- ``modeles/``: blank templates, not data about Vireloux: the project workbook (challenge card,
  Wanted Data List, potential grid, evaluation, roadmap, controlled lists), the governance
  self-assessment workbook, the challenge card and the hackathon kit README as Markdown, and the
  jury grid;
- ``pilotage/``: what the fictional commune produced with them: the cards of its ideation
  workshop, the filled workbook of the « école à vélo » challenge (the lessons' thread), its two
  self-assessments (before and after the programme) and those of the other communes of the
  programme, anonymised.

The vocabularies (statuses, motives, importance, actions, criteria and weights) live here once;
the lessons and exercises read them from the templates.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from vireloux.formats import csv_texte, utf8, zip_deterministe

# --------------------------------------------------------------------------- vocabularies

STATUTS = [
    ("ouverte", "Déjà publiée sous une licence ouverte, sur un portail ou un site : il suffit de la réutiliser."),
    ("candidate", "Existe chez un producteur public et rien ne s'oppose à son ouverture : reste à la publier."),
    ("non accessible", "Existe, mais le détenteur ne la communique pas, sans raison valable : à demander, à réclamer."),
    ("non ouvrable", "Ne peut pas être ouverte pour une raison valable : propriété d'un tiers, sécurité ou données "
                     "personnelles. Le motif est obligatoire."),
    ("autre", "Les autres cas : payante, réservée à certains usages, ou pas encore produite par personne. Le motif "
              "est obligatoire."),
]
MOTIFS = [
    ("propriété", "non ouvrable", "Un tiers détient des droits sur la donnée (droit d'auteur, base de données, contrat)."),
    ("sécurité", "non ouvrable", "La publier mettrait en danger des personnes ou des installations."),
    ("données personnelles", "non ouvrable", "Elle permet d'identifier des personnes physiques (RGPD)."),
    ("payante", "autre", "Le détenteur la vend ou la loue."),
    ("accès restreint", "autre", "Le détenteur la réserve à certains usages ou à certains partenaires, par convention."),
    ("à produire", "autre", "Personne ne la produit encore : il faut la collecter ou la créer."),
]
IMPORTANCES = [
    ("indispensable", "Sans elle, le service ne peut pas fonctionner."),
    ("utile", "Elle améliore nettement le service."),
    ("secondaire", "Un plus, si elle est facile à obtenir."),
]
ACTIONS = [
    ("réutiliser", "La donnée est ouverte : la télécharger, citer sa source et sa licence."),
    ("ouvrir", "La commune la détient : la préparer, la documenter et la publier."),
    ("demander", "Un autre acteur la détient : la demander, si besoin par une convention de partage."),
    ("collecter", "Personne ne la produit : l'inventorier sur le terrain ou la faire remonter par les habitants."),
    ("acheter", "La donnée est payante : demander un devis, négocier une licence qui permette l'usage prévu."),
    ("agréger", "Données personnelles : ne garder que des comptages par quartier ou par tranche, à usage du service."),
    ("renoncer", "Ni ouvrable ni remplaçable : l'écrire, et adapter le service sans elle."),
]
GRILLE = [
    # critère, question, note 0, note 1, note 2, poids
    ("disponibilite", "La donnée existe-t-elle, et peut-on l'obtenir ?",
     "n'existe pas, ou refusée", "existe, à demander ou à produire", "publiée, ou remise sans difficulté", 3),
    ("qualite", "Est-elle exacte, complète et documentée ?",
     "inconnue, ou très lacunaire", "utilisable après nettoyage", "propre et documentée", 2),
    ("licence", "A-t-on le droit de la réutiliser pour le service ?",
     "interdit, ou inconnu", "à négocier (convention, licence restrictive)", "licence ouverte", 1),
    ("fraicheur", "Est-elle à jour, et le restera-t-elle ?",
     "plus de trois ans, ou jamais mise à jour", "d'un à trois ans", "moins d'un an, mise à jour prévue", 1),
    ("granularite", "Est-elle assez fine pour le service (lieu, période) ?",
     "trop agrégée", "en partie", "au bon niveau", 1),
    ("effort", "Combien d'effort pour l'obtenir et la préparer ?",
     "élevé : des mois, un budget", "moyen : quelques semaines", "faible : quelques jours", 2),
]

COLONNES_DEFI = ["rubrique", "reponse"]
RUBRIQUES_DEFI = [
    ("titre", "Le défi en une phrase courte."),
    ("theme", "Ville résiliente, mobilité, participation citoyenne, ou un autre thème."),
    ("pour_qui", "Les personnes à qui le service rend la vie plus facile."),
    ("probleme", "Le problème qu'elles rencontrent aujourd'hui, avec leurs mots."),
    ("service", "Le service imaginé : ce qu'on pourra faire demain qu'on ne peut pas faire aujourd'hui."),
    ("donnees_pressenties", "Les données auxquelles on pense déjà (la Wanted Data List les détaillera)."),
    ("service_porteur", "Le service communal qui porte le projet."),
    ("date", "La date de la fiche (AAAA-MM-JJ)."),
]
COLONNES_WDL = ["id", "donnee", "pourquoi", "importance", "producteur", "statut", "motif", "source", "commentaire"]
COLONNES_EVALUATION = ["id", "donnee", "statut", "disponibilite", "qualite", "licence", "fraicheur", "granularite",
                       "effort", "potentiel", "justification"]
COLONNES_FEUILLE_DE_ROUTE = ["id_tache", "id_donnee", "action", "intitule", "responsable", "debut", "fin",
                             "depend_de", "livrable"]

MODE_EMPLOI_PROJET = [
    ("Défi", "rubrique / reponse", "La fiche du défi : pour qui, quel problème, quel service, quelles données. Une "
     "ligne par rubrique."),
    ("Wanted Data List", "id", "Un identifiant court et stable : D01, D02…"),
    ("Wanted Data List", "donnee", "La donnée recherchée, en mots simples : « écoles de la commune »."),
    ("Wanted Data List", "pourquoi", "Ce qu'elle apporte au service : à quoi elle sert, pour qui."),
    ("Wanted Data List", "importance", "indispensable, utile ou secondaire (feuille Listes)."),
    ("Wanted Data List", "producteur", "Qui la détient ou la produit : service communal, intercommunale, "
     "entreprise, association, habitants."),
    ("Wanted Data List", "statut", "ouverte, candidate, non accessible, non ouvrable ou autre (définitions dans la "
     "feuille Listes)."),
    ("Wanted Data List", "motif", "Obligatoire pour « non ouvrable » (propriété, sécurité, données personnelles) et "
     "pour « autre » (payante, accès restreint, à produire) ; vide sinon."),
    ("Wanted Data List", "source", "L'adresse du jeu trouvé, ou le contact chez le producteur."),
    ("Wanted Data List", "commentaire", "Tout ce qui aide à décider : qualité, couverture, échanges avec le "
     "producteur."),
    ("Grille", "critere / poids", "Les six critères du potentiel, notés 0, 1 ou 2, et leur poids. Changez les "
     "poids si votre projet l'exige : les notebooks les relisent ici."),
    ("Évaluation", "disponibilite … effort", "Une note de 0 à 2 par critère, selon la feuille Grille."),
    ("Évaluation", "potentiel", "Sur 100 : la somme des notes multipliées par leur poids, divisée par la somme "
     "maximale possible."),
    ("Évaluation", "justification", "Pourquoi ces notes : ce qui vous a fait hésiter, ce qui reste à vérifier."),
    ("Feuille de route", "id_tache / id_donnee", "Une tâche (T01, T02…) pour une donnée de la liste (D01…)."),
    ("Feuille de route", "action", "réutiliser, ouvrir, demander, collecter, acheter, agréger ou renoncer (feuille "
     "Listes)."),
    ("Feuille de route", "responsable", "Une personne ou un service, pas « tout le monde »."),
    ("Feuille de route", "debut / fin", "Les dates prévues (AAAA-MM-JJ)."),
    ("Feuille de route", "depend_de", "Les tâches qui doivent être finies avant celle-ci, séparées par un "
     "point-virgule : « T01;T03 ». Une tâche ne commence jamais avant la fin de ce dont elle dépend."),
    ("Feuille de route", "livrable", "Ce qui existe quand la tâche est finie : un fichier publié, une convention "
     "signée…"),
    ("Listes", "liste / valeur / definition", "Les valeurs permises des colonnes à liste déroulante, avec leur "
     "définition."),
    ("Ce classeur", "", "Modèle de la formation « Données ouvertes locales », licence CC BY 4.0. La démarche (Wanted "
     "Data List, collecte et évaluation des données, plan de route) suit la logique des ateliers « gisements de "
     "données » de Datactivist."),
]

AXES_GOUVERNANCE = [
    # axe, question, niveaux 0 à 4
    ("strategie", "Une décision politique porte-t-elle l'ouverture des données ?",
     "Aucune décision ; le sujet n'a jamais été abordé au collège.",
     "Le sujet a été évoqué ; un élu s'y intéresse.",
     "Le collège a décidé d'ouvrir quelques jeux, sans plan d'ensemble.",
     "Une feuille de route votée fixe des objectifs et des moyens.",
     "La feuille de route est suivie, évaluée et révisée chaque année, en public."),
    ("organisation", "Qui fait quoi pour les données dans l'administration ?",
     "Personne n'est désigné.",
     "Une personne s'en occupe, seule et sans mandat.",
     "Un référent open data est désigné ; chaque jeu publié a un responsable.",
     "Un réseau de référents couvre les services et se réunit régulièrement.",
     "Les rôles sont inscrits dans les fiches de fonction et le réseau associe l'informatique et les élus."),
    ("inventaire", "La commune sait-elle quelles données elle détient ?",
     "Aucun inventaire.",
     "Une liste partielle, dans un service.",
     "Un inventaire existe pour la plupart des services, avec les détenteurs.",
     "L'inventaire indique le statut de chaque donnée et sert à choisir les prochaines ouvertures.",
     "L'inventaire est tenu à jour et publié (catalogue des données, ouvertes ou non)."),
    ("qualite", "Les données suivent-elles des règles de qualité ?",
     "Fichiers bureautiques sans règle commune.",
     "Quelques règles connues (CSV, UTF-8), appliquées au cas par cas.",
     "Les jeux publiés suivent un schéma ou un standard quand il en existe un.",
     "Chaque jeu publié est validé avant publication et documenté.",
     "La qualité est mesurée et les défauts signalés par les réutilisateurs sont corrigés."),
    ("publication", "Les données sont-elles publiées et mises à jour ?",
     "Aucun jeu publié.",
     "Un ou deux jeux publiés une fois.",
     "Plusieurs jeux publiés sur le portail régional, sous licence ouverte.",
     "Les mises à jour suivent la fréquence annoncée.",
     "La mise à jour est automatisée pour les jeux qui changent souvent."),
    ("usages", "La commune connaît-elle et encourage-t-elle les réutilisations ?",
     "Aucune idée de qui utilise les données.",
     "Quelques réutilisations connues par hasard.",
     "Les réutilisations sont recensées ; un contact est indiqué sur chaque jeu.",
     "La commune organise des rencontres avec les réutilisateurs (atelier, hackathon).",
     "Les demandes des habitants et réutilisateurs orientent les ouvertures suivantes."),
    ("cadre", "Le cadre juridique est-il maîtrisé (RGPD, licences, conventions) ?",
     "Personne ne sait quelles données peuvent être publiées.",
     "Le délégué à la protection des données est consulté au cas par cas.",
     "Une licence ouverte est choisie pour tous les jeux ; les données personnelles sont repérées.",
     "Les conventions avec les partenaires prévoient le partage des données.",
     "Une procédure écrite encadre chaque ouverture (DPO, licence, convention)."),
]
COLONNES_GRILLE_GOUVERNANCE = ["axe", "question", "niveau_0", "niveau_1", "niveau_2", "niveau_3", "niveau_4"]
COLONNES_REPONSES = ["axe", "niveau", "preuve"]
RUBRIQUES_IDENTIFICATION = [("commune", "Le nom de la commune."), ("date", "La date de l'autodiagnostic (AAAA-MM-JJ)."),
                            ("rempli_par", "La fonction des personnes qui l'ont rempli (pas leur nom)."),
                            ("moment", "avant ou après le parcours, ou une autre étape.")]
MODE_EMPLOI_GOUVERNANCE = [
    ("Identification", "rubrique / reponse", "La commune, la date, la fonction de qui remplit, le moment (avant, "
     "après)."),
    ("Grille", "axe / question / niveau_0 … niveau_4", "Sept axes, cinq niveaux décrits de 0 (rien) à 4 "
     "(exemplaire). Lisez les cinq descriptions avant de choisir."),
    ("Réponses", "axe / niveau", "Le niveau atteint pour chaque axe, un nombre entier de 0 à 4. Choisissez le "
     "niveau dont la description est entièrement vraie aujourd'hui, pas celui qu'on vise."),
    ("Réponses", "preuve", "Ce qui montre ce niveau : une décision, un fichier, une adresse. Sans preuve, "
     "prenez le niveau inférieur."),
    ("Ce classeur", "", "Modèle de la formation « Données ouvertes locales », licence CC BY 4.0. Remplissez une copie "
     "par date : avant le parcours, puis après, avec la même équipe."),
]

# --------------------------------------------------------------------------- Vireloux's own files

DEFIS = [
    # id, thème, titre, pour qui, problème, service, données pressenties, service porteur, votes
    ("MOB-1", "Mobilité", "À l'école à vélo, en sécurité", "les familles des écoles de la commune",
     "Les parents n'osent pas laisser leurs enfants aller à l'école à vélo : ils ne savent pas quels trajets sont sûrs.",
     "Une carte des trajets conseillés vers chaque école, avec les carrefours à risque, les arceaux et les chantiers.",
     "écoles ; accidents ; arceaux ; chantiers ; comptages ; pistes cyclables", "Mobilité", 14),
    ("MOB-2", "Mobilité", "Le centre en fauteuil roulant", "les personnes à mobilité réduite et leurs proches",
     "Arrêts de bus sans quai rehaussé, bâtiments publics dont on ignore l'accessibilité, trottoirs encombrés.",
     "Une carte des bâtiments, arrêts et places de stationnement accessibles, tenue à jour.",
     "bâtiments accessibles ; arrêts de bus ; places réservées ; trottoirs ; chantiers", "Cohésion sociale", 9),
    ("MOB-3", "Mobilité", "Covoiturer vers la gare", "les navetteurs",
     "Le parking de la gare est plein dès 7 h 30.",
     "Mettre en relation les navetteurs d'un même quartier qui partent à la même heure.",
     "occupation du parking ; horaires des trains ; lieux de covoiturage", "Mobilité", 5),
    ("RES-1", "Ville résiliente", "Des lieux frais pendant les canicules", "les aînés et les personnes isolées",
     "Pendant les vagues de chaleur, des personnes âgées restent seules dans des logements surchauffés.",
     "Une carte des lieux frais ouverts (salles, parcs ombragés, points d'eau) et un réseau de voisins solidaires.",
     "salles ; arbres et parcs ; points d'eau ; personnes fragiles ; températures", "CPAS et Environnement", 12),
    ("RES-2", "Ville résiliente", "Prévenir les riverains des crues de la Viroule", "les habitants des zones inondables",
     "Lors des crues, les riverains sont prévenus trop tard et ne savent pas quelles rues éviter.",
     "Une alerte par SMS et une carte des rues à éviter, reliées au niveau de la rivière.",
     "zones inondables ; niveau de la rivière ; adresses ; rues ; contacts des riverains", "Plan d'urgence", 11),
    ("RES-3", "Ville résiliente", "Moins de déchets sauvages", "les habitants et les ouvriers communaux",
     "Des dépôts sauvages reviennent toujours aux mêmes endroits.",
     "Une carte des signalements et des poubelles publiques pour mieux placer les collectes.",
     "signalements ; poubelles publiques ; tournées de collecte", "Propreté", 4),
    ("PAR-1", "Participation citoyenne", "Suivre les projets du budget participatif",
     "les habitants qui ont voté et les porteurs de projets",
     "Après le vote, les habitants ne savent ni qui a participé ni ce que deviennent les projets.",
     "Une page qui montre, quartier par quartier, la participation, les projets lauréats et leur avancement.",
     "projets ; votes ; population ; quartiers ; avancement des travaux", "Participation citoyenne", 10),
    ("PAR-2", "Participation citoyenne", "Le conseil communal en clair", "les habitants curieux des décisions",
     "Les délibérations sont publiées en PDF, difficiles à retrouver.",
     "Rechercher les décisions par thème et par quartier, et voir comment chacun a voté.",
     "délibérations ; ordres du jour ; votes des conseillers", "Secrétariat communal", 7),
    ("PAR-3", "Participation citoyenne", "Signaler un problème dans ma rue", "tous les habitants",
     "Un trottoir abîmé ou un éclairage en panne : on ne sait pas à qui le dire ni si c'est déjà signalé.",
     "Un formulaire de signalement et une carte des signalements et de leur suivi.",
     "signalements ; rues ; chantiers", "Travaux", 8),
]
COLONNES_DEFIS = ["id", "theme", "titre", "pour_qui", "probleme", "service", "donnees_pressenties", "service_porteur",
                  "votes"]

ODWB = "https://www.odwb.be/explore/dataset/"
WDL_ECOLE_A_VELO = [
    ("D01", "Écoles de la commune (adresse, position)", "Les points d'arrivée de chaque trajet conseillé.",
     "indispensable", "Commune (Enseignement)", "ouverte", "", ODWB + "vireloux-equipements-collectifs/",
     "Dans les équipements collectifs, type « Enseignement »."),
    ("D02", "Accidents de la route avec un cycliste", "Repérer les carrefours où les cyclistes ont été blessés.",
     "indispensable", "Commune, d'après les constats de la zone de police", "ouverte", "",
     ODWB + "vireloux-accidents/", "Six années ; petits nombres, à lire avec prudence."),
    ("D03", "Pistes et bandes cyclables", "Proposer des trajets sur des voies aménagées pour les vélos.",
     "indispensable", "Commune (Travaux)", "candidate", "", "service Travaux, plan de mobilité 2022",
     "Le plan existe en dessin (DAO), jamais publié."),
    ("D04", "Trajets que les familles font déjà à vélo", "Partir des habitudes réelles, et des rangs vélo existants.",
     "indispensable", "Associations de parents", "autre", "à produire", "comités de parents des écoles",
     "À recueillir par une enquête auprès des familles."),
    ("D05", "Stationnements vélos", "Savoir où garer le vélo près de chaque école.", "utile", "Commune (Mobilité)",
     "ouverte", "", ODWB + "vireloux-stationnements-velos/", ""),
    ("D06", "Chantiers de voirie", "Éviter de conseiller une rue en travaux.", "utile", "Commune (Travaux)",
     "ouverte", "", ODWB + "vireloux-travaux-voiries/", "Dates de début et de fin prévues."),
    ("D07", "Comptages du trafic (voitures, vélos)", "Connaître les rues chargées et l'usage du vélo.", "utile",
     "Commune (Mobilité)", "ouverte", "", ODWB + "vireloux-comptages-trafic/", "Six sites, année 2024 seulement."),
    ("D08", "Vitesses relevées par les radars préventifs", "Repérer les rues où l'on roule trop vite.", "utile",
     "Zone de police", "non accessible", "", "zone de police, service circulation",
     "Relevés demandés en 2024, sans réponse ni refus motivé."),
    ("D09", "Réseau des rues et chemins (OpenStreetMap)", "Dessiner les trajets, y compris par les sentiers.",
     "utile", "Contributeurs OpenStreetMap", "ouverte", "", "https://www.openstreetmap.org/",
     "Licence ODbL : citer la source, partager à l'identique une base dérivée."),
    ("D10", "Adresses des élèves", "Savoir de quels quartiers viennent les enfants.", "secondaire",
     "Écoles (directions)", "non ouvrable", "données personnelles", "directions d'école",
     "Seul un comptage d'élèves par quartier est envisageable, pour le service."),
    ("D11", "Arrêts de bus", "Proposer le bus quand le vélo n'est pas possible.", "secondaire",
     "Commune, avec l'opérateur de transport", "ouverte", "", ODWB + "vireloux-arrets-bus/", ""),
    ("D12", "Trajets des vélos en libre-service", "Voir les trajets fréquents entre quartiers.", "secondaire",
     "Opérateur privé de vélos partagés", "autre", "payante", "opérateur, service commercial",
     "Proposé sous forme d'abonnement annuel."),
]
# the potential grid filled for the thread (disponibilite, qualite, licence, fraicheur, granularite, effort)
NOTES_ECOLE_A_VELO = {
    "D01": (2, 2, 2, 2, 2, 2, "Publiée, complète, à jour."),
    "D02": (2, 2, 2, 2, 2, 2, "Publiée ; chaque accident a sa position."),
    "D03": (1, 1, 2, 1, 2, 1, "Existe au service Travaux ; à convertir et vérifier sur le terrain."),
    "D04": (0, 0, 2, 2, 2, 0, "Rien n'existe : enquête à organiser ; la commune en sera propriétaire."),
    "D05": (2, 2, 2, 2, 2, 2, "Publiée, positions exactes."),
    "D06": (2, 2, 2, 2, 2, 2, "Publiée ; les chantiers prévus y figurent."),
    "D07": (2, 1, 2, 2, 1, 2, "Publiée, mais des jours manquent et seuls six sites comptent."),
    "D08": (1, 1, 0, 1, 2, 1, "Existe à la zone de police ; aucun accord de réutilisation à ce jour."),
    "D09": (2, 1, 1, 2, 2, 2, "Ouverte, mais l'ODbL impose le partage à l'identique d'une base dérivée."),
    "D10": (0, 2, 0, 2, 1, 0, "Données personnelles : seul un comptage agrégé, interne, serait possible."),
    "D11": (2, 2, 2, 2, 2, 2, "Publiée."),
    "D12": (1, 2, 1, 2, 2, 0, "Payante ; le contrat devrait autoriser l'usage prévu."),
}
DEFI_ECOLE_A_VELO_DATE = date(2024, 11, 5)

COMMUNES_COHORTE = ["Commune A", "Commune B", "Commune C", "Commune D", "Commune E"]
# niveaux par axe (ordre de AXES_GOUVERNANCE), avant puis après
AUTODIAGNOSTIC_VIRELOUX = {
    "avant": (date(2024, 9, 17), [1, 0, 1, 1, 2, 0, 1],
              ["Une échevine porte le sujet ; aucune décision du collège.",
               "Personne n'est désigné.",
               "Liste des fichiers du service Mobilité seulement.",
               "Les fichiers sont des exports bureautiques ; quelques CSV.",
               "Huit jeux publiés sur le portail régional en 2023, sous CC BY 4.0.",
               "Aucune réutilisation connue.",
               "Le DPO est consulté au cas par cas."]),
    "après": (date(2025, 6, 24), [3, 2, 2, 3, 3, 2, 2],
              ["Feuille de route des données votée au conseil du 27 mai 2025.",
               "Une référente open data désignée ; un responsable par jeu publié.",
               "Inventaire des données de neuf services, avec leurs détenteurs.",
               "Chaque jeu publié est validé contre son schéma avant publication.",
               "Dix-huit jeux publiés ; mises à jour annuelles tenues.",
               "Hackathon du 15 mars 2025 ; deux réutilisations recensées.",
               "Licence CC BY 4.0 pour tous les jeux ; données personnelles repérées avec le DPO."]),
}
REMPLI_PAR = "référente open data, secrétaire communale, responsable informatique"
COHORTE = {  # commune -> (niveaux avant, niveaux après)
    "Commune A": ([2, 1, 1, 2, 2, 1, 2], [3, 3, 2, 3, 3, 2, 3]),
    "Commune B": ([0, 0, 0, 1, 0, 0, 1], [2, 1, 1, 2, 1, 1, 2]),
    "Commune C": ([1, 1, 2, 1, 1, 0, 1], [2, 2, 3, 2, 2, 1, 2]),
    "Commune D": ([3, 2, 2, 3, 3, 2, 2], [3, 3, 3, 3, 4, 3, 3]),
    "Commune E": ([1, 0, 0, 0, 1, 0, 0], [1, 1, 1, 1, 1, 1, 1]),
}
DATES_COHORTE = (date(2024, 9, 17), date(2025, 6, 24))

GRILLE_JURY = [
    # critère, question, poids, ce qu'un 4 sur 4 veut dire
    ("utilite", "Le prototype répond-il au défi, pour les personnes visées ?", 30,
     "Le problème de la fiche est résolu pour ses destinataires ; un habitant comprendrait à quoi il sert."),
    ("donnees", "Les données ouvertes sont-elles bien utilisées ?", 20,
     "Les jeux du kit sont utilisés à bon escient, leur source et leur licence sont citées, leurs limites respectées."),
    ("honnetete", "Les chiffres et les cartes sont-ils justes et accessibles ?", 20,
     "Titres clairs, axes honnêtes, alternatives textuelles, limites des données dites sans détour."),
    ("suite", "La commune peut-elle le reprendre et le maintenir ?", 20,
     "Code et textes sous licence ouverte, données mises à jour sans travail manuel, prochaines étapes écrites."),
    ("presentation", "La présentation est-elle claire en cinq minutes ?", 10,
     "Le défi, la démonstration et la suite en cinq minutes, compréhensibles par un public non spécialiste."),
]
COLONNES_JURY = ["critere", "question", "poids", "note_4"]

FICHE_DEFI = """# Fiche défi

> Modèle de la formation « Données ouvertes locales » (licence CC BY 4.0). Une fiche par idée de
> service ; remplissez chaque rubrique en une ou deux phrases, sans jargon.

| rubrique | réponse |
| --- | --- |
| **Défi** (une phrase) | {titre} |
| **Thème** | {theme} |
| **Pour qui ?** | {pour_qui} |
| **Quel problème rencontrent-elles aujourd'hui ?** | {probleme} |
| **Quel service imaginons-nous ?** | {service} |
| **Quelles données pressentons-nous ?** | {donnees_pressenties} |
| **Service porteur** | {service_porteur} |
| **Date** | {date} |

## Avant de passer à la Wanted Data List

- Le problème est-il dit du point de vue des personnes concernées, et non du service ?
- Le service se décrit-il sans nommer une technologie (« une carte », pas « une application ») ?
- Sait-on qui, dans la commune, portera le projet après l'atelier ?
"""

README_KIT = """# Kit de données — {evenement}

Ce dossier réunit les données ouvertes préparées pour les équipes du {evenement}. Tout ce qu'il
contient peut être réutilisé librement, à condition de citer la source (voir « Licences »).

## Les défis

{defis}

## Les jeux de données

Chaque fichier CSV est en UTF-8, séparé par des virgules, avec une ligne d'en-tête ; son schéma
(Table Schema) décrit chaque colonne. Le fichier `datapackage.json` les décrit tous et se valide
avec `frictionless validate datapackage.json`.

| fichier | contenu | lignes | schéma |
| --- | --- | ---: | --- |
{jeux}

## Licences

{licences}

## Contact pendant l'événement

{contact}

> Modèle de README de la formation « Données ouvertes locales » (licence CC BY 4.0).
"""

# --------------------------------------------------------------------------- writers


def _classeur(feuilles: list[tuple[str, list[str], list[list]]], validations: dict, titre: str,
              auteur: str, dossier: Path, nom: str) -> bytes:
    """An xlsx workbook: one table per sheet (a header row, then the rows), frozen header, drop-down lists.

    ``validations`` maps a sheet name to {column: (list sheet range)}; the bytes are reproducible.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    classeur = Workbook()
    entete = Font(bold=True)
    fond = PatternFill("solid", fgColor="DDEBF7")
    for k, (titre_feuille, colonnes, lignes) in enumerate(feuilles):
        ws = classeur.active if k == 0 else classeur.create_sheet()
        ws.title = titre_feuille
        ws.append(colonnes)
        for cellule in ws[1]:
            cellule.font = entete
            cellule.fill = fond
        for ligne in lignes:
            ws.append(ligne)
        ws.freeze_panes = "A2"
        for i, colonne in enumerate(colonnes, start=1):
            largeur = max([len(str(colonne))] + [len(str(l[i - 1])) for l in lignes if l[i - 1] is not None])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(max(12, largeur + 2), 60)
            for r in range(2, len(lignes) + 2):
                ws.cell(r, i).alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(ws.cell(r, i).value, (date, datetime)):
                    ws.cell(r, i).number_format = "yyyy-mm-dd"
        for colonne, plage in validations.get(titre_feuille, {}).items():
            lettre = ws.cell(1, colonnes.index(colonne) + 1).column_letter
            regle = DataValidation(type="list", formula1=plage, allow_blank=True, showErrorMessage=True,
                                   errorTitle="Valeur hors liste",
                                   error="Choisissez une valeur de la liste (feuille Listes).")
            regle.add(f"{lettre}2:{lettre}500")
            ws.add_data_validation(regle)
    fixe = datetime(2025, 1, 15, 9, 0, 0)
    classeur.properties.created = fixe
    classeur.properties.modified = fixe
    classeur.properties.creator = auteur
    classeur.properties.lastModifiedBy = auteur
    classeur.properties.title = titre
    chemin = dossier / nom
    classeur.save(chemin)
    return zip_deterministe(chemin.read_bytes())


def _listes() -> tuple[list[list], dict]:
    """The « Listes » sheet (liste, valeur, definition) and the ranges of its lists."""
    lignes, plages, debut = [], {}, 2
    for nom, valeurs in (("importance", IMPORTANCES), ("statut", STATUTS),
                         ("motif", [(v, f"{d} (statut « {s} »)") for v, s, d in MOTIFS]), ("action", ACTIONS)):
        for valeur, definition in valeurs:
            lignes.append([nom, valeur, definition])
        plages[nom] = f"=Listes!$B${debut}:$B${debut + len(valeurs) - 1}"
        debut += len(valeurs)
    return lignes, plages


def _feuilles_projet(defi: list[list], wdl: list[list], evaluation: list[list], feuille_de_route: list[list]):
    listes, plages = _listes()
    feuilles = [
        ("Mode d'emploi", ["feuille", "colonne", "ce qu'il faut y écrire"], [list(l) for l in MODE_EMPLOI_PROJET]),
        ("Défi", COLONNES_DEFI, defi),
        ("Wanted Data List", COLONNES_WDL, wdl),
        ("Grille", ["critere", "question", "note_0", "note_1", "note_2", "poids"], [list(g) for g in GRILLE]),
        ("Évaluation", COLONNES_EVALUATION, evaluation),
        ("Feuille de route", COLONNES_FEUILLE_DE_ROUTE, feuille_de_route),
        ("Listes", ["liste", "valeur", "definition"], listes),
    ]
    validations = {
        "Wanted Data List": {"importance": plages["importance"], "statut": plages["statut"], "motif": plages["motif"]},
        "Évaluation": {"statut": plages["statut"]},
        "Feuille de route": {"action": plages["action"]},
    }
    return feuilles, validations


def potentiel(notes: tuple[int, ...]) -> int:
    """The potential score on 100: the weighted notes over the weighted maximum (weights sum to 10: multiples of 5)."""
    poids = [g[5] for g in GRILLE]
    return round(100 * sum(n * p for n, p in zip(notes, poids)) / (2 * sum(poids)))


def modele_projet(dossier: Path) -> bytes:
    """modeles/wanted-data-list.xlsx: the blank project workbook."""
    feuilles, validations = _feuilles_projet([[r, None] for r, _ in RUBRIQUES_DEFI], [], [], [])
    return _classeur(feuilles, validations, "Wanted Data List : modèle", "Formation Données ouvertes locales",
                     dossier, "wanted-data-list.xlsx")


def projet_ecole_a_velo(dossier: Path) -> bytes:
    """pilotage/wanted-data-list-ecole-a-velo.xlsx: the thread's workbook, filled up to the evaluation."""
    carte = next(d for d in DEFIS if d[0] == "MOB-1")
    valeurs = dict(zip(COLONNES_DEFIS, carte))
    defi = [[r, valeurs.get(r)] for r, _ in RUBRIQUES_DEFI]
    defi[-1][1] = DEFI_ECOLE_A_VELO_DATE.isoformat()
    wdl = [[v if v != "" else None for v in ligne] for ligne in WDL_ECOLE_A_VELO]
    evaluation = []
    for ligne in WDL_ECOLE_A_VELO:
        *notes, justification = NOTES_ECOLE_A_VELO[ligne[0]]
        evaluation.append([ligne[0], ligne[1], ligne[5], *notes, potentiel(tuple(notes)), justification])
    feuilles, validations = _feuilles_projet(defi, wdl, evaluation, [])
    return _classeur(feuilles, validations, "Wanted Data List : À l'école à vélo, en sécurité", "Service Mobilité",
                     dossier, "wanted-data-list-ecole-a-velo.xlsx")


def _feuilles_gouvernance(identification: list[list], reponses: list[list]):
    return [
        ("Mode d'emploi", ["feuille", "colonne", "ce qu'il faut y écrire"], [list(l) for l in MODE_EMPLOI_GOUVERNANCE]),
        ("Identification", COLONNES_DEFI, identification),
        ("Grille", COLONNES_GRILLE_GOUVERNANCE, [list(a) for a in AXES_GOUVERNANCE]),
        ("Réponses", COLONNES_REPONSES, reponses),
    ]


def modele_gouvernance(dossier: Path) -> bytes:
    """modeles/autodiagnostic-gouvernance.xlsx: the blank self-assessment."""
    feuilles = _feuilles_gouvernance([[r, None] for r, _ in RUBRIQUES_IDENTIFICATION],
                                     [[a[0], None, None] for a in AXES_GOUVERNANCE])
    return _classeur(feuilles, {}, "Autodiagnostic de la gouvernance des données : modèle",
                     "Formation Données ouvertes locales", dossier, "autodiagnostic-gouvernance.xlsx")


def autodiagnostic_vireloux(moment: str, dossier: Path) -> bytes:
    quand, niveaux, preuves = AUTODIAGNOSTIC_VIRELOUX[moment]
    identification = [["commune", "Vireloux"], ["date", quand.isoformat()], ["rempli_par", REMPLI_PAR],
                      ["moment", moment]]
    reponses = [[a[0], n, p] for a, n, p in zip(AXES_GOUVERNANCE, niveaux, preuves)]
    return _classeur(_feuilles_gouvernance(identification, reponses), {},
                     f"Autodiagnostic de la gouvernance des données : Vireloux, {quand.isoformat()}",
                     "Commune de Vireloux", dossier, f"autodiagnostic-{moment}.xlsx")


def cohorte() -> str:
    lignes = []
    for commune, niveaux in COHORTE.items():
        for moment, quand, valeurs in zip(("avant", "après"), DATES_COHORTE, niveaux):
            for axe, niveau in zip(AXES_GOUVERNANCE, valeurs):
                lignes.append({"commune": commune, "date": quand.isoformat(), "moment": moment, "axe": axe[0],
                               "niveau": niveau})
    return csv_texte(["commune", "date", "moment", "axe", "niveau"], lignes)


def defis() -> str:
    return csv_texte(COLONNES_DEFIS, [dict(zip(COLONNES_DEFIS, d)) for d in DEFIS])


def grille_jury() -> str:
    return csv_texte(COLONNES_JURY, [dict(zip(COLONNES_JURY, g)) for g in GRILLE_JURY])


def fichiers_pilotage(dossier: Path) -> dict[str, bytes]:
    """Every file of modeles/ and pilotage/, as {path relative to data/: bytes}."""
    return {
        "modeles/wanted-data-list.xlsx": modele_projet(dossier),
        "modeles/autodiagnostic-gouvernance.xlsx": modele_gouvernance(dossier),
        "modeles/fiche-defi.md": utf8(FICHE_DEFI),
        "modeles/README-kit-hackathon.md": utf8(README_KIT),
        "modeles/grille-jury.csv": utf8(grille_jury()),
        "pilotage/defis-ideation.csv": utf8(defis()),
        "pilotage/wanted-data-list-ecole-a-velo.xlsx": projet_ecole_a_velo(dossier),
        "pilotage/autodiagnostic-vireloux-2024-09.xlsx": autodiagnostic_vireloux("avant", dossier),
        "pilotage/autodiagnostic-vireloux-2025-06.xlsx": autodiagnostic_vireloux("après", dossier),
        "pilotage/autodiagnostics-communes.csv": utf8(cohorte()),
    }


FICHIERS_DECRITS = {
    "modeles/wanted-data-list.xlsx": "Le classeur d'un projet, vide : feuilles « Mode d'emploi », « Défi », « Wanted "
    "Data List », « Grille » (les six critères du potentiel et leurs poids), « Évaluation », « Feuille de route » et "
    "« Listes » (statuts, motifs, importances, actions, avec leur définition). Listes déroulantes sur les colonnes à "
    "valeurs permises.",
    "modeles/autodiagnostic-gouvernance.xlsx": "L'autodiagnostic de la gouvernance des données, vide : sept axes, cinq "
    "niveaux décrits (0 à 4), une feuille « Réponses » à remplir avec une preuve par axe.",
    "modeles/fiche-defi.md": "La fiche défi en Markdown : des rubriques entre accolades ({titre}, {pour_qui}…) que "
    "`str.format` remplit.",
    "modeles/README-kit-hackathon.md": "Le README du kit de données remis aux équipes d'un hackathon, avec des "
    "rubriques entre accolades ({evenement}, {defis}, {jeux}, {licences}, {contact}).",
    "modeles/grille-jury.csv": "La grille du jury d'un hackathon : cinq critères, leur poids (total 100) et ce que "
    "vaut la note maximale (4).",
    "pilotage/defis-ideation.csv": "Les neuf fiches défis de l'atelier d'idéation de Vireloux (trois par thème), avec "
    "les votes des participants.",
    "pilotage/wanted-data-list-ecole-a-velo.xlsx": "Le classeur du défi « À l'école à vélo, en sécurité », rempli "
    "jusqu'à l'évaluation : douze données, leur statut et leurs notes.",
    "pilotage/autodiagnostic-vireloux-2024-09.xlsx": "L'autodiagnostic de Vireloux avant le parcours (septembre 2024).",
    "pilotage/autodiagnostic-vireloux-2025-06.xlsx": "Le même autodiagnostic après le parcours (juin 2025).",
    "pilotage/autodiagnostics-communes.csv": "Les niveaux des cinq autres communes du parcours, anonymisées (Commune A "
    "à E), avant et après : une ligne par commune, moment et axe.",
}


def readme_pilotage() -> list[str]:
    """The section of data/README.md on modeles/ and pilotage/."""
    l = ["## Modèles et fichiers du module 7 (piloter un projet data)", "",
         "`modeles/` contient des **modèles vides** qu'un agent copie et remplit pour son propre projet ; "
         "`pilotage/` contient ce que Vireloux en a fait (fictif, comme tout ce dossier ; les communes A à E aussi). "
         "Les notebooks du module 07-pilotage relisent les valeurs permises (statuts, motifs, actions) et la grille "
         "du potentiel dans le classeur modèle : changer un poids dans la feuille « Grille » change le calcul. La "
         "démarche suit la logique des ateliers « gisements de données » de Datactivist (Wanted Data List, collecte "
         "et évaluation, plan de route).", "",
         "| fichier | contenu |", "| --- | --- |"]
    l += [f"| `{chemin}` | {texte} |" for chemin, texte in FICHIERS_DECRITS.items()]
    l += ["", "Statuts d'une donnée, dans la feuille « Listes » :", "", "| statut | définition |", "| --- | --- |"]
    l += [f"| {s} | {d} |" for s, d in STATUTS]
    l.append("")
    return l
