"""French file checker: validate a CSV or XLSX file against a Table Schema with frictionless, explain every error in French.

For agents, on their own files (local schema or published schema's URL)::

    from atelier.verifier import verifier_fichier
    rapport = verifier_fichier("mes-defibrillateurs.csv",
                               "https://raw.githubusercontent.com/FuturoCite/standard-defibrillateurs/main/schema.json")
    rapport            # in a notebook, the French report displays itself; elsewhere print(rapport)

or, in a terminal: ``python -m atelier.verifier FICHIER --schema SCHEMA_OU_ADRESSE`` (also
``atelier-verifier``). For the exercises' visible tests, ``comparer_au_schema(tableau, schema)``
checks a pandas table the same way and returns the explanations as a list of sentences, and
``verifier_metadonnees(dictionnaire)`` checks DCAT-AP metadata.

frictionless finds every error; this package only reads the file the way the lessons teach,
explains the report and adds the checks frictionless does not make, as warnings. Hidden tests
never call it: a learner could replace it from the notebook.
"""

from atelier.verifier.metadonnees import (
    FREQUENCES,
    IDENTIFIANTS_SPDX,
    LICENCES,
    METADONNEES_OBLIGATOIRES,
    THEMES,
    nom_de_licence,
    verifier_metadonnees,
)
from atelier.verifier.rapport import Rapport
from atelier.verifier.schema import SchemaInvalide, charger_schema, preparer_schema
from atelier.verifier.verification import LIMITE_ERREURS, comparer_au_schema, verifier_fichier

__all__ = [
    "FREQUENCES",
    "IDENTIFIANTS_SPDX",
    "LICENCES",
    "LIMITE_ERREURS",
    "METADONNEES_OBLIGATOIRES",
    "THEMES",
    "Rapport",
    "SchemaInvalide",
    "charger_schema",
    "comparer_au_schema",
    "nom_de_licence",
    "preparer_schema",
    "verifier_fichier",
    "verifier_metadonnees",
]
