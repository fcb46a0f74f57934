"""Page permissions beyond Wagtail's: members of the same `Actor` may edit each other's
pages (with the "add" right that lets them edit their own), and advisors, who hold "change"
only to reach the editor and comment, can neither submit, delete, move, copy nor lock (what
they may save is decided by the edit view: `catalogue.editing`)."""

from django.contrib.auth import get_user_model

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

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


def member_of(user, actor_id) -> bool:
    """Whether the user belongs to the organisation, read once per request and user."""
    if not user.is_authenticated or not actor_id:
        return False
    cached = getattr(user, "_reperes_actor_ids", None)
    if cached is None:
        cached = frozenset(user.actors.values_list("pk", flat=True))
        user._reperes_actor_ids = cached
    return actor_id in cached


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """The pages' rule for a snippet that belongs to an organisation (its `actor`), such as
    an evaluation: "add" lets a member write and edit their organisation's items, "change"
    (coordination) edits every one. Other actions ("delete", "publish", "lock"…) keep
    their model permissions; what the views make of "publish" is in
    `catalogue.evaluation_views`."""

    def __init__(self, model, organisation_field: str = "actor"):
        super().__init__(model)
        self.organisation_field = organisation_field

    def _may_edit_all(self, user) -> bool:
        return user.has_perm(self._get_permission_name("change"))

    def user_has_permission(self, user, action):
        if action == "change":
            # Members with "add" may edit some items (their organisation's): the editor
            # asks again for the item itself.
            return self._may_edit_all(user) or user.has_perm(self._get_permission_name("add"))
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if user.is_active and user.is_superuser:
            return True
        for action in actions:
            if action in ("change", "view"):
                if self._may_edit_all(user) or (
                    user.has_perm(self._get_permission_name("add"))
                    and member_of(user, getattr(instance, f"{self.organisation_field}_id"))
                ):
                    return True
            elif super().user_has_permission(user, action):
                return True
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if (user.is_active and user.is_superuser) or self._may_edit_all(user):
            return manager.all()
        if {"change", "view"} & set(actions) and user.has_perm(self._get_permission_name("add")):
            return manager.filter(**{f"{self.organisation_field}__users": user})
        return manager.none()
