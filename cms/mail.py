"""E-mails printed to the console in development, readable: Django's console backend
prints the raw MIME message, where a French subject or body is base64 or
quoted-printable text."""

from email.header import decode_header, make_header

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

# Transport headers, which say how the text is encoded rather than what it says.
SKIPPED_HEADERS = ("mime-version", "content-type", "content-transfer-encoding")


def readable(message) -> str:
    """The headers and the plain-text part of an `EmailMessage`, decoded."""
    mime = message.message()
    lines = [
        f"{name}: {make_header(decode_header(value))}"
        for name, value in mime.items()
        if name.lower() not in SKIPPED_HEADERS
    ]
    bodies, others = [], []
    for part in mime.walk():
        if part.is_multipart():
            continue
        if part.get_content_type() == "text/plain" and not bodies:
            charset = part.get_content_charset() or "utf-8"
            bodies.append(part.get_payload(decode=True).decode(charset, errors="replace"))
        else:
            others.append(part.get_content_type())
    if others:
        lines.append(f"(+ {', '.join(others)})")
    return "\n".join([*lines, "", *bodies])


class ReadableConsoleBackend(ConsoleEmailBackend):
    def write_message(self, message):
        self.stream.write(readable(message) + "\n" + "-" * 79 + "\n")
