from django.core.management.base import BaseCommand

from home.roles import COORDINATION, WORKFLOW_NAME, roles_setup


class Command(BaseCommand):
    help = (
        "Crée ou complète les groupes (acteurs, coordination, conseillers), leurs droits et le "
        "workflow « Relecture et validation ». Peut être relancée sans risque."
    )

    def handle(self, **options):
        groups = roles_setup()
        names = ", ".join(group.name for group in groups.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Groupes à jour : {names}. Workflow « {WORKFLOW_NAME} » validé par {COORDINATION}."
            )
        )
