"""The admin form of offers, shaped for a volunteer who fills it in one sitting."""

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .choices import AnswerValue

# What a reviewer needs before reading an offer. The form requires them, and their panels
# set `required_on_save=False`, so that Wagtail's deferred validation lets a draft be saved
# without them while submitting, publishing or approving checks them.
REQUIRED_TO_SUBMIT = {
    "themes": _("Tick at least one theme to submit the offer for review."),
    "audiences": _("Tick at least one audience to submit the offer for review."),
    "pricing_model": _("Choose a pricing model to submit the offer for review."),
}


class OfferPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED_TO_SUBMIT.items():
            field = self.fields.get(name)
            if field is not None:
                field.required = True
                field.error_messages["required"] = message
        self._offer_own_organisations()
        self._review_date_for_coordination()

    def _review_date_for_coordination(self):
        """The next review date follows each approved evaluation; only whoever may edit
        every evaluation (coordination) moves it by hand. Others see it, unchanged."""
        field = self.fields.get("review_by")
        user = self.for_user
        if field is not None and user is not None:
            field.disabled = not user.has_perm("catalogue.change_evaluation")

    def _offer_own_organisations(self):
        """An actor proposes offers for their own organisation: the provider is limited
        to it (plus the one already set) and prefilled on a new page. Whoever may manage
        actors (coordination, superusers) keeps the full list."""
        field = self.fields.get("provider")
        user = self.for_user
        if field is None or user is None:
            return
        own = field.queryset.filter(users=user)
        if not user.has_perm("catalogue.change_actor"):
            # The snippet chooser would list every actor: a plain list of one's own.
            field.widget = forms.Select()
            field.queryset = field.queryset.filter(
                Q(users=user) | Q(pk=self.instance.provider_id)
            ).distinct()
        if self.instance.pk is None and self.instance.provider_id is None:
            first = own.order_by("name").first()
            if first is not None:
                self.initial["provider"] = first.pk


class CriterionForm(WagtailAdminModelForm):
    """A criterion of the evaluation grid: the offer kinds it applies to are boxes to tick,
    one per kind the catalogue knows (`OFFER_MODELS`), never typed codes."""

    applies_to = forms.MultipleChoiceField(
        label=capfirst(_("applies to")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the kinds of offer it is asked about. None ticked: every kind."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Reached through the model: the models import this module.
        self.fields["applies_to"].choices = self._meta.model.kind_choices()

    def clean_applies_to(self) -> list[str]:
        chosen = set(self.cleaned_data["applies_to"])
        return [code for code, _label in self.fields["applies_to"].choices if code in chosen]


# Saving a draft keeps whatever is answered; submitting, approving or publishing needs
# every criterion answered (Wagtail's deferred validation, see `EvaluationForm`).
ANSWER_REQUIRED = _("Choose an answer to submit the evaluation.")
SOURCE_INVALID = _("Enter the full address of the source, such as https://example.org/page.")
GRID_PREFIX = "grid"


class EvaluationForm(WagtailAdminModelForm):
    """The whole evaluation on one screen: the organisation, one answer (with a comment and
    a source) for each criterion that applies to the offer's kind, grouped as in the grid,
    and the summary.

    The answers are fields of this form built from the current grid, never an inline list:
    there is exactly one answer per applicable criterion, and none to a criterion that
    is retired or does not apply. An answer kept from a criterion no longer asked is
    dropped at the next save (`dropped_answers` says which), so that a new version of an
    evaluation answers the grid as it now stands; the versions already approved keep
    theirs in their revisions.

    The offer is chosen before the form opens and is fixed once the evaluation exists, as
    is the organisation: the grid depends on the offer's kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_offer()
        self._set_up_actor()
        self.offer = self._chosen_offer()
        self.criteria = type(self.instance).applicable_criteria(self.offer) if self.offer else []
        existing = {answer.criterion_id: answer for answer in self.instance.answers.all()}
        self.grid_field_names = []
        for criterion in self.criteria:
            self._add_criterion_fields(criterion, existing.get(criterion.pk))
        asked = {criterion.pk for criterion in self.criteria}
        self.dropped_answers = [
            answer.criterion_name for pk, answer in existing.items() if pk not in asked
        ]

    # Offer and organisation ---------------------------------------------------------

    def _set_up_offer(self):
        field = self.fields.get("offer")
        if field is None:
            return
        field.widget = forms.HiddenInput()
        field.queryset = field.queryset.filter(Q(live=True) | Q(pk=self.instance.offer_id))
        field.error_messages["required"] = _("Choose the offer to evaluate.")
        field.error_messages["invalid_choice"] = _("Only a published offer can be evaluated.")
        field.disabled = self.instance.pk is not None

    def _set_up_actor(self):
        """An actor evaluates for their own organisations: the list holds them only (plus
        the one already set). Whoever may edit every evaluation (coordination) keeps every
        organisation."""
        field = self.fields.get("actor")
        if field is None:
            return
        user = self.for_user
        field.widget = forms.Select()
        field.error_messages["required"] = _("Choose the organisation that evaluates.")
        field.error_messages["invalid_choice"] = _(
            "You can only evaluate on behalf of your own organisations."
        )
        if user is not None and not user.has_perm("catalogue.change_evaluation"):
            field.queryset = field.queryset.filter(
                Q(users=user) | Q(pk=self.instance.actor_id)
            ).distinct()
        field.widget.choices = field.choices
        if self.instance.pk is not None:
            field.disabled = True
        elif self.instance.actor_id is None and user is not None:
            first = field.queryset.filter(users=user).order_by("name").first()
            if first is not None:
                self.initial["actor"] = first.pk

    def _chosen_offer(self):
        if self.instance.pk is not None or not self.is_bound or "offer" not in self.fields:
            return self.instance.offer if self.instance.offer_id else None
        field = self.fields["offer"]
        raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix("offer"))
        try:
            return field.clean(raw)
        except forms.ValidationError:
            return None

    # The grid -----------------------------------------------------------------------

    @staticmethod
    def _name(criterion, part: str) -> str:
        return f"{GRID_PREFIX}-{criterion.slug}-{part}"

    def _add_criterion_fields(self, criterion, answer):
        answer_field = forms.ChoiceField(
            label=criterion.name,
            choices=AnswerValue.choices,
            widget=forms.RadioSelect,
            help_text=criterion.help_text,
            error_messages={"required": ANSWER_REQUIRED},
            initial=answer.answer if answer is not None and answer.answer else None,
        )
        comment_field = forms.CharField(
            label=_("Comment"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            initial=answer.comment if answer is not None else "",
        )
        source_field = forms.URLField(
            label=_("Source (link)"),
            required=False,
            max_length=500,
            assume_scheme="https",
            error_messages={"invalid": SOURCE_INVALID},
            initial=answer.source if answer is not None else "",
        )
        for part, field in (
            ("answer", answer_field),
            ("comment", comment_field),
            ("source", source_field),
        ):
            name = self._name(criterion, part)
            self.fields[name] = field
            self.grid_field_names.append(name)

    def grid(self) -> list[dict]:
        """The criteria by group, in the grid's order, with their bound fields: what the
        grid panel renders."""
        groups = []
        for criterion in self.criteria:
            if not groups or groups[-1]["group"].pk != criterion.group_id:
                groups.append({"group": criterion.group, "criteria": []})
            groups[-1]["criteria"].append(
                {
                    "criterion": criterion,
                    "answer": self[self._name(criterion, "answer")],
                    "comment": self[self._name(criterion, "comment")],
                    "source": self[self._name(criterion, "source")],
                }
            )
        return groups

    def _answer_field_names(self) -> list[str]:
        return [self._name(criterion, "answer") for criterion in self.criteria]

    def defer_required_fields(self):
        # Wagtail defers the fields its panels declare; the answers are this form's own.
        if self.is_deferred_validation:
            return
        super().defer_required_fields()
        for name in self._answer_field_names():
            if self.fields[name].required:
                self.fields[name].required = False
                self.deferred_required_fields.append(name)

    def clean(self):
        cleaned_data = super().clean()
        if self.offer is None:
            return cleaned_data
        # With deferred validation (a draft) the answers are optional and none is missing.
        unanswered = [name for name in self._answer_field_names() if name in self.errors]
        if unanswered:
            self.add_error(
                None,
                ngettext(
                    "%(count)d criterion is still unanswered: answer it to submit the "
                    "evaluation, or save a draft.",
                    "%(count)d criteria are still unanswered: answer them to submit the "
                    "evaluation, or save a draft.",
                    len(unanswered),
                )
                % {"count": len(unanswered)},
            )
        self._refuse_a_second_evaluation_in_progress(cleaned_data)
        return cleaned_data

    def _refuse_a_second_evaluation_in_progress(self, cleaned_data):
        """One unfinished evaluation per organisation and offer: two drafts would compete
        for the same approval. A new one beside an approved one is allowed (it will
        supersede it)."""
        actor = cleaned_data.get("actor")
        if self.instance.pk is not None or actor is None:
            return
        other = type(self.instance).in_progress_for(actor_id=actor.pk, offer_id=self.offer.pk)
        if other is not None:
            self.add_error(
                "actor",
                forms.ValidationError(
                    _(
                        "%(actor)s already has an evaluation of this offer in progress "
                        "(draft, under review or with changes waiting): continue that one "
                        "from the list of evaluations."
                    ),
                    code="in_progress",
                    params={"actor": actor},
                ),
            )

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.answers = self._answers()
        if commit:
            instance.save()
            self.save_m2m()
        return instance

    def _answers(self) -> list:
        """One answer per applicable criterion that has anything filled in; existing rows
        are kept (same primary key) so that revisions compare answer by answer."""
        answer_model = type(self.instance).answers.rel.related_model
        existing = {answer.criterion_id: answer for answer in self.instance.answers.all()}
        answers = []
        for criterion in self.criteria:
            values = {
                part: self.cleaned_data.get(self._name(criterion, part)) or ""
                for part in ("answer", "comment", "source")
            }
            if not any(values.values()):
                continue
            answer = existing.get(criterion.pk) or answer_model(criterion=criterion)
            answer.criterion = criterion
            # The wording this version answered: renaming the criterion later rewrites
            # nothing already saved.
            answer.criterion_name = criterion.name
            answer.answer = values["answer"]
            answer.comment = values["comment"].strip()
            answer.source = values["source"]
            answers.append(answer)
        return answers
