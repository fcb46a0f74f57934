"""Names of the admin groups. The groups themselves are set up by `manage.py setup_roles`
(in `home`, which knows every page type)."""

ACTORS = "Acteurs du numérique"
COORDINATION = "Coordination"
ADVISORS = "Conseillers"


def in_group(user, name: str) -> bool:
    """Whether an active, non-superuser account belongs to the group: superusers keep
    Wagtail's own rules, and the role-specific ones never apply to them."""
    return user.is_active and not user.is_superuser and user.groups.filter(name=name).exists()
