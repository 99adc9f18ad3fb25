"""Danish free texts for synthetic profiles and contact logs, and a small typo maker."""

import random

# Two descriptions per taxonomy area, as a volunteer might write them.
AREA_TEXTS: dict[str, tuple[str, ...]] = {
    "local-democracy": (
        "Medlem af kommunalbestyrelsen i to perioder, sad i teknik- og miljøudvalget.",
        "Har arbejdet med nærdemokrati og lokalråd i min kommune.",
    ),
    "branch-development": (
        "Formand for partiforeningen i fem år; vi fordoblede antallet af aktive medlemmer.",
        "Har været med til at starte en ny lokalafdeling op fra bunden.",
    ),
    "youth-networks": (
        "Aktiv i DSU i mange år, bl.a. som næstformand i en lokalafdeling.",
        "Har opbygget et netværk for unge medlemmer under 30.",
    ),
    "women-in-politics": (
        "Med til at starte et kvindenetværk i regionen og en mentorordning for nye kandidater.",
        "Har arbejdet for flere kvinder på opstillingslisterne til kommunalvalget.",
    ),
    "candidate-training": (
        "Underviser på partiets kandidatskole; træner debat og medietræning.",
        "Har coachet nye kandidater op til regionsrådsvalget.",
    ),
    "energy-transition": (
        "Ingeniør i en vindmøllevirksomhed; arbejder med projekter om sol og vind.",
        "Har arbejdet med kommunens strategiske energiplan og udfasning af kul.",
    ),
    "climate-environment": (
        "Sidder i kommunens klimaudvalg og har været med til at lave en klimahandlingsplan.",
        "Biolog med erfaring fra natur- og miljøsager.",
    ),
    "welfare-policy": (
        "Socialrådgiver i 15 år og aktiv i partiets socialpolitiske udvalg.",
        "Har arbejdet med ældrepolitik og velfærdsteknologi i kommunen.",
    ),
    "sdgs": (
        "Har undervist gymnasieelever i FN's verdensmål.",
        "Arbejder med verdensmålene i kommunens bæredygtighedsstrategi.",
    ),
    "policy-development": (
        "Har skrevet partiets lokale valgprogram og ledet en politisk arbejdsgruppe.",
        "Erfaring med politikudvikling i en interesseorganisation.",
    ),
    "campaigning": (
        "Valgkampsleder ved de seneste to kommunalvalg.",
        "Har organiseret dør-til-dør-kampagner og stande i hele kredsen.",
    ),
    "membership-engagement": (
        "Ansvarlig for medlemshvervning og introaftener for nye medlemmer.",
        "Har arbejdet med frivilligkoordinering og fastholdelse af medlemmer.",
    ),
    "training-facilitation": (
        "Uddannet lærer og har faciliteret mange workshops for voksne.",
        "Proceskonsulent; leder ofte seminarer og fremtidsværksteder.",
    ),
    "communication": (
        "Kommunikationsmedarbejder; skriver til sociale medier og laver små videoer.",
        "Har været presseansvarlig for partiforeningen.",
    ),
    "public-dialogue": (
        "Med til at arrangere Folkemødet-arrangementer og borgermøder i kommunen.",
        "Har stået for dialogmøder mellem borgere og byrådspolitikere.",
    ),
    "human-rights": (
        "Frivillig i en menneskerettighedsorganisation med fokus på ytringsfrihed.",
        "Jurist med erfaring i flygtninge- og menneskeretssager.",
    ),
    "labour-movement": (
        "Tillidsrepræsentant i 3F i ti år og aktiv i fagforeningens bestyrelse.",
        "Har arbejdet med overenskomster og arbejdsmiljø i fagbevægelsen.",
    ),
    "inclusion-equality": (
        "Arbejder med integration og inklusion af nydanskere på arbejdsmarkedet.",
        "Har været med i en arbejdsgruppe om ligestilling og LGBT+-rettigheder.",
    ),
    "multiparty-cooperation": (
        "Har forhandlet budgetforlig på tværs af partier i byrådet.",
        "Erfaring med tværpolitisk samarbejde i et regionsråd.",
    ),
    "research-analysis": (
        "Ph.d. i statskundskab; har lavet spørgeskemaundersøgelser og interviews.",
        "Analytiker i en tænketank med fokus på demokrati.",
    ),
    "project-management": (
        "Projektleder i en NGO med ansvar for budget og rapportering.",
        "Har ledet udviklingsprojekter i Østafrika.",
    ),
    "grants-fundraising": (
        "Har skrevet fondsansøgninger til bl.a. DIPD og private fonde.",
        "Erfaring med fundraising og budgetter for foreninger.",
    ),
}

# Experience written as free text only, without a chosen area.
FREE_TEXTS: tuple[str, ...] = (
    "har trænet kvindelige kandidater til kommunalvalg",
    "Har boet tre år i Nairobi og arbejdet for en lokal NGO.",
    "Jeg har været med i bestyrelsen for vores lokale afdeling og stået for medlemsmøder.",
    "Erfaring med folkemøder og debatarrangementer på biblioteket.",
    "Arbejdet med kommunal planlægning og borgerinddragelse i 20 år",
    "Har undervist i demokrati og foreningsliv på en højskole.",
    "underviser i dansk som andetsprog og kender mange nydanske foreninger",
    "Har været udsendt som valgobservatør for OSCE.",
    "frivillig i Røde Kors i mange år, mest med projektkoordinering",
    "Jeg er god til sociale medier og har drevet vores afdelings Facebook-side.",
    "Har arbejdet i energisektoren med vedvarende energi og fjernvarme.",
    "Skrevet ansøgninger og rapporter til fonde for en idrætsforening",
    "ung og engageret, har startet et studenterpolitisk netværk",
    "Har været med til at lave partiets lokale kampagne om klima",
)

MOTIVATIONS: tuple[str, ...] = (
    "Jeg vil gerne bruge mine erfaringer til at styrke demokratiet andre steder.",
    "Internationalt samarbejde har altid interesseret mig, og nu har jeg tid.",
    "Jeg håber at kunne lære af vores søsterpartier og dele det, jeg kan.",
    "Solidaritet stopper ikke ved grænsen.",
    "Jeg har boet i udlandet og savner at arbejde internationalt.",
    "Vil gerne hjælpe unge og kvinder med at få politisk indflydelse.",
    "Den grønne omstilling skal ske globalt, og jeg vil gerne bidrage.",
    "Jeg er nyligt gået på pension og vil gerne give noget tilbage.",
)

# What a consultant writes in the contact log, per channel and direction ("out": the consultant
# reached out; "in": the volunteer did), so that an e-mail never says "Ringede".
CONTACT_SUMMARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("phone", "out"): (
        "Ringede og fortalte om projektet; virkede interesseret.",
        "Ringede om tilgængelighed i foråret.",
        "Talte i telefon om en mulig rolle som mentor online.",
        "Ringede og drøftede timeforbrug og familieforhold.",
        "Ringede for at høre om erfaringer fra kommunalpolitik.",
    ),
    ("phone", "in"): (
        "Ringede selv og spurgte til rejse og forsikring.",
        "Ringede tilbage om opgaven; vil gerne høre mere.",
        "Ringede for at opdatere sine sprogoplysninger.",
    ),
    ("email", "out"): (
        "Sendte information om behovet og ansøgningsfristen.",
        "Mailede en invitation til informationsmødet om projekterne.",
        "Bad på mail om CV og referencer.",
        "Mailede for at følge op på profilen; mangler sprogoplysninger.",
    ),
    ("email", "in"): (
        "Svarede på mail med spørgsmål om rejse og forsikring.",
        "Sendte CV og referencer på mail.",
        "Skrev, at foråret ikke passer, men efteråret gør.",
    ),
    ("meeting", "out"): (
        "Møde over kaffe om erfaringer fra kommunalpolitik.",
        "Formøde om opgaven og forventningerne til opholdet.",
        "Mødtes på informationsmødet; takkede for deltagelsen i workshoppen.",
    ),
    ("meeting", "in"): ("Kiggede forbi kontoret for at høre om projekterne.",),
    ("sms", "out"): (
        "SMS om at ringe tilbage i næste uge.",
        "SMS med påmindelse om informationsmødet.",
    ),
    ("sms", "in"): ("SMS: kan først tale efter kl. 16.", "SMS: vil gerne ringes op."),
    ("other", "out"): ("Skrev på Messenger om informationsmødet.",),
    ("other", "in"): ("Tog fat i konsulenten ved et partiarrangement.",),
}

OUTCOMES: tuple[str, ...] = (
    "",
    "Interesseret",
    "Vil tænke over det",
    "Ikke tid i år",
    "Ringer tilbage",
    "Sender CV",
    "Deltager i infomødet",
    "Skal følges op",
)

DECLINE_REASONS: tuple[tuple[str, str], ...] = (
    ("Har ikke tid i den periode", "availability"),
    ("Kan ikke få fri fra arbejde", "availability"),
    ("Familien går forud i år", "own_reasons"),
    ("Vil hellere vente til næste projekt", "own_reasons"),
    ("Har sagt ja til en anden opgave", "other"),
)
"""A volunteer's no: the free text and its code (crm.matches.models.ExitReason)."""

NOT_SUITABLE_REASONS: tuple[tuple[str, str], ...] = (
    ("Engelsk ikke stærkt nok til opgaven", "languages"),
    ("For lidt erfaring med målgruppen", "level"),
    ("Mangler erfaring med kampagnearbejde", "skills"),
    ("Kan ikke rejse i perioden", "availability"),
    ("En anden kandidat passede bedre", "chose_another"),
)
"""The consultant's no: the free text and its code."""

PIPELINE_CALLS: tuple[str, ...] = (
    "Ringede om opgaven som {need}. Fortalte om projektet og perioden.",
    "Telefonsamtale om {need}: gennemgik opgaven og forventningerne.",
    "Ringede og spurgte til interessen for opgaven som {need}.",
)

FOLLOW_UP_NOTES: tuple[str, ...] = (
    "Ring igen om tilgængelighed",
    "Send projektbeskrivelse",
    "Tjek om CV er modtaget",
    "Spørg om sprogniveau i engelsk",
    "Følg op efter informationsmødet",
    "Aftal formøde",
)

BRANCH_EXPERIENCE: tuple[tuple[str, int, str], ...] = (
    ("youth-networks", 3, "Afdelingen har drevet et ungdomsnetværk med faste møder siden 2019."),
    ("women-in-politics", 3, "Kandidatskole for kvinder forud for kommunalvalget."),
    ("membership-engagement", 2, "Hvervekampagne med introaftener for nye medlemmer."),
    ("public-dialogue", 3, "Arrangerer hvert år et lokalt folkemøde med debatter."),
    ("campaigning", 3, "Stærk dør-til-dør-kampagne ved de seneste valg."),
    ("climate-environment", 2, "Klimagruppe, der har lavet lokale forslag til grøn omstilling."),
    ("branch-development", 3, "Har omorganiseret bestyrelsesarbejdet med arbejdsgrupper."),
    ("labour-movement", 2, "Tæt samarbejde med de lokale fagforeninger."),
)


def with_typo(text: str, rng: random.Random) -> str:
    """The text with one plausible typo: two letters swapped, or one dropped or doubled."""
    positions = [i for i in range(1, len(text) - 2) if text[i].isalpha() and text[i + 1].isalpha()]
    if not positions:
        return text
    i = rng.choice(positions)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


ACTIVITY_TEXTS: dict[str, tuple[str, ...]] = {
    "training": (
        "Todages kursus for lokale kandidater i valgkamp og budskaber.",
        "Undervisning af kommende lokalformænd i mødeledelse og medlemspleje.",
    ),
    "workshop": (
        "Workshop med partiets kvindenetværk om kandidatrekruttering.",
        "Workshop for ungdomspartiets ledelse om strategi og kampagneplan.",
    ),
    "election_observation": ("Fulgte lokalvalget som del af et internationalt observatørhold.",),
    "online_advice": (
        "Onlinemøder med søsterpartiets sekretariat om medlemssystemer.",
        "Rådgav online om forberedelsen af et folkemøde.",
    ),
    "mentoring": (
        "Faste samtaler med en ung byrådskandidat om valgkampen.",
        "Mentorforløb for to kvindelige lokalpolitikere.",
    ),
    "policy_paper": (
        "Kommenterede udkastet til partiets nye energipolitik.",
        "Skrev et notat om danske erfaringer med borgerbudgetter.",
    ),
}
"""What a demo activity report says it did, by activity type (own wording)."""
