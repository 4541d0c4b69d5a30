"""The case page: the summary on top, one section at a time at its own URL, and what a save or a
generated document brings back."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from ketacover.web.cases.services import case_of, document_generate
from ketacover.web.events.case_page import MENU, summary_of
from ketacover.web.events.sections import CasePage

HTMX = {"HTTP_HX_REQUEST": "true"}


def _section(world, record, slug: str, user=None, **extra) -> str:
    client = world.client_for(user or world.staff)
    return client.get(reverse("cases:section", args=[record.pk, slug]), **extra).content.decode()


def test_the_first_view_draws_the_summary_the_menu_and_one_section(world):
    body = world.client_for(world.staff).get(reverse("cases:detail", args=[world.case.pk]))
    html = body.content.decode()
    assert 'id="case-summary"' in html
    assert "Recommended way to pay" in html
    assert html.count('<section id="section-') == 1
    assert 'id="section-overview"' in html
    for item in MENU:
        assert f'href="/cases/{world.case.pk}/section/{item.slug}/"' in html
    assert 'aria-current="page">Ways to pay</a>' in html


def test_every_section_has_its_own_url_and_an_htmx_request_gets_it_alone(world):
    for item in MENU:
        page = _section(world, world.case, item.slug)
        # The costs section holds the chart's section; every other section stands alone.
        assert page.count('<section id="section-') == (2 if item.slug == "costs" else 1)
        assert f'aria-current="page">{item.title}</a>' in page
    alone = _section(world, world.case, "deadlines", **HTMX)
    assert "<html" not in alone
    assert alone.lstrip().startswith('<section id="section-deadlines"')
    assert 'id="case-summary" class="case-summary" aria-labelledby="case-summary-heading" ' in alone
    assert 'id="case-menu" class="case-menu" aria-label="Sections of the case" hx-swap-oob' in alone


def test_the_menu_links_are_the_section_urls_django_reverses(world):
    from ketacover.web.events.case_page import edit_links, section_urls
    from ketacover.web.intake.steps import STEPS

    pk = world.case.pk
    for item in MENU:
        assert section_urls(pk)[item.slug] == reverse("cases:section", args=[pk, item.slug])
    links = edit_links(world.case)
    assert [link["url"] for link in links] == [
        reverse("intake:step", args=[pk, step.slug]) for step in STEPS
    ]


def test_an_unknown_section_is_not_found(world):
    response = world.client_for(world.staff).get(f"/cases/{world.case.pk}/section/nothing/")
    assert response.status_code == 404


def test_the_summary_recommends_a_way_with_a_one_line_reason(world):
    record = world.case
    page = CasePage(record=record, case=case_of(record), today=timezone.localdate(), can_edit=True)
    summary = summary_of(page)
    assert summary.recommended is not None
    assert summary.recommended.verdict.value == "likely"
    assert 0 < len(summary.reason) <= 161
    assert ". " not in summary.reason


def test_after_a_denial_the_next_step_is_the_appeal_by_the_nearest_deadline(world):
    record = world.second_case
    today = timezone.localdate()
    summary = summary_of(CasePage(record=record, case=case_of(record), today=today, can_edit=True))
    assert summary.next_step.startswith("Appeal the denial")
    assert summary.next_deadline is not None
    assert summary.next_deadline.due >= today
    assert summary.next_step_due == summary.next_deadline.due


def test_the_checklist_shows_the_letter_once_it_is_generated(world):
    def letter_row(html: str) -> str:
        row = html[html.index("<td>Letter of medical necessity</td>") :]
        return row[: row.index("</tr>")]

    assert "missing" in letter_row(_section(world, world.case, "overview"))
    document_generate(
        user=world.staff,
        record=world.case,
        kind="medical-necessity",
        fmt="html",
        today=timezone.localdate(),
    )
    row = letter_row(_section(world, world.case, "overview"))
    assert "<td>done</td>" in row
    assert "(version 1)" in row


def test_generate_goes_back_to_the_documents_with_the_confirmation_above_them(world):
    client = world.client_for(world.staff)
    response = client.post(
        reverse("cases:document_create", args=[world.case.pk]),
        {"kind": "pa-cover-sheet", "fmt": "html"},
    )
    assert response["Location"] == (
        reverse("cases:section", args=[world.case.pk, "documents"]) + "#case-section"
    )
    html = client.get(response["Location"]).content.decode()
    section = html[html.index('<div id="case-section"') :]
    assert "(version 1) is ready." in section.partition('<section id="section-documents"')[0]
    assert html.count("(version 1) is ready.") == 1


def test_staff_get_an_edit_link_for_every_intake_step_and_a_patient_none(world):
    staff = _section(world, world.case, "overview")
    for slug in ("patient", "plan", "providers", "diagnoses", "scales", "history", "treatment"):
        assert f'href="/intake/{world.case.pk}/{slug}/">Edit' in staff
    patient = _section(world, world.case, "overview", user=world.patient)
    assert "/intake/" not in patient
