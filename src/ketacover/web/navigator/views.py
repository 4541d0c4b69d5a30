"""The navigator's public pages: no login, nothing stored unless the person chooses to save.

Each step posts its answers together with the signed token of the answers so far. An accepted
answer is followed by a redirect to the next page (post, redirect, get), so the browser's Back
and Reload work on every page; the token travels to that page in a cookie of the person's own
browser (:mod:`ketacover.web.navigator.answers_cookie`), never in the session, the cache, the
database or a URL (URLs end up in access logs). Downloads are posts. Pages are sent with
``Cache-Control: no-store``. Views parse input, call one service, and render.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language

from ketacover.core.errors import KetacoverError
from ketacover.core.letters.language import Language
from ketacover.core.navigator.answers import Answers, AnswersError, Coverage
from ketacover.web.accounts.services import AccessError
from ketacover.web.accounts.signups import SignupThrottledError, signup_count
from ketacover.web.downloads import disposition
from ketacover.web.navigator import answers_cookie, services
from ketacover.web.navigator.charts import cost_chart
from ketacover.web.navigator.forms import COVERAGE_LABELS, HistoryForm, PlanForm
from ketacover.web.navigator.saving import SaveForm
from ketacover.web.navigator.steps import (
    BY_SLUG,
    DETAILS,
    STEPS,
    Step,
    following,
    position,
    previous,
)

ANSWER = "answer"


def current_language() -> Language:
    """The page's language, as Django's translation machinery chose it."""
    return Language.ES if (translation.get_language() or "").startswith("es") else Language.EN


def _context(request: HttpRequest, **values: object) -> dict[str, object]:
    return {"steps": STEPS, "languages": settings.LANGUAGES, **values}


@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """What the navigator does, what it keeps (nothing), and the first question; with answers
    in the browser, a way to go on or to forget them."""
    started = answers_cookie.read(request) != Answers()
    return render(
        request, "navigator/start.html", _context(request, first=STEPS[0], started=started)
    )


def _load(request: HttpRequest) -> Answers:
    """The answers a post carries in its hidden field, or else the answers cookie's."""
    posted = str(request.POST.get("state", ""))
    if posted:
        return services.state_load(posted)
    return answers_cookie.read(request)


def _go(request: HttpRequest, answers: Answers, page: str) -> HttpResponse:
    """A redirect to ``page`` (a step's slug, the answer or the save form) with ``answers`` in
    the cookie for it; the page itself when the answers are too long for a cookie."""
    token = services.state_dump(answers)
    if not answers_cookie.fits(token):
        if page == ANSWER:
            shown = _show_answer(request, answers)
        elif page == "save":
            shown = _show_save(request, answers)
        else:
            shown = _show_step(request, BY_SLUG[page], answers)
        return answers_cookie.forget(shown)
    where = (
        reverse("navigator:step", args=[page]) if page in BY_SLUG else reverse(f"navigator:{page}")
    )
    response = redirect(where)
    response.status_code = 303
    return answers_cookie.attach(response, token)


def _show_save(request: HttpRequest, answers: Answers) -> HttpResponse:
    form = SaveForm(answers=answers)
    context = _context(request, form=form, state=services.state_dump(answers), page="save")
    return render(request, "navigator/save.html", context)


def _restart(request: HttpRequest) -> HttpResponse:
    return render(request, "navigator/restart.html", _context(request), status=400)


def _form(step: Step, answers: Answers, data: QueryDict | None = None) -> forms.Form:
    initial = None if data is not None else step.initial(answers)
    if step.form is PlanForm:
        return PlanForm(data, initial=initial, coverage=answers.coverage)
    return step.form(data, initial=initial)


def _show_step(
    request: HttpRequest,
    step: Step,
    answers: Answers,
    form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    shown = form if form is not None else _form(step, answers)
    context = _context(
        request,
        step=step,
        number=position(step),
        form=shown,
        state=services.state_dump(answers),
        back=previous(step),
        page=step.slug,
        coverage_label=COVERAGE_LABELS.get(answers.coverage) if answers.coverage else None,
        medication_rows=shown.medication_rows() if isinstance(shown, HistoryForm) else None,
    )
    return render(request, "navigator/step.html", context, status=status)


def _show_answer(request: HttpRequest, answers: Answers, status: int = 200) -> HttpResponse:
    result = services.navigator_answer(
        answers=answers, today=timezone.localdate(), language=current_language()
    )
    context = _context(
        request,
        result=result,
        guide=result.guide,
        chart=cost_chart(result.guide.costs),
        state=services.state_dump(answers),
        answers=answers,
        page=ANSWER,
        details=DETAILS,
        insured=answers.coverage is not None,
        medicare=answers.coverage is Coverage.MEDICARE,
    )
    return render(request, "navigator/answer.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    """One step: shown blank (GET), shown again (``go=show``), left (``go=back``) or answered."""
    found = BY_SLUG.get(slug)
    if found is None:
        return render(request, "navigator/restart.html", _context(request), status=404)
    try:
        answers = _load(request)
    except services.StateError:
        return _restart(request)
    if request.method == "GET":
        return _show_step(request, found, answers)
    go = request.POST.get("go", "next")
    if go == "show":
        return _go(request, answers, found.slug)
    if go == "back":
        before = previous(found)
        return _go(request, answers, ANSWER if before is None else before.slug)
    form = _form(found, answers, request.POST)
    if not form.is_valid():
        return _show_step(request, found, answers, form, status=400)
    try:
        answers = answers.updated(found.changes(form.cleaned_data))
    except AnswersError as error:
        field, _sep, problem = str(error).partition(":")
        target = field if field in form.fields else None
        form.add_error(
            target, _("This answer cannot be used: %(problem)s") % {"problem": problem.strip()}
        )
        return _show_step(request, found, answers, form, status=400)
    after = following(found)
    return _go(request, answers, ANSWER if after is None else after.slug)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest) -> HttpResponse:
    """The answer for the answers carried by the page (a post redirects here) or the cookie."""
    try:
        answers = _load(request)
    except services.StateError:
        return _restart(request)
    if request.method == "POST":
        return _go(request, answers, ANSWER)
    if answers == Answers():
        return redirect("navigator:start")
    return _show_answer(request, answers)


@never_cache
@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    """Forget the answers: the cookie is deleted and the person is back at the start."""
    return answers_cookie.forget(redirect("navigator:start"))


@never_cache
@require_POST
def download(request: HttpRequest) -> HttpResponse:
    """One document for the answers carried by the page, as an attachment; nothing is stored."""
    try:
        answers = _load(request)
    except services.StateError:
        return _restart(request)
    document, _sep, fmt = str(request.POST.get("document", "")).partition(":")
    try:
        found = services.navigator_download(
            answers=answers,
            today=timezone.localdate(),
            language=current_language(),
            document=document,
            fmt=fmt or "pdf",
        )
    except KetacoverError:
        return render(
            request,
            "navigator/unavailable.html",
            _context(request, state=services.state_dump(answers)),
            status=400,
        )
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = disposition(found.filename)
    return response


@never_cache
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Switch the language with Django's ``set_language`` (a cookie) and show the same page
    again, with the answers the page carried."""
    try:
        answers = _load(request)
    except services.StateError:
        return _restart(request)
    switched = set_language(request)
    chosen = request.POST.get("language", "")
    if chosen in dict(settings.LANGUAGES):
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen
    page = str(request.POST.get("page", ""))
    if page in (ANSWER, "save") or page in BY_SLUG:
        response = _go(request, answers, page)
    else:
        response = redirect("navigator:start")
    for cookie in switched.cookies.values():
        response.cookies[cookie.key] = cookie
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def save(request: HttpRequest) -> HttpResponse:
    """Create an account and move the case into its personal workspace (a get, or a post with
    ``go=show``, shows the form)."""
    try:
        answers = _load(request)
    except services.StateError:
        return _restart(request)
    if request.user.is_authenticated:
        return render(
            request,
            "navigator/save.html",
            _context(request, signed_in=True, state=services.state_dump(answers)),
            status=400,
        )
    if request.method == "POST" and request.POST.get("go") == "show":
        return _go(request, answers, "save")
    if request.method == "GET":
        return _show_save(request, answers)
    form = SaveForm(request.POST)
    if form.is_valid():
        try:
            signup_count(request=request)
            answers = answers.updated(form.details())
            record = services.navigator_save(
                answers=answers,
                today=timezone.localdate(),
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                request=request,
            )
        except AnswersError as error:
            form.add_error(
                None, _("This answer cannot be used: %(problem)s") % {"problem": str(error)}
            )
        except SignupThrottledError:
            form.add_error(None, _("Too many accounts were made from here. Try again in an hour."))
        except AccessError as error:
            taken = _("That username is taken. Choose another one.")
            form.add_error(error.field, taken if error.field == "username" else str(error))
        except KetacoverError:
            form.add_error(None, _("Add the patient's name, date of birth and insurer's name."))
        else:
            # The person's own page, in the language they used here (the language cookie
            # and the /me/ pages follow it: web/languages.py).
            return answers_cookie.forget(
                redirect(reverse("patients:case", kwargs={"pk": record.pk}))
            )
    context = _context(request, form=form, state=services.state_dump(answers), page="save")
    return render(request, "navigator/save.html", context, status=400)
