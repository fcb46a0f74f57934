from django.core.checks import run_checks


def test_deploy_checks_flag_webhooks_allowed_into_private_networks(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True
    assert "partners.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    assert "partners.W001" not in {m.id for m in run_checks(include_deployment_checks=True)}
