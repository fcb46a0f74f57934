"""Co-editing within an organisation: members of the same `Actor` may edit each other's
pages, with the same "add" right that lets them edit their own."""

from wagtail.models import PagePermissionTester


def share_an_organisation(user_id: int, other_user_id: int) -> bool:
    if not user_id or not other_user_id:
        return False
    if user_id == other_user_id:
        return True
    from .models.snippets import Actor

    return Actor.objects.filter(users=user_id).filter(users=other_user_id).exists()


class OrganisationPagePermissionTester(PagePermissionTester):
    def can_edit(self):
        if super().can_edit():
            return True
        return (
            self.user.is_active
            and not self.page_is_root
            and "add" in self.permissions
            and share_an_organisation(self.user.pk, self.page.owner_id)
        )


class OrganisationEditableMixin:
    """For page types that digital actors write (offers, training modules)."""

    def permissions_for_user(self, user):
        return OrganisationPagePermissionTester(user, self)
