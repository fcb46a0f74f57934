"""Generated placeholder logos, so the demo needs no image files in the repository."""

import hashlib
from io import BytesIO

from PIL import Image, ImageDraw

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

PALETTE = ["#1f4e79", "#7a2e5e", "#2e6b3f", "#8a4b08", "#3d3d8f", "#0f6b6b", "#6b1f1f"]


def _initials(title: str) -> str:
    words = [w for w in title.replace("'", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def demo_logo(title: str):
    """The demo logo for a title, created once (its title is the lookup key)."""
    image_model = get_image_model()
    name = f"Logo — {title}"
    existing = image_model.objects.filter(title=name).first()
    if existing:
        return existing
    colour = PALETTE[
        int(hashlib.md5(title.encode(), usedforsecurity=False).hexdigest(), 16) % len(PALETTE)
    ]
    canvas = Image.new("RGB", (240, 240), colour)
    draw = ImageDraw.Draw(canvas)
    text = _initials(title)
    draw.text((120, 120), text, fill="white", anchor="mm", font_size=96)
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    slug = hashlib.md5(title.encode(), usedforsecurity=False).hexdigest()[:10]
    return image_model.objects.create(
        title=name, file=ImageFile(BytesIO(buffer.getvalue()), name=f"logo-{slug}.png")
    )
