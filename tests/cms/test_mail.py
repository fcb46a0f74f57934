import io

from django.core.mail import EmailMultiAlternatives

from cms.mail import ReadableConsoleBackend


def test_the_console_shows_french_subjects_and_bodies_decoded():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        "La page « Éco-gestes » a été soumise",
        "Bonjour Hélène,\nÀ relire.",
        "Repères <noreply@example.org>",
        ["helene@example.org"],
    )
    message.attach_alternative("<p>Bonjour Hélène,</p>", "text/html")

    ReadableConsoleBackend(stream=stream).send_messages([message])

    printed = stream.getvalue()
    assert "Subject: La page « Éco-gestes » a été soumise" in printed
    assert "From: Repères <noreply@example.org>" in printed
    assert "Bonjour Hélène,\nÀ relire." in printed
    assert "(+ text/html)" in printed
    assert "=?utf-8?" not in printed
