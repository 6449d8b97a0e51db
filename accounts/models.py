from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .managers import UserManager

indonesian_phone_validator = RegexValidator(
    regex=r"^\+62[1-9][0-9]{7,12}$",
    message=_("Enter an Indonesian number starting with +62, e.g. +6281234567890."),
)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: organizer, association admin, exhibitor, buyer, ministry reader.

    Visitors do not need an account. Login is by email; names are one field because
    many Indonesians have a single name.
    """

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(
        _("phone (WhatsApp)"), max_length=16, blank=True, validators=[indonesian_phone_validator]
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        default="id",
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the Django admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Self-registered accounts (exhibitors) prove their address before they may log in;
    # accounts made by organizers or seed code are verified when created.
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    # UU PDP: when the person agreed to the privacy notice at sign-up.
    privacy_consent_at = models.DateTimeField(_("privacy consent at"), null=True, blank=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    # Wagtail's admin shows these.
    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def first_name(self):
        return self.get_short_name()

    @property
    def last_name(self):
        return ""


class Role(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    GATE_STAFF = "gate_staff", _("Gate staff")
    ASSOCIATION_ADMIN = "association_admin", _("Association admin")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    BUYER = "buyer", _("Buyer")
    MINISTRY_READER = "ministry_reader", _("Ministry reader")


# The model each role is scoped to. accounts sits at the bottom of the layering, so
# scopes are named by label and linked generically; a role whose scope model is
# not installed yet (e.g. exhibitors.Business before that app has models) cannot be
# granted.
ROLE_SCOPES = {
    Role.ORGANIZER: "events.event",
    Role.GATE_STAFF: "events.event",
    Role.ASSOCIATION_ADMIN: "events.association",
    Role.EXHIBITOR: "exhibitors.business",
    Role.BUYER: "matching.buyer",
    Role.MINISTRY_READER: "events.ministry",
}


class RoleGrant(models.Model):
    """A user holds a role over one object: organizer of an event, admin of an association…"""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    scope_type = models.ForeignKey(
        ContentType, verbose_name=_("scope type"), on_delete=models.CASCADE
    )
    scope_id = models.PositiveBigIntegerField(_("scope id"))
    scope = GenericForeignKey("scope_type", "scope_id")
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "scope_type", "scope_id"], name="accounts_grant_unique"
            ),
            # One account manages one business (a business may have several managers).
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(role="exhibitor"),
                name="accounts_one_business_per_user",
                violation_error_message=_("This account already manages a business."),
            ),
        ]
        indexes = [models.Index(fields=["role", "scope_type", "scope_id"])]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.scope}"

    def clean(self):
        super().clean()
        expected = ROLE_SCOPES.get(self.role)
        if self.scope_type_id and expected:
            actual = f"{self.scope_type.app_label}.{self.scope_type.model}"
            if actual != expected:
                raise ValidationError(
                    {
                        "scope_type": _("This role is granted over %(expected)s, not %(actual)s.")
                        % {"expected": expected, "actual": actual}
                    }
                )
