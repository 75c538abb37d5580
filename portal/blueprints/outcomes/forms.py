"""Forms for outcomes: the caseworker's draft and publish forms, the citizen's read receipt."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.forms import BaseForm, MultiCheckboxField
from portal.forms.fields import DateInputField, IdField, parse_id
from portal.models import OutcomeKind
from portal.services import outcomes as service


class PlainIntegerField(IntegerField):
    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] == "":
            self.data = None
            return
        try:
            self.data = int(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(_l("Skriv et tal fra 1 til 52.")) from None


class OptionalId(SelectField):
    """A select whose empty choice means "none", and whose other values are ids."""

    def process_formdata(self, valuelist):
        raw = valuelist[0] if valuelist else ""
        self.data = parse_id(raw)
        if raw != "" and self.data is None:
            raise ValueError(_l("Vælg en af mulighederne."))

    def pre_validate(self, form):
        if self.data is not None and str(self.data) not in {c.value for c in self.choices}:
            raise ValidationError(_l("Vælg en af mulighederne."))


class EffortIds(MultiCheckboxField):
    """The efforts an outcome is about, by id; which ids are the citizen's the service checks."""

    def process_formdata(self, valuelist):
        ids = [parse_id(v) for v in valuelist]
        self.data = [i for i in ids if i is not None]
        if len(self.data) != len(valuelist):
            raise ValueError(_l("Vælg blandt indsatserne i borgerens plan."))

    def pre_validate(self, form):
        pass  # the choices shown are the ones not linked yet; the service checks every id


def _section(label, message):
    return TextAreaField(
        label,
        validators=[
            DataRequired(message=message),
            Length(max=service.SECTION_MAX, message=_l("Teksten er for lang. Gør den kortere.")),
        ],
    )


class OutcomeTextForm(BaseForm):
    """Everything a version holds; a correction uses this form alone."""

    title = StringField(
        _l("Overskrift"),
        validators=[
            DataRequired(message=_l("Skriv en overskrift.")),
            Length(max=service.TITLE_MAX, message=_l("Overskriften må højst have 120 tegn.")),
        ],
    )
    decided = _section(_l("Det blev besluttet"), _l("Skriv, hvad der blev besluttet."))
    meaning = _section(_l("Det betyder for dig"), _l("Skriv, hvad det betyder for borgeren."))
    next_steps = _section(_l("Det sker nu"), _l("Skriv, hvad der sker nu."))
    if_you_disagree = _section(
        _l("Hvis du er uenig"), _l("Skriv, hvad borgeren kan gøre, hvis hun eller han er uenig.")
    )
    formal_text = TextAreaField(
        _l("Den formelle tekst"),
        validators=[
            DataRequired(message=_l("Skriv den formelle tekst.")),
            Length(max=service.FORMAL_MAX, message=_l("Teksten er for lang. Gør den kortere.")),
        ],
    )
    decision_date = DateInputField(
        _l("Dato for indstillingen eller afgørelsen"),
        validators=[InputRequired(message=_l("Skriv datoen."))],
    )
    received_date = DateInputField(
        _l("Dato for modtagelse (kun afgørelser)"), validators=[Optional()]
    )
    appeal_weeks = PlainIntegerField(
        _l("Klagefrist i uger (kun afgørelser)"),
        default=4,
        validators=[
            InputRequired(message=_l("Skriv antal uger, fx 4.")),
            NumberRange(min=1, max=52, message=_l("Skriv et tal fra 1 til 52.")),
        ],
    )
    decision_expected = DateInputField(
        _l("Hvornår kommer afgørelsen? (kun indstillinger)"), validators=[Optional()]
    )
    appeal_route = TextAreaField(
        _l("Hvor sendes klagen hen? (kun afgørelser, kan udelades)"),
        validators=[
            Optional(),
            # A place to appeal needs an address the citizen can use, not a word or two.
            Length(
                min=service.APPEAL_ROUTE_MIN,
                message=_l("Skriv hele adressen og den digitale vej, eller lad feltet stå tomt."),
            ),
            Length(max=service.SECTION_MAX, message=_l("Teksten er for lang. Gør den kortere.")),
        ],
    )
    efforts = EffortIds(_l("Resultatet handler også om"), choices=[], default=[])
    correction_note = TextAreaField(
        _l("Hvad er rettet?"),
        validators=[
            Optional(),
            Length(max=service.NOTE_MAX, message=_l("Skriv det kortere, højst 500 tegn.")),
        ],
    )

    def to_draft(self) -> service.Draft:
        return service.Draft(
            title=self.title.data or "",
            decided=self.decided.data or "",
            meaning=self.meaning.data or "",
            next_steps=self.next_steps.data or "",
            if_you_disagree=self.if_you_disagree.data or "",
            formal_text=self.formal_text.data or "",
            decision_date=self.decision_date.data,
            received_date=self.received_date.data,
            appeal_weeks=self.appeal_weeks.data if self.appeal_weeks.data is not None else 4,
            decision_expected=self.decision_expected.data,
            appeal_route=self.appeal_route.data,
            correction_note=self.correction_note.data,
        )


class NewOutcomeForm(OutcomeTextForm):
    kind = RadioField(
        _l("Hvad skriver du?"),
        choices=[
            SelectChoice(
                OutcomeKind.RECOMMENDATION.value, _l("En indstilling fra rehabiliteringsteamet")
            ),
            SelectChoice(OutcomeKind.DECISION.value, _l("En afgørelse fra kommunen")),
        ],
        validators=[
            InputRequired(message=_l("Vælg, om det er en indstilling eller en afgørelse."))
        ],
    )
    follows_id = OptionalId(_l("Afgørelsen følger indstillingen (kun afgørelser)"))
    request_key = HiddenField(validators=[Optional(), Length(max=40)])


class PublishForm(BaseForm):
    version_id = IdField()
    confirm_hard_text = BooleanField(
        _l("Jeg har læst teksten igen. Den skal udgives, selv om den er svær at læse.")
    )


class UnlinkForm(BaseForm):
    """Remove one effort from the outcome: the effort's id, checked by the service."""

    effort_id = IdField()


class MarkReadForm(BaseForm):
    version_id = IdField()
