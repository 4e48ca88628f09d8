"""Who may change the reference data of the whole deployment.

Report templates, the emulation movement's fields, indicators and criteria are shared by
every unit (the city's periods and evaluations use them too): every role allowed to view
them reads them, but only system administrators and grants at the top of the tree
(province or city, `scope.is_broad`) not limited to an organisation add, change or delete
them. Wagtail's screens for these models ask this policy and nothing else."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import scope


class ReferenceDataPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "view" or user.is_superuser:
            return super().user_has_permission(user, action)
        permission = self._get_permission_name(action)
        return any(
            grant.organisation_id is None
            and scope.is_broad(grant.unit_path)
            and scope.role_allows(grant.role, permission)
            for grant in scope.grants(user)
        )


def register_reference_data(*models):
    for model in models:
        register_permission_policy(model, ReferenceDataPolicy(model))
