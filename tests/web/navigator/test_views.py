"""The navigator's pages: the flow from the first question to the answer, the documents, the
Spanish pages, and saving into a new account."""

from __future__ import annotations

import io
import re

import docx
import pypdf
import pytest
from django.contrib.auth.models import User
from django.test import Client

from ketacover.interop.casefile import parse_case
from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.navigator import answers_cookie
from ketacover.web.navigator.services import state_dump, state_load
from ketacover.web.navigator.steps import STEPS

from .conftest import FLOW, state_of

pytestmark = pytest.mark.django_db

NOTICE_EN = "This gives information, not medical or legal advice."
NOTICE_ES = "Esto es información, no consejo médico ni legal."


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_the_start_page_is_public_and_says_nothing_is_stored():
    response = Client().get("/navigator/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Will my insurance pay for ketamine?" in body
    assert "Nothing is kept on our server" in body
    assert NOTICE_EN in body
    assert 'action="/i18n/setlang/"' in body
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_links_to_the_navigator():
    body = Client().get("/accounts/login/").content.decode()
    assert 'href="/navigator/"' in body


def test_every_question_says_why_and_accepts_i_dont_know(walker):
    response = walker.client.get("/navigator/coverage/")
    for step in STEPS:
        response = walker.post(
            f"/navigator/{step.slug}/", {"state": state_of(response), "go": "show"}
        )
        body = response.content.decode()
        form = response.context["form"]
        for field in form:
            assert field.help_text or field.name.startswith("med_"), field.name
            choices = dict(getattr(field.field, "choices", []))
            if field.widget_type == "radioselect":
                assert choices.get("unknown") == "I don't know", field.name
            elif field.widget_type == "select" and not field.name.startswith("med_"):
                assert "I don't know" in str(choices.get("", "")), field.name
            else:
                assert not field.field.required, field.name
        assert body.count("Why we ask:") >= 1
        assert NOTICE_EN in body


def test_the_whole_flow_gives_the_engines_answer(walker):
    response = walker.walk()
    body = response.content.decode()
    assert response.context["page"] == "answer"
    guide = response.context["guide"]
    assert len(guide.ways) == 6
    assert "Last day to file your appeal" in body
    assert "May 1, 2027" in body
    assert 'class="bars"' in body
    assert "Your cost for each way to pay" in body
    assert "$3,300.00" in body
    assert "HSA or FSA money" in body
    assert "SPRAVATO withMe (for Spravato)" not in body
    assert "clinicaltrials.gov/search" in body
    assert NOTICE_EN in body
    answers = state_load(state_of(response))
    assert answers.medications[1].name == "Wellbutrin XL"
    assert answers.insurer == "Example Health"


def test_back_keeps_the_answers_and_shows_the_step_before(walker):
    first = walker.client.get("/navigator/coverage/")
    plan = walker.post("/navigator/coverage/", {"state": state_of(first), **dict(FLOW)["coverage"]})
    back = walker.post("/navigator/plan/", {"state": state_of(plan), "go": "back"})
    assert back.context["step"].slug == "coverage"
    assert back.context["form"].initial["coverage"] == "employer"
    details_back = walker.post("/navigator/details/", {"state": state_of(plan), "go": "back"})
    assert details_back.context["page"] == "answer"


def test_a_bad_answer_is_shown_again_with_its_field_named(walker):
    first = walker.client.get("/navigator/treatment/")
    response = walker.post(
        "/navigator/treatment/", {"state": state_of(first), "price_per_session": "-10"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["price_per_session"]
    assert 'class="errorlist"' in response.content.decode()


def test_an_answer_the_core_refuses_is_shown_as_the_fields_error(walker):
    first = walker.client.get("/navigator/details/")
    response = walker.post("/navigator/details/", {"state": state_of(first), "member_id": "X" * 60})
    assert response.status_code == 400
    assert "member_id" in response.context["form"].errors


def test_a_tampered_token_starts_over_and_reads_nothing(walker):
    response = walker.post("/navigator/answer/", {"state": "made-up-token"})
    assert response.status_code == 400
    assert "Please start again" in response.content.decode()
    token = state_dump(state_load(""))
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    assert walker.post("/navigator/plan/", {"state": forged}).status_code == 400
    assert walker.post("/navigator/download/", {"state": forged}).status_code == 400
    assert walker.post("/navigator/save/", {"state": forged}).status_code == 400
    assert walker.post("/navigator/language/", {"state": forged}).status_code == 400


def test_an_unknown_step_is_not_found(walker):
    assert walker.client.get("/navigator/nowhere/").status_code == 404


def test_the_action_plan_downloads_as_a_pdf_with_the_notice(walker):
    response = walker.download(walker.walk(), "action-plan:pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = _pdf_text(response.content)
    assert "Your action plan" in text
    assert "information, not medical or legal advice" in text
    assert "Testperson" not in text


def test_letters_and_the_case_file_need_the_persons_details_first(walker):
    answer = walker.walk()
    body = answer.content.decode()
    assert "Still needs:" in body
    assert walker.download(answer, "call-script:pdf").status_code == 400
    assert walker.download(answer, "case-file:yaml").status_code == 400
    assert walker.download(answer, "nothing:pdf").status_code == 400


def test_with_details_the_call_script_letters_and_case_file_download(walker):
    answer = walker.details(walker.walk())
    offers = {offer.name for offer in answer.context["result"].offers}
    assert {"call-script", "appeal", "parity-request"} <= offers
    script = walker.download(answer, "call-script:pdf")
    assert script.status_code == 200
    assert "Example Health" in _pdf_text(script.content)
    appeal = walker.download(answer, "appeal:docx")
    assert appeal.status_code == 200
    words = "\n".join(p.text for p in docx.Document(io.BytesIO(appeal.content)).paragraphs)
    assert "Testperson" in words
    note = walker.download(answer, "appeal:note")
    assert note.status_code == 200
    assert note["Content-Type"] == "application/pdf"
    case_file = walker.download(answer, "case-file:yaml")
    assert case_file.status_code == 200
    case = parse_case(case_file.content.decode(), fmt="yaml")
    assert case.patient.family_name == "Testperson"
    assert case.plan is not None
    assert case.plan.member_id == "XKC000123456"
    assert [d.code for d in case.diagnoses] == ["F33.2"]
    assert case.denials[0].notice_date.isoformat() == "2026-11-02"


def test_the_spanish_flow_is_in_spanish_from_first_question_to_pdf():
    client = Client()
    client.cookies["django_language"] = "es"
    response = client.get("/navigator/coverage/")
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "¿Cómo tiene seguro médico?" in body
    assert "No sé" in body
    assert NOTICE_ES in body
    for slug, data in FLOW:
        response = client.post(
            f"/navigator/{slug}/", {"state": state_of(response), **data}, follow=True
        )
        assert response.status_code == 200
    body = response.content.decode()
    assert "Su respuesta" in body
    assert "Formas de pagar" in body
    assert "1 de mayo de 2027" in body
    assert NOTICE_ES in body
    pdf = client.post(
        "/navigator/download/", {"state": state_of(response), "document": "action-plan:pdf"}
    )
    text = _pdf_text(pdf.content)
    assert "Su plan de acción" in text
    assert "Página 1 de" in text


def test_switching_language_keeps_the_answers_and_sets_the_cookie(walker):
    answer = walker.walk()
    switched = walker.post(
        "/navigator/language/",
        {"state": state_of(answer), "language": "es", "page": "answer", "next": "/navigator/"},
    )
    assert switched.status_code == 200
    assert switched.redirect_chain == [("/navigator/answer/", 303)]
    assert walker.client.cookies["django_language"].value == "es"
    assert "Formas de pagar" in switched.content.decode()
    assert state_load(state_of(switched)) == state_load(state_of(answer))
    step = walker.post(
        "/navigator/language/", {"state": state_of(answer), "language": "en", "page": "plan"}
    )
    assert "Your plan" in step.content.decode()
    save = walker.post(
        "/navigator/language/", {"state": state_of(answer), "language": "es", "page": "save"}
    )
    assert "Guardar en una cuenta nueva" in save.content.decode()
    elsewhere = walker.client.post("/navigator/language/", {"state": "", "language": "es"})
    assert elsewhere.status_code == 302


def test_djangos_set_language_sets_the_cookie_for_the_start_page():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/navigator/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"
    assert "¿Pagará mi seguro la ketamina?" in client.get("/navigator/").content.decode()


def test_saving_creates_an_account_and_a_normal_case_with_audit_events(walker):
    answer = walker.details(walker.walk())
    form = walker.post("/navigator/save/", {"state": state_of(answer), "go": "show"})
    assert form.status_code == 200
    assert form.context["form"]["family_name"].initial == "Testperson"
    response = walker.client.post(
        "/navigator/save/",
        {
            "state": state_of(form),
            "username": "robin-t",
            "email": "robin@example.com",
            "password1": "a-long-test-password-9",
            "password2": "a-long-test-password-9",
            "given_name": "Robin",
            "family_name": "Testperson",
            "date_of_birth": "1985-04-12",
            "insurer": "Example Health",
        },
    )
    assert response.status_code == 302
    record = CaseRecord.objects.get()
    assert response["Location"] == f"/me/cases/{record.pk}/"
    assert record.workspace.memberships.get().user.username == "robin-t"
    assert record.patient_name == "Robin Testperson"
    assert record.data["plan"]["member_id"] == "XKC000123456"
    assert AuditEvent.objects.filter(object_type="case", object_id=str(record.pk)).exists()
    assert response.cookies[answers_cookie.NAME].value == ""
    assert walker.client.get(response["Location"]).status_code == 200


def test_a_visitor_who_saves_in_spanish_lands_on_their_own_page_in_spanish(walker):
    walker.client.post("/i18n/setlang/", {"language": "es", "next": "/navigator/"})
    answer = walker.details(walker.walk())
    form = walker.post("/navigator/save/", {"state": state_of(answer), "go": "show"})
    response = walker.client.post(
        "/navigator/save/",
        {
            "state": state_of(form),
            "username": "robin-t",
            "email": "robin@example.com",
            "password1": "a-long-test-password-9",
            "password2": "a-long-test-password-9",
            "given_name": "Robin",
            "family_name": "Testperson",
            "date_of_birth": "1985-04-12",
            "insurer": "Example Health",
        },
        follow=True,
    )
    body = response.content.decode()
    assert response.templates[0].name == "patients/case.html"
    assert '<html lang="es">' in body
    assert "Su próximo paso" in body
    assert walker.client.get("/", follow=True).templates[0].name == "patients/case.html"


def test_saving_with_bad_input_stores_nothing_and_names_the_field(walker):
    answer = walker.walk()
    response = walker.post(
        "/navigator/save/",
        {
            "state": state_of(answer),
            "username": "robin-t",
            "email": "not-an-address",
            "password1": "a-long-test-password-9",
            "password2": "a-long-test-password-9",
            "given_name": "Robin",
            "family_name": "Testperson",
            "date_of_birth": "1985-04-12",
        },
    )
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not User.objects.exists()
    assert not CaseRecord.objects.exists()


def test_saving_without_the_insurers_name_is_refused_before_anything_is_written(walker):
    answers = [(slug, {k: v for k, v in data.items() if k != "insurer"}) for slug, data in FLOW]
    answer = walker.walk(answers)
    response = walker.post(
        "/navigator/save/",
        {
            "state": state_of(answer),
            "username": "robin-t",
            "email": "robin@example.com",
            "password1": "a-long-test-password-9",
            "password2": "a-long-test-password-9",
            "given_name": "Robin",
            "family_name": "Testperson",
            "date_of_birth": "1985-04-12",
        },
    )
    assert response.status_code == 400
    assert not User.objects.exists()
    assert not CaseRecord.objects.exists()


def test_a_logged_in_user_cannot_save_over_their_account(walker, django_user_model):
    user = django_user_model.objects.create_user(username="someone", password="x-long-pass-1")
    walker.client.force_login(user)
    response = walker.post("/navigator/save/", {"state": "", "go": "show"})
    assert response.status_code == 400
    assert "logged in already" in response.content.decode()


def test_answers_never_travel_in_a_url(walker):
    body = walker.details(walker.walk()).content.decode()
    for link in re.findall(r'(?:href|action|formaction)="([^"]*)"', body):
        assert "?" not in link or link.startswith("https://clinicaltrials.gov/"), link


def test_a_date_of_birth_in_the_future_is_refused(walker):
    first = walker.client.get("/navigator/details/")
    response = walker.post(
        "/navigator/details/", {"state": state_of(first), "date_of_birth": "2999-01-01"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date_of_birth"] == [
        "The date of birth is in the future."
    ]


def test_a_taken_username_is_said_plainly_and_nothing_is_stored(walker, django_user_model):
    django_user_model.objects.create_user(username="robin-t", password="x-long-pass-1")
    answer = walker.details(walker.walk())
    response = walker.post(
        "/navigator/save/",
        {
            "state": state_of(answer),
            "username": "Robin-T",
            "email": "robin@example.com",
            "password1": "a-long-test-password-9",
            "password2": "a-long-test-password-9",
            "given_name": "Robin",
            "family_name": "Testperson",
            "date_of_birth": "1985-04-12",
            "insurer": "Example Health",
        },
    )
    assert response.status_code == 400
    assert not CaseRecord.objects.exists()


def test_the_answer_opens_with_one_line_about_the_treatment_asked_for(walker):
    body = walker.walk().content.decode()
    headline = body.index('class="headline"')
    assert headline < body.index('id="deadlines-heading"') < body.index('id="ways-heading"')
    assert "For IV ketamine, " in body[headline : headline + 400]
    first_way = body.index('class="way"')
    assert body.index('id="way-esketamine_pa"') > first_way
    assert body.index('id="way-esketamine_pa"') > body.index('id="way-iv_ketamine_pa"')


def test_states_are_listed_by_name_in_the_pages_language():
    client = Client()
    english = client.get("/navigator/coverage/").content.decode()
    assert '<option value="NY">New York</option>' in english
    client.post("/i18n/setlang/", {"language": "es", "next": "/navigator/"})
    spanish = client.get("/navigator/coverage/").content.decode()
    assert '<option value="NY">Nueva York</option>' in spanish


def test_the_case_file_names_only_what_it_still_needs(walker):
    body = walker.walk().content.decode()
    assert "Still needs your name and date of birth." in body
    assert "insurer&#x27;s name" not in body
    assert "insurer's name" not in body
    without_insurer = [
        (slug, {**data, "insurer": ""} if slug == "plan" else data) for slug, data in FLOW
    ]
    walker.client.post("/navigator/forget/")
    body = walker.walk(without_insurer).content.decode()
    assert "Still needs your name, date of birth and your insurer" in body
