from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_countries import countries

from campaigns.abuse import client_ip_hash, limit_public_posts
from campaigns.models import Case

from . import services
from .forms import AppealLetterForm, LetterPostedForm, LettersWrittenForm, SolidarityMessageForm, kept_letter
from .models import SolidarityMessage
from .pdf import appeal_letter_pdf

WALL_PAGE_SIZE = 24


limit_posts = limit_public_posts()


# The appeal page holds two forms with fields of the same names; distinct ids keep each label on its own field.
POSTED_FORM_IDS = "id_posted_%s"


def _case(slug: str) -> Case:
    return get_object_or_404(Case.objects.public(), slug=slug)


def _form_error(form, error: services.LettersError):
    form.add_error(None, str(error))


def _appeal_page(request, case, *, letter_form=None, posted_form=None, status=200):
    letter_form = letter_form or AppealLetterForm(initial={"body": case.sample_appeal_letter, "paper": "a4"})
    posted_form = posted_form or LetterPostedForm(auto_id=POSTED_FORM_IDS)
    context = {"case": case, "letter_form": letter_form, "posted_form": posted_form}
    return render(request, "letters/appeal.html", context, status=status)


@require_http_methods(["GET", "POST"])
@limit_posts
def appeal(request, slug):
    """GET: the sample letter to edit. POST: the edited letter comes back as a PDF; nothing is stored."""
    case = _case(slug)
    if request.method == "GET":
        return _appeal_page(request, case)
    form = AppealLetterForm(request.POST)
    if not form.is_valid():
        return _appeal_page(request, case, letter_form=form, status=400)
    try:
        body = services.check_appeal_body(form.cleaned_data["body"])
    except services.LettersError as error:
        _form_error(form, error)
        return _appeal_page(request, case, letter_form=form, status=400)
    data = form.cleaned_data
    pdf = appeal_letter_pdf(
        case=case,
        body=body,
        name=data["name"],
        city=data["city"],
        country_name=str(countries.name(data["country"])),
        paper=data["paper"],
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="appeal-{slugify(case.slug)}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@limit_posts
def appeal_posted(request, slug):
    case = _case(slug)
    if request.method == "GET":
        return redirect("letters:appeal", slug=case.slug)
    form = LetterPostedForm(request.POST, auto_id=POSTED_FORM_IDS)
    if form.is_valid():
        try:
            data = form.cleaned_data
            letter = services.log_appeal_letter(
                case=case,
                country=data["country"],
                name=data["name"],
                city=data["city"],
                email=data["email"],
                ip_hash=client_ip_hash(request),
            )
        except services.LettersError as error:
            _form_error(form, error)
        else:
            if letter.campaign_id:
                messages.success(request, _("Thank you! Your letter has been counted."))
            else:  # no campaign of the case is running: kept, not counted
                messages.success(request, _("Thank you for your letter!"))
            return redirect(case.get_absolute_url())
    # The person's letter, carried by step 2 as it was in step 1 (static/js/appeal.js), comes back with it.
    letter_form = AppealLetterForm(initial=kept_letter(request.POST, sample=case.sample_appeal_letter))
    return _appeal_page(request, case, letter_form=letter_form, posted_form=form, status=400)


@require_http_methods(["GET", "POST"])
@limit_posts
def letters_written(request, slug):
    case = _case(slug)
    form = LettersWrittenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.log_letters_written(
                case=case,
                count=form.cleaned_data["count"],
                country=form.cleaned_data["country"],
                ip_hash=client_ip_hash(request),
            )
        except services.LettersError as error:
            _form_error(form, error)
        else:
            if letter.campaign_id:
                thanks = ngettext(
                    "Thank you! %(count)s letter has been counted for %(name)s.",
                    "Thank you! %(count)s letters have been counted for %(name)s.",
                    letter.count,
                )
            else:  # no campaign of the case is running: kept, not counted
                thanks = ngettext(
                    "Thank you for writing %(count)s letter for %(name)s!",
                    "Thank you for writing %(count)s letters for %(name)s!",
                    letter.count,
                )
            count = number_format(letter.count, force_grouping=True)
            messages.success(request, thanks % {"count": count, "name": case.name})
            return redirect(case.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "letters/wrote.html", {"case": case, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@limit_posts
def message(request, slug):
    case = _case(slug)
    form = SolidarityMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            services.submit_message(
                case=case,
                first_name=data["first_name"],
                country=data["country"],
                body=data["body"],
                email=data["email"],
                language=translation.get_language() or "",
                ip_hash=client_ip_hash(request),
            )
        except services.LettersError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you! A moderator will read your message before it is posted."),
            )
            return redirect(case.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "letters/message.html", {"case": case, "form": form}, status=status)


def wall(request, slug):
    case = _case(slug)
    page_obj = Paginator(SolidarityMessage.objects.on_wall(case), WALL_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "letters/wall.html",
        {"case": case, "page_obj": page_obj, "messages_on_wall": page_obj.object_list, "query_string": ""},
    )
