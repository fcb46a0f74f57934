"""The moderation e-mails: formal French, a readable subject, links to this site."""

import pytest

from .test_guarantees import _draft, _submit

pytestmark = pytest.mark.django_db


def test_a_submission_mail_greets_formally_and_links_to_the_site(
    catalogue, people, mailoutbox, settings
):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    page = _draft(catalogue, people["alice"], title="Outil à relire")
    _submit(page, people["alice"])

    mail = next(mail for mail in mailoutbox if people["bruno"].email in mail.to)
    bruno = people["bruno"]
    assert mail.body.lstrip().startswith(f"Bonjour {bruno.first_name} {bruno.last_name},")
    assert "Salut" not in mail.body
    assert "Outil à relire" in mail.subject and "=?utf-8?" not in mail.subject
    assert f"{settings.SITE_URL}/admin/pages/{page.pk}/edit/" in mail.body

    html, _type = mail.alternatives[0]
    assert f"Bonjour {bruno.first_name} {bruno.last_name}," in html
    assert "Salut" not in html
    # Our name instead of Wagtail's header image.
    assert "email-header.jpg" not in html and "Repères" in html
