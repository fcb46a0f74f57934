from django import template

from ..charts import percent_text

register = template.Library()


@register.filter
def score_percent(value) -> str:
    """`{{ axis.score|score_percent }}`: « 63 % », or « non évalué » for an axis without
    any scored answer; rounded as the chart rounds, so both say the same."""
    return percent_text(value)
