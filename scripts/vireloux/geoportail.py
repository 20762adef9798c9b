"""Recorded answers of the (fictitious) Walloon geoportal services VIRELOUX: WMS 1.3.0 and WFS 2.0.0."""

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
    </FeatureType>""" for _, nom, titre, resume in COUCHES_OGC)
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


def getfeature_geojson(entites: list[tuple[dict, object]], epsg: int) -> dict:
    """A WFS GetFeature answer in GeoJSON; in Lambert 72 it names its CRS (a non-standard but common member)."""
    collection = {"type": "FeatureCollection"}
    if epsg != 4326:
        collection["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}}
    entites_json = []
    for i, (proprietes, geom) in enumerate(entites, start=1):
        g = geom if epsg == 31370 else geom_wgs84(geom)
        entites_json.append({"type": "Feature", "id": i, "geometry": coords_json(g),
                             "properties": {"OBJECTID": i, **proprietes}})
    collection["features"] = entites_json
    return collection


def reponses_geoportail(t: Territoire, quartiers: list, zones: list, population: list[dict]) -> list[Reponse]:
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
    return reponses
