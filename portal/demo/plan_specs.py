"""The demo citizens' plans: their goals and efforts, dated in days relative to today."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.models import Department, EffortStatus, Law, Payer


@dataclass
class EffortSpec:
    title: str
    meaning: str
    department: str
    law: str
    payer: str
    added: int  # days before today the effort was added to the plan
    start: int | None = None  # days from today (negative: in the past)
    end: int | None = None
    next_step: str | None = None
    contact: tuple[str, str] | None = None
    # Later changes: (days from today, "status", new status), or (days, "dates", earlier start,
    # earlier end): the effort first had the earlier dates and was moved to start/end that day.
    changes: list[tuple] = field(default_factory=list)


@dataclass
class PlanSpec:
    goal: str
    goal_written: int  # days before today
    efforts: list[EffortSpec]
    earlier_goal: tuple[str, int] | None = None  # (goal, days before today) replaced later


E, H, S, U = Department.EMPLOYMENT, Department.HEALTH, Department.SOCIAL, Department.EDUCATION

PLANS: dict[str, PlanSpec] = {
    "demo-hanne": PlanSpec(
        earlier_goal=("Jeg vil have det bedre.", 320),
        goal="Jeg vil gerne arbejde igen, men ikke med tunge løft. Og jeg vil have det bedre med mig selv.",
        goal_written=200,
        efforts=[
            EffortSpec(
                "Jobafklaringsforløb",
                "Du og jobcentret finder ud af, hvilket arbejde du kan klare med din skulder og dit humør.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=300,
                start=-300,
                end=60,
                next_step="Din sag skal på rehabiliteringsmøde. Teamet giver bagefter kommunen en indstilling, det vil sige et råd om, hvad der skal ske.",
                contact=("Anders Mikkelsen", "72 34 56 10"),
                changes=[(-300, "status", EffortStatus.ONGOING), (-30, "dates", -300, 30)],
            ),
            EffortSpec(
                "Fysioterapi for skulderen",
                "Du træner skulderen med en fysioterapeut to gange om ugen. Det skal gøre det lettere at bruge armen.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=80,
                start=-60,
                end=30,
                next_step="Du træner tirsdag og torsdag kl. 10 i Sundhedshuset.",
                contact=("Louise Berg, fysioterapeut", "72 34 70 00"),
                changes=[(-60, "status", EffortStatus.ONGOING), (-20, "dates", -60, 0)],
            ),
            EffortSpec(
                "Samtaler med psykolog",
                "Du taler med en psykolog om din depression. Du har 12 samtaler i alt.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=50,
                start=-40,
                end=50,
                next_step="Psykologen ringer til dig og aftaler næste tid.",
                contact=("Psykologhuset Kilden", "72 34 71 00"),
                changes=[(-40, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Alkoholbehandling",
                "Du får samtaler og støtte til at drikke mindre. Det er gratis, og du kan selv stoppe.",
                S,
                Law.HEALTH,
                Payer.MUNICIPALITY,
                added=150,
                start=-140,
                end=90,
                next_step="Du har samtale hver anden mandag i Rådgivningscentret.",
                contact=("Rådgivningscentret", "72 34 72 00"),
                changes=[(-140, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Mentor til at komme i gang",
                "En mentor hjælper dig med at komme ud ad døren og i gang med aktiviteter.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=10,
                start=45,
                end=225,
                contact=("Anders Mikkelsen", "72 34 56 10"),
            ),
            EffortSpec(
                "Praktik i en genbrugsbutik",
                "Du var i praktik 10 timer om ugen for at se, hvad du kan klare.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=280,
                start=-260,
                end=-170,
                changes=[
                    (-260, "status", EffortStatus.ONGOING),
                    (-170, "status", EffortStatus.DONE),
                ],
            ),
            EffortSpec(
                "Holdtræning for ryggen",
                "Træning på hold to gange om ugen.",
                H,
                Law.HEALTH,
                Payer.MUNICIPALITY,
                added=120,
                start=-100,
                changes=[(-100, "status", EffortStatus.CANCELLED)],
            ),
        ],
    ),
    "demo-laerke": PlanSpec(
        goal="Jeg vil gerne tage en uddannelse, hvor jeg kan arbejde med dyr.",
        goal_written=150,
        efforts=[
            EffortSpec(
                "Ressourceforløb",
                "Du får hjælp fra flere fagfolk på én gang, så du kan komme tættere på uddannelse eller arbejde.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=160,
                start=-150,
                end=210,
                next_step="Din sag skal på rehabiliteringsmøde, før forløbet bliver forlænget.",
                contact=("Anders Mikkelsen", "72 34 56 10"),
                changes=[(-150, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Kommunalt træningsforløb",
                "Du er tre formiddage om ugen i kommunens værksted og træner at møde stabilt.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=120,
                start=-110,
                end=70,
                next_step="Du møder mandag, onsdag og fredag kl. 9 i Værkstedet.",
                contact=("Værkstedet, Kirsten", "72 34 73 00"),
                changes=[(-110, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Behandling i psykiatrien",
                "Du går til samtaler i ambulatoriet for din personlighedsforstyrrelse.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=140,
                start=-130,
                next_step="Ambulatoriet sender dig en tid.",
                contact=("Psykiatrisk ambulatorium", "72 35 00 00"),
                changes=[(-130, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Støtte-kontaktperson",
                "En fast person fra kommunen støtter dig i hverdagen, fx med breve og aftaler.",
                S,
                Law.SERVICE,
                Payer.MUNICIPALITY,
                added=90,
                start=-80,
                contact=("Jonas Krogh, støtte-kontaktperson", "72 34 74 00"),
                changes=[
                    (-80, "status", EffortStatus.ONGOING),
                    (-15, "status", EffortStatus.PAUSED),
                ],
            ),
            EffortSpec(
                "Brobygning til uddannelse",
                "Du prøver en uddannelse i fire uger, før du vælger.",
                U,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=20,
                start=60,
                end=88,
                contact=("UU-vejleder Sara", "72 34 75 00"),
            ),
        ],
    ),
    "demo-gitte": PlanSpec(
        goal="Jeg vil have mindre ondt og kunne være der for mine børn. Måske et job med få timer.",
        goal_written=100,
        efforts=[
            EffortSpec(
                "Ressourceforløb",
                "Du får hjælp fra flere fagfolk på én gang, så vi kan finde ud af, hvad du kan.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=110,
                start=-100,
                end=265,
                next_step="Din sag skal på rehabiliteringsmøde. Du kan forberede dig her i Én plan.",
                contact=("Rikke Thomsen", "72 34 56 20"),
                changes=[(-100, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Smerteklinik",
                "Du får hjælp til at leve med smerterne af læger og en psykolog på smerteklinikken.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=70,
                start=20,
                next_step="Smerteklinikken sender dig en indkaldelse.",
                contact=("Smerteklinikken", "72 35 10 00"),
                changes=[(-10, "dates", 5, None)],
            ),
            EffortSpec(
                "Gigtbehandling hos egen læge",
                "Din læge følger din gigt og din medicin.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=100,
                start=-100,
                contact=("Egen læge", "72 36 00 00"),
                changes=[(-100, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Familierådgivning",
                "Du og din familie kan få råd om hverdagen, når en forælder er syg.",
                S,
                Law.SERVICE,
                Payer.MUNICIPALITY,
                added=40,
                start=-30,
                end=60,
                next_step="Næste samtale aftaler du med rådgiveren.",
                contact=("Familierådgivningen", "72 34 76 00"),
                changes=[(-30, "status", EffortStatus.ONGOING)],
            ),
        ],
    ),
    "demo-sofie": PlanSpec(
        goal="Jeg vil tilbage til mit job som bogholder, først på nedsat tid.",
        goal_written=45,
        efforts=[
            EffortSpec(
                "Opfølgning på sygedagpenge",
                "Du har samtaler med jobcentret om, hvordan det går, og hvornår du kan arbejde igen.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=50,
                start=-50,
                next_step="Du booker selv din næste samtale inden for fristen.",
                contact=("Anders Mikkelsen", "72 34 56 10"),
                changes=[(-50, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Samtaler om stress",
                "Du får fem samtaler med en psykolog om stress.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=30,
                start=-21,
                end=40,
                next_step="Psykologen har sendt dig næste tid.",
                contact=("Psykologhuset Kilden", "72 34 71 00"),
                changes=[(-21, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Delvis raskmelding",
                "Du begynder at arbejde nogle timer om ugen. Din arbejdsgiver er med i planen.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=7,
                start=21,
                end=77,
                contact=("Anders Mikkelsen", "72 34 56 10"),
            ),
        ],
    ),
    "demo-jens": PlanSpec(
        goal="Jeg vil gerne tilbage til værkstedet, når hjertet kan holde til det.",
        goal_written=70,
        efforts=[
            EffortSpec(
                "Opfølgning på sygedagpenge",
                "Jobcentret følger op på, hvordan det går. Vi booker samtalerne for dig.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=75,
                start=-75,
                next_step="Du får en indkaldelse til næste samtale.",
                contact=("Rikke Thomsen", "72 34 56 20"),
                changes=[(-75, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Hjerterehabilitering",
                "Du træner på hold og lærer om at leve med en hjertesygdom.",
                H,
                Law.HEALTH,
                Payer.MUNICIPALITY,
                added=60,
                start=-50,
                end=34,
                next_step="Træning mandag og torsdag kl. 13 i Sundhedshuset.",
                contact=("Sundhedshuset", "72 34 70 00"),
                changes=[(-50, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Hjælp til rengøring",
                "Du får hjælp til rengøring hver anden uge, mens du kommer dig.",
                S,
                Law.SERVICE,
                Payer.MUNICIPALITY,
                added=70,
                start=-65,
                end=-5,
                changes=[(-65, "status", EffortStatus.ONGOING), (-5, "status", EffortStatus.DONE)],
            ),
        ],
    ),
}
