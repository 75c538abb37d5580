"""Copy the front-end assets the pages use from node_modules into portal/static/dist.

Only what is used is shipped: the DKFDS borger.dk stylesheet with its fonts and images, and htmx.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
DIST = ROOT / "portal" / "static" / "dist"

COPIES = [
    (NODE / "dkfds/dist/css/dkfds-borgerdk.min.css", DIST / "dkfds/css/dkfds-borgerdk.min.css"),
    (
        NODE / "dkfds/dist/fonts/IBMPlexSans/complete/woff2",
        DIST / "dkfds/fonts/IBMPlexSans/complete/woff2",
    ),
    (
        NODE / "dkfds/dist/fonts/IBMPlexSans/complete/woff",
        DIST / "dkfds/fonts/IBMPlexSans/complete/woff",
    ),
    (NODE / "dkfds/dist/img", DIST / "dkfds/img"),
    (NODE / "htmx.org/dist/htmx.min.js", DIST / "htmx.min.js"),
]


def main() -> int:
    missing = [str(src) for src, _ in COPIES if not src.exists()]
    if missing:
        print(
            "Missing front-end packages; run `npm ci` first:", *missing, sep="\n  ", file=sys.stderr
        )
        return 1
    if DIST.exists():
        shutil.rmtree(DIST)
    for src, dest in COPIES:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest)
        else:
            shutil.copy2(src, dest)
    print(f"assets copied to {DIST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
