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


def _generated(name: str, size: tuple[int, int], prefix: str, paint):
    """An image painted by `paint(draw, size)` on a colour drawn from `name`, created once
    (`name` is its title and the lookup key)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=name).first()
    if existing:
        return existing
    digest = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    canvas = Image.new("RGB", size, PALETTE[int(digest, 16) % len(PALETTE)])
    paint(ImageDraw.Draw(canvas), size)
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    return image_model.objects.create(
        title=name, file=ImageFile(BytesIO(buffer.getvalue()), name=f"{prefix}-{digest[:10]}.png")
    )


def demo_logo(title: str):
    """The demo logo of an offer: its initials on a square."""

    def paint(draw, size):
        centre = (size[0] // 2, size[1] // 2)
        draw.text(centre, _initials(title), fill="white", anchor="mm", font_size=96)

    return _generated(f"Logo — {title}", (240, 240), "logo", paint)


def demo_illustration(title: str):
    """An illustration for a body's image block, `title` being its name: a video call's
    four participant tiles on a 16:9 banner (no text: the built-in font has no accents)."""

    def paint(draw, size):
        width, height, gap = size[0], size[1], 24
        tile_w, tile_h = (width - 3 * gap) // 2, (height - 3 * gap) // 2
        for row in range(2):
            for column in range(2):
                x, y = gap + column * (tile_w + gap), gap + row * (tile_h + gap)
                draw.rounded_rectangle((x, y, x + tile_w, y + tile_h), 16, fill="#e8eef5")
                cx, cy = x + tile_w // 2, y + tile_h // 2
                draw.ellipse((cx - 36, cy - 70, cx + 36, cy + 2), fill="#9fb3c8")
                draw.rounded_rectangle((cx - 70, cy + 14, cx + 70, cy + 90), 40, fill="#9fb3c8")

    return _generated(title, (960, 540), "illustration", paint)
