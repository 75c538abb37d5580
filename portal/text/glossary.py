"""The domain words, explained once in plain language (shown at /ordforklaring).

The words themselves, and which of them the readability check looks for, are listed in
`portal/text/domain_words.py`; here is what each one means.
"""

from flask_babel import lazy_gettext as _l

from portal.text.domain_words import WORDS

EXPLANATIONS = {
    "afgoerelse": _l(
        "Kommunens beslutning i din sag. Du kan klage over en afgørelse. I afgørelsen står der, hvordan du klager, og hvor lang tid du har."
    ),
    "bisidder": _l(
        "En person, du tager med til et møde eller en samtale. Bisidderen er der for at støtte dig og lytte med."
    ),
    "deltagelse": _l(
        "Hvordan du er med til et møde: Du kan møde op, være med på video, sende en anden i dit sted eller bede teamet om at behandle sagen uden dig."
    ),
    "fleksjob": _l(
        "Et job på særlige vilkår for dig, der kun kan arbejde lidt. Du får løn for de timer, du arbejder, og et tilskud fra kommunen."
    ),
    "forloeb": _l(
        "Den periode, hvor jobcentret hjælper dig. Det kan fx være opfølgning på sygedagpenge, et jobafklaringsforløb eller et ressourceforløb."
    ),
    "frist": _l(
        "Den periode, hvor noget skal ske. Fx den periode, hvor din næste samtale skal holdes."
    ),
    "fritagelse": _l(
        "Hvis du er for syg til selv at booke dine samtaler, kan din sagsbehandler fritage dig. Så booker jobcentret for dig og indkalder dig."
    ),
    "fuldmagt": _l(
        "Når du giver en anden person lov til at se eller gøre ting i din sag. Du bestemmer hvad og hvor længe. Du kan altid tage fuldmagten tilbage."
    ),
    "foertidspension": _l(
        "En fast ydelse til dig, der ikke kan arbejde, heller ikke i et fleksjob."
    ),
    "indkaldelse": _l("Et brev eller en besked om, at jobcentret har booket en samtale til dig."),
    "indsats": _l(
        "En ting i din plan, som du får hjælp til. Fx fysioterapi, en psykolog, en mentor eller en praktik."
    ),
    "indstilling": _l(
        "Rehabiliteringsteamets anbefaling til kommunen. En indstilling er ikke en afgørelse. Kommunen beslutter bagefter."
    ),
    "jobafklaringsforloeb": _l(
        "Et forløb for dig, der er syg i lang tid, hvor I finder ud af, hvad du kan arbejde med."
    ),
    "klagevejledning": _l(
        "Den del af en afgørelse, der fortæller, hvordan du klager, til hvem, og hvornår klagen senest skal være sendt."
    ),
    "koordinerende-sagsbehandler": _l(
        "Den sagsbehandler, der har overblikket over hele din sag og er din faste kontakt."
    ),
    "plan": _l(
        "Din ene plan. Her står alt det, du får hjælp til, fra alle dele af kommunen og regionen. Din plan er ikke det samme som rehabiliteringsplanen."
    ),
    "rehabiliteringsmoede": _l(
        "Et møde om din sag med rehabiliteringsteamet. Du er med, så teamet kan høre, hvad du selv mener."
    ),
    "rehabiliteringsplan": _l(
        "Et papir, du og din sagsbehandler udfylder før rehabiliteringsmødet. Den forberedende del skriver du selv, når du forbereder dig til mødet: om dit arbejde, din uddannelse, dit helbred og dine egne mål. Den er ikke det samme som din plan."
    ),
    "rehabiliteringsteam": _l(
        "En gruppe fagfolk fra beskæftigelse, sundhed, det sociale område og nogle gange uddannelse. De læser din sag og giver kommunen en indstilling."
    ),
    "ressourceforloeb": _l(
        "Et længere forløb, hvor du får hjælp fra flere fagfolk på én gang, så du kan komme tættere på arbejde eller uddannelse."
    ),
    "sagsbehandler": _l("Den person i jobcentret, der arbejder med din sag."),
    "samtale": _l(
        "En aftale med din sagsbehandler, hvor I taler om, hvordan det går. Det kan være ved fremmøde, på telefon eller på video. En samtale er ikke det samme som rehabiliteringsmødet med teamet."
    ),
    "samtykke": _l(
        "Når du siger ja til noget. Du kan altid trække et samtykke tilbage, og det er lige så let som at give det."
    ),
    "selvbooking": _l(
        "Når du selv vælger tiden til din samtale med jobcentret inden for en frist."
    ),
    "sygedagpenge": _l("Penge, du får, når du er syg og ikke kan arbejde."),
    "virtuelt-moede": _l(
        "Et rehabiliteringsmøde, hvor du er med på video hjemmefra i stedet for at møde op. Det kræver dit samtykke."
    ),
}

# (anchor, word, explanation), in the order of the list. The word stays Danish in both languages:
# it is what letters say.
TERMS = [(w.anchor, w.word, EXPLANATIONS[w.anchor]) for w in WORDS]
