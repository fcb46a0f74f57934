"""The visitor's forms of the diagnostic: one step (the questions of one axis), and the
association's department asked with the last one.

Each question is a set of radio buttons: its own options, then « Je ne sais pas » and
« Non applicable ». The form is built from the questionnaire (`scoring.Axis`), so that an
answer the questionnaire does not offer is refused here, in French, before anything is
stored."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from cms.api.inputs import has_control_characters

from .choices import UnscoredAnswer
from .models.results import department_validator
from .scoring import Axis, Question

FIELD_PREFIX = "q-"
DEPARTMENT_FIELD = "department"


def field_name(question: Question) -> str:
    # Prefixed, so that no question code can take the name of another field of the page.
    return FIELD_PREFIX + question.slug


def _no_control_characters(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(
            _("Remove the invisible control characters (such as NUL) from this answer."),
            code="control_characters",
        )


class AnswerField(forms.ChoiceField):
    """One question: its options, then the two unscored answers."""

    def __init__(self, question: Question, **kwargs):
        self.question = question
        choices = [(option.value, option.label) for option in question.options]
        choices += list(UnscoredAnswer.choices)
        super().__init__(
            label=question.text,
            help_text=question.help_text,
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Choose an answer to this question."),
                "invalid_choice": _("Choose one of the answers offered."),
            },
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value)
        _no_control_characters(value)
        return value


class DepartmentField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Department of the association (optional)"),
            help_text=_(
                "Its number, such as 37, 2A or 974: the actors near you are recommended first."
            ),
            max_length=3,
            required=False,
            validators=[department_validator],
            error_messages={
                "max_length": _("Enter a department number (e.g. 37, 2A or 974)."),
            },
            **kwargs,
        )
        # One message for every control character: Django's own validator names NUL alone.
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        value = super().to_python(value)
        _no_control_characters(value)
        return value.upper()


class StepForm(forms.Form):
    """The questions of one axis; the last step also asks for the department."""

    def __init__(self, *args, axis: Axis, last: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.axis = axis
        for question in axis.questions:
            self.fields[field_name(question)] = AnswerField(question)
        if last:
            self.fields[DEPARTMENT_FIELD] = DepartmentField()

    @classmethod
    def initial_from(cls, answers: dict[str, str], axis: Axis) -> dict[str, str]:
        return {
            field_name(question): answers[question.slug]
            for question in axis.questions
            if question.slug in answers
        }

    def questions(self):
        """(question, bound field) for the template, in the questionnaire's order."""
        return [(question, self[field_name(question)]) for question in self.axis.questions]

    def answers(self) -> dict[str, str]:
        """The valid answers, by question code: every one after `is_valid()`, and the
        answered ones of an invalid form (kept when the visitor goes back a step)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return {
            question.slug: self.cleaned_data[field_name(question)]
            for question in self.axis.questions
            if self.cleaned_data.get(field_name(question))
        }
