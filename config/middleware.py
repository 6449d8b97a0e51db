"""Request middleware of the project (settings.MIDDLEWARE)."""

from django.utils import translation


class APILanguageMiddleware:
    """The JSON API answers in the caller's language (Accept-Language, or the cookie).

    ``/api/`` lives outside ``i18n_patterns``, where LocaleMiddleware would otherwise
    fall back to the default language for every call. Placed after LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
