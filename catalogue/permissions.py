"""Page permissions beyond Wagtail's: members of the same `Actor` may edit each other's
pages (with the "add" right that lets them edit their own), and advisors, who hold "change"
only to reach the editor and comment, can neither submit, delete, move, copy nor lock (what
they may save is decided by the edit view: `catalogue.editing`)."""

from django.contrib.auth import get_user_model

from wagtail.models import PagePermissionTester

from .roles import ADVISORS, in_group


def share_an_organisation(user_id: int, other_user_id: int) -> bool:
    if not user_id or not other_user_id:
        return False
    if user_id == other_user_id:
        return True
    # Through the user model's reverse accessor: the models import this module.
    return get_user_model().objects.filter(pk=user_id, actors__users=other_user_id).exists()


class OrganisationPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.is_advisor = in_group(user, ADVISORS)

    def can_delete(self, ignore_bulk=False):
        return not self.is_advisor and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return not self.is_advisor and super().can_move()

    def can_copy(self):
        return not self.is_advisor and super().can_copy()

    def can_submit_for_moderation(self):
        return not self.is_advisor and super().can_submit_for_moderation()

    def can_lock(self):
        return not self.is_advisor and super().can_lock()

    def can_set_view_restrictions(self):
        return not self.is_advisor and super().can_set_view_restrictions()

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
    """For every page type under the catalogue and training: co-editing within an
    organisation, and advisors who may read and comment but not delete or move."""

    def permissions_for_user(self, user):
        return OrganisationPagePermissionTester(user, self)
