from django.contrib.contenttypes.models import ContentType

from .models import User


def users_with_role(*, role: str, scope):
    return User.objects.filter(
        is_active=True,
        role_grants__role=role,
        role_grants__scope_type=ContentType.objects.get_for_model(scope),
        role_grants__scope_id=scope.pk,
    ).distinct()
