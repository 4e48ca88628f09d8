"""Listing columns shared by our viewsets."""

from wagtail.admin.ui.tables import Column


class CodeColumn(Column):
    """A code people type elsewhere (an indicator's code in a report template): shown as
    code, in a fixed-width font, not as a word of the sentence around it."""

    cell_template_name = "dvs/tables/code_cell.html"
