from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_countries import countries

from campaigns.abuse import client_ip_hash, limit_public_posts
from campaigns.models import Case
from campaigns.page_cache import cache_for_anonymous_visitors, render_form_page
from campaigns.pagination import CachedCountPaginator, query_cache_key
from campaigns.permissions import can_export_supporters
from campaigns.text import alphabetical

from . import services
from .exports import check_signup_export, csv_download, registration_rows
from .filters import EventFilter
from .forms import CancelEventForm, EventForm, KeptPhotosForm, ReportForm, SignupForm, report_photo_formset
from .ics import event_calendar
from .models import Event, EventReport, Registration
from .rules import can_manage_event, can_view_registrations
from .search import folded_city
from .zones import city_name

PUBLIC_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


# The result count and the by-country list of places are the same for everyone for a minute.
LIST_CACHE_SECONDS = 60


@cache_for_anonymous_visitors
def event_list(request):
    base = Event.objects.published().upcoming()
    event_filter = EventFilter(
        request.GET or None,
        queryset=base.with_seat_counts()
        .select_related("group")
        .prefetch_related(Prefetch("cases", queryset=Case.objects.only("name", "slug")))
        .order_by("starts_at", "id"),
        request=request,
    )
    query = request.GET.copy()
    query.pop("page", None)
    paginator = CachedCountPaginator(
        event_filter.qs, 12, cache_key=query_cache_key("events:count", query), timeout=LIST_CACHE_SECONDS
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    places = _places(base)
    event_filter.offer_countries({place["code"]: place["name"] for place in places})
    return render(
        request,
        "events/event_list.html",
        {
            "filter": event_filter,
            "page_obj": page_obj,
            "events": page_obj.object_list,
            "query_string": query.urlencode(),
            "is_filtered": bool(query),
            "places": places,
            "list_cache_seconds": LIST_CACHE_SECONDS,
        },
    )


def _places(upcoming) -> list[dict]:
    """Where upcoming events happen, by country then city (counts cached for a minute, names translated)."""
    rows = cache.get("events:places")
    if rows is None:
        places = (
            upcoming.order_by().values("country", "city").annotate(n=Count("id")).order_by("country", "city")
        )
        rows = [(row["country"], row["city"], row["n"]) for row in places]
        cache.set("events:places", rows, LIST_CACHE_SECONDS)
    by_country: dict[str, dict] = {}
    for country, city, n in rows:
        entry = by_country.setdefault(
            country, {"code": country, "name": countries.name(country), "total": 0, "cities": {}}
        )
        entry["total"] += n
        label = city_name(city, country)
        # One line for one city however its hosts spelled it ("Warsaw", "Warszawa"): the filter finds them all.
        place = entry["cities"].setdefault(folded_city(label), {"name": city, "label": label, "count": 0})
        place["count"] += n
    for entry in by_country.values():
        entry["cities"] = list(entry["cities"].values())
    return sorted(by_country.values(), key=lambda entry: alphabetical(entry["name"]))


def _visible_event(request, slug: str) -> Event:
    event = get_object_or_404(Event.objects.with_seat_counts().select_related("group"), slug=slug)
    if event.status not in PUBLIC_STATUSES and not can_manage_event(request.user, event):
        raise Http404
    return event


@limit_public_posts()
@require_http_methods(["GET", "POST"])
def event_detail(request, slug: str):
    event = _visible_event(request, slug)
    refusal = services.signup_refusal(event)
    form = SignupForm(request.POST or None) if not refusal else None
    if request.method == "POST":
        if refusal:
            messages.error(request, refusal)
            return redirect(event)
        if form.is_valid():
            try:
                registration = services.register_for_event(
                    event=event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    consent=form.cleaned_data["consent"],
                    ip_hash=client_ip_hash(request),
                )
                waitlisted = registration.status == Registration.Status.WAITLISTED
            except services.AlreadyRegistered as already:
                # The same page as a first sign-up would get now, and the details go to the address again.
                if already.registration is not None:
                    services.resend_signup_details(already.registration)
                waitlisted = services.new_signup_would_wait(event)
            except services.SignupRefused as refused:
                messages.error(request, str(refused))
                return redirect(event)
            page = reverse("events:signed-up", kwargs={"slug": event.slug})
            signed_up_pass = services.signed_up_pass(event, waitlisted=waitlisted)
            return redirect(f"{page}?{urlencode({'pass': signed_up_pass})}")
    report = None
    if event.is_completed:
        report = (
            EventReport.objects.filter(event=event, status=EventReport.Status.APPROVED)
            .prefetch_related("case_counts__case", "photos")
            .first()
        )
    context = {
        "event": event,
        "form": form,
        "refusal": refusal,
        "cases": event.cases.public(),
        "report": report,
        "published_photos": [p for p in report.photos.all() if p.publish_consent] if report else [],
        "can_manage": can_manage_event(request.user, event),
    }
    if refusal or context["can_manage"]:
        return render(request, "events/event_detail.html", context)
    # An event open for sign-ups: the same page for every anonymous visitor until the event or its places change.
    version = f"{event.pk}:{event.updated_at.timestamp()}:{event.confirmed_count}:{event.waitlist_count}"
    return render_form_page(request, "events/event_detail.html", lambda: context, version=version)


@require_safe
def signed_up(request, slug: str):
    """Where a sign-up lands: a place, or a place on the waiting list. Someone who signs up with an address
    already on the list sees the page a new sign-up would see (and the email goes to that address, not to them)."""
    event = _visible_event(request, slug)
    outcome = services.signed_up_outcome(event, request.GET.get("pass", ""))
    if not event.takes_signups or outcome is None:
        return redirect(event)
    context = {
        "event": event,
        "waitlisted": outcome == Registration.Status.WAITLISTED,
        "cases": event.cases.public(),
    }
    return render(request, "events/signed_up.html", context)


def event_calendar_file(request, slug: str):
    event = _visible_event(request, slug)
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cases = data.pop("cases")
        services.propose_event(host=request.user, cases=cases, **data)
        messages.success(
            request, _("Thank you! Your event is waiting for the local group's coordinators to review it.")
        )
        return redirect("events:mine")
    return render(request, "events/event_form.html", {"form": form, "is_new": True})


@login_required
def my_events(request):
    events = (
        services.events_managed_by(request.user)
        .with_seat_counts()
        .select_related("group", "report")
        .coming_first()
    )
    paginator = Paginator(events, 20)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "events/my_events.html",
        {"page_obj": page_obj, "events": page_obj.object_list, "query_string": "", "now": timezone.now()},
    )


def saved_change_message(change: services.EventChange) -> str:
    """ "Your changes are saved." and who hears of them, so a host knows what the people signed up were told."""
    said = [str(_("Your changes are saved."))]
    if change.back_to_review:
        said.append(
            _("The event goes back to the group's coordinators for review; we email you their answer.")
        )
    if change.told:
        said.append(
            ngettext(
                "We are emailing the %(count)s person signed up about the new details.",
                "We are emailing the %(count)s people signed up about the new details.",
                change.told,
            )
            % {"count": change.told}
        )
    if change.moved_up:
        said.append(
            ngettext(
                "%(count)s person moved up from the waiting list and is emailed their place.",
                "%(count)s people moved up from the waiting list and are emailed their places.",
                change.moved_up,
            )
            % {"count": change.moved_up}
        )
    return " ".join(said)


def _managed_event(request, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("group", "host", "campaign"), slug=slug)
    if not can_manage_event(request.user, event):
        raise PermissionDenied(_("Only the host, the group's coordinators and staff can manage this event."))
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug: str):
    event = _managed_event(request, slug)
    if event.status == Event.Status.CANCELLED or event.is_past:
        messages.error(request, _("A cancelled or past event can no longer be changed."))
        return redirect("events:mine")
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data if name != "cases"}
        # The times are read in the event's zone, and an online event's place may follow a new group: the form
        # may have set them without their fields being changed; update_event compares them with the stored ones.
        data.update({name: form.cleaned_data[name] for name in ("starts_at", "ends_at", "city", "country")})
        try:
            change = services.update_event(event=event, cases=form.cleaned_data["cases"], **data)
        except services.EventError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, saved_change_message(change))
            return redirect("events:mine")
    return render(request, "events/event_form.html", {"form": form, "event": event, "is_new": False})


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, slug: str):
    event = _managed_event(request, slug)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(event=event, reason=form.cleaned_data["reason"])
        except services.EventError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The event is cancelled and everyone signed up has been told."))
        return redirect("events:mine")
    active = event.registrations.exclude(status=Registration.Status.CANCELLED).count()
    return render(request, "events/event_cancel.html", {"event": event, "form": form, "active": active})


def _registrations_for(request, slug: str):
    event = get_object_or_404(Event.objects.select_related("group"), slug=slug)
    if not can_view_registrations(request.user, event):
        raise PermissionDenied(_("Only the host, the group's coordinators and staff see who signed up."))
    return event, event.registrations.order_by("status", "created_at", "id")


@never_cache  # names, emails and phones: kept by no cache, the browser's included
@login_required
def event_signups(request, slug: str):
    event, registrations = _registrations_for(request, slug)
    counts = {
        row["status"]: row["n"] for row in registrations.order_by().values("status").annotate(n=Count("id"))
    }
    return render(
        request,
        "events/event_signups.html",
        {
            "event": event,
            "registrations": registrations,
            "confirmed": counts.get(Registration.Status.CONFIRMED, 0),
            "waitlisted": counts.get(Registration.Status.WAITLISTED, 0),
            "cancelled": counts.get(Registration.Status.CANCELLED, 0),
            "can_export": can_export_supporters(
                request.user, sensitive=event.cases.filter(is_sensitive=True).exists()
            ),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def event_signup_cancel(request, slug: str, pk: int):
    """The host (or a coordinator) cancels one person's sign-up: someone who said "I can't come" by phone. Asks
    first; the person is emailed, as when a coordinator cancels in the back office, and the place goes on."""
    event, registrations = _registrations_for(request, slug)
    registration = get_object_or_404(registrations.filter(anonymised_at__isnull=True), pk=pk)
    back = redirect("events:signups", slug=event.slug)
    if registration.status == Registration.Status.CANCELLED:
        messages.info(request, _("This sign-up was already cancelled."))
        return back
    if event.is_past:
        messages.error(request, _("This event is over: its sign-ups can no longer be changed."))
        return back
    if request.method == "POST":
        services.cancel_registration(registration=registration, by_organisers=True)
        messages.success(request, _("The sign-up of %(name)s is cancelled.") % {"name": registration.name})
        return back
    return render(
        request, "events/signup_cancel_by_host.html", {"event": event, "registration": registration}
    )


@never_cache
@login_required
def event_signups_csv(request, slug: str):
    event, registrations = _registrations_for(request, slug)
    check_signup_export(request.user, Event.objects.filter(pk=event.pk))
    return csv_download(
        registration_rows(registrations),
        filename=f"signups-{event.slug}-{timezone.localdate():%Y-%m-%d}.csv",  # as the back office names its exports
        user=request.user,
        what=gettext_noop("event sign-ups"),
        description=event.title,
        group=event.group,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_report(request, slug: str):
    event = _managed_event(request, slug)
    refusal = services.report_refusal(event)
    if refusal:
        messages.error(request, refusal)
        return redirect("events:mine")
    report = EventReport.objects.filter(event=event).prefetch_related("case_counts", "photos").first()
    form = ReportForm(request.POST or None, event=event, report=report)
    kept = KeptPhotosForm(request.POST or None, report=report, prefix="kept")
    photos = report_photo_formset(report)(request.POST or None, request.FILES or None, prefix="photos")
    if request.method == "POST":
        if form.is_valid() and kept.is_valid() and photos.is_valid():
            data = form.cleaned_data
            services.submit_report(
                event=event,
                by=request.user,
                participants=data["participants"],
                letters_by_case=form.letters_by_case(),
                paper_signatures=data["paper_signatures"],
                lanterns=data.get("lanterns") or 0,
                posters=data.get("posters") or 0,
                photos_taken=data.get("photos_taken") or 0,
                notes=data["notes"],
                photos=[
                    (p.cleaned_data["image"], p.cleaned_data["caption"], p.cleaned_data["publish_consent"])
                    for p in photos
                    if p.cleaned_data.get("image")
                ],
                remove_photos=kept.cleaned_data["remove"],
            )
            messages.success(request, _("Thank you! Your report is waiting for a coordinator's approval."))
            return redirect("events:mine")
        if not form.errors and (any(p.errors for p in photos) or photos.non_form_errors() or kept.errors):
            # The numbers were fine: the summary at the top (form.errors) says nothing, so this does.
            messages.warning(request, _("Please check the photos marked below."))
    return render(
        request,
        "events/event_report.html",
        {
            "event": event,
            "form": form,
            "kept": kept,
            "photos": photos,
            "report": report,
            # A browser never keeps a chosen file after a refused form: say so beside the photo fields.
            "choose_photos_again": bool(request.FILES),
        },
    )


@require_http_methods(["GET", "POST"])
def signup_cancel(request, token: str):
    registration = services.registration_from_token(token)
    if registration is None:
        return render(request, "events/signup_cancel.html", {"invalid": True}, status=404)
    if request.method == "POST":
        was_waiting = registration.status == Registration.Status.WAITLISTED
        services.cancel_registration(registration=registration)
        if was_waiting:
            messages.success(request, _("You are off the waiting list. Thank you for letting us know."))
        else:
            messages.success(request, _("Your sign-up is cancelled. Thank you for letting us know."))
        return redirect(registration.event)
    context = {
        "registration": registration,
        "event": registration.event,
        "someone_waiting": registration.event.registrations.filter(
            status=Registration.Status.WAITLISTED
        ).exists(),
    }
    return render(request, "events/signup_cancel.html", context)
