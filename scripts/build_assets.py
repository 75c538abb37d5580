"""Build the front-end assets the pages use into portal/static/ (run by `make setup`).

- One minified stylesheet: the DKFDS modules the templates use, compiled from DKFDS's SCSS
  sources with Dart Sass (both from package-lock.json), then the portal's own rules
  (portal/assets/styles/main.scss). The few icons DKFDS's rules draw are inlined as data: URLs.
- IBM Plex Sans as WOFF2 in the three weights the stylesheet uses (400, 600, 700), subset with
  fontTools to Latin with the Danish letters and the punctuation the texts use, with
  `font-display: swap` and a local fallback face whose metrics are matched to Plex, so the swap
  does not move the page.
- A small SVG sprite with the alert icons, htmx, the portal's scripts and the favicon.

Every file is named by a hash of its content (so it can be cached for a year), written with gzip
and brotli copies next to it (WhiteNoise serves those), and listed in portal/static/manifest.json,
which `asset_url()` in the templates reads. The output is the same on every run from the same
inputs: gzip without a time stamp, fonts subset without a new modification date.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import brotli
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
DKFDS = NODE / "dkfds" / "src"
SOURCES = ROOT / "portal" / "assets"
STATIC = ROOT / "portal" / "static"
DIST = STATIC / "dist"  # served at /static/ by WhiteNoise (portal/web/static_files.py)
MANIFEST = STATIC / "manifest.json"

# The weights DKFDS's rules ask for: body text (400); h2-h6, labels and buttons (600); h1 and
# <strong> (700). Medium (500, a few rules) resolves to 400 by the CSS font matching rules. With
# only two weights, h1 and bold text were drawn visibly lighter than DKFDS draws them.
FONT_WEIGHTS = {400: "Regular", 600: "SemiBold", 700: "Bold"}
PRELOADED_WEIGHT = 400
# Latin letters with æ, ø, å, é, ü and the rest of Latin-1, and the punctuation the portal's
# texts use (dashes, quotes, bullet, ellipsis, euro). Anything else is drawn by the fallback.
UNICODE_RANGE = "U+0020-007E,U+00A0-00FF,U+2013-2014,U+2018-201A,U+201C-201E,U+2022,U+2026,U+20AC"
# Arial's metrics (Liberation Sans has the same), the local font the fallback face uses; read
# from LiberationSans-Regular.ttf: units per em and the advance widths of the sample below.
FALLBACK_LOCAL = ("Arial", "Liberation Sans", "Helvetica", "Roboto")
ARIAL_UNITS_PER_EM = 2048
ARIAL_SAMPLE_WIDTH = 136605
FALLBACK_SAMPLE = (
    "Dit møde med jobcentret er tirsdag den 30. marts 2027 kl. 13.00. Du kan se din plan, "
    "booke en samtale og læse afgørelser. Æbler, Øresund og Ålborg."
)
# The alert icons (components/alerts.html), from DKFDS's sprite.
SPRITE_ICONS = ("info", "success", "warning", "error")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


class Output:
    """Hashed files written to DIST, and the manifest naming them."""

    def __init__(self) -> None:
        self.manifest: dict[str, str] = {}

    def add(self, logical: str, data: bytes) -> str:
        stem, dot, suffix = logical.rpartition(".")
        name = f"{stem}.{sha(data)}{dot}{suffix}"
        path = DIST / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if suffix in ("css", "js", "svg"):  # WOFF2 is brotli inside already, PNG deflate
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
            with (
                open(path.with_name(path.name + ".gz"), "wb") as raw,
                gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz,
            ):
                gz.write(data)
        self.manifest[logical] = name
        return name


def subset_font(weight_name: str) -> bytes:
    source = DKFDS / f"fonts/IBMPlexSans/complete/ttf/IBMPlexSans-{weight_name}.ttf"
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga"]
    options.hinting = False  # browsers on phones ignore TrueType hints; they are a third
    options.desubroutinize = True
    options.name_IDs = [1, 2]  # family and style names only
    options.notdef_outline = True
    options.drop_tables += ["meta"]  # fontTools cannot subset it and would say so
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODE_RANGE))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()

    def tell(self) -> int:
        return sum(map(len, self.parts))


def fallback_metrics() -> dict[str, str]:
    """size-adjust makes the fallback's text as wide as Plex's; the overrides then give its lines
    Plex's ascent and descent, so a line keeps its height and its breaks when Plex arrives."""
    plex = TTFont(DKFDS / "fonts/IBMPlexSans/complete/ttf/IBMPlexSans-Regular.ttf")
    cmap = plex.getBestCmap()
    widths = plex["hmtx"].metrics
    plex_em = plex["head"].unitsPerEm
    plex_width = sum(widths[cmap[ord(ch)]][0] for ch in FALLBACK_SAMPLE) / plex_em
    arial_width = ARIAL_SAMPLE_WIDTH / ARIAL_UNITS_PER_EM
    size_adjust = plex_width / arial_width
    hhea = plex["hhea"]
    return {
        "size-adjust": f"{size_adjust * 100:.2f}%",
        "ascent-override": f"{hhea.ascent / plex_em / size_adjust * 100:.2f}%",
        "descent-override": f"{-hhea.descent / plex_em / size_adjust * 100:.2f}%",
        "line-gap-override": f"{hhea.lineGap / plex_em / size_adjust * 100:.2f}%",
    }


def font_faces(font_names: dict[int, str]) -> str:
    faces = [
        "@font-face{font-family:'IBM Plex Sans';font-style:normal;"
        f"font-weight:{weight};font-display:swap;"
        f"src:url({name}) format('woff2');unicode-range:{UNICODE_RANGE}}}"
        for weight, name in sorted(font_names.items())
    ]
    local = ",".join(f'local("{family}")' for family in FALLBACK_LOCAL)
    metrics = ";".join(f"{key}:{value}" for key, value in fallback_metrics().items())
    faces.append(f"@font-face{{font-family:'IBM Plex Sans Fallback';src:{local};{metrics}}}")
    return "".join(faces)


def compile_stylesheet() -> str:
    sass = NODE / "sass" / "sass.js"
    node = shutil.which("node") or "node"
    result = subprocess.run(  # noqa: S603 - fixed arguments, the project's own files
        [
            node,
            str(sass),
            "--no-source-map",
            "--style=compressed",
            "--quiet-deps",
            f"--load-path={DKFDS / 'stylesheets'}",
            str(SOURCES / "styles" / "main.scss"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    # Sass marks non-ASCII output with a byte order mark; in the middle of the file, after the
    # font faces, it would be read as part of the first selector. WhiteNoise sends UTF-8.
    return result.stdout.strip().lstrip("\ufeff")


def rewrite_urls(css: str, out: Output) -> str:
    """DKFDS's icons become data: URLs (a few hundred bytes each, no extra request); its images
    (a logo no portal page shows) become hashed files, fetched only if something used them."""

    def replace(match: re.Match) -> str:
        folder, name = match.group(1), match.group(2)
        if folder == "dkfds-icons":
            svg = (DKFDS / "img/svg-icons" / name).read_text(encoding="utf-8").strip()
            return 'url("data:image/svg+xml,' + urllib.parse.quote(svg, safe=" =:/'") + '")'
        data = (DKFDS / "img" / name).read_bytes()
        return f'url("{out.add("img/" + name, data)}")'

    return re.sub(r'url\("(dkfds-icons|dkfds-img)/([\w.-]+)"\)', replace, css)


def sprite() -> bytes:
    whole = (DKFDS / "img/all-svg-icons.svg").read_text(encoding="utf-8")
    symbols = []
    for icon in SPRITE_ICONS:
        found = re.search(rf'<symbol id="{icon}".*?</symbol>', whole, re.S)
        if not found:
            raise SystemExit(f"DKFDS's sprite has no icon {icon!r}")
        symbols.append(re.sub(r"\s+", " ", found.group(0)))
    return ('<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>").encode()


def build() -> dict[str, str]:
    if DIST.exists():
        shutil.rmtree(DIST)
    DIST.mkdir(parents=True)
    out = Output()
    font_names = {
        weight: out.add(f"fonts/plex-sans-{weight}.woff2", subset_font(name))
        for weight, name in FONT_WEIGHTS.items()
    }
    # Font URLs in the stylesheet are relative to it: both live under DIST, the fonts in fonts/.
    faces = font_faces({weight: name for weight, name in font_names.items()})
    css = faces + rewrite_urls(compile_stylesheet(), out)
    out.add("portal.css", css.encode())
    out.add("icons.svg", sprite())
    out.add("htmx.js", (NODE / "htmx.org/dist/htmx.min.js").read_bytes())
    for script in sorted((SOURCES / "js").glob("*.js")):
        out.add(script.name, script.read_bytes())
    out.add("favicon.svg", (SOURCES / "favicon.svg").read_bytes())
    # The municipality's logo(s) (PORTAL_ORG_LOGO names one): built like every other asset, so a
    # new logo in portal/static/org/ is served after the next build.
    for logo in sorted((STATIC / "org").glob("*")):
        out.add(f"org/{logo.name}", logo.read_bytes())
    out.manifest["preload-font"] = font_names[PRELOADED_WEIGHT]
    MANIFEST.write_text(json.dumps(out.manifest, indent=2, sort_keys=True) + "\n")
    return out.manifest


def main() -> int:
    needed = [NODE / "sass/sass.js", DKFDS / "stylesheets", NODE / "htmx.org/dist/htmx.min.js"]
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        print(
            "Missing front-end packages; run `npm ci` first:", *missing, sep="\n  ", file=sys.stderr
        )
        return 1
    manifest = build()
    total = {
        name: (DIST / file).stat().st_size
        for name, file in manifest.items()
        if name != "preload-font"
    }
    print(
        f"assets built into {DIST.relative_to(ROOT)}: "
        + ", ".join(f"{k} {v} B" for k, v in sorted(total.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
