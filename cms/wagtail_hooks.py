"""Admin hooks of the public site: a page may not be moved or copied to an address the
project's own URLs use (the page forms check creation and renaming, cms.forms)."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from . import selectors
from .models import reserved_slug_message


def _refuse(request, page, slug):
    messages.error(request, reserved_slug_message(slug))
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_move_page")
def refuse_a_move_to_a_reserved_address(request, page, destination):
    if selectors.reserved_slug_clash(page.slug, destination):
        return _refuse(request, page, page.slug)
    return None


@hooks.register("before_copy_page")
def refuse_a_copy_to_a_reserved_address(request, page):
    if request.method != "POST":
        return None
    parent = Page.objects.filter(pk=request.POST.get("new_parent_page") or None).first()
    slug = request.POST.get("new_slug") or page.slug
    if selectors.reserved_slug_clash(slug, parent or page.get_parent()):
        return _refuse(request, page, slug)
    return None
