"""Admin panels of offers and evaluations beyond Wagtail's own."""

import functools

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.admin import compare
from wagtail.admin.panels import FieldPanel, ObjectList, Panel


class DuplicateWarningPanel(Panel):
    """Names the existing offers with the same title or website as the one being edited,
    with a link to each. A warning, not an error: two offers may share a website (a
    publisher's tools), and only a person can tell."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Possible duplicate"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/panels/duplicate_warning.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            # On a form sent back with errors, the instance already carries the typed
            # title and website (the form copies valid fields onto it).
            self.duplicates = type(self.instance).possible_duplicates(
                title=self.instance.title or "",
                website=self.instance.website or "",
                exclude_pk=self.instance.pk,
            )

        def is_shown(self):
            return bool(self.duplicates) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["duplicates"] = [
                {"page": page, "url": _duplicate_url(page, self.request)}
                for page in self.duplicates
            ]
            return context


def _duplicate_url(page, request):
    """Where the editor can read the other offer: its public page, or the editor when
    they may open it."""
    if page.live:
        return page.get_url(request)
    if request is not None and page.permissions_for_user(request.user).can_edit():
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return ""


class ReportedOfferPanel(Panel):
    """On a visitor's report: the offer it is about, with the way to its editor and to
    its public page, where the coordinator checks and corrects it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Offer"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/panels/reported_offer.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            offer = self.instance.offer
            context["offer"] = offer
            context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[offer.pk])
            context["public_url"] = offer.get_url(self.request) if offer.live else ""
            return context


class QualificationDatePanel(FieldPanel):
    """The date of the offer's last approved evaluation, shown and never typed: approvals
    write it (`catalogue.services.offer_mark_qualified`)."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("read_only", None)
        return kwargs

    def format_value_for_display(self, value):
        if value is None:
            return _("Not qualified yet")
        return date_format(value, "j F Y")


EVALUATION_ADD_URL = "wagtailsnippets_catalogue_evaluation:add"
EVALUATION_EDIT_URL = "wagtailsnippets_catalogue_evaluation:edit"


class EvaluateOfferPanel(Panel):
    """« Évaluer cette offre » in the offer's editor: a link to the evaluation form with the
    offer filled in, or to the evaluation the editor's organisation already has of it
    (current or in progress), which is the one to continue."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Evaluation"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/panels/evaluate_offer.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            offer, request = self.instance, self.request
            self.may_evaluate = bool(
                offer is not None
                and offer.pk
                and request is not None
                and request.user.has_perm("catalogue.add_evaluation")
            )
            self.existing = []
            if self.may_evaluate and offer.live:
                # Through the reverse accessor: the models import this module.
                evaluation_model = type(offer).evaluations.rel.related_model
                self.existing = list(
                    evaluation_model.of_organisations(user=request.user, offer_id=offer.pk)
                )

        def is_shown(self):
            return self.may_evaluate and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["offer_live"] = self.instance.live
            context["add_url"] = f"{reverse(EVALUATION_ADD_URL)}?offer={self.instance.pk}"
            context["existing"] = [
                {
                    "evaluation": evaluation,
                    "url": reverse(EVALUATION_EDIT_URL, args=[evaluation.pk]),
                }
                for evaluation in self.existing
            ]
            return context


class EvaluatedOfferPanel(Panel):
    """The offer an evaluation is about: named, not chosen here. It is chosen before the
    form opens (the grid depends on its kind) and fixed once the evaluation exists."""

    def get_form_options(self):
        return {"fields": ["offer"]}

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/panels/evaluated_offer.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            offer = getattr(self.form, "offer", None)
            context["offer"] = offer.specific_deferred if offer is not None else None
            context["field"] = self.form["offer"]
            context["choose_url"] = reverse(EVALUATION_ADD_URL) if self.instance.pk is None else ""
            return context


class EvaluationGridPanel(Panel):
    """The criteria that apply to the offer, by group, each with its four answers, a
    comment and a source. The fields are the form's own (`EvaluationForm`)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/panels/evaluation_grid.html"

        class Media:
            css = {"all": ["css/admin/evaluation.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["groups"] = self.form.grid() if self.form is not None else []
            context["dropped"] = getattr(self.form, "dropped_answers", [])
            context["has_offer"] = getattr(self.form, "offer", None) is not None
            return context

        def get_comparison(self):
            answer_model = self.panel.model.answers.rel.related_model
            relation = self.panel.model._meta.get_field("answers")
            fields = []
            for name in ("criterion_name", "answer", "comment", "source"):
                fields.extend(
                    FieldPanel(name)
                    .bind_to_model(answer_model)
                    .get_bound_panel(instance=None, request=self.request, form=None)
                    .get_comparison()
                )
            return [
                functools.partial(
                    compare.ChildRelationComparison, relation, fields, label=_("answers")
                )
            ]


class EvaluationEditHandler(ObjectList):
    """The evaluation's panels. Wagtail renders, at the end of the form, every field no
    panel declared; the grid's fields are built by the form and rendered by the grid
    panel, so they are left out of that."""

    class BoundPanel(ObjectList.BoundPanel):
        def render_missing_fields(self):
            rendered = set(self.panel.get_form_options().get("fields", []))
            rendered |= set(getattr(self.form, "grid_field_names", ()))
            return mark_safe(  # noqa: S308 - bound fields render escaped HTML
                "".join(str(self.form[name]) for name in self.form.fields if name not in rendered)
            )
