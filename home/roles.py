"""Groups, permissions and the moderation workflow of the programme, created by an
idempotent service (`manage.py setup_roles`)."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from catalogue.models import (
    Actor,
    Audience,
    CatalogueIndexPage,
    CriterionGroup,
    Evaluation,
    EvaluationCriterion,
    IndependentApprovalTask,
    OfferReport,
    PeerReviewTask,
    Theme,
)
from catalogue.roles import ACTORS, ADVISORS, COORDINATION
from diagnostic.models import AdvisedAssociation, AdvisorRun
from partners.models import ApiKey, Webhook, WebhookDelivery
from training.models import Competence, CompetenceDomain, TrainingIndexPage, TrainingSession

# Stored names, looked up by setup_roles to stay idempotent: data in the database, not
# messages, so they are not translated (a second language would duplicate the workflow).
WORKFLOW_NAME = "Relecture et validation"
PEER_REVIEW_TASK = "Relecture par un autre acteur"
APPROVAL_TASK = "Validation par la coordination"
EVALUATION_WORKFLOW_NAME = "Validation des évaluations"
EVALUATION_APPROVAL_TASK = "Validation d'une évaluation par la coordination"


def _permission(model, action: str) -> Permission:
    content_type = ContentType.objects.get_for_model(model)
    return Permission.objects.get(
        content_type=content_type, codename=f"{action}_{model._meta.model_name}"
    )


def _admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _page_permission(action: str) -> Permission:
    return _permission(Page, action)


def _grant_pages(group: Group, page: Page, actions: list[str]) -> None:
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(action)
        )


def _grant_collection(group: Group, actions: list[tuple[str, str]]) -> None:
    root = Collection.get_first_root_node()
    for app_label, codename in actions:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


@transaction.atomic
def roles_setup() -> dict[str, Group]:
    """Create or complete the three groups and the workflow; never removes anything
    an administrator added."""
    actors, _ = Group.objects.get_or_create(name=ACTORS)
    coordination, _ = Group.objects.get_or_create(name=COORDINATION)
    advisors, _ = Group.objects.get_or_create(name=ADVISORS)
    for group in (actors, coordination, advisors):
        group.permissions.add(_admin_access())

    roots = [
        page
        for page in (CatalogueIndexPage.objects.first(), TrainingIndexPage.objects.first())
        if page
    ]
    tree_root = Page.get_first_root_node()

    # Digital actors: "add" means create, and edit the pages they own; never publish.
    for root in roots:
        _grant_pages(actors, root, ["add"])
    _grant_collection(
        actors,
        [
            ("wagtailimages", "add_image"),
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "choose_document"),
        ],
    )
    actors.permissions.add(
        *(_permission(model, "view") for model in (Actor, Theme, Audience, Competence))
    )
    # Evaluations: "add" lets them write and edit their organisations' ones
    # (`catalogue.permissions.OrganisationPermissionPolicy`), as with pages; never approve.
    actors.permissions.add(_permission(Evaluation, "add"))

    # Coordination: edit, publish and lock everything, manage taxonomies and partners.
    _grant_pages(
        coordination, tree_root, ["add", "change", "publish", "lock", "unlock", "bulk_delete"]
    )
    _grant_collection(
        coordination,
        [
            ("wagtailimages", "add_image"),
            ("wagtailimages", "change_image"),
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "change_document"),
            ("wagtaildocs", "choose_document"),
        ],
    )
    partners = (ApiKey, Webhook)
    for model in (Actor, Theme, Audience, Competence, CompetenceDomain, TrainingSession, *partners):
        coordination.permissions.add(
            *(_permission(model, action) for action in ("add", "change", "delete", "view"))
        )
    # The delivery log is read only (partners.viewsets.ReadOnlyPolicy).
    coordination.permissions.add(_permission(WebhookDelivery, "view"))
    # The queue of visitors' reports: read them and close them (catalogue.report_viewsets).
    coordination.permissions.add(
        *(_permission(OfferReport, action) for action in ("view", "change"))
    )
    # The evaluation grid, and every evaluation. "publish" is the right to withdraw an
    # approved one: approving goes through the workflow below, never the editor.
    for model in (EvaluationCriterion, CriterionGroup):
        coordination.permissions.add(
            *(_permission(model, action) for action in ("add", "change", "delete", "view"))
        )
    coordination.permissions.add(
        *(
            _permission(Evaluation, action)
            for action in ("add", "change", "delete", "view", "publish", "lock", "unlock")
        )
    )

    # Advisors read drafts and comment on them; evaluations are not theirs to read before
    # they are approved, and the approved ones are public. Wagtail ties comments to the editor, so
    # they get "change"; the page permission tester takes away everything else.
    for root in roots:
        _grant_pages(advisors, root, ["change"])
    # They also read the training sessions (the « Formation » menu), without editing them.
    advisors.permissions.add(
        *(_permission(model, "view") for model in (Actor, Theme, Audience, TrainingSession))
    )

    # Advisors' associations (« Mes associations », diagnostic.permissions): "add" lets an
    # advisor keep their own and attach results to them; "view" lets the coordination read
    # every one. Nobody but superusers edits another advisor's.
    for group in (advisors, coordination):
        group.permissions.add(
            *(_permission(model, "add") for model in (AdvisedAssociation, AdvisorRun))
        )
    coordination.permissions.add(
        *(_permission(model, "view") for model in (AdvisedAssociation, AdvisorRun))
    )

    _retire_wagtail_defaults()
    workflow = _workflow(actors, coordination)
    for root in roots:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Evaluation),
        defaults={"workflow": _evaluation_workflow(coordination)},
    )
    return {"actors": actors, "coordination": coordination, "advisors": advisors}


def _retire_wagtail_defaults() -> None:
    """Wagtail's migrations create "Editors" and "Moderators" groups with rights on the
    whole tree, and a "Moderators approval" workflow on the root. They would bypass the
    roles above, so they go, unless someone was put in them."""
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    WorkflowPage.objects.filter(workflow__name="Moderators approval").delete()


def _workflow(actors: Group, coordination: Group) -> Workflow:
    from wagtail.models import GroupApprovalTask

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    review = PeerReviewTask.objects.filter(name=PEER_REVIEW_TASK).first()
    if review is None:
        review = PeerReviewTask.objects.create(name=PEER_REVIEW_TASK)
    review.groups.add(actors)
    approval = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if approval is None:
        approval = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    approval.groups.add(coordination)
    for order, task in enumerate((review, approval)):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    return workflow


def _evaluation_workflow(coordination: Group) -> Workflow:
    """One step: a coordinator who neither wrote nor submitted the evaluation approves it."""
    workflow, _ = Workflow.objects.get_or_create(
        name=EVALUATION_WORKFLOW_NAME, defaults={"active": True}
    )
    approval = IndependentApprovalTask.objects.filter(name=EVALUATION_APPROVAL_TASK).first()
    if approval is None:
        approval = IndependentApprovalTask.objects.create(name=EVALUATION_APPROVAL_TASK)
    approval.groups.add(coordination)
    WorkflowTask.objects.update_or_create(
        workflow=workflow, task=approval, defaults={"sort_order": 0}
    )
    return workflow
