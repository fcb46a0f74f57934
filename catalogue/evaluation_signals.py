"""What happens when an evaluation is approved: Wagtail publishes it (the workflow's last
step, or a superuser's "publish") and sends `published`, inside the transaction that
`Evaluation.publish` opens."""

from wagtail.signals import published

from .models import Evaluation
from .services import evaluation_approved


def on_evaluation_published(sender, instance, **kwargs):
    evaluation_approved(evaluation=instance)


published.connect(on_evaluation_published, sender=Evaluation, dispatch_uid="evaluation-approved")
