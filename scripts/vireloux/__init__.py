"""The data generator of Vireloux, the fictional commune: one module per part of the commune.

``python scripts/generate_data.py [--sortie DIR]`` (``make data``) runs ``generer.main``. The
modules, from the ground up:

- ``commune``: names, codes, licence, and ``aleatoire(name)``, the seeded random generator of a data set;
- ``territoire``: boundary, river, quartiers, streets, addresses, and the geometry helpers that place points;
- ``formats``: the writers (CSV, JSON, GeoJSON, GeoPackage, deterministic zip);
- ``schemas``: the building blocks of the Table Schemas;
- ``brutes``: what the raw (defective) files share;
- one module per theme, each with its data sets, their schemas and their raw versions:
  ``population``, ``equipements`` (facilities, defibrillators), ``mobilite`` (bicycle parking, bus stops,
  traffic counts, accidents), ``environnement`` (weather, air, trees, play areas, flood zones),
  ``conseil`` (council sessions and decisions), ``finances`` (subsidies, budget), ``participation``
  (participatory budget), ``agenda`` (events, roadworks);
- ``pilotage``: module 07's blank templates (modeles/) and the commune's filled copies (pilotage/);
- ``avis``: invented answers to the book's feedback and self-assessment forms (evaluation/);
- ``geo``: the geographic layers;
- ``catalogue``: the list of clean data sets and datapackage.json;
- ``enregistrements``, ``portails``, ``geoportail``: the recorded answers (vcrpy cassettes) of the
  portals and of the geoportal;
- ``publication``: module 04's recorded publication (Opendatasoft automation API, data.gouv.fr API),
  built for training;
- ``readme``: data/README.md;
- ``generer``: builds every file in memory and writes them.

Nothing here is a lesson: these files make the data the lessons use.
"""
