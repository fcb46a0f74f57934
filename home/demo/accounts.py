"""Demo accounts and workflow states. Demo only: production never runs the demo loader."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page, Workflow, WorkflowState

from catalogue.models import Actor, OfferPage
from home.roles import ACTORS, ADVISORS, COORDINATION, WORKFLOW_NAME

DEMO_PASSWORD = "reperes-demo"  # noqa: S105 (printed by the demo loader and the README)

# (username, first name, last name, group, organisation slug)
DEMO_ACCOUNTS = [
    ("acteur.tours", "Inès", "Moreau", ACTORS, "tiers-lieu-tours"),
    ("acteur.touraine", "Hugo", "Lefèvre", ACTORS, "cooperative-touraine"),
    ("coordination", "Claire", "Dumas", COORDINATION, None),
    ("conseiller", "Yanis", "Bernard", ADVISORS, "pava-loches"),
]


def demo_accounts(count) -> dict:
    users = {}
    user_model = get_user_model()
    for username, first_name, last_name, group_name, organisation in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=username,
                email=f"{username}@demo.reperes.example.org",
                password=DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
            user.groups.add(Group.objects.get(name=group_name))
            if organisation:
                actor = Actor.objects.filter(slug=organisation).first()
                if actor:
                    actor.users.add(user)
            count("accounts")
        users[username] = user
    if not user_model.objects.filter(username="admin").exists():
        user_model.objects.create_superuser(
            "admin", "admin@demo.reperes.example.org", DEMO_PASSWORD
        )
        count("accounts")
    return users


def assign_owners(users) -> None:
    """Offers of the demo actors' organisations belong to their accounts."""
    for username in ("acteur.tours", "acteur.touraine"):
        user = users[username]
        OfferPage.objects.filter(provider__users=user, owner__isnull=True).update(owner=user)


def _act(page, user, action: str, comment: str = "") -> None:
    """Act on the current task like the admin does: only if the task offers the action."""
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_task_state
    task = task_state.task.specific
    allowed = {name for name, _label, _modal in task.get_actions(page, user)}
    if action not in allowed:
        raise PermissionError(f"{user} may not {action} {page}")
    task.on_action(task_state, user, action, comment=comment)


def demo_workflow_states(users, count) -> None:
    """One offer in each state: in peer review, awaiting coordination, sent back, approved."""
    if WorkflowState.objects.exists():
        return
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    tours, touraine, coordination = (
        users["acteur.tours"],
        users["acteur.touraine"],
        users["coordination"],
    )

    def submit(slug, user):
        page = OfferPage.objects.get(slug=slug).get_latest_revision_as_object()
        page.save_revision(user=user)
        workflow.start(page, user)
        return page

    submit("guide-accessibilite-numerique", tours)

    in_approval = submit("mattermost", touraine)
    _act(in_approval, tours, "approve", "Relu : les informations d'hébergement sont à jour.")

    sent_back = submit("coop-migration-libre", touraine)
    _act(sent_back, tours, "reject", "Merci de préciser le tarif associatif et la durée du suivi.")

    approved = submit("framaforms", tours)
    _act(approved, touraine, "approve", "Rien à redire.")
    _act(approved, coordination, "approve", "Validé pour publication.")
    count("workflow_states")
