"""The tallies panel on a matter's page (`{% tallies_panel matter %}`): the page of part
"matters" includes democracy/matter_tallies_panel.html with `matter`, and the panel needs
the state computed in views_tallies.panel_state for the signed-in user."""

from django import template

register = template.Library()


@register.inclusion_tag("democracy/tallies/panel.html", takes_context=True)
def tallies_panel(context, matter):
    from dvs.democracy.views_tallies import panel_state

    return panel_state(matter, context["request"].user)
