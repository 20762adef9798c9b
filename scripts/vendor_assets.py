"""Copy the JavaScript/CSS that folium maps and the slide decks need into book/_static/vendor/, and plotly.js's French locale.

The built book must work with the network cut, so the files folium's HTML loads
from CDNs are served by the site itself (atelier/livre/extension.py rewrites the URLs).
Maintainers run this once when folium changes its pinned front-end versions;
the result is committed, so a clean clone needs neither npm nor a network.
It needs `npm` (the npm registry) to fetch the packages.

    python scripts/vendor_assets.py
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "book" / "_static" / "vendor"

# npm package -> {path in the package: path under vendor/<folder>}
PACKAGES = {
    "leaflet@1.9.3": {
        "dist/leaflet.js": "leaflet.js",
        "dist/leaflet.css": "leaflet.css",
        "dist/images": "images",
        "LICENSE": "LICENSE",
    },
    "jquery@3.7.1": {"dist/jquery.min.js": "jquery.min.js", "LICENSE.txt": "LICENSE.txt"},
    "bootstrap@5.2.2": {
        "dist/js/bootstrap.bundle.min.js": "js/bootstrap.bundle.min.js",
        "dist/css/bootstrap.min.css": "css/bootstrap.min.css",
        "LICENSE": "LICENSE",
    },
    "@fortawesome/fontawesome-free@6.2.0": {
        "css/all.min.css": "css/all.min.css",
        "webfonts": "webfonts",
        "LICENSE.txt": "LICENSE.txt",
    },
    # branca's colour legend (folium.Choropleth, branca.colormap) draws with d3 3.5.5 (BSD-3-Clause).
    "d3@3.5.5": {"d3.min.js": "d3.min.js", "LICENSE": "LICENSE"},
    "drmonty-leaflet-awesome-markers@2.0.2": {
        "js/leaflet.awesome-markers.js": "leaflet.awesome-markers.js",
        "css/leaflet.awesome-markers.css": "leaflet.awesome-markers.css",
        "css/images": "images",
    },
    # For the lessons' slide decks (nbconvert's reveal.js exporter; the deck builder is still to be written), MIT.
    "reveal.js@5.2.1": {
        "dist/reveal.js": "dist/reveal.js",
        "dist/reveal.css": "dist/reveal.css",
        "dist/reset.css": "dist/reset.css",
        "dist/theme/white.css": "dist/theme/white.css",
        "dist/theme/fonts/source-sans-pro": "dist/theme/fonts/source-sans-pro",
        "plugin/notes/notes.js": "plugin/notes/notes.js",
        "LICENSE": "LICENSE",
    },
}
# Read by Python, not by the site: shipped inside the package (the grading sandbox exposes the package, not book/).
PACKAGE_VENDOR = Path(__file__).resolve().parent.parent / "atelier" / "vendor"
PACKAGE_FILES = {
    # French modebar texts and number/date formats, read by atelier/graphiques.py
    "plotly.js-locales@3.7.0": {"fr.js": "fr.js", "LICENSE": "LICENSE"},
}


def folder_name(spec: str) -> str:
    return spec.split("/")[-1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files, vendor in [*((s, f, VENDOR) for s, f in PACKAGES.items()),
                                    *((s, f, PACKAGE_VENDOR) for s, f in PACKAGE_FILES.items())]:
            out = subprocess.run(["npm", "pack", spec], cwd=tmp, check=True, capture_output=True, text=True)
            tarball = Path(tmp) / out.stdout.strip().splitlines()[-1]
            unpacked = Path(tmp) / folder_name(spec)
            with tarfile.open(tarball) as archive:
                archive.extractall(unpacked, filter="data")
            target = vendor / folder_name(spec)
            shutil.rmtree(target, ignore_errors=True)
            for source, destination in files.items():
                src = unpacked / "package" / source
                dst = target / destination
                dst.parent.mkdir(parents=True, exist_ok=True)
                if src.is_dir():
                    # woff2 is enough for every browser the book targets
                    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.ttf", "*.map"))
                else:
                    shutil.copy2(src, dst)
            print(f"{spec} -> {target}")


if __name__ == "__main__":
    main()
