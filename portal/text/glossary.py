"""The domain words, explained once in plain language (shown at /ordforklaring)."""

from flask_babel import lazy_gettext as _l

# (anchor, word, explanation). The word stays Danish in both languages: it is what letters say.
TERMS = [
    (
        "afgoerelse",
        "afgørelse",
        _l(
            "Kommunens beslutning i din sag. Du kan klage over en afgørelse. I afgørelsen står der, hvordan du klager, og hvor lang tid du har."
        ),
    ),
    (
        "bisidder",
        "bisidder",
        _l(
            "En person, du tager med til et møde eller en samtale. Bisidderen er der for at støtte dig og lytte med."
        ),
    ),
    (
        "deltagelse",
        "deltagelse",
        _l(
            "Hvordan du er med til et møde: Du kan møde op, være med på video, sende en anden i dit sted eller bede teamet om at behandle sagen uden dig."
        ),
    ),
    (
        "fleksjob",
        "fleksjob",
        _l(
            "Et job på særlige vilkår for dig, der kun kan arbejde lidt. Du får løn for de timer, du arbejder, og et tilskud fra kommunen."
        ),
    ),
    (
        "forloeb",
        "forløb",
        _l(
            "Den periode, hvor jobcentret hjælper dig. Det kan fx være opfølgning på sygedagpenge, et jobafklaringsforløb eller et ressourceforløb."
        ),
    ),
    (
        "frist",
        "frist",
        _l("Den periode, hvor noget skal ske. Fx den periode, hvor din næste samtale skal holdes."),
    ),
    (
        "fritagelse",
        "fritagelse for selvbooking",
        _l(
            "Hvis du er for syg til selv at booke dine samtaler, kan din sagsbehandler fritage dig. Så booker jobcentret for dig og indkalder dig."
        ),
    ),
    (
        "fuldmagt",
        "fuldmagt",
        _l(
            "Når du giver en anden person lov til at se eller gøre ting i din sag. Du bestemmer hvad og hvor længe. Du kan altid tage fuldmagten tilbage."
        ),
    ),
    (
        "foertidspension",
        "førtidspension",
        _l("En fast ydelse til dig, der ikke kan arbejde, heller ikke i et fleksjob."),
    ),
    (
        "indkaldelse",
        "indkaldelse",
        _l("Et brev eller en besked om, at jobcentret har booket en samtale til dig."),
    ),
    (
        "indsats",
        "indsats",
        _l(
            "En ting i din plan, som du får hjælp til. Fx fysioterapi, en psykolog, en mentor eller en praktik."
        ),
    ),
    (
        "indstilling",
        "indstilling",
        _l(
            "Rehabiliteringsteamets anbefaling til kommunen. En indstilling er ikke en afgørelse. Kommunen beslutter bagefter."
        ),
    ),
    (
        "jobafklaringsforloeb",
        "jobafklaringsforløb",
        _l(
            "Et forløb for dig, der er syg i lang tid, hvor I finder ud af, hvad du kan arbejde med."
        ),
    ),
    (
        "klagevejledning",
        "klagevejledning",
        _l(
            "Den del af en afgørelse, der fortæller, hvordan du klager, til hvem, og hvornår klagen senest skal være sendt."
        ),
    ),
    (
        "koordinerende-sagsbehandler",
        "koordinerende sagsbehandler",
        _l("Den sagsbehandler, der har overblikket over hele din sag og er din faste kontakt."),
    ),
    (
        "plan",
        "plan",
        _l(
            "Din ene plan. Her står alt det, du får hjælp til, fra alle dele af kommunen og regionen."
        ),
    ),
    (
        "rehabiliteringsmoede",
        "rehabiliteringsmøde",
        _l(
            "Et møde om din sag med rehabiliteringsteamet. Du er med, så teamet kan høre, hvad du selv mener."
        ),
    ),
    (
        "rehabiliteringsplan",
        "rehabiliteringsplan",
        _l(
            "Et papir, du og din sagsbehandler udfylder før mødet. Der står om dit arbejde, din uddannelse, dit helbred og dine egne mål."
        ),
    ),
    (
        "rehabiliteringsteam",
        "rehabiliteringsteam",
        _l(
            "En gruppe fagfolk fra beskæftigelse, sundhed, det sociale område og nogle gange uddannelse. De læser din sag og giver kommunen en anbefaling."
        ),
    ),
    (
        "ressourceforloeb",
        "ressourceforløb",
        _l(
            "Et længere forløb, hvor du får hjælp fra flere fagfolk på én gang, så du kan komme tættere på arbejde eller uddannelse."
        ),
    ),
    ("sagsbehandler", "sagsbehandler", _l("Den person i jobcentret, der arbejder med din sag.")),
    (
        "samtale",
        "samtale",
        _l(
            "Et møde med jobcentret, hvor I taler om, hvordan det går. Det kan være ved fremmøde, på telefon eller på video."
        ),
    ),
    (
        "samtykke",
        "samtykke",
        _l(
            "Når du siger ja til noget. Du kan altid trække et samtykke tilbage, og det er lige så let som at give det."
        ),
    ),
    (
        "selvbooking",
        "selvbooking",
        _l("Når du selv vælger tiden til din samtale med jobcentret inden for en frist."),
    ),
    ("sygedagpenge", "sygedagpenge", _l("Penge, du får, når du er syg og ikke kan arbejde.")),
]
