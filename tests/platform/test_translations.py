"""Indonesian on a Tutor site: the platform's i18n service after Tutor's empty atlas folder.

``PlatformI18nService`` below is ``XBlockI18nService`` of ``xmodule/modulestore/django.py`` (with
``get_python_locale_root`` and ``get_xblock_root_module_name`` of ``xmodule/modulestore/api.py``),
as on the platform's master: it prefers ``REPO_ROOT/conf/plugins-locale/xblock.v1/<module>``
whenever that folder exists, with the gettext domain ``django``, and falls back to Django's own
catalog when no catalog is there. Tutor's image build runs ``atlas pull`` for every installed
XBlock, which creates that folder even for a block it finds nothing for. The runtime hands a
block the service made for it (``ModuleStoreRuntime.service`` calls a callable service with the
block), as ``BlockI18nRuntime`` does here.
"""

import gettext
import importlib.resources
import io
from pathlib import Path

import django.utils.translation
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from django.conf import settings as django_settings
from django.utils.translation import get_language, to_locale

from lessonstudy_xblock.workshop import WorkshopBlock
from tests.support.lms_double import LmsCourse, LmsLikeRuntime


class PlatformI18nService:
    """``XBlockI18nService`` of ``xmodule/modulestore/django.py``."""

    def __init__(self, block=None):
        self.translator = django.utils.translation
        if block:
            domain, locale_dir = self.get_python_locale(block)
            selected_language = get_language()
            if locale_dir:
                try:
                    self.translator = gettext.translation(
                        domain, locale_dir,
                        [to_locale(selected_language if selected_language else django_settings.LANGUAGE_CODE)])
                except OSError:
                    pass  # falls back to Django's catalog, which lacks the block's strings

    @staticmethod
    def get_python_locale(block):
        module = getattr(block, "unmixed_class", block.__class__).__module__.split(".")[0]
        atlas = Path(django_settings.REPO_ROOT) / "conf/plugins-locale/xblock.v1" / module
        if atlas.is_dir():
            return "django", atlas
        return "text", str(importlib.resources.files(module) / "translations")

    def __getattr__(self, name):
        name = "gettext" if name == "ugettext" else name
        return getattr(self.translator, name)


class BlockI18nRuntime(LmsLikeRuntime):
    """The LMS double whose ``i18n`` service is made for the block asking, as the platform does."""

    def service(self, block, service_name):
        if service_name == "i18n":
            return PlatformI18nService(block)
        return super().service(block, service_name)


class TutorCourse(LmsCourse):
    """A course on the LMS double whose requests use :class:`BlockI18nRuntime`."""

    runtime_class = BlockI18nRuntime


@pytest.fixture
def tutor_site(settings, tmp_path, db):  # pylint: disable=unused-argument
    """A site root where Tutor's image build left an empty atlas folder for this package."""
    settings.REPO_ROOT = tmp_path
    folder = tmp_path / "conf/plugins-locale/xblock.v1/lessonstudy_xblock"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def indonesian():
    with django.utils.translation.override("id"):
        yield


def test_tutors_empty_folder_leaves_the_platform_service_without_a_catalog(tutor_site, indonesian):  # pylint: disable=unused-argument
    service = PlatformI18nService(WorkshopBlock.__new__(WorkshopBlock))
    assert service.translator is django.utils.translation
    assert service.gettext("Mark step done") == "Mark step done", "the premise: the service alone is English"


def test_rendered_views_are_indonesian_after_tutors_empty_folder(tutor_site, indonesian):  # pylint: disable=unused-argument
    course = TutorCourse()
    fragment = course.render("guru_rina", "student_view")
    assert "Memuat ruang kerja..." in fragment.body_html()
    workshop = TutorCourse(block_class=WorkshopBlock, block_type="lessonstudy_workshop",
                           usage_id="block-v1:Demo+LS+2026+type@lessonstudy_workshop+block@w")
    assert "Memuat modul..." in workshop.render("guru_rina", "student_view").body_html()
    assert "Bahasa isi" in workshop.render("staff_ana", "studio_view").body_html()


def test_handler_answers_and_default_settings_are_indonesian_after_tutors_empty_folder(tutor_site, indonesian):  # pylint: disable=unused-argument
    course = TutorCourse()
    status, answer = course.call("guru_rina", "join_group", {"join_code": "AB"})
    assert (status, answer["error"]) == (400, "Kode bergabung terdiri atas 6 huruf dan angka.")
    status, state = course.call("guru_rina", "get_state", {})
    assert status == 200
    labels = {category["id"]: category["label"] for category in state["focus_categories"]}
    assert labels["helping"] != "Helping and collaboration"
    assert [role["label"] for role in state["roles"] if role["id"] == "observer"] == ["pengamat"]


def test_a_site_catalog_compiled_into_the_atlas_folder_wins_where_it_has_an_entry(tutor_site, indonesian):
    catalog = Catalog(locale="id", domain="django")
    catalog.add("Loading the workspace...", "Ruang kerja sedang dimuat (terjemahan situs)")
    (tutor_site / "id" / "LC_MESSAGES").mkdir(parents=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    (tutor_site / "id" / "LC_MESSAGES" / "django.mo").write_bytes(buffer.getvalue())
    body = TutorCourse().render("guru_rina", "student_view").body_html()
    assert "Ruang kerja sedang dimuat (terjemahan situs)" in body
    status, answer = TutorCourse().call("guru_rina", "join_group", {"join_code": "AB"})
    assert answer["error"] == "Kode bergabung terdiri atas 6 huruf dan angka.", "the package fills the rest"


def test_without_an_atlas_folder_the_package_catalog_is_used(settings, tmp_path, indonesian):  # pylint: disable=unused-argument
    settings.REPO_ROOT = tmp_path
    assert "Memuat ruang kerja..." in TutorCourse().render("guru_rina", "student_view").body_html()
