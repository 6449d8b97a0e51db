"""The organizer's allocation desk in the Wagtail admin: run the allocator, look at its
proposal on the plan next to what stands there now, adjust by hand, publish or discard.

Every change goes through booths.services (allocation_propose, proposal_adjust,
proposal_publish, proposal_discard); these views only read the form and report back.
Anything the user may not see reads as absent (404).
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.permissions import can
from events.models import Event
from events.params import as_id
from exhibitors.models import Application

from .admin_reports import report_edition, report_editions
from .admin_views import COLOUR_CHOICES, colour_choice
from .allocation import fingerprint, placeable_applications
from .models import Allocation, AllocationProposal, AllocationStatus, Booth, Hall, ProposalStatus
from .plan_svg import render_plan_svg
from .selectors import BoothStatus, halls_of, plan_of, plan_with_proposal
from .services import allocation_propose, proposal_adjust, proposal_discard, proposal_publish

VIEW = "booths.view_allocationproposal"


def desk_edition(user, event_id: str | None) -> Event:
    """The edition asked for, else the lead one among those the user organizes."""
    event = report_edition(user, event_id)
    if not can(user, VIEW, AllocationProposal(event=event)):
        raise Http404
    return event


def visible_proposal(user, pk: int) -> AllocationProposal:
    proposal = (
        AllocationProposal.objects.select_related("event", "created_by").filter(pk=pk).first()
    )
    if proposal is None or not can(user, VIEW, proposal):
        raise Http404
    return proposal


def _report(request, error: ValidationError | PermissionDenied) -> None:
    messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))


class ProposalListView(WagtailAdminTemplateMixin, TemplateView):
    """An edition's proposals, newest first, and the button that runs the allocator."""

    template_name = "booths/admin/proposals.html"
    page_title = gettext_lazy("Automatic allocation")
    header_icon = "cogs"

    @cached_property
    def event(self) -> Event:
        return desk_edition(self.request.user, self.request.GET.get("event"))

    def get(self, request, *args, **kwargs):
        self.event  # noqa: B018 — 404 before anything renders
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        event = desk_edition(request.user, request.POST.get("event"))
        try:
            proposal = allocation_propose(event=event, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            _report(request, error)
            return redirect(f"{reverse('booths_proposals')}?{urlencode({'event': event.pk})}")
        messages.success(
            request,
            _("The allocator placed %(placed)s booth(s). Nothing changes until you publish.")
            % {"placed": proposal.placed},
        )
        return redirect("booths_proposal", pk=proposal.pk)

    def get_page_subtitle(self):
        return self.event.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        applications = list(placeable_applications(event))
        context.update(
            event=event,
            editions=report_editions(self.request.user),
            proposals=AllocationProposal.objects.filter(event=event).select_related("created_by")[
                :20
            ],
            current=fingerprint(event),
            may_propose=can(
                self.request.user, "booths.add_allocationproposal", AllocationProposal(event=event)
            ),
            waiting=sum(max(a.booth_count - a.holding, 0) for a in applications),
            applications=len(applications),
            free_booths=Booth.objects.filter(hall__event=event, is_blocked=False)
            .exclude(allocations__status=AllocationStatus.ACTIVE)
            .count(),
        )
        return context


class ProposalView(WagtailAdminTemplateMixin, TemplateView):
    """One proposal on the plan, hall by hall, with what it changes and what it leaves out."""

    template_name = "booths/admin/proposal.html"
    page_title = gettext_lazy("Allocation proposal")
    header_icon = "cogs"

    @cached_property
    def proposal(self) -> AllocationProposal:
        return visible_proposal(self.request.user, self.kwargs["pk"])

    @cached_property
    def hall(self) -> Hall | None:
        halls = halls_of(self.proposal.event)
        hall_id = self.request.GET.get("hall", "")
        chosen = halls.filter(pk=as_id(hall_id)).first() if as_id(hall_id) else None
        return chosen or halls.first()

    def get(self, request, *args, **kwargs):
        self.proposal  # noqa: B018 — 404 before anything renders
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.proposal.event.name

    def get_breadcrumbs_items(self):
        listing = f"{reverse('booths_proposals')}?{urlencode({'event': self.proposal.event_id})}"
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": _("Automatic allocation")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal, hall = self.proposal, self.hall
        colour = colour_choice(self.request.GET.get("colour"))
        is_draft = proposal.status == ProposalStatus.DRAFT
        stale = is_draft and fingerprint(proposal.event) != proposal.fingerprint
        booths = Booth.objects.select_related("hall", "zone", "booth_type").in_bulk(
            [booth_id for _app, booth_id in proposal.placements]
        )
        applications = Application.objects.select_related("business", "association").in_bulk(
            [app_id for app_id, _booth in proposal.placements]
        )
        changes = sorted(
            (
                (applications[app_id], booths[booth_id])
                for app_id, booth_id in proposal.placements
                if app_id in applications and booth_id in booths
            ),
            key=lambda row: (row[1].hall.position, row[1].hall.code, row[1].code),
        )
        # Who still lacks booths, counting this draft's hand changes: fewer than asked.
        in_proposal = Counter(app_id for app_id, _booth in proposal.placements)
        unplaced = [
            (a, a.booth_count - a.holding - in_proposal[a.pk])
            for a in placeable_applications(proposal.event)
            if a.holding + in_proposal[a.pk] < a.booth_count
        ]
        unplaced.sort(key=lambda row: (row[0].association.acronym, row[0].business.display_name))
        plan = svg = None
        if hall is not None:
            plan = plan_with_proposal(plan_of(hall), proposal.placements)
            svg = render_plan_svg(plan, colour_by=colour)
        context.update(
            proposal=proposal,
            event=proposal.event,
            is_draft=is_draft,
            stale=stale,
            editable=is_draft and not stale,
            hall=hall,
            halls=halls_of(proposal.event),
            colour=colour,
            colours=COLOUR_CHOICES,
            plan=plan,
            plan_svg=svg,
            selected_code=self.request.GET.get("booth", "")[:20],
            counts=[
                (status, BoothStatus.LABELS[status], plan.count(status))
                for status in (*BoothStatus.ALL, BoothStatus.PROPOSED)
            ]
            if plan
            else [],
            changes=changes,
            unplaced=unplaced,
            staying=Allocation.objects.filter(
                booth__hall__event=proposal.event, status=AllocationStatus.ACTIVE
            ).count(),
            wanted=sum(missing for _application, missing in unplaced),
        )
        return context


class ProposalActionView(View):
    """POST only: adjust one placement, publish, or discard; then back to the proposal."""

    http_method_names = ["post"]

    def post(self, request, pk: int, action: str):
        proposal = visible_proposal(request.user, pk)
        back = reverse("booths_proposal", args=[proposal.pk])
        query = {key: request.POST[key] for key in ("hall", "colour") if request.POST.get(key)}
        try:
            if action == "publish":
                created = proposal_publish(proposal=proposal, actor=request.user)
                messages.success(
                    request,
                    _("Published: %(count)s booth(s) allocated. The exhibitors are told by email.")
                    % {"count": len(created)},
                )
                return redirect(
                    f"{reverse('booths_board')}?{urlencode({'hall': query.get('hall', '')})}"
                    if query.get("hall")
                    else reverse("booths_board")
                )
            if action == "discard":
                proposal_discard(proposal=proposal, actor=request.user)
                messages.success(request, _("The proposal was set aside; nothing changed."))
                return redirect(
                    f"{reverse('booths_proposals')}?{urlencode({'event': proposal.event_id})}"
                )
            selected = self._adjust(request, proposal)
        except (ValidationError, PermissionDenied) as error:
            _report(request, error)
        else:
            query["booth"] = selected
        return redirect(f"{back}?{urlencode(query)}" if query else back)

    def _adjust(self, request, proposal: AllocationProposal) -> str:
        """Move (booth → target code), take out (booth), or place (application → booth);
        returns the code of the booth to show selected."""
        event_booths = Booth.objects.filter(hall__event=proposal.event)
        booth_id = request.POST.get("booth", "")
        booth = event_booths.filter(pk=as_id(booth_id)).first() if as_id(booth_id) else None
        kind = request.POST.get("change", "")
        if booth is None:
            raise ValidationError(_("Choose a booth on the plan first."))
        if kind in ("move", "remove"):
            app_id = next((a for a, b in proposal.placements if b == booth.pk), None)
            if app_id is None:
                raise ValidationError(
                    _("Booth %(code)s has nobody in this proposal.") % {"code": booth.code}
                )
            application = Application.objects.get(pk=app_id)
            target = None
            if kind == "move":
                code = request.POST.get("target", "").strip()
                target = event_booths.filter(code__iexact=code).first() if code else None
                if target is None:
                    raise ValidationError(
                        _("There is no booth %(code)s in this edition.") % {"code": code or "—"}
                    )
            proposal_adjust(
                proposal=proposal,
                application=application,
                booth=target,
                from_booth=booth,
                actor=request.user,
            )
            if target is None:
                messages.success(
                    request,
                    _("%(business)s is out of the proposal; booth %(code)s is free.")
                    % {"business": application.business.display_name, "code": booth.code},
                )
                return booth.code
            messages.success(
                request,
                _("%(business)s moves from %(from)s to %(to)s in this proposal.")
                % {
                    "business": application.business.display_name,
                    "from": booth.code,
                    "to": target.code,
                },
            )
            return target.code
        if kind == "place":
            app_id = request.POST.get("application", "")
            application = (
                Application.objects.filter(pk=as_id(app_id), event=proposal.event).first()
                if as_id(app_id)
                else None
            )
            if application is None:
                raise ValidationError(_("Choose an application to place."))
            proposal_adjust(
                proposal=proposal, application=application, booth=booth, actor=request.user
            )
            messages.success(
                request,
                _("%(business)s goes to booth %(code)s in this proposal.")
                % {"business": application.business.display_name, "code": booth.code},
            )
            return booth.code
        raise ValidationError(_("Choose what to do with the booth."))


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return can(request.user, VIEW)


def desk_menu_item() -> DeskMenuItem:
    return DeskMenuItem(
        gettext_lazy("Automatic allocation"),
        reverse_lazy("booths_proposals"),
        name="booths_proposals",
        icon_name="cogs",
        order=505,
    )
