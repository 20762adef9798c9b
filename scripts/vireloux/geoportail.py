"""Recorded answers of the (fictitious) Walloon geoportal services VIRELOUX: WMS 1.3.0, WFS 2.0.0 and a
training CSW 2.0.2 catalogue describing Vireloux's layers (all invented, labelled as such)."""

from __future__ import annotations

import io
import math
import textwrap

from vireloux.enregistrements import Reponse, adresse_requete
from vireloux.formats import coords_json
from vireloux.territoire import Territoire, geom_wgs84


WMS = "https://geoservices.wallonie.be/arcgis/services/FORMATION/VIRELOUX/MapServer/WMSServer"
WFS = "https://geoservices.wallonie.be/arcgis/services/WFS/VIRELOUX/MapServer/WFSServer"
COUCHES_OGC = [
    # WMS name, WFS type name, title, abstract
    ("0", "VIRELOUX:Limite_communale", "Limite communale", "Limite de la commune fictive de Vireloux."),
    ("1", "VIRELOUX:Quartiers", "Quartiers", "Les huit quartiers de Vireloux, avec leur population."),
    ("2", "VIRELOUX:Zones_inondables", "Zones inondables",
     "Zones d'aléa d'inondation par débordement de la Viroule (élevé, moyen, faible)."),
    ("3", "VIRELOUX:Rues", "Rues", "Axes des rues principales et locales."),
]
# Point types served by WFS only (no WMS layer): type name, title, abstract.
TYPES_POINTS = [
    ("VIRELOUX:Defibrillateurs", "Défibrillateurs", "Défibrillateurs (DEA) accessibles au public."),
    ("VIRELOUX:Equipements", "Équipements collectifs", "Équipements collectifs de la commune (écoles, salles, sport…)."),
]
TAILLE_CARTE = 600


def emprise_carte(t: Territoire) -> tuple[int, int, int, int]:
    xmin, ymin, xmax, ymax = t.limite.bounds
    return (int(math.floor(xmin / 500) * 500), int(math.floor(ymin / 500) * 500),
            int(math.ceil(xmax / 500) * 500), int(math.ceil(ymax / 500) * 500))


def taille_carte(t: Territoire) -> tuple[int, int]:
    xmin, ymin, xmax, ymax = emprise_carte(t)
    return TAILLE_CARTE, int(round(TAILLE_CARTE * (ymax - ymin) / (xmax - xmin)))


def _emprise_wgs84(t: Territoire) -> tuple[float, float, float, float]:
    g = geom_wgs84(t.limite)
    xmin, ymin, xmax, ymax = g.bounds
    return (math.floor(xmin * 1000) / 1000, math.floor(ymin * 1000) / 1000,
            math.ceil(xmax * 1000) / 1000, math.ceil(ymax * 1000) / 1000)


def _crs_et_emprises(t: Territoire) -> str:
    """The CRS and bounding boxes a WMS layer declares (the same for every layer), unindented XML lines."""
    xmin, ymin, xmax, ymax = emprise_carte(t)
    lo1, la1, lo2, la2 = _emprise_wgs84(t)
    return f"""<CRS>EPSG:31370</CRS>
<CRS>EPSG:3857</CRS>
<CRS>EPSG:4326</CRS>
<EX_GeographicBoundingBox>
  <westBoundLongitude>{lo1}</westBoundLongitude><eastBoundLongitude>{lo2}</eastBoundLongitude>
  <southBoundLatitude>{la1}</southBoundLatitude><northBoundLatitude>{la2}</northBoundLatitude>
</EX_GeographicBoundingBox>
<BoundingBox CRS="EPSG:31370" minx="{xmin}" miny="{ymin}" maxx="{xmax}" maxy="{ymax}"/>"""


def capacites_wms(t: Territoire) -> str:
    from xml.sax.saxutils import escape

    emprises = _crs_et_emprises(t)
    couches = "".join(f"""
      <Layer queryable="1">
        <Name>{nom}</Name>
        <Title>{escape(titre)}</Title>
        <Abstract>{escape(resume)}</Abstract>
{textwrap.indent(emprises, " " * 8)}
        <Style>
          <Name>default</Name>
          <Title>{nom}</Title>
        </Style>
      </Layer>""" for nom, _, titre, resume in COUCHES_OGC)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.opengis.net/wms http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd">
  <Service>
    <Name>WMS</Name>
    <Title>Vireloux – données de formation (service fictif)</Title>
    <Abstract>Service de visualisation WMS des couches de la commune fictive de Vireloux, créé pour une formation aux données ouvertes. Réponse enregistrée : ce service n'existe pas sur le Géoportail de la Wallonie.</Abstract>
    <KeywordList><Keyword>Vireloux</Keyword><Keyword>formation</Keyword><Keyword>quartiers</Keyword><Keyword>inondation</Keyword></KeywordList>
    <OnlineResource xlink:type="simple" xlink:href="{WMS}"/>
    <ContactInformation>
      <ContactPersonPrimary><ContactPerson></ContactPerson><ContactOrganization>Commune de Vireloux (fictive)</ContactOrganization></ContactPersonPrimary>
    </ContactInformation>
    <Fees>none</Fees>
    <AccessConstraints>Données fictives, licence CC BY 4.0</AccessConstraints>
    <MaxWidth>4096</MaxWidth>
    <MaxHeight>4096</MaxHeight>
  </Service>
  <Capability>
    <Request>
      <GetCapabilities>
        <Format>application/vnd.ogc.wms_xml</Format>
        <Format>text/xml</Format>
        <DCPType><HTTP><Get><OnlineResource xlink:type="simple" xlink:href="{WMS}"/></Get></HTTP></DCPType>
      </GetCapabilities>
      <GetMap>
        <Format>image/png</Format>
        <Format>image/jpeg</Format>
        <DCPType><HTTP><Get><OnlineResource xlink:type="simple" xlink:href="{WMS}"/></Get></HTTP></DCPType>
      </GetMap>
      <GetFeatureInfo>
        <Format>text/xml</Format>
        <Format>text/html</Format>
        <DCPType><HTTP><Get><OnlineResource xlink:type="simple" xlink:href="{WMS}"/></Get></HTTP></DCPType>
      </GetFeatureInfo>
    </Request>
    <Exception>
      <Format>XML</Format>
      <Format>INIMAGE</Format>
      <Format>BLANK</Format>
    </Exception>
    <Layer>
      <Title>Vireloux</Title>
{textwrap.indent(emprises, " " * 6)}{couches}
    </Layer>
  </Capability>
</WMS_Capabilities>
"""


def capacites_wfs(t: Territoire) -> str:
    from xml.sax.saxutils import escape

    lo1, la1, lo2, la2 = _emprise_wgs84(t)
    types = "".join(f"""
    <FeatureType>
      <Name>{nom}</Name>
      <Title>{escape(titre)}</Title>
      <Abstract>{escape(resume)}</Abstract>
      <DefaultCRS>urn:ogc:def:crs:EPSG::31370</DefaultCRS>
      <OtherCRS>urn:ogc:def:crs:EPSG::4326</OtherCRS>
      <OtherCRS>urn:ogc:def:crs:EPSG::3857</OtherCRS>
      <OutputFormats>
        <Format>application/gml+xml; version=3.2</Format>
        <Format>application/json</Format>
      </OutputFormats>
      <ows:WGS84BoundingBox>
        <ows:LowerCorner>{lo1} {la1}</ows:LowerCorner>
        <ows:UpperCorner>{lo2} {la2}</ows:UpperCorner>
      </ows:WGS84BoundingBox>
    </FeatureType>""" for nom, titre, resume in [c[1:] for c in COUCHES_OGC] + TYPES_POINTS)
    operations = "".join(f"""
    <ows:Operation name="{op}">
      <ows:DCP><ows:HTTP><ows:Get xlink:href="{WFS}"/><ows:Post xlink:href="{WFS}"/></ows:HTTP></ows:DCP>{extra}
    </ows:Operation>""" for op, extra in (
        ("GetCapabilities", """
      <ows:Parameter name="AcceptVersions"><ows:AllowedValues><ows:Value>2.0.0</ows:Value><ows:Value>1.1.0</ows:Value></ows:AllowedValues></ows:Parameter>"""),
        ("DescribeFeatureType", ""),
        ("GetFeature", """
      <ows:Parameter name="outputFormat"><ows:AllowedValues><ows:Value>application/gml+xml; version=3.2</ows:Value><ows:Value>application/json</ows:Value></ows:AllowedValues></ows:Parameter>"""),
        ("ListStoredQueries", ""), ("DescribeStoredQueries", ""), ("GetPropertyValue", "")))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<wfs:WFS_Capabilities version="2.0.0" xmlns="http://www.opengis.net/wfs/2.0" xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:VIRELOUX="{WFS}" xsi:schemaLocation="http://www.opengis.net/wfs/2.0 http://schemas.opengis.net/wfs/2.0/wfs.xsd">
  <ows:ServiceIdentification>
    <ows:Title>Vireloux – données de formation (service fictif)</ows:Title>
    <ows:Abstract>Service de téléchargement WFS des couches de la commune fictive de Vireloux. Réponse enregistrée : ce service n'existe pas sur le Géoportail de la Wallonie.</ows:Abstract>
    <ows:Keywords><ows:Keyword>Vireloux</ows:Keyword><ows:Keyword>formation</ows:Keyword></ows:Keywords>
    <ows:ServiceType codeSpace="OGC">WFS</ows:ServiceType>
    <ows:ServiceTypeVersion>2.0.0</ows:ServiceTypeVersion>
    <ows:Fees>none</ows:Fees>
    <ows:AccessConstraints>Données fictives, licence CC BY 4.0</ows:AccessConstraints>
  </ows:ServiceIdentification>
  <ows:ServiceProvider>
    <ows:ProviderName>Commune de Vireloux (fictive)</ows:ProviderName>
    <ows:ServiceContact><ows:IndividualName></ows:IndividualName></ows:ServiceContact>
  </ows:ServiceProvider>
  <ows:OperationsMetadata>{operations}
    <ows:Constraint name="ImplementsBasicWFS"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></ows:Constraint>
    <ows:Constraint name="KVPEncoding"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></ows:Constraint>
    <ows:Constraint name="CountDefault"><ows:NoValues/><ows:DefaultValue>3000</ows:DefaultValue></ows:Constraint>
  </ows:OperationsMetadata>
  <wfs:FeatureTypeList>{types}
  </wfs:FeatureTypeList>
  <fes:Filter_Capabilities>
    <fes:Conformance>
      <fes:Constraint name="ImplementsQuery"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></fes:Constraint>
    </fes:Conformance>
  </fes:Filter_Capabilities>
</wfs:WFS_Capabilities>
"""


def carte_png(t: Territoire, population: list[dict]) -> bytes:
    """The WMS GetMap answer for the quartiers layer: a small, deterministic PNG drawn with Pillow."""
    from PIL import Image, ImageDraw

    xmin, ymin, xmax, ymax = emprise_carte(t)
    largeur, hauteur = taille_carte(t)
    image = Image.new("RGBA", (largeur, hauteur), (255, 255, 255, 0))
    dessin = ImageDraw.Draw(image)
    palette = [(141, 211, 199), (255, 255, 179), (190, 186, 218), (251, 128, 114), (128, 177, 211),
               (253, 180, 98), (179, 222, 105), (252, 205, 229)]

    def pixels(geom):
        return [((x - xmin) / (xmax - xmin) * largeur, (ymax - y) / (ymax - ymin) * hauteur)
                for x, y in geom.exterior.coords]

    for i, (code, q) in enumerate(t.quartiers.items()):
        polygones = [q["polygone"]] if q["polygone"].geom_type == "Polygon" else list(q["polygone"].geoms)
        for p in polygones:
            dessin.polygon(pixels(p), fill=palette[i] + (200,), outline=(60, 60, 60, 255))
    dessin.line(pixels(t.limite), fill=(0, 0, 0, 255), width=2)
    sortie = io.BytesIO()
    image.save(sortie, format="PNG", optimize=True)
    return sortie.getvalue()


def _gml_polygone(polygone, srs: str) -> str:
    def anneau(coords):
        return " ".join(f"{x:.1f} {y:.1f}" for x, y in coords)

    interieurs = "".join(f"<gml:interior><gml:LinearRing><gml:posList>{anneau(i.coords)}</gml:posList></gml:LinearRing></gml:interior>"
                         for i in polygone.interiors)
    return (f"<gml:Polygon srsName=\"{srs}\"><gml:exterior><gml:LinearRing><gml:posList>{anneau(polygone.exterior.coords)}"
            f"</gml:posList></gml:LinearRing></gml:exterior>{interieurs}</gml:Polygon>")


def getfeature_gml(nom_type: str, entites: list[tuple[dict, object]]) -> str:
    """A WFS 2.0 GetFeature answer in GML 3.2, coordinates in Lambert 72."""
    from xml.sax.saxutils import escape

    srs = "urn:ogc:def:crs:EPSG::31370"
    local = nom_type.split(":")[1]
    membres = []
    xs, ys = [], []
    for i, (proprietes, geom) in enumerate(entites, start=1):
        b = geom.bounds
        xs += [b[0], b[2]]
        ys += [b[1], b[3]]
        champs = "".join(f"<VIRELOUX:{k}>{escape(str(v))}</VIRELOUX:{k}>" for k, v in proprietes.items())
        polygones = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
        surface = "".join(f"<gml:surfaceMember>{_gml_polygone(p, srs)}</gml:surfaceMember>" for p in polygones)
        membres.append(f"""  <wfs:member>
    <VIRELOUX:{local} gml:id="{local}.{i}">
      <VIRELOUX:OBJECTID>{i}</VIRELOUX:OBJECTID>{champs}
      <VIRELOUX:SHAPE><gml:MultiSurface gml:id="{local}.{i}.geom" srsName="{srs}">{surface}</gml:MultiSurface></VIRELOUX:SHAPE>
    </VIRELOUX:{local}>
  </wfs:member>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:VIRELOUX="{WFS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.opengis.net/wfs/2.0 http://schemas.opengis.net/wfs/2.0/wfs.xsd http://www.opengis.net/gml/3.2 http://schemas.opengis.net/gml/3.2.1/gml.xsd" timeStamp="2025-01-15T09:00:00Z" numberMatched="{len(entites)}" numberReturned="{len(entites)}">
  <wfs:boundedBy><gml:Envelope srsName="{srs}"><gml:lowerCorner>{min(xs):.1f} {min(ys):.1f}</gml:lowerCorner><gml:upperCorner>{max(xs):.1f} {max(ys):.1f}</gml:upperCorner></gml:Envelope></wfs:boundedBy>
{chr(10).join(membres)}
</wfs:FeatureCollection>
"""


def getfeature_geojson(entites: list[tuple[dict, object]], epsg: int, premier: int = 1,
                       pagination: tuple[int, int] | None = None) -> dict:
    """A WFS GetFeature answer in GeoJSON; in Lambert 72 it names its CRS (a non-standard but common member)."""
    collection = {"type": "FeatureCollection"}
    if pagination is not None:  # numberMatched/numberReturned, as GeoServer adds them to its GeoJSON
        collection["numberMatched"], collection["numberReturned"] = pagination
    if epsg != 4326:
        collection["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}}
    entites_json = []
    for i, (proprietes, geom) in enumerate(entites, start=premier):
        g = geom if epsg == 31370 else geom_wgs84(geom)
        entites_json.append({"type": "Feature", "id": i, "geometry": coords_json(g),
                             "properties": {"OBJECTID": i, **proprietes}})
    collection["features"] = entites_json
    return collection


def reponses_geoportail(t: Territoire, quartiers: list, zones: list, population: list[dict],
                        points: dict[str, list]) -> list[Reponse]:
    reponses = [
        Reponse("geoportail-wallonie", adresse_requete(WMS, [("service", "WMS"), ("request", "GetCapabilities"),
                                                       ("version", "1.3.0")]),
                "WMS 1.3.0 GetCapabilities du service (fictif) VIRELOUX : couches 0 à 3",
                capacites_wms(t), "text/xml; charset=utf-8"),
        Reponse("geoportail-wallonie", adresse_requete(WFS, [("service", "WFS"), ("request", "GetCapabilities"),
                                                       ("version", "2.0.0")]),
                "WFS 2.0.0 GetCapabilities du service (fictif) VIRELOUX : 4 types d'objets",
                capacites_wfs(t), "text/xml; charset=utf-8"),
    ]
    xmin, ymin, xmax, ymax = emprise_carte(t)
    largeur, hauteur = taille_carte(t)
    carte = [("service", "WMS"), ("version", "1.3.0"), ("request", "GetMap"), ("layers", "1"), ("styles", ""),
             ("width", largeur), ("height", hauteur), ("crs", "EPSG:31370"), ("bbox", f"{xmin},{ymin},{xmax},{ymax}"),
             ("format", "image/png"), ("transparent", "TRUE"), ("exceptions", "XML"), ("bgcolor", "0xFFFFFF")]
    reponses.append(Reponse("geoportail-wallonie", adresse_requete(WMS, carte),
                            f"WMS GetMap : image PNG {largeur}×{hauteur} des quartiers (couche 1) en Lambert 72",
                            carte_png(t, population), "image/png"))
    erreur = [(k, "99" if k == "layers" else v) for k, v in carte]
    reponses.append(Reponse(
        "geoportail-wallonie", adresse_requete(WMS, erreur), "WMS GetMap d'une couche inexistante : exception OGC (XML)",
        '<?xml version="1.0" encoding="UTF-8"?>\n<ServiceExceptionReport version="1.3.0" '
        'xmlns="http://www.opengis.net/ogc" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.opengis.net/ogc http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd">\n'
        '  <ServiceException code="LayerNotDefined">Parameter \'layers\' contains unacceptable layer names.</ServiceException>\n'
        '</ServiceExceptionReport>\n', "text/xml; charset=utf-8"))
    base = [("service", "WFS"), ("version", "2.0.0"), ("request", "GetFeature")]
    reponses.append(Reponse(
        "geoportail-wallonie", adresse_requete(WFS, base + [("typenames", "VIRELOUX:Quartiers"), ("outputFormat", "application/json")]),
        "WFS GetFeature des quartiers en GeoJSON (coordonnées Lambert 72, CRS indiqué dans le membre crs)",
        getfeature_geojson(quartiers, 31370), "application/json; charset=utf-8"))
    reponses.append(Reponse(
        "geoportail-wallonie", adresse_requete(WFS, base + [("typenames", "VIRELOUX:Quartiers")]),
        "WFS GetFeature des quartiers au format par défaut, GML 3.2 (Lambert 72)",
        getfeature_gml("VIRELOUX:Quartiers", quartiers), "application/gml+xml; version=3.2; charset=utf-8"))
    reponses.append(Reponse(
        "geoportail-wallonie", adresse_requete(WFS, base + [("typenames", "VIRELOUX:Zones_inondables"),
                                                            ("srsname", "urn:ogc:def:crs:EPSG::4326"),
                                                            ("outputFormat", "application/json")]),
        "WFS GetFeature des zones inondables en GeoJSON, reprojetées en WGS 84 (srsname)",
        getfeature_geojson(zones, 4326), "application/json; charset=utf-8"))
    reponses += reponses_wfs_points(t, points, zones) + reponses_catalogue(t)
    return reponses


# --------------------------------------------------------------------------- WFS paging, bbox, exception

TAILLE_PAGE = 10


def emprise_vallee(zones: list) -> tuple[int, int, int, int]:
    """The flood zones' bounding box in Lambert 72, rounded outwards to 100 m: the valley of the Viroule
    (the bbox of lesson 5 and exercise 5b)."""
    from shapely.ops import unary_union

    xmin, ymin, xmax, ymax = unary_union([g for _, g in zones]).bounds
    return (int(math.floor(xmin / 100) * 100), int(math.floor(ymin / 100) * 100),
            int(math.ceil(xmax / 100) * 100), int(math.ceil(ymax / 100) * 100))


def _adresse_getfeature(t: Territoire, **options) -> str:
    """The GetFeature URL OWSLib's WebFeatureService builds for these options, read from the recorded capabilities."""
    from owslib.wfs import WebFeatureService

    wfs = WebFeatureService(WFS, version="2.0.0", xml=capacites_wfs(t).encode("utf-8"))
    return wfs.getGETGetFeatureRequest(**options)


def _rapport_exception(code: str, localisation: str, texte: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<ows:ExceptionReport version="2.0.0" '
            'xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.opengis.net/ows/1.1 http://schemas.opengis.net/ows/1.1.0/owsAll.xsd">\n'
            f'  <ows:Exception exceptionCode="{code}" locator="{localisation}">\n'
            f'    <ows:ExceptionText>{texte}</ows:ExceptionText>\n  </ows:Exception>\n</ows:ExceptionReport>\n')


def reponses_wfs_points(t: Territoire, points: dict[str, list], zones: list) -> list[Reponse]:
    from shapely.geometry import box

    json_ = "application/json; charset=utf-8"
    reponses = []
    dea = points["VIRELOUX:Defibrillateurs"]
    for debut in range(0, len(dea), TAILLE_PAGE):
        page = dea[debut:debut + TAILLE_PAGE]
        reponses.append(Reponse(
            "geoportail-wallonie",
            _adresse_getfeature(t, typename=["VIRELOUX:Defibrillateurs"], maxfeatures=TAILLE_PAGE, startindex=debut,
                                outputFormat="application/json"),
            f"WFS GetFeature des défibrillateurs, page de {TAILLE_PAGE} à partir de l'objet {debut} (count, startIndex)",
            getfeature_geojson(page, 31370, premier=debut + 1, pagination=(len(dea), len(page))), json_))
    emprise = emprise_vallee(zones)
    for nom, entites in points.items():
        dedans = [(p, g) for p, g in entites if g.intersects(box(*emprise))]
        reponses.append(Reponse(
            "geoportail-wallonie",
            _adresse_getfeature(t, typename=[nom], bbox=emprise, outputFormat="application/json"),
            f"WFS GetFeature de {nom} dans l'emprise de la vallée de la Viroule {emprise} (bbox, Lambert 72) : "
            f"{len(dedans)} objets",
            getfeature_geojson(dedans, 31370, pagination=(len(dedans), len(dedans))), json_))
    reponses.append(Reponse(
        "geoportail-wallonie",
        _adresse_getfeature(t, typename=["VIRELOUX:Defibrillateur"], outputFormat="application/json"),
        "WFS GetFeature d'un type inconnu (faute de frappe) : rapport d'exception OWS, statut 400",
        _rapport_exception("InvalidParameterValue", "typenames",
                           "Feature type VIRELOUX:Defibrillateur unknown. Check the typenames parameter."),
        "application/xml; charset=utf-8", statut=400))
    return reponses


# --------------------------------------------------------------------------- training CSW catalogue

CSW = "https://metawal.wallonie.be/geonetwork/srv/fre/csw-vireloux"
# identifier, title, abstract, keywords, {protocol: (address, layer or type name)}
FICHES = [
    ("vireloux-limite-communale", "Limite communale de Vireloux",
     "Limite administrative de la commune fictive de Vireloux.", ["limite", "commune"],
     {"OGC:WMS": (WMS, "0"), "OGC:WFS": (WFS, "VIRELOUX:Limite_communale")}),
    ("vireloux-quartiers", "Quartiers de Vireloux",
     "Les huit quartiers de la commune fictive de Vireloux, avec leur population.", ["quartiers", "population"],
     {"OGC:WMS": (WMS, "1"), "OGC:WFS": (WFS, "VIRELOUX:Quartiers")}),
    ("vireloux-zones-inondables", "Zones inondables de la Viroule à Vireloux",
     "Zones d'aléa d'inondation par débordement de la Viroule (élevé, moyen, faible), commune fictive de Vireloux.",
     ["inondation", "zones inondables", "aléa"],
     {"OGC:WMS": (WMS, "2"), "OGC:WFS": (WFS, "VIRELOUX:Zones_inondables")}),
    ("vireloux-rues", "Rues de Vireloux", "Axes des rues principales et locales de la commune fictive de Vireloux.",
     ["rues", "voirie"], {"OGC:WMS": (WMS, "3"), "OGC:WFS": (WFS, "VIRELOUX:Rues")}),
    ("vireloux-defibrillateurs", "Défibrillateurs accessibles au public à Vireloux",
     "Position et horaires des défibrillateurs (DEA) de la commune fictive de Vireloux.", ["santé", "défibrillateurs"],
     {"OGC:WFS": (WFS, "VIRELOUX:Defibrillateurs")}),
    ("vireloux-equipements", "Équipements collectifs de Vireloux",
     "Écoles, crèches, salles, installations sportives et autres équipements collectifs de la commune fictive de "
     "Vireloux.", ["équipements collectifs", "enseignement", "sport"],
     {"OGC:WFS": (WFS, "VIRELOUX:Equipements")}),
]
# recorded searches: (text of the csw:AnyText PropertyIsLike, element set) -> identifiers found
RECHERCHES = {
    ("%inondable%", "full"): ["vireloux-zones-inondables"],
    ("%Vireloux%", "summary"): [f[0] for f in FICHES],
    ("%équipement%", "full"): ["vireloux-equipements"],
    ("%équipement%", "summary"): ["vireloux-equipements"],
}
NS_CSW = ('xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:dct="http://purl.org/dc/terms/" xmlns:ows="http://www.opengis.net/ows" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')


def capacites_csw() -> str:
    operations = "".join(f"""
    <ows:Operation name="{op}">
      <ows:DCP><ows:HTTP>{verbes}</ows:HTTP></ows:DCP>
    </ows:Operation>""" for op, verbes in (
        ("GetCapabilities", f'<ows:Get xlink:href="{CSW}"/>'),
        ("GetRecords", f'<ows:Post xlink:href="{CSW}"/>'),
        ("GetRecordById", f'<ows:Get xlink:href="{CSW}"/>')))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<csw:Capabilities version="2.0.2" {NS_CSW} xmlns:xlink="http://www.w3.org/1999/xlink">
  <ows:ServiceIdentification>
    <ows:Title>Catalogue de formation Vireloux (fictif)</ows:Title>
    <ows:Abstract>Catalogue CSW de formation qui décrit les couches de la commune fictive de Vireloux. Réponses enregistrées, inventées : ce catalogue n'existe pas sur Metawal.</ows:Abstract>
    <ows:ServiceType>CSW</ows:ServiceType>
    <ows:ServiceTypeVersion>2.0.2</ows:ServiceTypeVersion>
    <ows:Fees>none</ows:Fees>
    <ows:AccessConstraints>Métadonnées fictives, licence CC BY 4.0</ows:AccessConstraints>
  </ows:ServiceIdentification>
  <ows:ServiceProvider>
    <ows:ProviderName>Commune de Vireloux (fictive)</ows:ProviderName>
  </ows:ServiceProvider>
  <ows:OperationsMetadata>{operations}
  </ows:OperationsMetadata>
</csw:Capabilities>
"""


def _fiche_csw(t: Territoire, fiche, esn: str) -> str:
    from xml.sax.saxutils import escape, quoteattr

    identifiant, titre, resume, mots, services = fiche
    lo1, la1, lo2, la2 = _emprise_wgs84(t)
    sujets = "".join(f"<dc:subject>{escape(m)}</dc:subject>" for m in mots)
    emprise = (f'<ows:BoundingBox crs="urn:ogc:def:crs:EPSG::4326"><ows:LowerCorner>{la1} {lo1}</ows:LowerCorner>'
               f"<ows:UpperCorner>{la2} {lo2}</ows:UpperCorner></ows:BoundingBox>")
    commun = (f"<dc:identifier>{identifiant}</dc:identifier><dc:title>{escape(titre)}</dc:title>"
              f"<dc:type>dataset</dc:type>{sujets}")
    if esn == "summary":
        return (f"<csw:SummaryRecord>{commun}<dct:modified>2025-01-15</dct:modified>"
                f"<dct:abstract>{escape(resume)}</dct:abstract>{emprise}</csw:SummaryRecord>")
    liens = "".join(f"<dc:URI protocol={quoteattr(protocole)} name={quoteattr(nom)} "
                    f"description={quoteattr('Service ' + protocole.split(':')[1] + ' (fictif)')}>{adresse}</dc:URI>"
                    for protocole, (adresse, nom) in services.items())
    return (f"<csw:Record>{commun}<dct:modified>2025-01-15</dct:modified><dct:abstract>{escape(resume)}</dct:abstract>"
            f"<dc:rights>Licence CC BY 4.0 (données fictives de formation)</dc:rights>"
            f"<dc:publisher>Commune de Vireloux (fictive)</dc:publisher><dc:language>fre</dc:language>"
            f"{liens}{emprise}</csw:Record>")


def _corps_getrecords(texte: str, esn: str) -> bytes:
    """The XML body OWSLib posts for getrecords2(constraints=[PropertyIsLike("csw:AnyText", texte)], esn=esn)."""
    from unittest import mock

    from owslib.catalogue import csw2
    from owslib.fes import PropertyIsLike

    class Envoye(Exception):
        pass

    envoye = {}

    def poster(adresse, corps, *args, **kwargs):
        envoye["corps"] = corps
        raise Envoye

    csw = csw2.CatalogueServiceWeb(CSW, skip_caps=True)
    with mock.patch.object(csw2, "http_post", poster):
        try:
            csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", texte)], esn=esn)
        except Envoye:
            pass
    return envoye["corps"]


def reponses_catalogue(t: Territoire) -> list[Reponse]:
    xml = "application/xml; charset=utf-8"
    reponses = [Reponse("geoportail-wallonie", adresse_requete(CSW, [("service", "CSW"), ("version", "2.0.2"),
                                                                    ("request", "GetCapabilities")]),
                        "CSW 2.0.2 GetCapabilities du catalogue de formation (fictif) Vireloux", capacites_csw(), xml)]
    par_id = {f[0]: f for f in FICHES}
    for (texte, esn), trouves in RECHERCHES.items():
        fiches = "".join(_fiche_csw(t, par_id[i], esn) for i in trouves)
        corps = (f'<?xml version="1.0" encoding="UTF-8"?>\n<csw:GetRecordsResponse version="2.0.2" {NS_CSW}>'
                 f'<csw:SearchStatus timestamp="2025-01-15T09:00:00Z"/>'
                 f'<csw:SearchResults numberOfRecordsMatched="{len(trouves)}" numberOfRecordsReturned="{len(trouves)}" '
                 f'nextRecord="0" elementSet="{esn}">{fiches}</csw:SearchResults></csw:GetRecordsResponse>\n')
        reponses.append(Reponse(
            "geoportail-wallonie", CSW,
            f"CSW GetRecords (POST) du catalogue de formation (fictif) : « {texte} » dans csw:AnyText, "
            f"fiches {esn} : {len(trouves)} trouvée(s)",
            corps, xml, methode="POST", corps_requete=_corps_getrecords(texte, esn).decode("utf-8")))
    return reponses
