"""The admin is French wherever an editor looks: each role's admin pages, followed from the
dashboard, show none of the English (or broken French) words we have seen slip through."""

import re
from html.parser import HTMLParser

import pytest

from wagtail.models import Page

from .test_guarantees import _draft, _submit

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(
    r"\b(Status|ago|None|approver|Seul les|Salut|Edit|Delete|Save|Publish|Unpublish|Submit|"
    r"Settings|Search|Cancel|Draft|Live|Preview|History|Owner|Created|Updated|Sort|Filter|"
    r"Choose|Select|Yes|Help|Reports|Locked|Comments|Privacy|Revisions|Dashboard|Account|"
    r"Log out|Show|Hide|Next|Previous|Back|Close|Shortcuts|Sent to|Editor Guide|What's new|"
    r"Changes requested|approved|rejected|Wagtail)\b"
)
# Never followed: they change something, or answer with a file.
SKIPPED = ("delete", "unpublish", "logout", "/copy/", "/move/", "revert", "export", "preview")
MAX_PAGES = 40


class VisibleText(HTMLParser):
    """The text a person reads: element text, and the attributes a screen reader or a
    tooltip shows; not scripts, styles nor templates for later."""

    HIDDEN = {"script", "style", "template", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # (tag, hides its content)
        self.texts, self.links = [], []

    @property
    def hidden(self) -> bool:
        return any(hides for _tag, hides in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self.open.append((tag, tag in self.HIDDEN or "hidden" in attrs))
        if tag == "a" and (attrs.get("href") or "").startswith("/admin/"):
            self.links.append(attrs["href"].split("#")[0].split("?")[0])
        if not self.hidden:
            names = ("title", "aria-label", "placeholder", "alt")
            self.texts += [attrs[name] for name in names if attrs.get(name)]

    def handle_endtag(self, tag):
        # Close up to the matching tag: browsers forgive unclosed elements, so must we.
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(data.strip())


def _english_on_admin_pages(client) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    queue, seen = ["/admin/", "/admin/reports/aging-pages/"], set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or any(word in url for word in SKIPPED):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = VisibleText()
        page.feed(response.content.decode())
        for text in page.texts:
            for match in ENGLISH.finditer(text):
                found.setdefault(f"{match.group(0)!r} in {text[:80]!r}", set()).add(url)
        queue += [link for link in page.links if link not in seen]
    assert len(seen) > 10  # the crawl did go somewhere
    return found


@pytest.mark.parametrize("role", ["alice", "bruno", "coordinator", "advisor"])
def test_each_roles_admin_pages_are_in_french(client, catalogue, people, role):
    # Wagtail's placeholder page is content, which the demo and a deployment replace.
    Page.objects.filter(title__startswith="Welcome to your new Wagtail").update(
        title="Accueil", draft_title="Accueil"
    )
    page = _draft(catalogue, people["alice"], title="Outil à relire")
    _submit(page, people["alice"])
    client.force_login(people[role])

    assert _english_on_admin_pages(client) == {}
