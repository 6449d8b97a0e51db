"""Wagtail's {% image %}, {% srcset_image %} and {% picture %}, their markup remembered.

A {% picture %} of three formats at four widths looks up twelve renditions (a cache
round trip and twelve rows to unpickle) and builds the markup on every request, though
the markup stays the same for as long as the image's file, its focal point and the tag's
filters and attributes do. So the finished HTML is kept in the cache under exactly those
and the version of cms.remembered: a changed file or focal point, another alt text or
language makes another key, and a deleted rendition forgets it all. Tags that
assign (`as name`) are Wagtail's own. Same syntax: `{% load cms_images %}` instead of
`{% load wagtailimages_tags %}`.
"""

from __future__ import annotations

import hashlib
import logging

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

from cms import remembered

logger = logging.getLogger(__name__)
register = template.Library()

CACHE_PREFIX = "cms:image-html"
CACHE_SECONDS = 60 * 60


def _key(node, image, attrs: dict) -> str:
    parts = [
        remembered.version(),
        type(node).__name__,
        image.pk,
        image.file.name,
        image.file_hash,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        *node.filter_specs,
        *sorted((name, str(value)) for name, value in attrs.items()),
    ]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{CACHE_PREFIX}:{digest}"


class RememberedMarkup:
    def render(self, context):
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        try:
            key = _key(self, image, attrs)
            html = cache.get(key)
        except Exception:  # the cache server is away: build it as Wagtail does
            logger.warning("cache unavailable for image markup", exc_info=True)
            return super().render(context)
        if html is None:
            html = str(super().render(context))
            try:
                cache.set(key, html, CACHE_SECONDS)
            except Exception:
                logger.warning("cache unavailable for image markup", exc_info=True)
        return mark_safe(html)  # noqa: S308 — Wagtail's own markup, escaped when it was built


class ImageNode(RememberedMarkup, wagtail_tags.ImageNode):
    pass


class SrcsetImageNode(RememberedMarkup, wagtail_tags.SrcsetImageNode):
    pass


class PictureNode(RememberedMarkup, wagtail_tags.PictureNode):
    pass


NODES = {
    wagtail_tags.ImageNode: ImageNode,
    wagtail_tags.SrcsetImageNode: SrcsetImageNode,
    wagtail_tags.PictureNode: PictureNode,
}


def _remembering(parser, token):
    node = wagtail_tags.image(parser, token)
    node.__class__ = NODES[type(node)]
    return node


register.tag("image", _remembering)
register.tag("srcset_image", _remembering)
register.tag("picture", _remembering)
