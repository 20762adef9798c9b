"""Checks of geographic answers, shared by the exercises of modules 05 and 06.

Exercise test cells call these on the learner's answers (plain GeoDataFrames and folium maps
rebuilt in the verdict process): geometries are compared with a tolerance in metres, CRS by
their EPSG code, maps by their objects (layers, features, tooltip fields), never by HTML text.
They only measure; the test cell decides and words the French hint.
"""

from __future__ import annotations


def code_epsg(couche) -> int | None:
    """The EPSG code a layer declares, or None (no CRS, or one without an EPSG code)."""
    crs = getattr(couche, "crs", None)
    return None if crs is None else crs.to_epsg()


def ecarts_en_metres(geometries, references):
    """Distance in metres between each geometry and its reference (same order, same length).

    Both sides are projected to the UTM zone of the references, so the tolerance means metres
    anywhere; for points this is their distance, for other shapes the Hausdorff distance (the
    largest gap between the two outlines).
    """
    import geopandas as gpd
    import numpy as np

    geometries = gpd.GeoSeries(geometries).reset_index(drop=True)
    references = gpd.GeoSeries(references).reset_index(drop=True)
    if geometries.crs is None or references.crs is None:
        raise ValueError("both sides need a CRS to be compared in metres")
    if len(geometries) != len(references):
        raise ValueError(f"{len(geometries)} geometries for {len(references)} references")
    locale = references.to_crs("EPSG:4326").estimate_utm_crs()
    a, b = geometries.to_crs(locale), references.to_crs(locale)
    return np.array([g.hausdorff_distance(r) if g is not None and r is not None else np.inf for g, r in zip(a, b)])


def dans_la_zone(couche, zone, tolerance_m: float = 1.0):
    """For each object of `couche`, whether it lies in the union of `zone` (within `tolerance_m` metres)."""
    locale = zone.to_crs("EPSG:4326").estimate_utm_crs()
    enveloppe = zone.to_crs(locale).union_all().buffer(tolerance_m)
    return couche.to_crs(locale).geometry.within(enveloppe).to_numpy()
