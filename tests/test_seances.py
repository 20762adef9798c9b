"""Session plans (book/seances/<slug>.md) and participant sheets (book/seances/fiches/), from seances.yml."""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from atelier.evaluation import seances
from atelier.livre import fiches
from atelier.livre.durees import en_francais
from tests.conftest import ROOT

SEANCES_DIR = ROOT / "book" / "seances"
SEANCES = seances()
SLUGS = [s["slug"] for s in SEANCES]
SECTIONS = [
    "Objectifs",
    "Déroulé",
    "Questions à la salle",
    "Exercices",
    "À préparer",
    "Ce qui peut mal tourner, et la parade",
    "Après la séance",
]
DOC = re.compile(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`")
BLOCK = re.compile(r"^\| (\d+):(\d\d) – (\d+):(\d\d) \|", re.MULTILINE)


def _plan(slug: str) -> str:
    return (SEANCES_DIR / f"{slug}.md").read_text(encoding="utf-8")


def _sections(text: str) -> dict[str, str]:
    """The plan's `##` sections, by title, in order."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2]))


def _target(page, link: str):
    """The file a {doc} link of ``page`` points to, or None."""
    base = (page.parent / link).resolve()
    return next((base.with_suffix(s) for s in (".md", ".ipynb") if base.with_suffix(s).exists()), None)


def _headings(notebook) -> set[str]:
    """The `##` and `###` headings of a notebook's markdown cells, spaces normalised."""
    cells = nbformat.read(notebook, as_version=4).cells
    found = set()
    for cell in cells:
        if cell.cell_type == "markdown":
            found |= {_normal(m) for m in re.findall(r"^#{2,3} (.+?)\s*$", cell.source, flags=re.MULTILINE)}
    return found


def _normal(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def _quoted_sections(cell: str) -> list[tuple[str, str]]:
    """(link, section) pairs of a Support cell: each « … » after « section(s) » belongs to the {doc} before it."""
    pairs = []
    for chunk in re.split(r"(?=\{doc\})", cell):
        link = DOC.match(chunk)
        named = re.search(r"\bsections? (.*)", chunk)
        if not link or not named:
            continue
        # a name may hold its own « … » (« « Qui a le plus ? » : des barres triées »): a name ends at a
        # closing » followed by a separator or the end of the cell
        for name in re.findall(r"« (.+?) »(?=\s*(?:,|;| et |$))", named.group(1)):
            pairs.append((link.group(1), name))
    return pairs


def _support_cells(text: str) -> list[str]:
    deroule = _sections(text)["Déroulé"]
    return [row.rstrip().rstrip("|").rsplit(" | ", 1)[-1] for row in deroule.splitlines() if BLOCK.match(row)]


def test_the_sessions_are_the_programmes():
    assert len(SEANCES) == 16 and len(set(SLUGS)) == 16
    for seance in SEANCES:
        assert {"slug", "titre", "etape", "duree_minutes", "modules", "a_preparer", "a_lire", "donnees",
                "exercices", "liens"} <= set(seance), seance["slug"]
        assert seance["a_preparer"], f"{seance['slug']}: nothing to prepare"


@pytest.mark.parametrize("slug", SLUGS)
def test_plan_has_the_seven_sections_in_order(slug):
    text = _plan(slug)
    assert list(_sections(text)) == SECTIONS


@pytest.mark.parametrize("seance", SEANCES, ids=lambda s: s["slug"])
def test_plan_title_line_gives_step_duration_and_modules(seance):
    lines = [line for line in _plan(seance["slug"]).splitlines() if line.strip()]
    assert lines[0] == f"# {seance['titre']}"
    header = lines[1]
    assert seance["etape"].lower() in header.lower() and en_francais(seance["duree_minutes"]) in header
    for module in seance["modules"]:
        assert f"](../modules/{module}-" in header, f"module {module} is not linked"


@pytest.mark.parametrize("seance", SEANCES, ids=lambda s: s["slug"])
def test_deroule_blocks_follow_each_other_from_zero_to_the_duration(seance):
    deroule = _sections(_plan(seance["slug"]))["Déroulé"]
    assert "| Horaire | Séquence | Contenu et ce qu'il faut montrer | Support |" in deroule
    blocks = [(int(a) * 60 + int(b), int(c) * 60 + int(d)) for a, b, c, d in BLOCK.findall(deroule)]
    assert len(blocks) >= 4
    assert blocks[0][0] == 0 and blocks[-1][1] == seance["duree_minutes"], blocks
    for (start, end), (next_start, _) in zip(blocks, blocks[1:]):
        assert start < end == next_start, f"{start}–{end} then {next_start}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_doc_link_of_a_plan_exists(slug):
    page = SEANCES_DIR / f"{slug}.md"
    links = DOC.findall(_plan(slug))
    assert links
    missing = [link for link in links if _target(page, link) is None]
    assert not missing, missing


@pytest.mark.parametrize("slug", SLUGS)
def test_every_quoted_section_is_a_heading_of_its_notebook(slug):
    page = SEANCES_DIR / f"{slug}.md"
    pairs = [pair for cell in _support_cells(_plan(slug)) for pair in _quoted_sections(cell)]
    assert pairs, "no Support cell names a section to show"
    for link, name in pairs:
        target = _target(page, link)
        assert target is not None and target.suffix == ".ipynb", link
        assert _normal(name) in _headings(target), f"« {name} » is not a heading of {target.name}"


def test_the_section_check_sees_a_wrong_name():
    cell = ("{doc}`../../notebooks/02-portails/01-paysage-des-portails`, sections « Trois niveaux de portails » "
            "et « « Qui a le plus ? » : des barres » ; {doc}`../x`")
    assert _quoted_sections(cell) == [
        ("../../notebooks/02-portails/01-paysage-des-portails", "Trois niveaux de portails"),
        ("../../notebooks/02-portails/01-paysage-des-portails", "« Qui a le plus ? » : des barres"),
    ]
    headings = _headings(ROOT / "notebooks" / "02-portails" / "01-paysage-des-portails.ipynb")
    assert "Trois niveaux de portails" in headings and "Trois niveaux des portails" not in headings


@pytest.mark.parametrize("slug", SLUGS)
def test_after_the_session_ends_with_the_feedback_and_sheet_links(slug):
    after = _sections(_plan(slug))["Après la séance"].strip().splitlines()
    link = f'<a class="lien-avis" href="donner-votre-avis.html?seance={slug}">Donner votre avis sur cette séance</a>'
    assert link in after[-3:]
    assert f"{{doc}}`fiche participant <fiches/{slug}>`" in after[-1]


def test_programme_table_links_every_plan():
    programme = (ROOT / "book" / "programme.md").read_text(encoding="utf-8")
    table = programme.split("## Webinaires et modules", 1)[1].split("\n\n", 2)[1]
    rows = [r for r in table.splitlines() if r.startswith("| ") and not r.startswith("| ---")]
    assert "Plan de séance" in rows[0]
    body = rows[1:]
    assert len(body) == len(SEANCES)
    for row, seance in zip(body, SEANCES):
        assert f"(seances/{seance['slug']}.md)" in row, f"the programme row « {row[:50]} » does not link its plan"


def _toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = []

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc["parts"]:
        if part["caption"] == "Animer les séances":
            walk(part["chapters"])
    return files


def test_toc_has_the_index_every_plan_and_every_sheet():
    files = _toc_files()
    assert files[0] == "book/seances/index"
    for slug in SLUGS:
        assert f"book/seances/{slug}" in files
        assert f"book/seances/fiches/{slug}" in files


def test_index_lists_every_plan_and_sheet():
    index = (SEANCES_DIR / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Plans de séance")
    for seance in SEANCES:
        row = next((r for r in index.splitlines() if f"{{doc}}`plan <{seance['slug']}>`" in r), None)
        assert row is not None, seance["slug"]
        assert f"{{doc}}`fiche <fiches/{seance['slug']}>`" in row and en_francais(seance["duree_minutes"]) in row
        assert f"| {seance['titre']} |" in row and f"| {seance['etape']} |" in row


def test_committed_sheets_are_what_the_command_writes(tmp_path):
    written = fiches.ecrire(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in (SEANCES_DIR / "fiches").glob("*.md"))
    for path in written:
        committed = SEANCES_DIR / "fiches" / path.name
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{committed.name} is stale: run `python -m atelier.livre.fiches`"
        )


@pytest.mark.parametrize("seance", SEANCES, ids=lambda s: s["slug"])
def test_sheet_has_the_blanks_the_links_and_every_exercise(seance):
    sheet = fiches.fiche(seance)
    assert "**Date** :" in sheet and "(hub ou livre)** :" in sheet
    assert ":::{div} fiche-participant" in sheet
    assert f'href="../donner-votre-avis.html?seance={seance["slug"]}"' in sheet
    page = SEANCES_DIR / "fiches" / f"{seance['slug']}.md"
    for module in seance["modules"]:
        assert f"](../../modules/{module}-" in sheet, f"module {module} is not linked"
    for path in seance["exercices"] + seance["a_lire"]:
        assert f"{{doc}}`../../../{path}`" in sheet
        assert _target(page, f"../../../{path}") is not None, path
    for entry in seance["liens"]:
        assert "url" in entry or _target(page, f"../../../{entry['doc']}") is not None, entry


def test_module_pages_link_the_plans_of_their_sessions_and_hold_no_timed_plan():
    for page in sorted((ROOT / "book" / "modules").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert not BLOCK.search(text), f"{page.name} still holds a timed plan"
        for seance in SEANCES:
            if page.name[:2] in seance["modules"]:
                assert f"{{doc}}`../seances/{seance['slug']}`" in text, f"{page.name} does not link {seance['slug']}"


def test_trainer_guide_keeps_the_generic_plan_and_links_module_0s():
    guide = (ROOT / "book" / "guide-formateur.md").read_text(encoding="utf-8")
    assert "## Plan type d'un webinaire de 2 heures" in guide
    assert "Plan détaillé du module 0" not in guide
    assert "{doc}`seances/premiers-pas-jupyter`" in guide


def test_preparing_a_session_points_to_the_sheets_instead_of_copying_them():
    page = (ROOT / "book" / "preparer-une-session.md").read_text(encoding="utf-8")
    assert "| Webinaire | À préparer | À lire |" not in page
    assert "{doc}`seances/index`" in page
    for slug in SLUGS:
        assert f"{{doc}}`seances/fiches/{slug}`" in page, slug
