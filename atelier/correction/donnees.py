"""Plain data across the trust boundary: the learner's values out of the sandbox, test arguments in.

The learner's kernel never runs a test. When a test cell comes, the grading worker asks the
kernel for the values that cell reads (:func:`exporter`, run *in the kernel*); the tests then
run in another process (atelier/correction/verdict.py) on what :func:`importer` rebuilds.
Only these kinds of value cross, each as tagged JSON:

    None, bool, int, float, str, list, tuple, set, dict, bytes, pathlib paths,
    dates, times and durations (datetime, pandas Timestamp / Timedelta, NaT, NA),
    numpy scalars and arrays of plain dtypes, pandas Index, Series and DataFrame
    (plain, nullable, datetime, category dtypes), GeoDataFrame (geometry as WKB, its CRS),
    plotly figures (their dict), folium maps (the description of
    atelier.controles_geo.decrire_carte, a dict), and functions (a name: calls go back to the kernel).

Anything else arrives as :class:`ValeurNonTransmise`. The encoder runs in learner-controlled
code, so nothing it writes is trusted: the decoder builds fresh objects of these types only
(never a pickle, never an object of the learner's classes), so an ``__eq__`` that always says
yes, a patched pandas or a forged value can only describe the learner's own answer.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import pathlib
from typing import Any, Callable

TAILLE_MAX = 64 * 1024 * 1024
"""Largest export file read (bytes): beyond it every value of the file is refused."""

DTYPES_NUMPY = {
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128", "object", "str",
}
DTYPES_PANDAS = {
    "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64",
    "boolean", "string", "str", "object", "bool", "category",
}


class ValeurNonTransmise:
    """Stands for a learner value of a kind that does not cross (a module, an open file, a class…)."""

    def __init__(self, type_: str, raison: str = ""):
        self.type = type_
        self.raison = raison

    def __repr__(self) -> str:
        return f"<valeur de type {self.type} non transmise au correcteur{' : ' + self.raison if self.raison else ''}>"


# --------------------------------------------------------------------------- encoding (in the kernel)


def _type(valeur) -> str:
    t = type(valeur)
    return f"{t.__module__}.{t.__qualname__}"


def encoder(valeur, profondeur: int = 0) -> Any:
    """A JSON-ready description of ``valeur`` (tagged with "$" for everything but plain JSON)."""
    if profondeur > 50:
        return {"$": "illisible", "type": _type(valeur), "raison": "structure trop profonde"}
    suite = profondeur + 1
    if valeur is None or isinstance(valeur, (bool, str)) and type(valeur) in (bool, str):
        return valeur
    if type(valeur) is int:
        return valeur
    if type(valeur) is float:
        return valeur if math.isfinite(valeur) else {"$": "float", "v": repr(valeur)}
    if isinstance(valeur, (list, tuple, set, frozenset)) and type(valeur) in (list, tuple, set, frozenset):
        elements = [encoder(v, suite) for v in valeur]
        return elements if type(valeur) is list else {"$": type(valeur).__name__, "v": elements}
    if type(valeur) is dict:
        return {"$": "dict", "paires": [[encoder(k, suite), encoder(v, suite)] for k, v in valeur.items()]}
    if type(valeur) in (bytes, bytearray):
        return {"$": "bytes", "v": bytes(valeur).hex()}
    if isinstance(valeur, pathlib.PurePath):
        return {"$": "path", "v": str(valeur)}
    encodeur = _encodeur_bibliotheque(valeur)
    if encodeur is not None:
        return encodeur(valeur, suite)
    if type(valeur) is dt.datetime:
        return {"$": "datetime", "v": valeur.isoformat()}
    if type(valeur) is dt.date:
        return {"$": "date", "v": valeur.isoformat()}
    if type(valeur) is dt.time:
        return {"$": "time", "v": valeur.isoformat()}
    if type(valeur) is dt.timedelta:
        return {"$": "timedelta", "v": valeur.total_seconds()}
    if callable(valeur) and type(valeur).__name__ in ("function", "builtin_function_or_method", "method", "partial"):
        return {"$": "fonction"}
    return {"$": "illisible", "type": _type(valeur)}


def _encodeur_bibliotheque(valeur) -> Callable | None:
    module = type(valeur).__module__.split(".")[0]
    if module == "numpy":
        return _encoder_numpy
    if module == "pandas":
        return _encoder_pandas
    if module == "geopandas":
        return _encoder_geo
    if module == "plotly" and hasattr(valeur, "to_dict") and hasattr(valeur, "data"):
        return lambda fig, p: {"$": "figure", "v": encoder(fig.to_dict(), p)}
    if module == "folium" and type(valeur).__name__ == "Map":
        from atelier.controles_geo import decrire_carte

        return lambda carte, p: {"$": "carte", "v": encoder(decrire_carte(carte), p)}
    return None


def _encoder_numpy(valeur, profondeur: int):
    import numpy as np

    if isinstance(valeur, np.ndarray):
        if valeur.dtype.name not in DTYPES_NUMPY and valeur.dtype.kind not in "MmU":
            return {"$": "illisible", "type": f"ndarray[{valeur.dtype}]"}
        if valeur.dtype.kind in "Mm":
            return {"$": "ndarray", "dtype": str(valeur.dtype), "forme": list(valeur.shape),
                    "v": valeur.astype("int64").ravel().tolist()}
        return {"$": "ndarray", "dtype": "str" if valeur.dtype.kind == "U" else valeur.dtype.name,
                "forme": list(valeur.shape), "v": [encoder(v, profondeur) for v in valeur.ravel().tolist()]}
    if isinstance(valeur, np.generic):
        if isinstance(valeur, (np.datetime64, np.timedelta64)):
            return {"$": "numpy", "dtype": str(valeur.dtype), "v": int(valeur.astype("int64"))}
        if valeur.dtype.name in DTYPES_NUMPY - {"object"}:
            return {"$": "numpy", "dtype": valeur.dtype.name, "v": encoder(valeur.item(), profondeur)}
    return {"$": "illisible", "type": _type(valeur)}


def _encoder_colonne(serie, profondeur: int) -> dict:
    import pandas as pd

    dtype = serie.dtype
    colonne: dict = {"dtype": str(dtype)}
    if isinstance(dtype, pd.CategoricalDtype):
        colonne["categories"] = _encoder_colonne(pd.Series(dtype.categories), profondeur)
        colonne["ordonnee"] = bool(dtype.ordered)
        colonne["codes"] = serie.cat.codes.astype("int64").tolist()
        return colonne
    if dtype.kind in "Mm":
        valeurs = serie.array.asi8 if hasattr(serie.array, "asi8") else serie.astype("int64").tolist()
        colonne["entiers"] = [None if m else int(v) for v, m in zip(valeurs, serie.isna().tolist())]
        colonne["unite"] = str(getattr(serie.array, "unit", "ns"))
        return colonne
    colonne["v"] = [None if _manquant(v) else encoder(v, profondeur) for v in serie.tolist()]
    colonne["manquants"] = [i for i, v in enumerate(serie.tolist()) if _manquant(v) and v is not None]
    return colonne


def _manquant(v) -> bool:
    try:
        import pandas as pd

        return v is not None and not isinstance(v, (list, dict, tuple, set)) and bool(pd.isna(v)) and type(v) is not float
    except (TypeError, ValueError):
        return False


def _encoder_index(index, profondeur: int) -> dict:
    import pandas as pd

    if type(index) is pd.RangeIndex:
        return {"$": "range", "debut": index.start, "fin": index.stop, "pas": index.step, "nom": encoder(index.name, profondeur)}
    if isinstance(index, pd.MultiIndex):
        return {"$": "multiindex", "v": [encoder(tuple(t), profondeur) for t in index.tolist()],
                "noms": [encoder(n, profondeur) for n in index.names]}
    return {"$": "index", "colonne": _encoder_colonne(pd.Series(index), profondeur), "nom": encoder(index.name, profondeur)}


def _encoder_pandas(valeur, profondeur: int):
    import pandas as pd

    if valeur is pd.NaT:
        return {"$": "nat"}
    if valeur is pd.NA:
        return {"$": "na"}
    if isinstance(valeur, pd.Timestamp):
        return {"$": "timestamp", "v": valeur.isoformat()}
    if isinstance(valeur, pd.Timedelta):
        return {"$": "timedelta_pd", "v": int(valeur.value)}
    if isinstance(valeur, pd.DataFrame):
        if valeur.columns.has_duplicates:
            return {"$": "illisible", "type": "DataFrame", "raison": "colonnes en double"}
        return {"$": "dataframe", "index": _encoder_index(valeur.index, profondeur),
                "colonnes": _encoder_index(valeur.columns, profondeur),
                "v": [_encoder_colonne(valeur.iloc[:, i], profondeur) for i in range(valeur.shape[1])]}
    if isinstance(valeur, pd.Series):
        return {"$": "series", "index": _encoder_index(valeur.index, profondeur), "nom": encoder(valeur.name, profondeur),
                "v": _encoder_colonne(valeur, profondeur)}
    if isinstance(valeur, pd.Index):
        return _encoder_index(valeur, profondeur)
    return {"$": "illisible", "type": _type(valeur)}


def _encoder_geo(valeur, profondeur: int):
    import pandas as pd

    if hasattr(valeur, "geometry") and isinstance(valeur, pd.DataFrame):
        nom = valeur.geometry.name
        table = pd.DataFrame(valeur).copy()
        table[nom] = [None if g is None else g.wkb_hex for g in valeur.geometry]
        return {"$": "geodataframe", "table": _encoder_pandas(table, profondeur), "geometrie": nom,
                "crs": None if valeur.crs is None else valeur.crs.to_wkt()}
    return {"$": "illisible", "type": _type(valeur)}


def exporter(espace: dict, noms: list[str], chemin: str) -> None:
    """Write one JSON line per name of ``noms`` found in ``espace`` (called in the learner's kernel)."""
    with open(chemin, "w", encoding="utf-8") as sortie:
        for nom in noms:
            if nom not in espace:
                continue
            try:
                texte = json.dumps({"nom": nom, "valeur": encoder(espace[nom])}, ensure_ascii=False)
            except Exception as erreur:  # a value whose own methods fail: it does not cross
                texte = json.dumps({"nom": nom, "valeur": {"$": "illisible", "type": "?", "raison": type(erreur).__name__}})
            sortie.write(texte + "\n")


def appeler(espace: dict, nom: str, chemin_appel: str, chemin_retour: str) -> None:
    """Call the learner's function ``nom`` on decoded arguments; write its result or its exception."""
    with open(chemin_appel, encoding="utf-8") as entree:
        appel = decoder(json.load(entree))
    try:
        resultat = {"retour": encoder(espace[nom](*appel["args"], **appel["kwargs"]))}
    except BaseException as erreur:  # the test decides what an exception means
        resultat = {"exception": {"type": type(erreur).__name__, "module": type(erreur).__module__,
                                  "args": [encoder(a) for a in getattr(erreur, "args", ())][:10],
                                  "message": str(erreur)[:5000]}}
    with open(chemin_retour, "w", encoding="utf-8") as sortie:
        json.dump(resultat, sortie, ensure_ascii=False)


# --------------------------------------------------------------------------- decoding (trusted side)


class ErreurDecodage(ValueError):
    pass


def _np_dtype(nom: str):
    import numpy as np

    if nom in DTYPES_NUMPY:
        return np.dtype("U" if nom == "str" else nom)
    if nom.startswith(("datetime64[", "timedelta64[")) and nom[-1] == "]" and nom.split("[")[1][:-1] in ("s", "ms", "us", "ns", "D"):
        return np.dtype(nom)
    raise ErreurDecodage(f"type numpy refusé : {nom}")


def _decoder_colonne(colonne: dict, index=None):
    import pandas as pd

    dtype = str(colonne.get("dtype"))
    if "codes" in colonne:
        categories = _decoder_colonne(colonne["categories"])
        return pd.Series(pd.Categorical.from_codes([int(c) for c in colonne["codes"]], categories=pd.Index(categories),
                                                   ordered=bool(colonne.get("ordonnee"))), index=index)
    if "entiers" in colonne:
        import numpy as np

        unite = str(colonne.get("unite", "ns"))
        if unite not in ("s", "ms", "us", "ns"):
            raise ErreurDecodage("unité de temps refusée")
        entiers = np.array([np.iinfo("int64").min if v is None else int(v) for v in colonne["entiers"]], dtype="int64")
        genre = "timedelta64" if dtype.startswith("timedelta") else "datetime64"
        serie = pd.Series(entiers.view(f"{genre}[{unite}]"), index=index)
        if genre == "datetime64" and "," in dtype:
            serie = serie.dt.tz_localize("UTC").dt.tz_convert(dtype.split(",", 1)[1].rstrip("]").strip())
        return serie
    valeurs = [decoder(v) for v in colonne.get("v", [])]
    for i in colonne.get("manquants", []):
        valeurs[int(i)] = pd.NA if dtype in DTYPES_PANDAS and dtype[:1].isupper() or dtype in ("boolean", "string") else float("nan")
    if dtype in ("object",):
        serie = pd.Series(valeurs, index=index, dtype=object)
    elif dtype in DTYPES_NUMPY or dtype in DTYPES_PANDAS:
        serie = pd.Series(valeurs, index=index, dtype=dtype)
    else:
        serie = pd.Series(valeurs, index=index)
    return serie


def _decoder_index(code: dict):
    import pandas as pd

    genre = code.get("$")
    if genre == "range":
        return pd.RangeIndex(int(code["debut"]), int(code["fin"]), int(code["pas"]), name=decoder(code.get("nom")))
    if genre == "multiindex":
        return pd.MultiIndex.from_tuples([decoder(t) for t in code["v"]], names=[decoder(n) for n in code["noms"]])
    if genre == "index":
        return pd.Index(_decoder_colonne(code["colonne"]), name=decoder(code.get("nom")))
    raise ErreurDecodage("index illisible")


def _decoder_pandas(code: dict):
    import pandas as pd

    genre = code["$"]
    if genre == "dataframe":
        index = _decoder_index(code["index"])
        colonnes = _decoder_index(code["colonnes"])
        if len(colonnes) != len(code["v"]):
            raise ErreurDecodage("colonnes incohérentes")
        table = pd.DataFrame({i: _decoder_colonne(c, index) for i, c in enumerate(code["v"])}, index=index)
        table.columns = colonnes
        return table
    if genre == "series":
        index = _decoder_index(code["index"])
        serie = _decoder_colonne(code["v"], index)
        serie.name = decoder(code.get("nom"))
        return serie
    return _decoder_index(code)


def _decoder_tag(code: dict):
    genre = code.get("$")
    if genre in ("tuple", "set", "frozenset"):
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[genre](decoder(v) for v in code["v"])
    if genre == "dict":
        return {decoder(k): decoder(v) for k, v in code["paires"]}
    if genre == "float":
        return float(code["v"]) if code["v"] in ("nan", "inf", "-inf") else float("nan")
    if genre == "bytes":
        return bytes.fromhex(code["v"])
    if genre == "path":
        return pathlib.Path(str(code["v"]))
    if genre == "datetime":
        return dt.datetime.fromisoformat(code["v"])
    if genre == "date":
        return dt.date.fromisoformat(code["v"])
    if genre == "time":
        return dt.time.fromisoformat(code["v"])
    if genre == "timedelta":
        return dt.timedelta(seconds=float(code["v"]))
    if genre in ("numpy", "ndarray"):
        import numpy as np

        dtype = _np_dtype(str(code["dtype"]))
        if genre == "numpy":
            return dtype.type(code["v"], "ns").astype(dtype) if dtype.kind in "Mm" else dtype.type(decoder(code["v"]))
        valeurs = code["v"] if dtype.kind in "Mm" else [decoder(v) for v in code["v"]]
        tableau = np.array(valeurs, dtype="int64" if dtype.kind in "Mm" else dtype)
        return (tableau.astype(dtype) if dtype.kind in "Mm" else tableau).reshape([int(n) for n in code["forme"]])
    if genre in ("timestamp", "timedelta_pd", "nat", "na", "dataframe", "series", "index", "range", "multiindex"):
        import pandas as pd

        return {"timestamp": lambda: pd.Timestamp(code.get("v")), "timedelta_pd": lambda: pd.Timedelta(int(code.get("v", 0))),
                "nat": lambda: pd.NaT, "na": lambda: pd.NA}.get(genre, lambda: _decoder_pandas(code))()
    if genre == "geodataframe":
        import geopandas

        table = _decoder_pandas(code["table"])
        nom = str(code["geometrie"])
        table[nom] = geopandas.GeoSeries.from_wkb([None if g is None else bytes.fromhex(g) for g in table[nom]], index=table.index)
        return geopandas.GeoDataFrame(table, geometry=nom, crs=code.get("crs"))
    if genre == "figure":
        import plotly.graph_objects as go

        return go.Figure(_tableaux_plotly(decoder(code["v"])))
    if genre == "carte":
        carte = decoder(code["v"])
        if type(carte) is not dict or carte.get("type") != "carte folium":
            raise ErreurDecodage("carte mal décrite")
        return carte
    if genre == "illisible":
        return ValeurNonTransmise(str(code.get("type", "?"))[:200], str(code.get("raison", ""))[:200])
    raise ErreurDecodage(f"valeur inconnue : {str(genre)[:50]}")


TYPES_PLOTLY = {"i1", "u1", "i2", "u2", "i4", "u4", "f4", "f8"}


def _tableaux_plotly(valeur):
    """plotly's dicts hold numeric arrays as {"dtype", "bdata"[, "shape"]} (base64): back to numpy arrays."""
    if type(valeur) is list:
        return [_tableaux_plotly(v) for v in valeur]
    if type(valeur) is not dict:
        return valeur
    if set(valeur) in ({"dtype", "bdata"}, {"dtype", "bdata", "shape"}) and valeur["dtype"] in TYPES_PLOTLY:
        import base64

        import numpy as np

        tableau = np.frombuffer(base64.b64decode(str(valeur["bdata"])), dtype=valeur["dtype"])
        if "shape" in valeur:
            tableau = tableau.reshape([int(n) for n in str(valeur["shape"]).split(",")])
        return tableau
    return {k: _tableaux_plotly(v) for k, v in valeur.items()}


def decoder(code):
    """Rebuild a value from :func:`encoder`'s description, with fresh objects of the allowed types only."""
    if code is None or type(code) in (bool, int, float, str):
        return code
    if type(code) is list:
        return [decoder(v) for v in code]
    if type(code) is dict and "$" in code:
        return _decoder_tag(code)
    raise ErreurDecodage("valeur mal formée")


def importer(chemin: str | pathlib.Path, fonction: Callable[[str], Any]) -> dict:
    """The values exported to ``chemin``; ``fonction(nom)`` gives what stands for a learner's function."""
    chemin = pathlib.Path(chemin)
    if not chemin.is_file() or chemin.is_symlink() or chemin.stat().st_size > TAILLE_MAX:
        return {}
    valeurs = {}
    with open(chemin, encoding="utf-8", errors="replace") as entree:
        for ligne in entree:
            try:
                entree_json = json.loads(ligne)
                nom = entree_json["nom"]
                if type(nom) is not str or not nom.isidentifier():
                    continue
                code = entree_json["valeur"]
                if type(code) is dict and code.get("$") == "fonction":
                    valeurs[nom] = fonction(nom)
                else:
                    valeurs[nom] = decoder(code)
            except (RecursionError, MemoryError, ValueError, TypeError, KeyError, AttributeError, OverflowError,
                    IndexError, ImportError) as erreur:
                if type(locals().get("nom")) is str:
                    valeurs[nom] = ValeurNonTransmise("?", f"valeur illisible ({type(erreur).__name__})")
    return valeurs
