"""The workbench speaks the language the browser asks for, translating like the LMS."""

from datetime import datetime

import pytest
from django.conf import settings
from django.utils import translation
from workbench.runtime import WorkbenchRuntime

from lessonstudy_workbench.middleware import LANGUAGE_PARAMETER
from lessonstudy_workbench.services import WorkbenchI18nService
from lessonstudy_xblock.presets import workshop_presets

WORKSHOP = f"lessonstudy_workshop.{workshop_presets().index(('what_is_lesson_study', 'en'))}"
LESSON_DAY = datetime(2026, 3, 5, 14, 7)


def i18n():
    return WorkbenchRuntime("guru_rina")._services["i18n"]  # pylint: disable=protected-access


def test_workbench_runtime_uses_the_i18n_service_that_reads_the_package_catalog():
    assert isinstance(i18n(), WorkbenchI18nService)


def test_service_translates_with_the_package_catalog_of_the_active_language():
    with translation.override("id"):
        assert i18n().gettext("Mark step done") == "Tandai langkah selesai"
        assert i18n().gettext("model teacher") == "guru model"
    with translation.override("en"):
        assert i18n().gettext("Mark step done") == "Mark step done"


def test_service_falls_back_to_djangos_catalogs_for_other_strings():
    with translation.override("id"):
        assert i18n().gettext("Yes") == "Ya"
        assert i18n().ngettext("%(num)d minute", "%(num)d minutes", 2) == "%(num)d menit"
        assert i18n().gettext("A string nobody translates") == "A string nobody translates"


def test_service_offers_the_catalog_that_the_trans_template_tag_merges():
    with translation.override("id"):
        assert i18n()._catalog["Export CSV"] == "Ekspor CSV"  # pylint: disable=protected-access


def test_strftime_formats_dates_for_the_language():
    with translation.override("id"):
        assert i18n().strftime(LESSON_DAY, "LONG_DATE") == "5 Maret 2026"
        assert i18n().strftime(LESSON_DAY, "SHORT_DATE_FORMAT") == "05-03-2026"
        assert i18n().strftime(LESSON_DAY, "%A, %d %B %Y %H:%M") == "Kamis, 05 Maret 2026 14:07"
    with translation.override("en"):
        assert i18n().strftime(LESSON_DAY, "LONG_DATE") == "March 5, 2026"
        assert i18n().strftime(LESSON_DAY, "%d %b %Y, 100%%") == "05 Mar 2026, 100%"


def test_block_refusals_reach_the_participant_in_their_language(cycle_course):
    with translation.override("id"):
        status, answer = cycle_course.call("guru_rina", "join_group", {"join_code": "AB"})
    assert status == 400
    assert answer["error"] == "Kode bergabung terdiri atas 6 huruf dan angka."


def test_locale_middleware_and_the_language_query_are_configured_in_order():
    middleware = settings.MIDDLEWARE
    session = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    locale = middleware.index("django.middleware.locale.LocaleMiddleware")
    query = middleware.index("lessonstudy_workbench.middleware.LanguageQueryMiddleware")
    common = middleware.index("django.middleware.common.CommonMiddleware")
    assert session < locale < query < common
    assert ("id", "Bahasa Indonesia") in settings.LANGUAGES
    assert LANGUAGE_PARAMETER == "lang"


def page(client, language_header, **query):
    response = client.get(f"/scenario/{WORKSHOP}/", {"student": "guru_rina", **query},
                          HTTP_ACCEPT_LANGUAGE=language_header)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("header, expected", [("id", "Tandai langkah selesai"),
                                              ("id-ID,id;q=0.9", "Tandai langkah selesai"),
                                              ("en-US,en;q=0.9", "Mark step done")])
def test_accept_language_chooses_the_language(client, workbench, header, expected):
    response = page(client, header)
    assert expected in response.content.decode("utf-8")
    assert response.headers["Content-Language"] == header[:2]


def test_lang_query_overrides_accept_language_and_is_remembered_until_changed(client, workbench):
    response = page(client, "en", lang="id")
    assert "Tandai langkah selesai" in response.content.decode("utf-8")
    assert response.headers["Content-Language"] == "id"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"

    remembered = page(client, "en")
    assert "Tandai langkah selesai" in remembered.content.decode("utf-8"), "handler requests carry no query"

    back = page(client, "id", lang="en")
    assert "Mark step done" in back.content.decode("utf-8")


def test_an_unknown_lang_value_is_ignored(client, workbench):
    response = page(client, "id", lang="xx")
    assert "Tandai langkah selesai" in response.content.decode("utf-8")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
