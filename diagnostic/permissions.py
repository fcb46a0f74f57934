"""Who sees and edits advisors' associations: an association names a real organisation
and holds the advisor's notes, so it is seen by its advisor and the coordination only.

In the pages' style (`catalogue.permissions`): "add" lets an advisor create associations
and see, edit and delete their own; "view" (the coordination) reads every one;
"change" and "delete" act on every one, and no group has them (superusers do)."""

from wagtail.permission_policies import ModelPermissionPolicy


class AdvisedAssociationPermissionPolicy(ModelPermissionPolicy):
    def _on_every_one(self, user, action) -> bool:
        # The model permission itself (superusers have them all).
        return super().user_has_permission(user, action)

    def _owns(self, user, instance) -> bool:
        return user.has_perm(self._get_permission_name("add")) and instance.advisor_id == user.pk

    def user_has_permission(self, user, action):
        if action in ("change", "delete", "view"):
            # Advisors may act on some items (their own): the views ask again per item.
            return super().user_has_permission(user, action) or user.has_perm(
                self._get_permission_name("add")
            )
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not user.is_active:
            return False
        for action in actions:
            if self._on_every_one(user, action):
                return True
            if action in ("change", "delete", "view") and self._owns(user, instance):
                return True
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not user.is_active:
            return manager.none()
        if any(self._on_every_one(user, action) for action in actions if action != "add"):
            return manager.all()
        if user.has_perm(self._get_permission_name("add")) and (
            {"change", "delete", "view"} & set(actions)
        ):
            return manager.filter(advisor=user)
        return manager.none()
