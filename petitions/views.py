from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.abuse import client_ip_hash, limit_public_posts
from campaigns.json_views import open_json
from campaigns.middleware import embeddable
from campaigns.page_cache import render_form_page
from campaigns.pagination import ForgivingListView

from . import services
from .forms import ConfirmSignatureForm, SignPetitionForm
from .models import STATE_FIELDS, Petition, Signature, in_every_language

RECENT_SIGNERS = 10


class PetitionListView(ForgivingListView):
    template_name = "petitions/petition_list.html"
    context_object_name = "petitions"
    paginate_by = 20

    def get_queryset(self):
        return Petition.objects.accepting_signatures().select_related("case").order_by("-opens_at", "-id")


def _public_petition(slug: str, *, with_case: bool = True) -> Petition:
    petitions = Petition.objects.public()
    # The case and campaign carry their texts in six languages: read them only for pages that show them.
    return get_object_or_404(
        petitions.select_related("case", "campaign") if with_case else petitions, slug=slug
    )


def _public_petition_state(slug: str) -> Petition:
    petition = Petition.objects.public_state(slug)
    if petition is None:
        raise Http404("No published petition with this address.")  # the 404 page speaks to the visitor
    return petition


def _recent_signers(petition: Petition) -> list[Signature]:
    if petition.case.is_sensitive:
        return []
    # The case was checked above, so no join: the (petition, status, confirmed_at) index is read backwards.
    return list(
        Signature.objects.confirmed()
        .online()
        .filter(petition=petition, show_first_name=True)
        .only("first_name", "country", "confirmed_at")
        .order_by("-confirmed_at")[:RECENT_SIGNERS]
    )


def _detail_context(petition: Petition, form=None) -> dict:
    return {
        "petition": petition,
        "case": SimpleLazyObject(lambda: petition.case),
        "form": form if form is not None else SignPetitionForm(),
        "refusal": petition.refusal_reason(),
        "not_yet_open": petition.opens_later(),
        # Read only when the page is rendered, not when a cached rendering is served.
        "recent_signers": SimpleLazyObject(lambda: _recent_signers(petition)),
    }


def _render_with_errors(request, slug: str, form):
    """The page again with the visitor's input and what is wrong with it (theirs alone: never cached)."""
    petition = _public_petition(slug, with_case=False)
    return render(request, "petitions/petition_detail.html", _detail_context(petition, form), status=400)


@require_safe
def petition_detail(request, slug):
    # Only the petition's state is read for a visitor served a cached rendering (campaigns/page_cache.py).
    state = _public_petition_state(slug)
    return render_form_page(
        request,
        "petitions/petition_detail.html",
        lambda: _detail_context(_public_petition(slug, with_case=False)),
        version=state.page_version(),
    )


limit_signing = limit_public_posts("PETITION_SIGN_RATE_LIMIT")


@require_http_methods(["GET", "POST"])
@limit_signing
def sign(request, slug):
    if request.method == "GET":
        # A refused form is shown at this address: its language links and a reload come here, to the petition.
        return redirect("petitions:detail", slug=slug)
    petition = _public_petition_state(slug)
    form = SignPetitionForm(request.POST)
    if not form.is_valid():
        return _render_with_errors(request, slug, form)
    try:
        services.sign_petition(
            petition=petition,
            signer=form.signer(),
            consent_to_contact=form.cleaned_data["consent_to_contact"],
            show_first_name=form.cleaned_data["show_first_name"],
            ip_hash=client_ip_hash(request),
        )
    except services.AlreadySigned:
        pass  # the same answer as a first signature: who has signed is nobody else's business
    except services.PetitionError as error:
        form.add_error(getattr(error, "field_name", "") or None, error.message)
        return _render_with_errors(request, slug, form)
    return redirect("petitions:check-inbox", slug=petition.slug)


@require_safe
def check_inbox(request, slug):
    return render(request, "petitions/check_inbox.html", {"petition": _public_petition(slug)})


# What the confirmation page shows and the ledger row needs: not the texts of the petition, case and campaign.
CONFIRM_PAGE_FIELDS = (*STATE_FIELDS, "goal", *in_every_language("title"), "case__id", "campaign__id")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, slug, token):
    """GET shows a button and changes nothing; only the POST confirms (mail scanners open links). A link opened
    again after confirming says so at once, and one that cannot confirm says why before anything is pressed."""
    petition = get_object_or_404(
        Petition.objects.public().select_related("case", "campaign").only(*CONFIRM_PAGE_FIELDS), slug=slug
    )
    context = {"petition": petition, "form": ConfirmSignatureForm()}
    try:
        if request.method == "POST":
            result = services.confirm_signature(petition=petition, token=token)
            petition.refresh_from_db(fields=["signature_count", "paper_signature_count"])
            context.update(confirmed=True, newly_confirmed=result.newly_confirmed)
        elif services.is_already_confirmed(petition=petition, token=token):
            context.update(confirmed=True, newly_confirmed=False)
    except services.PetitionError as error:
        context["error"] = error.message
        context["expired"] = isinstance(error, services.TokenExpired)
        return render(request, "petitions/confirm.html", context, status=400)
    return render(request, "petitions/confirm.html", context)


@require_safe
@cache_control(public=True, max_age=5)
@open_json
def count_json(request, slug):
    petition = get_object_or_404(
        Petition.objects.public().only("slug", "goal", "signature_count", "paper_signature_count"), slug=slug
    )
    return JsonResponse(
        {"petition": petition.slug, "signatures": petition.total_count, "goal": petition.goal}
    )


@require_safe
@embeddable
@cache_control(public=True, max_age=5)
def embed(request, slug):
    """The one page other sites may frame: the counter and a button that opens the sign form."""
    petition = _public_petition(slug)
    return render(request, "petitions/embed.html", {"petition": petition, "title": _("Sign the petition")})
