"""The JSON API (django-ninja), documented at /api/v1/docs and /api/v1/openapi.json.

Each app keeps its endpoints in its own ``api.py`` router; this module only mounts them
and turns the services' ValidationError and PermissionDenied into clear answers.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI

api = NinjaAPI(
    title="Pameran API",
    version="1",
    urls_namespace="api",
    description="Gate check-in for scanners, and the deal figures for ministry systems.",
)


def _messages(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    return api.create_response(request, {"detail": _messages(exc)}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


from dashboards.api import RateLimited  # noqa: E402
from dashboards.api import router as figures_router  # noqa: E402
from tickets.api import router as checkin_router  # noqa: E402


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    response = api.create_response(
        request, {"detail": "Too many requests for this token: wait a minute."}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


api.add_router("/checkin/", checkin_router)
api.add_router("/figures/", figures_router)
