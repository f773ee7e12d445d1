"""Cards for tests, in the shapes the ecosystem writes them."""

import base64
import json
from io import BytesIO

from PIL import Image, PngImagePlugin

from conftest import png_bytes


def v2_card(**data) -> dict:
    fields = {
        "name": "Seraphina",
        "description": "A guardian of the <b>forest</b>.",
        "personality": "gentle, watchful",
        "scenario": "A glade at dusk.",
        "first_mes": "*She smiles.* Welcome, traveller.",
        "mes_example": "<START>\n{{user}}: Hi\n{{char}}: Hello.",
        "creator_notes": "<script>alert('x')</script> Be kind.",
        "system_prompt": "You are Seraphina.",
        "post_history_instructions": "Stay in character.",
        "alternate_greetings": ["Oh, hello again."],
        "tags": ["Fantasy", "Guardian"],
        "creator": "tester",
        "character_version": "1.2",
        "extensions": {"talkativeness": "0.5", "depth_prompt": {"prompt": "x", "depth": 4}},
        "character_book": {
            "name": "Forest lore",
            "extensions": {},
            "entries": [
                {
                    "keys": ["glade"],
                    "content": "The glade is sacred.",
                    "extensions": {},
                    "enabled": True,
                    "insertion_order": 0,
                    "use_regex": False,
                    "id": 1,
                }
            ],
        },
    }
    fields.update(data)
    return {"spec": "chara_card_v2", "spec_version": "2.0", "data": fields}


def v3_card(**data) -> dict:
    card = v2_card(**data)
    card["spec"], card["spec_version"] = "chara_card_v3", "3.0"
    card["data"] |= {
        "group_only_greetings": ["Hello, everyone."],
        "nickname": "Sera",
        "source": ["https://example.com/sera"],
        "creation_date": 1700000000,
        "modification_date": 1700000100,
        "x_unknown_key": {"kept": True},
    }
    return card


def json_bytes(card: dict) -> bytes:
    return json.dumps(card).encode()


def png_card(card: dict, *, chunk: str = "chara", colour: str = "#aa3366") -> bytes:
    """A PNG card: the image with a tEXt chunk holding the card as base64 JSON."""
    info = PngImagePlugin.PngInfo()
    info.add_text(chunk, base64.b64encode(json_bytes(card)).decode())
    buffer = BytesIO()
    Image.open(BytesIO(png_bytes((96, 128), colour))).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def ztxt_png_card(card: dict) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("chara", base64.b64encode(json_bytes(card)).decode(), zip=True)
    buffer = BytesIO()
    Image.open(BytesIO(png_bytes())).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def charx_card(card: dict) -> bytes:
    import zipfile

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        card["data"]["assets"] = [
            {"type": "icon", "uri": "embeded://assets/icon/images/main.png", "name": "main", "ext": "png"}
        ]
        archive.writestr("card.json", json.dumps(card))
        archive.writestr("assets/icon/images/main.png", png_bytes((80, 80), "#118844"))
    return buffer.getvalue()


__all__ = ["charx_card", "json_bytes", "png_card", "v2_card", "v3_card", "ztxt_png_card"]
