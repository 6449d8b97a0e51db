"""Public account screens: sign-up, email verification, login, logout and passwords.

The Wagtail admin keeps its own login; everyone else (exhibitors, association admins)
comes through here and is sent on by ``accounts:home``.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .forms import (
    ChangePasswordForm,
    LoginForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    ResendVerificationForm,
    SignupForm,
)
from .models import User
from .selectors import home_url_for
from .services import user_register, user_verification_resend, user_verify_email
from .tokens import email_verification_token

SIGNUP_EMAIL_SESSION_KEY = "accounts_signup_email"
# Several backends are configured; the one that checks passwords logs verified users in.
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _base_url(request) -> str:
    """Scheme and host of this request, for absolute links in emails sent later by a task."""
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def home(request):
    return redirect(home_url_for(request.user))


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignupForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_register(
                email=data["email"],
                full_name=data["full_name"],
                phone=data["phone"],
                password=data["password1"],
                language=translation.get_language(),
                base_url=_base_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            request.session[SIGNUP_EMAIL_SESSION_KEY] = user.email
            return redirect("accounts:signup_done")
    return render(request, "accounts/auth/signup.html", {"form": form})


@never_cache
def signup_done(request):
    return render(
        request,
        "accounts/auth/signup_done.html",
        {"email": request.session.get(SIGNUP_EMAIL_SESSION_KEY, "")},
    )


def _user_from_uidb64(uidb64: str) -> User | None:
    try:
        return User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


@never_cache
def verify_email(request, uidb64, token):
    user = _user_from_uidb64(uidb64)
    if user is None or not user.is_active or not email_verification_token.check_token(user, token):
        # Expired, tampered with, or used already (verifying changes what the token hashes).
        return render(request, "accounts/auth/verify_invalid.html", status=400)
    user_verify_email(user=user)
    login(request, user, backend=LOGIN_BACKEND)
    messages.success(request, _("Your email address is confirmed. Welcome, %s!") % user)
    return redirect("accounts:home")


@never_cache
@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = ResendVerificationForm(
        request.POST or None, request=request, initial={"email": request.GET.get("email", "")}
    )
    if request.method == "POST" and form.is_valid():
        user_verification_resend(email=form.cleaned_data["email"], base_url=_base_url(request))
        # The same page whether or not the address has an account waiting.
        return render(
            request, "accounts/auth/resend_done.html", {"email": form.cleaned_data["email"]}
        )
    return render(request, "accounts/auth/resend.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/auth/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response

    def get_default_redirect_url(self):
        return reverse("wagtail_serve", args=[""])


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/auth/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    title = gettext_lazy("Forgot your password?")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/auth/password_reset_done.html"
    title = gettext_lazy("Check your email")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/auth/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    title = gettext_lazy("Choose a new password")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The link came to their mailbox: that proves the address as well as a
        # verification link would, so a lost verification email is no dead end.
        user_verify_email(user=self.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/auth/password_reset_complete.html"
    title = gettext_lazy("Password changed")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/auth/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")
    title = gettext_lazy("Change password")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/auth/password_change_done.html"
    title = gettext_lazy("Password changed")
