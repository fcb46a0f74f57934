from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.management.base import TranslatedHelpCommand
from home.roles import COORDINATION, WORKFLOW_NAME, roles_setup


class Command(TranslatedHelpCommand):
    help = _(
        "Create or complete the groups (actors, coordination, advisors), their permissions and "
        "the review workflow. Safe to run again."
    )

    def handle(self, **options):
        groups = roles_setup()
        names = ", ".join(group.name for group in groups.values())
        self.stdout.write(
            self.style.SUCCESS(
                gettext(
                    "Groups up to date: %(groups)s. Workflow “%(workflow)s” approved by "
                    "%(approvers)s."
                )
                % {"groups": names, "workflow": WORKFLOW_NAME, "approvers": COORDINATION}
            )
        )
