"""Build the static bundles the views load: each view's scripts and stylesheets, concatenated
and minified (``make compile_assets``), and check that they are up to date (``check``).

The sources stay readable in ``lessonstudy_xblock/static/js/`` and ``static/css/``; the
bundles in ``static/dist/`` are what a browser downloads, one file per view and kind, named
in :data:`lessonstudy_xblock.assets.BUNDLES`. Minified with ``rjsmin`` and ``rcssmin``
(pure Python, no Node build): comments and spaces go, names and strings stay, so the
translation extractor still finds every ``gettext("...")`` in a bundle.

Usage: ``python -m scripts.assets compile|check``.
"""

import argparse
import sys
from pathlib import Path

import rcssmin
import rjsmin

from lessonstudy_xblock.assets import BUNDLES, bundle_path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "lessonstudy_xblock"


def built(name, kind):
    """The bytes of one bundle: its sources in order, each minified, with a header naming them."""
    sources = BUNDLES[name][kind]
    minify = rjsmin.jsmin if kind == "js" else rcssmin.cssmin
    header = f"/* lessonstudy-xblock: {', '.join(sources)} (minified by `make compile_assets`) */"
    separator = ";\n" if kind == "js" else "\n"  # each script is a complete statement
    body = separator.join(minify((PACKAGE / source).read_text(encoding="utf-8")).strip()
                          for source in sources)
    return f"{header}\n{body}\n".encode("utf-8")


def outputs():
    """``{path: bytes}`` of every bundle."""
    files = {}
    for name, kinds in BUNDLES.items():
        for kind in kinds:
            files[PACKAGE / bundle_path(name, kind)] = built(name, kind)
    return files


def compile_all():
    """Build every bundle that is missing or stale; returns the files written."""
    changed = []
    for path, data in outputs().items():
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed.append(path)
    return changed


def problems():
    """Bundles that are missing or not built from the current sources."""
    return [f"{path.relative_to(REPO)} is not built from the current sources (run make compile_assets)"
            for path, data in outputs().items() if not path.exists() or path.read_bytes() != data]


def main(argv=None):
    """The command line: ``compile`` or ``check``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("command", choices=("compile", "check"))
    command = parser.parse_args(argv).command
    if command == "compile":
        changed = compile_all()
        print("\n".join(str(path.relative_to(REPO)) for path in changed) or "bundles are up to date")
        return 0
    found = problems()
    print("\n".join(found) or "bundles are up to date")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
