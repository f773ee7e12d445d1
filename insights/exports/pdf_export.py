"""The export as a PDF (fpdf2), one heading per section and the values under it; nested values are
indented under their labels. DejaVu Sans (bundled in fonts/, its licence beside it) covers Latin,
Greek, Cyrillic, Arabic, Hebrew and many symbols, which PDF's built-in fonts do not; it has no Chinese,
Japanese or Korean characters and no emoji: fpdf2 leaves those out (and logs a warning). Bundling a CJK
font would add some 20 MB; the JSON and CSV exports carry every character."""

from pathlib import Path

from fpdf import FPDF

from insights.sections import IDENTITY_FIELDS, SECTION_LABELS, SECTIONS, field_label

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"
INDENT_MM = 5
MAX_DEPTH_SHOWN = 6  # free context JSON can nest deeper; beyond this it is shown as text


def _label(key) -> str:
    return field_label(str(key))


def _scalar(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _numbered(items):
    """List items: records (a job, a pain) numbered under their list, plain values as bullets."""
    return ((f"{index}." if isinstance(item, dict) else None, item) for index, item in enumerate(items, 1))


class _Document(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()

    def line(self, text: str, *, depth: int = 0, size: int = 10, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_x(self.l_margin + depth * INDENT_MM)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")

    def value(self, key, value, depth: int) -> None:
        nested = isinstance(value, dict | list | tuple) and value and depth < MAX_DEPTH_SHOWN
        if not nested:
            shown = ", ".join(map(_scalar, value)) if isinstance(value, list | tuple) else _scalar(value)
            self.line(f"{_label(key)}: {shown}" if key is not None else f"• {shown}", depth=depth)
            return
        if key is not None:
            self.line(_label(key), depth=depth, bold=True)
        items = value.items() if isinstance(value, dict) else _numbered(value)
        for child_key, child in items:
            self.value(child_key, child, depth + 1)


def render(document: dict) -> bytes:
    content = document["content"]
    persona, metadata = content["persona"], content["metadata"]
    pdf = _Document()
    pdf.set_title(f"{persona.get('full_name') or 'Persona'}: details")
    pdf.line(persona.get("full_name") or "Persona", size=18, bold=True)
    for key in IDENTITY_FIELDS[2:]:
        if persona.get(key):
            pdf.line(str(persona[key]), size=11)
    masked = "personal data masked" if metadata["masked"] else "not masked"
    pdf.line(f"Exported by {metadata['exported_by']} at {metadata['exported_at']} ({masked})", size=8)
    for section in metadata["sections"]:
        pdf.ln(3)
        pdf.line(SECTION_LABELS[section], size=14, bold=True)
        for field in SECTIONS[section]:
            pdf.value(field, persona.get(field), 0)
    return bytes(pdf.output())
