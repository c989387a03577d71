"""Rendering model objects to .docx through docxtpl templates (issue 4: not built yet)."""

__all__: list[str] = []
