"""data/README.md, generated so that its tables never drift from the data."""

from __future__ import annotations

from vireloux.catalogue import Jeu
from vireloux.commune import CODE_POSTAL, INS, PROVINCE, SEED
from vireloux.enregistrements import Reponse
from vireloux.geo import COUCHES_GEO
from vireloux.geoportail import CSW, WFS, WMS, emprise_carte, emprise_vallee, taille_carte
from vireloux.ouverture import readme_ouverture
from vireloux.avis import readme_evaluation
from vireloux.pilotage import readme_pilotage
from vireloux.territoire import CENTRE_L72, RIVIERE, Territoire, wgs84


def _standard_texte(schema: dict) -> str:
    if "sources" in schema:
        s = schema["sources"][0]
        return f"[{s['title']}]({s['path']})"
    return "schéma propre à la formation"


def _md(texte) -> str:
    return str(texte).replace("|", "\\|").replace("\n", " ")


def _nombre_lisible(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def readme(t: Territoire, jeux: list[Jeu], defauts: dict, reponses: list[Reponse], fichiers_: dict) -> str:
    population_2025 = sum(l["population"] for l in jeux[0].lignes if l["annee"] == 2025)
    lon, lat = wgs84(*CENTRE_L72)
    l = []
    a = l.append
    a("# Données d'exemple : Vireloux, commune fictive")
    a("")
    a("> **Vireloux n'existe pas.** C'est une commune wallonne inventée pour la formation « Données ouvertes "
      "locales ». Son nom, son code INS (**92999**) et son code postal (**5099**) ont été choisis exprès pour ne "
      "correspondre à aucune entité administrative réelle. Toutes les données de ce dossier sont fictives, "
      "y compris les réponses enregistrées des portails et du géoportail. Le contour de la commune est dessiné au "
      "sud de Namur, sur un territoire qui appartient en réalité à d'autres communes : ne le superposez pas à des "
      "données officielles en espérant qu'elles correspondent.")
    a("")
    a("Ce fichier est produit avec les données par le générateur, le paquet `scripts/vireloux/` que lance "
      "`scripts/generate_data.py` : ne le modifiez pas à la main, modifiez le générateur (ce texte est dans "
      "`scripts/vireloux/readme.py`) puis lancez `make data`.")
    a("")
    a("## La commune")
    a("")
    a(f"- Province de {PROVINCE}, code INS fictif `{INS}`, code postal fictif `{CODE_POSTAL}`.")
    a(f"- Superficie : {t.limite.area / 1e6:.1f} km² ; population au 1er janvier 2025 : "
      f"{_nombre_lisible(population_2025)} habitants.")
    a(f"- Centre : x ≈ {CENTRE_L72[0]:.0f} m, y ≈ {CENTRE_L72[1]:.0f} m en Lambert belge 1972 (EPSG:31370), soit "
      f"longitude {lon:.3f}, latitude {lat:.3f} en WGS 84 (EPSG:4326).")
    a(f"- Une rivière, {RIVIERE}, traverse la commune d'ouest en est ; {len(t.rues)} rues nommées ; "
      f"{_nombre_lisible(len(t.adresses))} points d'adresse.")
    a("")
    a("| code | quartier | superficie (km²) | population 2025 |")
    a("| --- | --- | ---: | ---: |")
    for code, q in t.quartiers.items():
        pop = sum(x["population"] for x in jeux[0].lignes if x["annee"] == 2025 and x["code_quartier"] == code)
        a(f"| {code} | {q['nom']} | {q['polygone'].area / 1e6:.2f} | {_nombre_lisible(pop)} |")
    a("")
    a("## Organisation du dossier")
    a("")
    a("| dossier | contenu |")
    a("| --- | --- |")
    a("| `propres/` | les jeux de données « propres » : CSV en UTF-8, séparateur virgule, dates AAAA-MM-JJ, point décimal |")
    a("| `schemas/` | un schéma Table Schema (Frictionless) par fichier propre |")
    a("| `datapackage.json` | la description de toutes les ressources propres (titre, licence, source, schéma) |")
    a("| `brutes/` | des fichiers « bruts », tels qu'un service les a réellement, avec les défauts à corriger |")
    a("| `geo/` | les couches géographiques : GeoJSON en WGS 84 et un GeoPackage en Lambert 72 |")
    a("| `enregistrements/` | les réponses enregistrées des portails et du géoportail (cassettes vcrpy) |")
    a("| `publications/` | une même table publiée en PDF, en XLSX et en CSV (module 01) |")
    a("| `inventaire/` | l'inventaire des données que détiennent les services, publiées ou non (module 01) |")
    a("| `modeles/` | des modèles vides pour piloter un projet (classeurs, fiche défi, grille du jury) |")
    a("| `pilotage/` | les fichiers des projets de Vireloux faits avec ces modèles (module 7) |")
    a("| `evaluation/` | les avis des participants sur les séances et leurs auto-évaluations, avant et après (inventés) |")
    a("")
    a("Dans un notebook, le chemin d'un fichier s'obtient avec `atelier.donnees(\"propres/equipements-collectifs.csv\")`.")
    a("")
    a("## Licence et sources")
    a("")
    a("Toutes les données sont publiées sous licence [Creative Commons Attribution 4.0](https://creativecommons.org/licenses/by/4.0/) "
      "(CC BY 4.0). Source de chaque ressource : « Données fictives générées pour la formation ». Les schémas suivent, "
      "quand il en existe un, un standard publié : d'abord les standards wallons publiés par FuturoCité avec Datactivist "
      "pour l'ODWB (licence CC-BY 2.0 BE), ensuite les schémas SCDL d'OpenDataFrance. Le standard suivi est indiqué "
      "pour chaque jeu ci-dessous et dans la propriété `sources` de son schéma ; les adaptations sont décrites dans la "
      "description du schéma.")
    a("")
    a("`frictionless validate data/datapackage.json` valide tous les fichiers propres contre leurs schémas.")
    a("")
    a("## Jeux de données propres")
    a("")
    a("| fichier | lignes | standard suivi | modules |")
    a("| --- | ---: | --- | --- |")
    bruts_par_propre = {propre: brut for brut, (propre, _) in defauts.items()}
    for j in jeux:
        a(f"| [`propres/{j.nom}.csv`](#{j.nom}) | {len(j.lignes)} | {_standard_texte(j.schema)} | {', '.join(j.modules)} |")
    for j in jeux:
        a("")
        a(f"### {j.nom}")
        a("")
        a(f"**{j.titre}** — `propres/{j.nom}.csv`, schéma `schemas/{j.nom}.schema.json`.")
        a("")
        a(j.description)
        a("")
        a(f"- Lignes : {len(j.lignes)}.")
        a(f"- Standard suivi : {_standard_texte(j.schema)}.")
        a("- Licence : CC BY 4.0 ; source : données fictives générées pour la formation.")
        a(f"- Modules qui l'utilisent : {', '.join(j.modules)}.")
        if f"propres/{j.nom}.csv" in bruts_par_propre:
            brut = bruts_par_propre[f"propres/{j.nom}.csv"]
            a(f"- Version brute : [`{brut}`](#{brut.split('/')[1].replace('.', '-')}) (défauts listés plus bas).")
        if "primaryKey" in j.schema:
            a(f"- Clé primaire : {', '.join(j.schema['primaryKey'])}.")
        for fk in j.schema.get("foreignKeys", []):
            a(f"- Clé étrangère : `{fk['fields']}` renvoie à `{fk['reference']['fields']}` de `{fk['reference']['resource']}`.")
        a("")
        a("| champ | type | description |")
        a("| --- | --- | --- |")
        for c in j.schema["fields"]:
            requis = " (obligatoire)" if c.get("constraints", {}).get("required") else ""
            a(f"| `{c['name']}` | {c['type']} | {_md(c['description'])}{requis} |")
    a("")
    a("## Couches géographiques")
    a("")
    a("Les fichiers GeoJSON sont en WGS 84 (EPSG:4326, longitude puis latitude, comme le veut la norme GeoJSON). "
      "Le GeoPackage `geo/vireloux.gpkg` contient les mêmes couches, et trois couches de points, en Lambert belge 1972 "
      "(EPSG:31370, coordonnées en mètres) : c'est le système des données wallonnes. Modules : 05-geoportail, 06-dataviz.")
    a("")
    a("| fichier | géométrie | entités | description |")
    a("| --- | --- | ---: | --- |")
    for fichier, (couche, titre, geometrie, description) in COUCHES_GEO.items():
        n = fichiers_[f"geo/{fichier}.geojson"].count(b'"type": "Feature"')
        a(f"| `geo/{fichier}.geojson` | {geometrie} | {n} | {description} |")
    a("")
    a("Couches du GeoPackage : " + ", ".join(f"`{c}`" for c, *_ in COUCHES_GEO.values())
      + ", `equipements_collectifs`, `arbres_remarquables`, `arrets_bus`.")
    a("")
    a("## Fichiers bruts et leurs défauts")
    a("")
    a("Les fichiers de `brutes/` sont les mêmes données que les fichiers propres, telles qu'un service communal les "
      "exporte vraiment. Chaque défaut est listé ici pour que les exercices puissent le viser ; les numéros de ligne "
      "sont ceux du fichier ouvert dans un éditeur de texte (ligne 1 = première ligne). Un test vérifie que chaque "
      "famille de défauts est bien présente : une modification du générateur ne peut pas en faire disparaître un "
      "en silence.")
    relations = {
        "brutes/subventions-2024.csv": "Mêmes subsides une fois retirés les lignes de titre, de section, de total, "
        "les lignes vides et les doublons ; le fichier brut les regroupe par domaine, la version propre les trie par "
        "date, anonymise les particuliers et ne garde pas les adresses.",
        "brutes/defibrillateurs-livraison.geojson": "Les 16 défibrillateurs (mêmes identifiants, même ordre, cinq "
        "colonnes) tels que l'outil d'un prestataire les a livrés ; la version propre donne la latitude et la longitude "
        "en WGS 84. Sert à l'exercice 5a.",
        "brutes/equipements-inventaire.csv": "Une ligne par équipement (mêmes équipements, même ordre, doublons retirés) ; "
        "le code 7 devient l'identifiant 92999-007, l'adresse est coupée en rue officielle et numéro, la catégorie devient "
        "le type du standard wallon, les coordonnées sont remises en WGS 84.",
        "brutes/accidents-2019-2024.csv": "Mêmes accidents, même ordre, mêmes identifiants (colonne Réf.) ; doublons "
        "retirés, dates, heures, rues et coordonnées normalisées. Les coordonnées reprojetées depuis Lambert 72 "
        "concordent à un mètre près avec la version propre.",
        "brutes/deliberations-2023-2024.csv": "Mêmes points, même ordre ; DELIB_ID = « CC- », la date de séance et le "
        "numéro du point sur deux chiffres (CC-2024-03-19-02).",
        "brutes/population-2015-2025.csv": "Mêmes effectifs : la version propre est le même tableau passé au format long "
        "(une ligne par année, quartier et tranche d'âge), sans les totaux.",
        "brutes/budget-2025.xlsx": "Mêmes montants : chaque cellule C à F d'une fonction devient une ligne de la version "
        "propre (BGT_CODRD = dépense/recette, BGT_MTBUDGPREC = 2024, BGT_MTPREV = 2025) ; les cellules vides n'y "
        "figurent pas.",
    }
    for brut, (propre, liste) in defauts.items():
        a("")
        a(f"### {brut.split('/')[1].replace('.', '-')}")
        a("")
        a(f"`{brut}` → version propre `{propre}`. {relations[brut]}")
        a("")
        a("| fichier | défaut | où exactement | ce que la version propre fait |")
        a("| --- | --- | --- | --- |")
        for d in liste:
            a(f"| `{brut.split('/')[1]}` | {_md(d['defaut'])} | {_md(d['ou'])} | {_md(d['correction'])} |")
    a("")
    l.extend(readme_ouverture())
    l.extend(readme_pilotage())
    l.extend(readme_evaluation())
    a("## Réponses enregistrées")
    a("")
    a("Les leçons appellent les vraies adresses de l'ODWB (Opendatasoft, API Explore v2.1), de data.gouv.fr "
      "(API udata v1), d'un portail CKAN (celui de Recife, API action v3) et du Géoportail de la Wallonie "
      "(services OGC WMS 1.3.0 et WFS 2.0.0). Hors ligne, après `atelier.mode_hors_ligne()`, les réponses viennent des "
      "fichiers de `enregistrements/` (une cassette vcrpy par service), produits par le générateur. Le fichier "
      "`enregistrements/portails-module-02.yaml` ajoute les réponses des leçons et exercices du module 02 (recherches, "
      "pages, exports et erreurs) ; `scripts/recordings_portails.py` l'écrit à partir des fichiers du générateur, "
      "juste après lui dans `make data`. Le fichier `enregistrements/publication-module-04.yaml` rejoue la "
      "publication des aires de jeux du module 04 (API d'automatisation d'Opendatasoft, puis API de data.gouv.fr), "
      "puis la mise à jour mensuelle de la qualité de l'air et les discussions de ses réutilisateurs (leçon 5) : "
      "aucune vraie réponse n'existe pour cette publication fictive, chaque réponse est construite pour la formation "
      "et le dit dans sa description.")
    a("")
    a("**Tout leur contenu est inventé** : ce sont les données de Vireloux, mises dans la forme exacte que renvoie "
      "chaque API réelle (noms des champs, pagination, erreurs). Aucun de ces jeux n'existe sur les vrais portails, "
      "et le service `VIRELOUX` n'existe pas sur geoservices.wallonie.be : ses adresses suivent la structure réelle "
      "des services ArcGIS du SPW (`/arcgis/services/<dossier>/<service>/MapServer/WMSServer`, et le dossier `WFS` "
      "pour les services WFS, comme `EAU/ALEA_INOND` ou `WFS/SIGEC_PARC_AGRI_ANON`). Les messages d'erreur des "
      "plateformes sont en anglais, comme ceux des vrais services.")
    a("")
    a("`enregistrements/schemas-publies.yaml` n'est pas produit par le générateur : il rejoue, pour le vérificateur "
      "`atelier.verifier`, les adresses des neuf standards wallons de FuturoCité (CC BY 2.0 BE) et des schémas SCDL "
      "Subventions 2.1.1 (Unlicense), Budget 0.8.3 et Délibérations 2.1.5 (servis par schema.data.gouv.fr, dépôt MIT). "
      "Chaque réponse est la copie octet pour octet d'un schéma publié conservé, avec sa source, dans "
      "`tests/real/schemas/` ; ce ne sont pas des contenus inventés, mais le schéma en ligne a pu changer depuis.")
    a("")
    a("Une requête est retrouvée si la méthode, l'adresse, l'ensemble des paramètres (l'ordre des paramètres ne "
      "compte pas) et, pour une requête POST, le corps envoyé sont les mêmes. Toute autre requête lève `atelier.EnregistrementIntrouvable`, avec un message en "
      "français qui donne l'adresse demandée et les enregistrements proches.")
    a("")
    a("| service | statut | adresse | ce que c'est |")
    a("| --- | ---: | --- | --- |")
    for r in reponses:
        methode = "" if r.methode == "GET" else f"{r.methode} "
        a(f"| {r.service} | {r.statut} | {methode}`{_md(r.url)}` | {_md(r.description)} |")
    xmin, ymin, xmax, ymax = emprise_carte(t)
    largeur, hauteur = taille_carte(t)
    a("")
    a("Les appels OWSLib qui correspondent exactement aux enregistrements du géoportail :")
    a("")
    a("```python")
    a("from owslib.wms import WebMapService")
    a("from owslib.wfs import WebFeatureService")
    a("")
    a(f'wms = WebMapService("{WMS}", version="1.3.0")')
    a(f'image = wms.getmap(layers=["1"], styles=[""], srs="EPSG:31370", bbox=({xmin}, {ymin}, {xmax}, {ymax}),')
    a(f'                   size=({largeur}, {hauteur}), format="image/png", transparent=True)')
    a(f'wfs = WebFeatureService("{WFS}", version="2.0.0")')
    a('geojson = wfs.getfeature(typename=["VIRELOUX:Quartiers"], outputFormat="application/json")')
    a('gml = wfs.getfeature(typename=["VIRELOUX:Quartiers"])')
    a('zones = wfs.getfeature(typename=["VIRELOUX:Zones_inondables"], srsname="urn:ogc:def:crs:EPSG::4326",')
    a('                       outputFormat="application/json")')
    a('page_2 = wfs.getfeature(typename="VIRELOUX:Defibrillateurs", maxfeatures=10, startindex=10,')
    a('                        outputFormat="application/json")')
    from vireloux.environnement import zones_inondables

    for nom in ("Defibrillateurs", "Equipements"):
        a(f'vallee = wfs.getfeature(typename="VIRELOUX:{nom}", bbox={emprise_vallee(zones_inondables(t))},')
        a('                         outputFormat="application/json")')
    a("```")
    a("")
    a(f"Le catalogue CSW `{CSW}` est un **catalogue de formation inventé** (il n'existe pas sur Metawal) : six fiches "
      "Dublin Core qui décrivent les couches de Vireloux et pointent vers les services fictifs ci-dessus. Ses "
      "recherches sont des requêtes POST ; sont enregistrées exactement celles-ci :")
    a("")
    a("```python")
    a("from owslib.catalogue.csw2 import CatalogueServiceWeb")
    a("from owslib.fes import PropertyIsLike")
    a("")
    a(f'csw = CatalogueServiceWeb("{CSW}")')
    a('csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%inondable%")], esn="full")')
    a('csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%Vireloux%")])  # fiches résumées')
    a('csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%équipement%")], esn="full")  # ou sans esn')
    a("```")
    a("")
    a("### Enregistrer de nouvelles réponses (mainteneurs, avec Internet)")
    a("")
    a("1. Choisissez un fichier de cassette, par exemple `data/enregistrements/odwb-reel.yaml` (un nouveau fichier "
      "pour les réponses réelles, à ne pas mélanger avec les réponses inventées que le générateur réécrit).")
    a("2. Lancez la leçon ou le script avec la variable d'environnement, en donnant un chemin absolu (un notebook "
      "s'exécute dans son propre dossier, où un chemin relatif ne mènerait pas à `data/`) : "
      "`ATELIER_ENREGISTRER=\"$PWD/data/enregistrements/odwb-reel.yaml\" make lab`, ou "
      "`ATELIER_ENREGISTRER=\"$PWD/data/enregistrements/odwb-reel.yaml\" python mon_script.py`.")
    a("3. Dans le notebook, `atelier.mode_hors_ligne()` passe alors en mode enregistrement : les requêtes déjà "
      "enregistrées sont rejouées, les autres partent vers le vrai service et leur réponse est ajoutée au fichier "
      "(voir `atelier/hors_ligne.py`). Le fichier n'est écrit que lorsque l'enregistrement s'arrête : terminez "
      "donc la leçon par `atelier.mode_direct()` avant de fermer le notebook.")
    a("4. Relisez le fichier (aucune donnée personnelle, aucun jeton d'accès : les en-têtes authorization et cookie "
      "sont filtrés), décrivez son contenu dans ce README (c'est-à-dire dans `scripts/vireloux/readme.py`), puis "
      "committez-le. Comme ce fichier n'est pas produit par le générateur, ajoutez-le à `NOT_GENERATED` dans "
      "`tests/test_data.py`.")
    a("")
    a("Pour modifier les réponses inventées, modifiez `scripts/vireloux/portails.py` (fonctions `reponses_odwb`, "
      "`reponses_datagouv`, `reponses_ckan`) ou `scripts/vireloux/geoportail.py` (fonction `reponses_geoportail`) "
      "puis lancez `make data`.")
    a("")
    a("## Régénérer les données")
    a("")
    a("```bash")
    a("make data        # = python scripts/generate_data.py (écrit dans data/)")
    a("python scripts/generate_data.py --sortie /tmp/essai   # ailleurs, pour comparer")
    a("```")
    a("")
    a(f"Le générateur part d'une graine fixe ({SEED}) : deux exécutions produisent exactement les mêmes octets "
      "(CSV, GeoJSON, GeoPackage, classeurs Excel, cassettes et ce README). `tests/test_data.py` le vérifie en "
      "régénérant dans un dossier temporaire et en comparant chaque fichier ; il valide aussi les fichiers propres "
      "avec frictionless et vérifie les défauts des fichiers bruts, les couches géographiques et les tailles. "
      "`tests/test_recordings.py` rejoue chaque réponse enregistrée.")
    taille = sum(len(v) for v in fichiers_.values())
    a("")
    a(f"Taille totale du dossier (hors ce README) : {taille / 1e6:.1f} Mo ; le plus gros fichier fait "
      f"{max(len(v) for v in fichiers_.values()) / 1e6:.1f} Mo.")
    return "\n".join(l) + "\n"
