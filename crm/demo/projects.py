"""The party's international projects (facts from its public page, own wording) and needs."""

from datetime import date

from crm.projects import services
from crm.projects.models import Need, Project
from crm.projects.services import LanguageRequirement as Lang
from crm.projects.services import NeedData, ProjectData
from crm.projects.services import SkillRequirement as Skill

EN_B2 = Lang("en", "B2", True)
EN_C1 = Lang("en", "C1", True)


def _need(title: str, description: str, skills, languages, countries, start, end, **kw) -> NeedData:
    return NeedData(
        title=title,
        description=description,
        skills=[Skill(a, m, w) for a, m, w in skills],
        languages=list(languages),
        countries=list(countries),
        period_from=start,
        period_to=end,
        **kw,
    )


PROJECTS: tuple[tuple[ProjectData, tuple[NeedData, ...]], ...] = (
    (
        ProjectData(
            title="Levende lokaldemokrati i Kenya",
            summary=(
                "Et flerpartiprojekt, der styrker kenyanske partiers lokalafdelinger i fire "
                "regioner, så de tager udgangspunkt i lokale behov. Projektet støtter også det "
                "årlige kenyanske folkemøde, hvor borgere og politikere mødes om demokrati og "
                "menneskerettigheder."
            ),
            partners="Politiske partier i Kenya, det kenyanske folkemøde",
            danish_partners="Venstre, Det Konservative Folkeparti, SF",
            funder="DIPD",
            start_date=date(2025, 1, 1),
            end_date=date(2028, 12, 31),
            status="active",
            countries=["KE"],
        ),
        (
            _need(
                "Træner i udvikling af lokalafdelinger",
                "Du træner lokale partiledere i at drive en afdeling: medlemsmøder, "
                "bestyrelsesarbejde og lokale dagsordener. To ugers ophold i foråret.",
                [
                    ("branch-development", 3, 5),
                    ("local-democracy", 2, 3),
                    ("training-facilitation", 2, 2),
                ],
                [EN_B2, Lang("sw", "A2", False)],
                ["KE"],
                date(2027, 3, 1),
                date(2027, 6, 30),
                hours_per_month=15,
                travel="short",
                seats=2,
                deadline=date(2027, 1, 31),
            ),
            _need(
                "Rådgiver til det kenyanske folkemøde",
                "Hjælp arrangørerne med program, debatformater og borgerdialog, med "
                "udgangspunkt i danske erfaringer fra folkemøder.",
                [("public-dialogue", 3, 5), ("project-management", 2, 2), ("communication", 2, 2)],
                [EN_B2],
                ["KE"],
                date(2027, 5, 1),
                date(2027, 9, 30),
                hours_per_month=10,
                travel="short",
                seats=1,
                deadline=date(2027, 3, 1),
            ),
            _need(
                "Online mentor i kommunalpolitik",
                "Faste onlinemøder med en kenyansk lokalpolitiker om budgetter, "
                "borgerinddragelse og samarbejde i et kommunalråd.",
                [("local-democracy", 3, 4), ("welfare-policy", 2, 2)],
                [EN_B2],
                ["KE"],
                date(2027, 2, 1),
                date(2027, 12, 31),
                hours_per_month=6,
                travel="remote",
                seats=3,
                deadline=date(2027, 1, 15),
            ),
        ),
    ),
    (
        ProjectData(
            title="Kvinder og unge i politik i Nordmakedonien",
            summary=(
                "Kvinder og unge er stærkt underrepræsenterede i parlamentet, i lokalpolitik og i "
                "partierne. Sammen med vores søsterparti styrker vi ungdomspartiet, netværk for "
                "kvinder i politik og en skole for kvinder og unge."
            ),
            partners="Socialdemokratisk søsterparti i Nordmakedonien og dets ungdomsparti",
            funder="DIPD",
            start_date=date(2024, 1, 1),
            end_date=date(2027, 12, 31),
            status="active",
            countries=["MK"],
        ),
        (
            _need(
                "Underviser på skolen for kvinder og unge",
                "Undervis i organisering, netværk og vejen til en opstilling. Kortere "
                "undervisningsophold, forberedelse hjemmefra.",
                [
                    ("women-in-politics", 3, 5),
                    ("youth-networks", 2, 3),
                    ("training-facilitation", 3, 3),
                ],
                [EN_B2],
                ["MK"],
                date(2027, 4, 1),
                date(2027, 5, 31),
                hours_per_month=20,
                travel="short",
                seats=2,
                deadline=date(2027, 2, 15),
            ),
            _need(
                "Sparringspartner for ungdomspartiet",
                "Sparring om medlemshvervning, lokalafdelinger og aktiviteter for unge.",
                [
                    ("youth-networks", 3, 5),
                    ("membership-engagement", 2, 3),
                    ("branch-development", 2, 2),
                ],
                [EN_B2],
                ["MK"],
                date(2027, 1, 15),
                date(2027, 12, 15),
                hours_per_month=5,
                travel="remote",
                seats=2,
                deadline=date(2027, 1, 10),
            ),
            _need(
                "Kandidattræner før lokalvalget",
                "Træning af kvindelige og unge kandidater i debat, kampagne og pressearbejde.",
                [("candidate-training", 3, 5), ("campaigning", 2, 3), ("women-in-politics", 2, 2)],
                [EN_B2, Lang("mk", "A2", False)],
                ["MK"],
                date(2027, 2, 1),
                date(2027, 4, 30),
                hours_per_month=12,
                travel="short",
                seats=1,
                status="filled",
            ),
        ),
    ),
    (
        ProjectData(
            title="Fra kul til grøn energi i Bosnien-Hercegovina",
            summary=(
                "Kul dominerer stadig energisektoren. Vores søsterparti vil lægge om og ser mod "
                "danske erfaringer med sol og vind. Sammen skaber vi rammerne for, at politikere "
                "og eksperter kan udvikle en strategi fra kul til vedvarende energi."
            ),
            partners="Socialdemokratisk søsterparti i Bosnien-Hercegovina",
            danish_partners="Danske politikere og interesseorganisationer",
            funder="DIPD",
            start_date=date(2025, 6, 1),
            end_date=date(2028, 5, 31),
            status="active",
            countries=["BA"],
        ),
        (
            _need(
                "Ekspert i energiomstilling",
                "Del erfaringer fra den danske omstilling til vind og sol med partiets "
                "politikere og eksperter, og kommentér udkast til en strategi.",
                [
                    ("energy-transition", 4, 5),
                    ("policy-development", 3, 3),
                    ("climate-environment", 2, 1),
                ],
                [EN_C1],
                ["BA"],
                date(2027, 3, 1),
                date(2027, 11, 30),
                hours_per_month=8,
                travel="short",
                seats=2,
                deadline=date(2027, 2, 1),
            ),
            _need(
                "Facilitator af strategiseminarer",
                "Led to seminarer med deltagere fra partiet, fagbevægelsen og eksperter.",
                [
                    ("training-facilitation", 3, 4),
                    ("energy-transition", 2, 3),
                    ("multiparty-cooperation", 1, 1),
                ],
                [EN_B2, Lang("bs", "A1", False)],
                ["BA"],
                date(2027, 9, 1),
                date(2027, 10, 31),
                hours_per_month=16,
                travel="short",
                seats=1,
                deadline=date(2027, 6, 1),
            ),
            _need(
                "Kommunikationsrådgiver om grøn omstilling",
                "Hjælp med at fortælle om omstillingen, så den skaber tryghed for "
                "kulminearbejdere og deres familier.",
                [("communication", 3, 4), ("climate-environment", 2, 2), ("labour-movement", 1, 2)],
                [EN_B2],
                ["BA"],
                date(2027, 1, 1),
                date(2027, 12, 31),
                hours_per_month=4,
                travel="remote",
                seats=1,
            ),
        ),
    ),
    (
        ProjectData(
            title="Bæredygtig socialdemokratisk udvikling i Sydøstasien",
            summary=(
                "Sammen med netværket SocDem Asia støtter vi socialdemokratiske partier i "
                "Thailand, Malaysia og Filippinerne i at udvikle bæredygtig politik om velfærd, "
                "grøn omstilling og FN's verdensmål, gennem erfaringsudveksling, studieture og "
                "politikudvikling."
            ),
            partners="SocDem Asia, socialdemokratiske partier i Thailand, Malaysia og Filippinerne",
            funder="DIPD",
            start_date=date(2024, 1, 1),
            end_date=date(2027, 12, 31),
            status="active",
            countries=["MY", "PH", "TH"],
        ),
        (
            _need(
                "Velfærdspolitisk rådgiver",
                "Del viden om den danske velfærdsmodel og hjælp partierne med konkrete "
                "forslag om sundhed, ældre og arbejdsmarked.",
                [("welfare-policy", 3, 5), ("policy-development", 3, 3), ("sdgs", 2, 1)],
                [EN_B2],
                ["TH", "MY", "PH"],
                date(2027, 2, 1),
                date(2027, 8, 31),
                hours_per_month=10,
                travel="short",
                seats=2,
                deadline=date(2027, 1, 20),
            ),
            _need(
                "Vært for en studietur i Danmark",
                "Tag imod en delegation og vis, hvordan en kommune og en partiforening "
                "arbejder i praksis. Foregår i Danmark.",
                [("local-democracy", 2, 3), ("welfare-policy", 2, 3), ("public-dialogue", 1, 1)],
                [EN_B2],
                [],
                date(2027, 9, 1),
                date(2027, 9, 30),
                hours_per_month=20,
                travel="remote",
                seats=4,
                deadline=date(2027, 6, 30),
            ),
            _need(
                "Formidler af FN's verdensmål",
                "Udvikl og hold online workshops om, hvordan partier kan bruge verdensmålene.",
                [("sdgs", 3, 5), ("training-facilitation", 2, 3)],
                [EN_B2],
                ["TH", "MY", "PH"],
                date(2027, 3, 1),
                date(2027, 6, 30),
                hours_per_month=6,
                travel="remote",
                seats=1,
            ),
        ),
    ),
    (
        ProjectData(
            title="Kvinder i lokalpolitik",
            summary=(
                "Et globalt flerpartiprojekt om at øge kvinders deltagelse i lokalpolitik. "
                "Partier i Nepal, Filippinerne, Thailand og Malaysia udvikler nye strategier og "
                "metoder for kvinders indflydelse og repræsentation, gennem erfaringsudveksling "
                "og gensidig udvikling."
            ),
            partners="Politiske partier i Nepal, Filippinerne, Thailand og Malaysia",
            danish_partners=(
                "Enhedslisten, SF, Radikale Venstre, Venstre, Det Konservative Folkeparti"
            ),
            funder="DIPD",
            start_date=date(2025, 1, 1),
            end_date=date(2028, 12, 31),
            status="active",
            countries=["MY", "NP", "PH", "TH"],
        ),
        (
            _need(
                "Mentor for kvindelige lokalpolitikere",
                "Vær online mentor for en nyvalgt kvindelig lokalpolitiker i et år.",
                [
                    ("women-in-politics", 3, 5),
                    ("local-democracy", 3, 3),
                    ("candidate-training", 2, 2),
                ],
                [EN_B2],
                ["NP", "PH", "TH", "MY"],
                date(2027, 1, 1),
                date(2027, 12, 31),
                hours_per_month=4,
                travel="remote",
                seats=4,
                deadline=date(2026, 12, 31),
            ),
            _need(
                "Workshopleder i Nepal",
                "Led en række workshops om strategier for kvinders repræsentation. Ophold på "
                "cirka fire uger.",
                [
                    ("women-in-politics", 3, 4),
                    ("training-facilitation", 3, 4),
                    ("inclusion-equality", 2, 2),
                ],
                [EN_B2, Lang("ne", "A1", False)],
                ["NP"],
                date(2027, 10, 1),
                date(2027, 11, 30),
                hours_per_month=40,
                travel="long",
                seats=1,
                deadline=date(2027, 6, 15),
            ),
            _need(
                "Analytiker: hvad virker for kvinders repræsentation?",
                "Saml erfaringer fra de fire lande i en kort rapport.",
                [("research-analysis", 3, 5), ("women-in-politics", 2, 3)],
                [EN_C1],
                [],
                date(2026, 9, 1),
                date(2026, 12, 31),
                hours_per_month=10,
                travel="remote",
                seats=1,
                status="closed",
            ),
        ),
    ),
    (
        ProjectData(
            title="Rødt-grønt samarbejde i Mongoliet og Filippinerne",
            summary=(
                "Et nyt projekt med SF, der styrker partisamarbejdet om den grønne og sociale "
                "dagsorden: fælles politik for grøn udvikling, miljøbeskyttelse og bedre velfærd "
                "og levevilkår for marginaliserede grupper. Koordineres gennem SocDem Asia."
            ),
            partners="SocDem Asia, partnerpartier i Mongoliet og Filippinerne",
            danish_partners="SF",
            funder="DIPD",
            start_date=date(2026, 1, 1),
            end_date=date(2028, 12, 31),
            status="active",
            countries=["MN", "PH"],
        ),
        (
            _need(
                "Rådgiver i grøn politikudvikling",
                "Hjælp partierne med fælles politik om klimatilpasning og grøn udvikling.",
                [
                    ("climate-environment", 3, 5),
                    ("policy-development", 3, 3),
                    ("multiparty-cooperation", 2, 2),
                ],
                [EN_B2],
                ["MN", "PH"],
                date(2027, 4, 1),
                date(2027, 10, 31),
                hours_per_month=8,
                travel="short",
                seats=2,
                deadline=date(2027, 2, 28),
            ),
            _need(
                "Sparring om klima og social ulighed",
                "Faglig sparring online om, hvordan klimapolitik kan mindske social ulighed.",
                [
                    ("climate-environment", 2, 3),
                    ("welfare-policy", 2, 3),
                    ("inclusion-equality", 2, 2),
                ],
                [EN_B2],
                ["MN", "PH"],
                date(2027, 1, 1),
                date(2027, 12, 31),
                hours_per_month=3,
                travel="remote",
                seats=2,
            ),
        ),
    ),
    (
        ProjectData(
            title="Demokratistudie i Asien",
            summary=(
                "Et nyt studie af, hvordan politiske partier bedst kan bidrage til "
                "demokratiudvikling i Asien, som grundlag for en strategi for den fremtidige "
                "støtte. Gennemføres i Thailand, Filippinerne, Malaysia og Myanmar og "
                "koordineres af SocDem Asia."
            ),
            partners="SocDem Asia",
            funder="Olof Palme Centret og Socialdemokratiet",
            start_date=date(2026, 6, 1),
            end_date=date(2027, 12, 31),
            status="active",
            countries=["MM", "MY", "PH", "TH"],
        ),
        (
            _need(
                "Analytiker til demokratistudiet",
                "Gennemgå materiale og interviews og skriv med på studiets anbefalinger.",
                [
                    ("research-analysis", 4, 5),
                    ("multiparty-cooperation", 2, 2),
                    ("human-rights", 2, 2),
                ],
                [EN_C1],
                ["TH", "PH", "MY", "MM"],
                date(2027, 1, 15),
                date(2027, 9, 30),
                hours_per_month=12,
                travel="remote",
                seats=2,
                deadline=date(2027, 1, 5),
            ),
            _need(
                "Interviewer på feltbesøg",
                "Deltag i interviews med partier og civilsamfund under et kort feltbesøg.",
                [("research-analysis", 2, 4), ("human-rights", 2, 2)],
                [EN_B2],
                ["TH", "PH"],
                date(2027, 5, 1),
                date(2027, 6, 30),
                hours_per_month=20,
                travel="short",
                seats=2,
                deadline=date(2027, 3, 15),
            ),
        ),
    ),
)


def load_projects() -> tuple[list[Project], list[Need]]:
    """Create the demo projects and their needs through the project services; the caller commits."""
    projects: list[Project] = []
    needs: list[Need] = []
    for project_data, needs_data in PROJECTS:
        project = services.create_project(project_data)
        projects.append(project)
        needs.extend(services.create_need(project, data) for data in needs_data)
    return projects, needs
