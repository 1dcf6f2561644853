"""The bundles the views load are built from the current sources (``make compile_assets``)."""

from lessonstudy_xblock.assets import BUNDLES, bundle_path
from scripts import assets


def test_every_bundle_is_built_from_the_current_sources():
    assert assets.problems() == []


def test_every_source_is_in_a_bundle_and_every_bundle_is_shipped():
    from pathlib import Path  # pylint: disable=import-outside-toplevel

    package = Path(assets.PACKAGE)
    bundled = {source for kinds in BUNDLES.values() for sources in kinds.values() for source in sources}
    sources = {str(path.relative_to(package)) for folder in ("static/js", "static/css")
               for path in (package / folder).rglob("*.*")}
    assert sources == bundled
    for name, kinds in BUNDLES.items():
        for kind in kinds:
            assert (package / bundle_path(name, kind)).exists()
