"""The formatting Word applies to a paragraph or run of a .docx: direct formatting, then
the character style, then the paragraph style and the styles it is based on, then the
document defaults — so tests check what a reader sees, wherever the template put it."""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style(document, style_id):
    for style in document.styles.element.iterchildren(f"{W}style"):
        if style.get(f"{W}styleId") == style_id:
            return style
    return None


def _chain(document, style_id):
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = _style(document, style_id)
        if style is None:
            return
        yield style
        based = style.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None


def _paragraph_style(document, p):
    ppr = p.find(f"{W}pPr")
    ps = ppr.find(f"{W}pStyle") if ppr is not None else None
    if ps is not None:
        return ps.get(f"{W}val")
    default = next((s.get(f"{W}styleId") for s in document.styles.element.iterchildren(f"{W}style")
                    if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") == "1"), None)
    return default


def paragraph_property(document, paragraph, tag, attribute):
    """An attribute of a pPr child (``tag``) as it applies to ``paragraph``."""
    p = getattr(paragraph, "_p", paragraph)
    sources = [p.find(f"{W}pPr")]
    sources += [s.find(f"{W}pPr") for s in _chain(document, _paragraph_style(document, p))]
    for ppr in sources:
        if ppr is None:
            continue
        element = ppr.find("/".join(f"{W}{t}" for t in tag.split("/")))
        if element is not None and element.get(f"{W}{attribute}") is not None:
            return element.get(f"{W}{attribute}")
    return None


def run_property(document, paragraph, run, tag, attribute="val"):
    """An attribute of an rPr child (``tag``) as it applies to ``run`` in ``paragraph``."""
    p = getattr(paragraph, "_p", paragraph)
    r = getattr(run, "_r", run)
    sources = [r.find(f"{W}rPr")]
    rpr = r.find(f"{W}rPr")
    rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
    if rstyle is not None:
        sources += [s.find(f"{W}rPr") for s in _chain(document, rstyle.get(f"{W}val"))]
    sources += [s.find(f"{W}rPr") for s in _chain(document, _paragraph_style(document, p))]
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    sources.append(defaults)
    for source in sources:
        if source is None:
            continue
        element = source.find(f"{W}{tag}")
        if element is not None and element.get(f"{W}{attribute}") is not None:
            return element.get(f"{W}{attribute}")
    return None


def fonts(document, paragraph):
    """The Chinese fonts of the runs of ``paragraph`` that hold text."""
    return {run_property(document, paragraph, r, "rFonts", "eastAsia") for r in paragraph.runs if r.text}


def sizes(document, paragraph):
    """The sizes in points of the runs of ``paragraph`` that hold text."""
    return {int(run_property(document, paragraph, r, "sz")) / 2 for r in paragraph.runs if r.text}


def colour(document, paragraph):
    return {run_property(document, paragraph, r, "color") for r in paragraph.runs if r.text}
