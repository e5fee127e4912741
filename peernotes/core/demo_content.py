"""The words of the demo challenge: an invented council, its team, programme, documents and
phrase banks from which peernotes.core.demo composes observations and findings.

Everything here is fictional. Sentences are written for this project (none is taken from a
real report). Themes are keyed to the `cfbo-previous` framework: an int is a standard number,
"Q1"/"Q2" the challenge's scoping questions.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNCIL = "Northmoor Borough Council"
PROGRAMME_TITLE = "Adult Social Care Peer Challenge"
FRAMEWORK = "cfbo-previous"
ONSITE_START = "2026-11-10"
ONSITE_DAYS = 4
SCOPE = (
    "Northmoor Borough Council asked the peer team to look at how well adult social care "
    "commissioning helps people live independently at home, and how the council works with "
    "care providers, health partners, people who use services and carers to shape the local "
    "care market."
)
SCOPE_QUESTIONS = (
    "How well do our assessment and review arrangements help people stay independent at "
    "home rather than move into residential care?",
    "Is our home care market sustainable, and are we working with providers to shape it "
    "for the next five years?",
)

# In the order a team of N is drawn from: the first N always include the lead peer and the
# challenge manager, then the roles a real team adds as it grows.
PEERS: tuple[dict[str, str], ...] = (
    {
        "name": "Helen Marsh",
        "role": "lead_peer",
        "job_title": "Director of Adult Social Services",
        "organisation": "Eastwick County Council",
    },
    {
        "name": "Tom Hadley",
        "role": "challenge_manager",
        "job_title": "Challenge Manager",
        "organisation": "Local Government Association",
    },
    {
        "name": "Daniel Okafor",
        "role": "officer_peer",
        "job_title": "Assistant Director, Commissioning",
        "organisation": "Lowfield City Council",
    },
    {
        "name": "Cllr Margaret Ellison",
        "role": "member_peer",
        "job_title": "Cabinet Member for Health and Adult Care",
        "organisation": "Westbrook Borough Council",
    },
    {
        "name": "Dr Imran Qureshi",
        "role": "health_peer",
        "job_title": "Director of Integrated Care",
        "organisation": "Calder Vale Integrated Care Board",
    },
    {
        "name": "Ruth Agyeman",
        "role": "expert_by_experience",
        "job_title": "Expert by Experience",
        "organisation": "Partners in Care Network",
    },
    {
        "name": "Sarah Whitcombe",
        "role": "officer_peer",
        "job_title": "Head of Adult Social Work",
        "organisation": "Hartsbridge Metropolitan Borough Council",
    },
    {
        "name": "Gemma Lowry",
        "role": "officer_peer",
        "job_title": "Head of Quality and Market Development",
        "organisation": "Redmoor County Council",
    },
    {
        "name": "Paul Ashdown",
        "role": "officer_peer",
        "job_title": "Principal Social Worker",
        "organisation": "Kingsmere Borough Council",
    },
    {
        "name": "Nadia Farooq",
        "role": "officer_peer",
        "job_title": "Head of Commissioning, Older People",
        "organisation": "Southfell County Council",
    },
)

FIRST_NAMES = (
    "Aaron",
    "Abigail",
    "Adam",
    "Aisha",
    "Alan",
    "Alice",
    "Amir",
    "Amy",
    "Andrew",
    "Angela",
    "Anita",
    "Ben",
    "Bethany",
    "Brian",
    "Carl",
    "Caroline",
    "Chloe",
    "Chris",
    "Claire",
    "Colin",
    "Craig",
    "Dawn",
    "Deborah",
    "Declan",
    "Diane",
    "Eleanor",
    "Emma",
    "Farah",
    "Fiona",
    "Gareth",
    "Grace",
    "Graham",
    "Hannah",
    "Harjit",
    "Ian",
    "Jack",
    "Jane",
    "Jason",
    "Joanne",
    "Kamal",
    "Karen",
    "Kate",
    "Kevin",
    "Laura",
    "Leon",
    "Linda",
    "Lucy",
    "Mandeep",
    "Mark",
    "Martin",
    "Megan",
    "Michelle",
    "Mohammed",
    "Natalie",
    "Neil",
    "Nicola",
    "Olivia",
    "Owen",
    "Patricia",
    "Peter",
    "Rachel",
    "Rebecca",
    "Richard",
    "Rosa",
    "Samuel",
    "Sandra",
    "Shabana",
    "Simon",
    "Sophie",
    "Stephen",
    "Susan",
    "Tariq",
    "Theresa",
    "Tim",
    "Vanessa",
    "Victoria",
    "Wayne",
    "Yasmin",
    "Zoe",
    "Zainab",
)
SURNAMES = (
    "Abbott",
    "Ahmed",
    "Ainsworth",
    "Akhtar",
    "Appleby",
    "Bailey",
    "Barker",
    "Bhatti",
    "Birchall",
    "Booth",
    "Bradshaw",
    "Brennan",
    "Calloway",
    "Carter",
    "Chadwick",
    "Chowdhury",
    "Clegg",
    "Cooper",
    "Crossley",
    "Dale",
    "Dawson",
    "Dixon",
    "Duffy",
    "Eastwood",
    "Fairclough",
    "Fenwick",
    "Fletcher",
    "Garside",
    "Gill",
    "Goodwin",
    "Greenhalgh",
    "Haigh",
    "Hargreaves",
    "Holroyd",
    "Hussain",
    "Iqbal",
    "Jagger",
    "Kaur",
    "Kenworthy",
    "Lister",
    "Lockwood",
    "Mahmood",
    "Marsden",
    "McBride",
    "Metcalfe",
    "Mistry",
    "Mortimer",
    "Nowak",
    "O'Connell",
    "Ogden",
    "Oldroyd",
    "Patel",
    "Pickles",
    "Quinn",
    "Ramsden",
    "Rashid",
    "Riley",
    "Robshaw",
    "Sharma",
    "Shackleton",
    "Sutcliffe",
    "Taylor",
    "Thornton",
    "Tolson",
    "Varley",
    "Wadsworth",
    "Walsh",
    "Whiteley",
    "Wilkinson",
    "Wood",
    "Wright",
    "Yates",
    "Yeadon",
    "Zielinski",
    "Brook",
    "Hirst",
    "Kowalski",
    "Naylor",
    "Sykes",
    "Uddin",
)

NBC = COUNCIL


@dataclass(frozen=True)
class Group:
    """One stakeholder group: how many of every 100 people met belong to it, the named roles
    meetings ask for by key (filled first), then roles repeated for everyone else."""

    name: str
    weight: int
    singular: str
    plural: str
    keyed: tuple[tuple[str, str, str], ...] = ()  # (key, job title, organisation)
    roles: tuple[tuple[str, str], ...] = (("", ""),)
    prefix: str = ""


GROUPS: tuple[Group, ...] = (
    Group(
        "Councillor",
        7,
        "councillor",
        "councillors",
        keyed=(
            ("leader", "Leader of the Council", NBC),
            ("cabinet", "Cabinet Member for Adult Social Care and Health", NBC),
            ("scrutiny", "Chair of the Health and Adult Care Scrutiny Committee", NBC),
            ("opposition", "Opposition spokesperson for adult social care", NBC),
        ),
        roles=(
            ("Ward councillor", NBC),
            ("Member of the Health and Adult Care Scrutiny Committee", NBC),
        ),
        prefix="Cllr ",
    ),
    Group(
        "Senior leader",
        11,
        "senior leader",
        "senior leaders",
        keyed=(
            ("dass", "Director of Adult Social Care", NBC),
            ("ceo", "Chief Executive", NBC),
            ("ad_comm", "Assistant Director, Commissioning and Market Development", NBC),
            ("ad_ops", "Assistant Director, Adult Social Work", NBC),
            ("psw", "Principal Social Worker", NBC),
            ("dph", "Director of Public Health", NBC),
            ("finance", "Head of Finance, Adults and Health", NBC),
            ("housing_dir", "Director of Housing and Communities", NBC),
            ("dcs", "Director of Children's Services", NBC),
        ),
        roles=(
            ("Head of Service, Learning Disabilities", NBC),
            ("Head of Service, Older People", NBC),
            ("Head of Quality and Performance", NBC),
            ("Head of Transformation", NBC),
            ("Head of Service, Mental Health", NBC),
        ),
    ),
    Group(
        "Manager",
        13,
        "manager",
        "managers",
        keyed=(
            ("perf", "Performance and Intelligence Manager", NBC),
            ("brokerage", "Brokerage Team Manager", NBC),
            ("safeguarding", "Safeguarding Adults Manager", NBC),
        ),
        roles=(
            ("Team Manager, Hospital Discharge", NBC),
            ("Team Manager, Locality North", NBC),
            ("Service Manager, Reablement", NBC),
            ("Commissioning Manager, Home Care", NBC),
            ("Team Manager, Locality South", NBC),
            ("Contracts and Quality Manager", NBC),
            ("Commissioning Manager, Learning Disabilities", NBC),
            ("Workforce Development Manager", NBC),
            ("Team Manager, Occupational Therapy", NBC),
            ("Team Manager, Carers Support", NBC),
            ("Day Opportunities Manager", NBC),
        ),
    ),
    Group(
        "Frontline staff",
        20,
        "member of staff",
        "frontline staff",
        roles=(
            ("Social Worker", NBC),
            ("Senior Practitioner", NBC),
            ("Occupational Therapist", NBC),
            ("Reablement Support Worker", NBC),
            ("Community Care Assessor", NBC),
            ("Social Worker", NBC),
            ("Approved Mental Health Professional", NBC),
            ("Carers Assessment Officer", NBC),
            ("Brokerage Officer", NBC),
            ("Social Work Apprentice", NBC),
            ("Newly Qualified Social Worker", NBC),
            ("Care Coordinator", NBC),
            ("Customer Service Adviser, Adult Social Care", NBC),
        ),
    ),
    Group(
        "Partner",
        9,
        "partner",
        "partners",
        keyed=(
            ("icb", "Place Director", "Northmoor and Dale Integrated Care Board"),
            ("discharge_lead", "Discharge Lead", "Northmoor General Hospital NHS Foundation Trust"),
            ("sab_chair", "Independent Chair", "Northmoor Safeguarding Adults Board"),
            ("gp", "Clinical Director", "Moorside Primary Care Network"),
            ("housing", "Head of Housing Options", "Northmoor Homes"),
        ),
        roles=(
            ("Deputy Chief Nurse", "Northmoor and Dale Integrated Care Board"),
            ("Discharge Coordinator", "Northmoor General Hospital NHS Foundation Trust"),
            ("Community Matron", "Northmoor Community Health Services"),
            ("Detective Inspector, Adult Protection", "Northmoor Police"),
            ("Associate Director, Community Mental Health", "Dale Valley Mental Health NHS Trust"),
            ("Tenancy Support Manager", "Northmoor Homes"),
        ),
    ),
    Group(
        "Provider",
        10,
        "provider",
        "providers",
        keyed=(
            ("association", "Chair", "Northmoor Care Association"),
            ("carehome", "Registered Manager", "Brookfield Care Home"),
            ("homecare", "Managing Director", "HomeFirst Care Northmoor"),
            ("extracare", "Scheme Manager", "Willow Court Extra Care"),
        ),
        roles=(
            ("Registered Manager", "Kestrel Home Care"),
            ("Operations Director", "Bramble Lane Care Group"),
            ("Registered Manager", "Oakdene Nursing Home"),
            ("Owner", "Heather Hill Home Care"),
            ("Care Coordinator", "HomeFirst Care Northmoor"),
            ("Registered Manager", "Fellside Supported Living"),
            ("Business Manager", "Larkspur Day Services"),
            ("Deputy Manager", "Brookfield Care Home"),
        ),
    ),
    Group(
        "Voluntary sector",
        7,
        "voluntary sector representative",
        "voluntary sector colleagues",
        keyed=(
            ("carers_centre", "Chief Officer", "Northmoor Carers Centre"),
            ("healthwatch", "Manager", "Healthwatch Northmoor"),
        ),
        roles=(
            ("Coordinator", "Age Friendly Northmoor"),
            ("Chief Executive", "Northmoor Disability Forum"),
            ("Service Manager", "Moorside Community Transport"),
            ("Advocacy Lead", "Northmoor Advocacy Hub"),
            ("Development Worker", "Northmoor Voluntary Action"),
            ("Volunteer Coordinator", "Dale Valley Befriending Service"),
        ),
    ),
    Group(
        "Person who uses services",
        6,
        "person who uses services",
        "people who use services",
        roles=(("Member, Making It Real board", ""), ("", ""), ("", "")),
    ),
    Group(
        "Carer",
        5,
        "carer",
        "carers",
        roles=(("Member, Northmoor Carers' Forum", ""), ("", ""), ("", "")),
    ),
    Group(
        "Other",
        2,
        "participant",
        "participants",
        roles=(
            ("Head of Human Resources", NBC),
            ("Business Support Manager", NBC),
            ("Communications Manager", NBC),
            ("Internal Audit Manager", NBC),
        ),
    ),
)

# A participant spec is "@key" (one named role) or (group, fewest, most).
Participants = tuple[str | tuple[str, int, int], ...]

TOWN_HALL = "Town Hall, Committee Room {n}"
CIVIC = "Civic Centre, Room {n}"

# The on-site programme, in running order. The first and last always open and close it.
MEETINGS: tuple[tuple[str, str, str, Participants], ...] = (
    (
        "Opening presentation: Director of Adult Social Care",
        "other",
        "Town Hall, Council Chamber",
        ("@dass", "@ad_comm", "@ad_ops", "@psw"),
    ),
    (
        "Interview: Chief Executive and Leader of the Council",
        "interview",
        "Town Hall, Leader's Office",
        ("@ceo", "@leader"),
    ),
    (
        "Interview: Cabinet Member for Adult Social Care and Health",
        "interview",
        TOWN_HALL,
        ("@cabinet",),
    ),
    ("Interview: Director of Adult Social Care", "interview", TOWN_HALL, ("@dass",)),
    ("Focus group: frontline social workers", "focus_group", CIVIC, (("Frontline staff", 5, 8),)),
    (
        "Interview: Assistant Director, Commissioning and Market Development",
        "interview",
        CIVIC,
        ("@ad_comm",),
    ),
    (
        "Site visit: Riverside reablement unit",
        "site_visit",
        "Riverside reablement unit, Mill Lane",
        (("Frontline staff", 2, 3), ("Manager", 1, 1), ("Person who uses services", 1, 2)),
    ),
    (
        "Focus group: carers",
        "focus_group",
        "Northmoor Carers Centre, Market Street",
        ("@carers_centre", ("Carer", 4, 6)),
    ),
    ("Interview: Principal Social Worker", "interview", CIVIC, ("@psw",)),
    ("Focus group: home care providers", "focus_group", CIVIC, ("@homecare", ("Provider", 3, 5))),
    ("Interview: Director of Public Health", "interview", TOWN_HALL, ("@dph",)),
    ("Phone call: Place Director, Integrated Care Board", "phone_call", "Phone", ("@icb",)),
    ("Focus group: team managers", "focus_group", CIVIC, (("Manager", 4, 6),)),
    (
        "Site visit: Northmoor General Hospital discharge hub",
        "site_visit",
        "Northmoor General Hospital, discharge hub",
        ("@discharge_lead", ("Frontline staff", 2, 3), ("Partner", 1, 2)),
    ),
    (
        "Focus group: people who use services",
        "focus_group",
        "Moorside Community Centre",
        (("Person who uses services", 3, 5),),
    ),
    ("Interview: Head of Finance, Adults and Health", "interview", TOWN_HALL, ("@finance",)),
    (
        "Focus group: voluntary and community sector",
        "focus_group",
        "Northmoor Voluntary Action, Bridge Street",
        (("Voluntary sector", 4, 6),),
    ),
    (
        "Interview: Independent Chair, Safeguarding Adults Board",
        "interview",
        "Microsoft Teams",
        ("@sab_chair", "@safeguarding"),
    ),
    (
        "Site visit: Willow Court extra care scheme",
        "site_visit",
        "Willow Court, Beck Lane",
        ("@extracare", ("Person who uses services", 1, 2)),
    ),
    (
        "Focus group: Making It Real board",
        "focus_group",
        "Moorside Community Centre",
        (("Person who uses services", 2, 4), ("Carer", 1, 2)),
    ),
    (
        "Interview: Chair of the Health and Adult Care Scrutiny Committee",
        "interview",
        TOWN_HALL,
        ("@scrutiny",),
    ),
    (
        "Focus group: occupational therapists and assessors",
        "focus_group",
        CIVIC,
        (("Frontline staff", 3, 5),),
    ),
    (
        "Workshop: market sustainability and fee setting",
        "workshop",
        "Civic Centre, Training Suite",
        ("@ad_comm", "@association", ("Provider", 3, 5), ("Manager", 1, 2)),
    ),
    ("Interview: Safeguarding Adults Manager", "interview", CIVIC, ("@safeguarding",)),
    ("Focus group: commissioning and contracts team", "focus_group", CIVIC, (("Manager", 3, 5),)),
    (
        "Site visit: Brookfield Care Home",
        "site_visit",
        "Brookfield Care Home, Moor Road",
        ("@carehome", ("Provider", 1, 1)),
    ),
    (
        "Interview: Director of Housing and Communities and Head of Housing Options",
        "interview",
        TOWN_HALL,
        ("@housing_dir", "@housing"),
    ),
    (
        "Phone call: Clinical Director, Moorside Primary Care Network",
        "phone_call",
        "Phone",
        ("@gp",),
    ),
    (
        "Focus group: newly qualified social workers and apprentices",
        "focus_group",
        CIVIC,
        (("Frontline staff", 3, 5),),
    ),
    (
        "Interview: opposition spokesperson for adult social care",
        "interview",
        TOWN_HALL,
        ("@opposition",),
    ),
    (
        "Focus group: backbench councillors",
        "focus_group",
        "Town Hall, Members' Room",
        (("Councillor", 2, 4),),
    ),
    (
        "Site visit: Northmoor Carers Centre",
        "site_visit",
        "Northmoor Carers Centre, Market Street",
        ("@carers_centre", ("Carer", 1, 2), ("Voluntary sector", 1, 1)),
    ),
    ("Interview: Performance and Intelligence Manager", "interview", CIVIC, ("@perf",)),
    (
        "Focus group: hospital discharge and brokerage team",
        "focus_group",
        "Northmoor General Hospital, seminar room",
        ("@brokerage", ("Frontline staff", 2, 4)),
    ),
    ("Interview: Healthwatch Northmoor", "interview", "Microsoft Teams", ("@healthwatch",)),
    (
        "Workshop: co-production and engagement",
        "workshop",
        "Moorside Community Centre",
        (("Person who uses services", 2, 3), ("Carer", 1, 2), ("Manager", 1, 2)),
    ),
    ("Interview: Chair, Northmoor Care Association", "interview", CIVIC, ("@association",)),
    (
        "Focus group: health partners",
        "focus_group",
        "Northmoor and Dale ICB, Dale House",
        (("Partner", 3, 5),),
    ),
    ("Interview: Assistant Director, Adult Social Work", "interview", CIVIC, ("@ad_ops",)),
    (
        "Site visit: Moorside wellbeing hub",
        "site_visit",
        "Moorside Library, wellbeing hub",
        (("Voluntary sector", 1, 2), ("Frontline staff", 1, 2), ("Person who uses services", 1, 1)),
    ),
    (
        "Phone call: Managing Director, HomeFirst Care Northmoor",
        "phone_call",
        "Phone",
        ("@homecare",),
    ),
    (
        "Focus group: learning disability and mental health teams",
        "focus_group",
        CIVIC,
        (("Frontline staff", 3, 5), ("Manager", 1, 1)),
    ),
    ("Interview: Director of Children's Services", "interview", TOWN_HALL, ("@dcs",)),
    (
        "Interview: workforce and human resources",
        "interview",
        CIVIC,
        (("Other", 1, 1), ("Manager", 1, 1)),
    ),
    (
        "Focus group: front door and customer service advisers",
        "focus_group",
        "Civic Centre, contact centre",
        (("Frontline staff", 3, 4),),
    ),
    (
        "Workshop: performance, data and outcomes",
        "workshop",
        "Civic Centre, Training Suite",
        ("@perf", ("Manager", 2, 3)),
    ),
    (
        "Interview: Cabinet Member for Adult Social Care and Health (follow-up)",
        "interview",
        TOWN_HALL,
        ("@cabinet",),
    ),
    (
        "Feedback presentation to the council's leadership",
        "other",
        "Town Hall, Council Chamber",
        ("@ceo", "@leader", "@cabinet", "@dass", "@ad_comm", "@ad_ops", ("Senior leader", 1, 3)),
    ),
)

MEETING_MINUTES = {
    "interview": 60,
    "focus_group": 75,
    "site_visit": 90,
    "phone_call": 30,
    "workshop": 90,
    "other": 60,
    "document_review": 60,
}

ASC = "Northmoor Borough Council, Adult Social Care"
# (title, how an observation refers to it, provided by, date, headings it speaks to)
DOCUMENTS: tuple[tuple[str, str, str, str, tuple[int | str, ...]], ...] = (
    (
        "Adult Social Care Self-Assessment 2026",
        "the council's self-assessment",
        ASC,
        "2026-10-01",
        (1, 2, 4, 5, 7, 8, 9, 10, 11, 12, "Q1", "Q2"),
    ),
    (
        "Market Position Statement 2025–2028",
        "the market position statement",
        ASC,
        "2025-04-01",
        (10, 5, 11, "Q2"),
    ),
    (
        "Market Sustainability Plan",
        "the market sustainability plan",
        ASC,
        "2025-03-14",
        (10, 11, 12, "Q2"),
    ),
    ("Carers Strategy 2024–2027", "the carers strategy", ASC, "2024-06-20", (4, 2, 1)),
    (
        "Adult Social Care Workforce Strategy 2025–2028",
        "the workforce strategy",
        ASC,
        "2025-09-02",
        (12,),
    ),
    (
        "Annual Complaints and Compliments Report 2025/26",
        "the annual complaints report",
        ASC,
        "2026-07-15",
        (1, 6),
    ),
    (
        "Safeguarding Adults Board Annual Report 2025/26",
        "the Safeguarding Adults Board annual report",
        "Northmoor Safeguarding Adults Board",
        "2026-09-30",
        (8, 7),
    ),
    ("Local Account 2025", "the local account", ASC, "2025-12-01", (1, 4, 9)),
    (
        "Home Care Framework Specification",
        "the home care framework specification",
        ASC,
        "2025-01-10",
        (10, 5, 3, "Q2"),
    ),
    (
        "Fee Setting Report to Cabinet, February 2026",
        "the fee-setting report to cabinet",
        ASC,
        "2026-02-11",
        (11, 10),
    ),
    (
        "Better Care Fund Plan 2025–26",
        "the Better Care Fund plan",
        "Northmoor Borough Council and Northmoor and Dale Integrated Care Board",
        "2025-06-30",
        (8, 2),
    ),
    (
        "Joint Strategic Needs Assessment: Ageing Well",
        "the needs assessment for older people",
        "Northmoor Borough Council, Public Health",
        "2025-11-05",
        (9, 2),
    ),
    (
        "Practice Quality Assurance Framework",
        "the practice quality assurance framework",
        ASC,
        "2026-03-01",
        (1, 9, 12),
    ),
    (
        "Principal Social Worker Annual Report 2025/26",
        "the Principal Social Worker's annual report",
        ASC,
        "2026-06-12",
        (12, 1),
    ),
    ("Co-production Charter (draft)", "the draft co-production charter", ASC, "2026-10-20", (4,)),
    (
        "Adult Social Care Performance Scorecard, Quarter 2 2026/27",
        "the quarter 2 performance scorecard",
        ASC,
        "2026-10-25",
        (9, 1, "Q1"),
    ),
    (
        "Budget Monitoring Report, Month 6 2026/27",
        "the month 6 budget monitoring report",
        "Northmoor Borough Council, Finance",
        "2026-10-18",
        (11,),
    ),
    (
        "Transformation Programme Highlight Report, October 2026",
        "the transformation programme highlight report",
        ASC,
        "2026-10-28",
        (7,),
    ),
    ("Direct Payments Review", "the direct payments review", ASC, "2026-05-09", (1, 10)),
    (
        "Hospital Discharge Pathway Evaluation",
        "the hospital discharge evaluation",
        "Northmoor and Dale Integrated Care Board",
        "2026-08-22",
        (8, "Q1"),
    ),
    (
        "Reablement Service Outcomes Report",
        "the reablement outcomes report",
        ASC,
        "2026-09-05",
        (1, "Q1"),
    ),
    (
        "Prevention and Wellbeing Strategy 2025–2030",
        "the prevention strategy",
        ASC,
        "2025-07-01",
        (2,),
    ),
    (
        "Commissioning Intentions 2026/27",
        "the commissioning intentions",
        ASC,
        "2026-03-20",
        (10, 3, 5),
    ),
    (
        "Accommodation with Care Strategy",
        "the accommodation with care strategy",
        ASC,
        "2025-10-14",
        (10, "Q1"),
    ),
    (
        "Equality Impact Assessment: Day Opportunities Review",
        "the equality impact assessment for the day opportunities review",
        ASC,
        "2026-04-02",
        (6,),
    ),
    (
        "Adult Social Care Staff Survey Results 2026",
        "the staff survey results",
        ASC,
        "2026-07-30",
        (7, 12),
    ),
    (
        "Case File Audit Summary, Summer 2026",
        "the case file audit summary",
        ASC,
        "2026-09-12",
        (1, 9),
    ),
    (
        "Provider Quality Dashboard, September 2026",
        "the provider quality dashboard",
        ASC,
        "2026-10-03",
        (5, 10, 9),
    ),
    (
        "Health and Wellbeing Strategy 2024–2029",
        "the health and wellbeing strategy",
        "Northmoor Health and Wellbeing Board",
        "2024-04-01",
        (2, 8),
    ),
    (
        "Social Value Policy",
        "the social value policy",
        "Northmoor Borough Council, Procurement",
        "2025-02-03",
        (3,),
    ),
    (
        "Scrutiny Committee Minutes: Home Care Review",
        "the scrutiny committee minutes",
        "Northmoor Borough Council, Democratic Services",
        "2026-09-17",
        (10, 7, "Q2"),
    ),
    ("Programme for the Peer Challenge", "the on-site programme", ASC, "2026-11-03", ()),
)
# Extra documents for larger workloads: "Case study N: <topic>".
CASE_STUDY_TOPICS: tuple[tuple[str, tuple[int | str, ...]], ...] = (
    ("reablement after a fall", (1, "Q1")),
    ("a young person moving to adult services", (1,)),
    ("a carer's breakdown", (4, 2)),
    ("moving from a care home to extra care", (10, "Q1")),
    ("a home care package handed back", (10, 5, "Q2")),
    ("a safeguarding enquiry", (8, 7)),
    ("a direct payment used for a personal assistant", (1, 10)),
    ("hospital discharge at weekends", (8,)),
)

GROUP_VOICES: dict[int | str, tuple[str, ...]] = {
    1: ("Person who uses services", "Carer", "Frontline staff", "Manager"),
    2: ("Voluntary sector", "Partner", "Senior leader", "Person who uses services"),
    3: ("Provider", "Manager", "Voluntary sector"),
    4: ("Person who uses services", "Carer", "Voluntary sector", "Manager"),
    5: ("Provider", "Manager"),
    6: ("Voluntary sector", "Person who uses services", "Councillor", "Manager"),
    7: ("Frontline staff", "Manager", "Councillor", "Senior leader", "Partner"),
    8: ("Partner", "Frontline staff", "Manager"),
    9: ("Manager", "Senior leader", "Councillor"),
    10: ("Provider", "Manager", "Senior leader"),
    11: ("Provider", "Senior leader", "Councillor"),
    12: ("Frontline staff", "Provider", "Manager"),
    "Q1": ("Frontline staff", "Partner", "Carer", "Manager"),
    "Q2": ("Provider", "Manager", "Senior leader"),
}
# A second heading an observation on a theme is often also tagged with.
RELATED_HEADINGS: dict[int | str, tuple[int | str, ...]] = {
    1: ("Q1", 2),
    2: (1, 8),
    3: (11,),
    4: (6, 1),
    5: (10, "Q2"),
    6: (4,),
    7: (9,),
    8: (1, "Q1"),
    9: (7, 11),
    10: ("Q2", 5),
    11: (10, "Q2"),
    12: (10, "Q2"),
    "Q1": (1, 8),
    "Q2": (10, 5),
}


@dataclass(frozen=True)
class Theme:
    """One thing a team might notice, said several ways. `said` clauses follow "X told us
    that ..."; `seen` clauses are whole sentences from a site visit; `quotes` are (speaker
    group, words). `documented`: would a council document say it?"""

    key: str
    heading: int | str
    polarity: str
    said: tuple[str, ...]
    seen: tuple[str, ...] = ()
    quotes: tuple[tuple[str, str], ...] = ()
    documented: bool = True
    site: str = ""  # a word in the title of the site visit where it is seen


S, A, N = "strength", "area", "neutral"
PWUS, CARER, FRONT, PROVIDER = "Person who uses services", "Carer", "Frontline staff", "Provider"

THEMES: tuple[Theme, ...] = (
    # 1 Person-centred and focuses on outcomes
    Theme(
        "strengths_based",
        1,
        S,
        (
            "the strengths-based practice model has changed the conversations social workers have with people, who are now asked what matters to them first",
            "support plans are written in the person's own words and set out the outcomes they want to achieve",
        ),
        seen=(
            "support plans on the office wall were written in people's own words, with goals such as getting back to the allotment",
        ),
        quotes=(
            (
                PWUS,
                "My social worker asked what I wanted my life to look like, not just what I couldn't do.",
            ),
            (
                FRONT,
                "We've stopped doing assessments to people and started doing them with people.",
            ),
        ),
        site="reablement",
    ),
    Theme(
        "reablement",
        1,
        S,
        (
            "the reablement service helps most people who use it to stay at home without ongoing care, and outcomes are checked at 91 days",
            "three in four people leaving reablement need no further care package",
        ),
        seen=(
            "reablement staff were practising with a man how to make a hot drink safely before his discharge home",
            "each person's goals and expected finish date were on a board that staff and the person updated together",
        ),
        quotes=((PWUS, "They didn't do things for me, they got me doing them again."),),
        site="reablement",
    ),
    Theme(
        "waiting",
        1,
        A,
        (
            "people wait too long for an assessment, with more than 600 people on the community teams' waiting lists this autumn",
            "there is no consistent way of checking on people while they wait for an assessment",
            "the longest waits are for people with moderate needs, who are told to call back if things get worse",
        ),
        quotes=(
            (CARER, "You ring, you're told someone will call back, and nobody does."),
            (FRONT, "The waiting list is the thing that keeps me awake at night."),
        ),
    ),
    Theme(
        "transitions",
        1,
        A,
        (
            "planning for young people moving from children's to adult services often starts after their seventeenth birthday",
            "families of young people with learning disabilities find the move to adult services confusing and stressful",
        ),
        quotes=((CARER, "It felt like falling off a cliff the week he turned eighteen."),),
    ),
    Theme(
        "outcome_reviews",
        1,
        N,
        (
            "outcome-based reviews are being piloted in two localities, with a decision on roll-out due in the spring",
        ),
    ),
    # 2 Promotes health and wellbeing
    Theme(
        "wellbeing_hubs",
        2,
        S,
        (
            "the community wellbeing hubs give people advice, equipment and activities close to home before they need formal care",
            "the prevention strategy is clearly linked to the priorities of the Health and Wellbeing Board",
        ),
        seen=(
            "the wellbeing hub in the library was busy, with volunteers helping people to find local groups and book a falls check",
        ),
        site="wellbeing",
    ),
    Theme(
        "falls",
        2,
        S,
        (
            "the falls prevention programme, commissioned with public health, has reduced repeat ambulance call-outs for falls",
        ),
    ),
    Theme(
        "prevention_funding",
        2,
        A,
        (
            "prevention services are funded year to year from short-term grants, so voluntary organisations cannot plan beyond the next March",
        ),
        quotes=(
            (
                "Voluntary sector",
                "We spend a quarter of every year wondering whether we will still be here.",
            ),
        ),
    ),
    Theme(
        "information",
        2,
        A,
        (
            "information about what help is available is hard to find on the council's website, and much of it is out of date",
            "people only find out about support such as carers' breaks by word of mouth",
        ),
        seen=(
            "leaflets on display were two years out of date, and one gave a phone number that no longer works",
        ),
        quotes=(
            (CARER, "I found out about the sitting service from another mum at the school gate."),
        ),
        site="wellbeing",
    ),
    Theme(
        "healthy_ageing_post",
        2,
        N,
        (
            "public health and adult social care now share a joint commissioning post for healthy ageing",
        ),
    ),
    # 3 Delivers social value
    Theme(
        "social_value_weighting",
        3,
        S,
        (
            "social value is weighted at ten per cent in every adult social care tender, and contracts include commitments to local employment",
        ),
    ),
    Theme(
        "social_value_followup",
        3,
        A,
        (
            "the social value commitments made in tenders are rarely checked once a contract is awarded",
            "providers are asked about social value when they bid but never again afterwards",
        ),
        documented=False,
    ),
    Theme(
        "social_value_policy",
        3,
        N,
        ("a social value policy has been adopted and commissioners are being trained to use it",),
    ),
    # 4 Coproduced with people, carers and communities
    Theme(
        "making_it_real",
        4,
        S,
        (
            "the Making It Real board of people who use services and carers has shaped the new carers strategy and the day opportunities review",
        ),
        quotes=(
            (
                PWUS,
                "For the first time it felt like they wanted to hear from us before they had made up their minds.",
            ),
        ),
    ),
    Theme(
        "carers_assessment",
        4,
        S,
        (
            "carers were involved from the start in redesigning the carers' assessment, which is now shorter and written in plain English",
            "the new carers' assessment was written with carers and is valued by those who have had one",
        ),
        seen=(
            "the new carers' assessment, designed with carers, was being completed over a cup of tea rather than across a desk",
        ),
        quotes=(
            (CARER, "It's the first form I've filled in that asked how I am, not just how he is."),
        ),
        site="Carers",
    ),
    Theme(
        "coproduction_consistency",
        4,
        A,
        (
            "co-production depends on a few committed individuals and is not yet how the whole service works",
            "people who use services are often consulted once plans are already drafted rather than involved in writing them",
        ),
        quotes=((PWUS, "They ask us what we think, then do what they were going to do anyway."),),
        documented=False,
    ),
    Theme(
        "seldom_heard",
        4,
        A,
        (
            "people from minority ethnic communities and younger disabled adults are under-represented in the groups the council involves",
        ),
    ),
    Theme(
        "coproduction_charter",
        4,
        N,
        ("a co-production charter has been drafted and is due at cabinet in January",),
    ),
    # 5 Positive engagement with providers
    Theme(
        "provider_forum",
        5,
        S,
        (
            "the monthly provider forum is well attended and providers value the openness of the commissioning team",
            "providers described the commissioning team as approachable and quick to respond during last winter's pressures",
        ),
        quotes=((PROVIDER, "If I ring commissioning, I get a call back the same day."),),
    ),
    Theme(
        "provider_contacts",
        5,
        A,
        (
            "providers are unclear whom to contact in the council about operational problems, such as late payments or changes to a care package",
            "invoices from providers are often paid late, which strains the cash flow of small agencies",
        ),
        quotes=(
            (
                PROVIDER,
                "We've been waiting eleven weeks to be paid for a package that started in August.",
            ),
        ),
        documented=False,
    ),
    Theme(
        "duplicate_monitoring",
        5,
        A,
        (
            "contract monitoring visits by the council and the integrated care board duplicate each other and ask for the same information in different formats",
        ),
    ),
    Theme(
        "provider_survey",
        5,
        N,
        ("a provider survey is run each year, and the latest had a response rate of 38 per cent",),
    ),
    # 6 Promotes equality
    Theme(
        "eia_day_services",
        6,
        S,
        (
            "the equality impact assessment for the day services review led to changes in transport arrangements",
        ),
    ),
    Theme(
        "equality_data",
        6,
        A,
        (
            "the council does not routinely analyse who uses services by ethnicity, so it cannot tell whether some communities are missing out",
        ),
    ),
    Theme(
        "interpreting",
        6,
        A,
        (
            "people whose first language is not English often rely on family members to interpret during assessments",
        ),
        documented=False,
    ),
    Theme(
        "edi_group",
        6,
        N,
        (
            "an equality, diversity and inclusion group for adult social care staff was set up in the summer",
        ),
    ),
    # 7 Well led
    Theme(
        "visible_leadership",
        7,
        S,
        (
            "the Director of Adult Social Care is visible and trusted, and staff at every level feel able to raise concerns with senior managers",
            "political leadership for adult social care is stable, well informed and supportive of the transformation programme",
        ),
        quotes=(
            (
                FRONT,
                "The director came out on visits with us in the snow last winter. People remember that.",
            ),
        ),
    ),
    Theme(
        "learning_culture",
        7,
        S,
        (
            "staff describe a supportive, learning culture where mistakes are discussed rather than blamed",
        ),
        documented=False,
    ),
    Theme(
        "priorities",
        7,
        A,
        (
            "the transformation programme has many projects but no shared view of which matter most",
            "staff struggle to see how the many change projects fit together or what they are for",
        ),
        quotes=(
            ("Manager", "We've got fourteen priorities, which means we haven't really got any."),
        ),
    ),
    Theme(
        "interim_posts",
        7,
        A,
        (
            "the senior management team is stretched, with two of five assistant director posts filled on an interim basis",
        ),
    ),
    Theme(
        "improvement_board",
        7,
        N,
        (
            "the adult social care improvement board meets monthly and is chaired by the chief executive",
        ),
    ),
    # 8 Whole system approach
    Theme(
        "discharge_hub",
        8,
        S,
        (
            "the integrated discharge hub at Northmoor General Hospital has reduced the number of people waiting in hospital for care",
            "health and social care staff in the discharge hub share one caseload and one daily huddle",
        ),
        seen=(
            "nurses, therapists and social workers at the morning huddle agreed a plan for each patient in under half an hour",
        ),
        quotes=(
            (
                "Partner",
                "We stopped arguing about whose patient it is and started asking what the person needs.",
            ),
        ),
        site="discharge",
    ),
    Theme(
        "front_doors",
        8,
        A,
        (
            "there are several different routes into community health and care services, and staff and partners find them confusing",
        ),
        quotes=(("Partner", "There are so many front doors that even we get lost."),),
    ),
    Theme(
        "housing_discharge",
        8,
        A,
        (
            "housing is not yet part of planning for people leaving hospital, which delays discharge for people who cannot go back to their homes",
        ),
    ),
    Theme(
        "bcf_plan",
        8,
        N,
        (
            "the Better Care Fund plan for this year was agreed with the integrated care board in June",
        ),
    ),
    # 9 Uses evidence about what works
    Theme(
        "dashboard",
        9,
        S,
        (
            "the performance team produces a monthly dashboard that managers use in supervision and team meetings",
        ),
    ),
    Theme(
        "activity_not_outcomes",
        9,
        A,
        (
            "data is mostly about activity, such as the number of assessments completed, rather than the difference services make to people's lives",
            "feedback from people who use services is not yet used to judge whether commissioned services are working",
        ),
    ),
    Theme(
        "jsna_working_age",
        9,
        A,
        (
            "the joint strategic needs assessment is rarely used when planning services for working-age adults",
        ),
    ),
    Theme(
        "case_system",
        9,
        N,
        ("a new case management system goes live in April and will change what data is available",),
    ),
    # 10 Diverse and sustainable market
    Theme(
        "home_care_framework",
        10,
        S,
        (
            "the zoned home care framework has reduced hand-backs and made it quicker to find a care package",
            "the number of people waiting for home care fell from over 120 in January to fewer than 20 by October",
        ),
        quotes=(
            (
                PROVIDER,
                "The zones mean my carers aren't spending half the day in the car any more.",
            ),
        ),
    ),
    Theme(
        "extra_care",
        10,
        S,
        ("the extra care housing programme gives older people a real alternative to a care home",),
        seen=(
            "residents with high care needs were living in their own flats, with care staff on site day and night",
        ),
        quotes=((PWUS, "I've got my own front door again, and help when I need it."),),
        site="extra care",
    ),
    Theme(
        "dementia_nursing",
        10,
        A,
        (
            "there is not enough nursing care for people with dementia, so some people are placed outside the borough, away from their families",
        ),
        seen=(
            "the home had a waiting list for its dementia nursing beds, and the manager showed us referrals from three other boroughs",
        ),
        quotes=((CARER, "It's a ninety-minute round trip to see my wife now."),),
        site="Brookfield",
    ),
    Theme(
        "rural_home_care",
        10,
        A,
        (
            "home care in the rural north of the borough is hard to secure because of travel times and recruitment",
        ),
        quotes=((PROVIDER, "Nobody will take a forty-minute drive for a fifteen-minute call."),),
    ),
    Theme(
        "mps_refresh",
        10,
        N,
        ("the market position statement is being refreshed and a draft is due in the new year",),
    ),
    # 11 Provides value for money
    Theme(
        "balanced_budget",
        11,
        S,
        (
            "the adult social care budget was balanced last year, with savings delivered through reablement and better use of equipment",
        ),
    ),
    Theme(
        "fee_setting",
        11,
        A,
        (
            "providers do not understand how fee rates are set, and many believe the rates do not cover the cost of care",
        ),
        quotes=((PROVIDER, "The fee uplift didn't even cover the rise in the minimum wage."),),
    ),
    Theme(
        "overspend",
        11,
        A,
        (
            "the budget is forecast to overspend by £3.2 million this year, mainly on placements for working-age adults",
        ),
    ),
    Theme(
        "cost_of_care", 11, N, ("a cost of care exercise was carried out with providers in 2025",)
    ),
    # 12 Develops the workforce
    Theme(
        "grow_own",
        12,
        S,
        (
            "the council has grown its own social workers through an apprenticeship scheme, and vacancies have fallen",
            "newly qualified social workers have a protected caseload and regular supervision in their first year",
        ),
        quotes=((FRONT, "I've never had supervision this regular anywhere I've worked."),),
    ),
    Theme(
        "care_workforce",
        12,
        A,
        (
            "care providers struggle to recruit and keep care workers, and many now rely on international recruitment",
            "care workers can earn more in local supermarkets and warehouses than in care",
        ),
        seen=(
            "a board in the staff room advertised nine vacant care worker posts, some of them open since the spring",
        ),
        quotes=(
            (PROVIDER, "We lose staff to the supermarket down the road for fifty pence an hour."),
        ),
        site="Brookfield",
    ),
    Theme(
        "ot_waits",
        12,
        A,
        (
            "there are long waits for occupational therapy assessments because of vacancies in the team",
        ),
    ),
    Theme(
        "sector_workforce_plan",
        12,
        N,
        (
            "a workforce plan for the whole care sector is being developed with the integrated care board",
        ),
    ),
    # Q1 independence rather than residential care
    Theme(
        "short_term_reviews",
        "Q1",
        S,
        (
            "short-term placements after a hospital stay are now reviewed within four weeks, and more people return home",
        ),
    ),
    Theme(
        "hospital_decisions",
        "Q1",
        A,
        (
            "decisions about long-term residential care are sometimes made in hospital, before people have had a chance to recover",
        ),
        seen=(
            "the whiteboard listed four patients waiting for a care home place, none of whom had been offered reablement first",
        ),
        quotes=(
            (CARER, "They told us in the corridor that Mum would need a home. Nobody asked Mum."),
        ),
        site="discharge",
    ),
    Theme(
        "technology",
        "Q1",
        A,
        ("technology-enabled care is little used and is not routinely considered in assessments",),
        seen=(
            "few of the flats had any technology-enabled care beyond a pull cord in the bathroom",
        ),
        site="extra care",
    ),
    # Q2 home care market
    Theme(
        "recruitment_campaign",
        "Q2",
        S,
        ("the council and providers are running a joint home care recruitment campaign",),
    ),
    Theme(
        "no_five_year_plan",
        "Q2",
        A,
        (
            "there is no shared five-year plan with providers for how home care will need to change as demand grows",
        ),
    ),
)

HEARD_OPENERS = (
    "{G} told us that",
    "We heard from {g} that",
    "{G} said that",
    "Several {g} told us that",
    "{G} were clear that",
    "{G} felt that",
    "It was clear from {g} that",
    "In discussion, {g} said that",
    "We were told by {g} that",
)
HEARD_SINGLE_OPENERS = ("One {s} told us that", "A {s} said that", "One {s} explained that")
READ_OPENERS = (
    "{D} states that",
    "{D} shows that",
    "According to {d},",
    "{D} reports that",
    "{D} confirms that",
    "{D} notes that",
)
SEEN_OPENERS = ("At {site}, ", "On our visit to {site}, ", "During the visit to {site}, ")
TAILS = {
    S: (
        "",
        "",
        "",
        ", and this was echoed elsewhere",
        ", which was described as a recent improvement",
        "; several people gave examples",
    ),
    A: (
        "",
        "",
        "",
        ", and this came up more than once",
        ", although senior leaders were aware of it",
        "; people gave recent examples",
    ),
    N: ("", "", " (to test with the team)"),
}


@dataclass(frozen=True)
class FindingText:
    """A finding the demo team has drafted: statement and narrative, under a domain (0-based
    index) or a scoping question, backed by observations of `theme`."""

    heading: int | str  # domain index (0..3) or "Q1"/"Q2"
    kind: str
    theme: str
    statement: str
    narrative: str
    evidence: str  # 'triangulated' | 'corroborated' | 'single'
    key_message: bool = False
    notable: bool = False
    contradicts: str = ""  # a theme whose observation is linked as contradicting evidence


FINDINGS: tuple[FindingText, ...] = (
    FindingText(
        0,
        "strength",
        "strengths_based",
        "Strengths-based practice is changing how social workers talk with people.",
        "Across the service we heard, read and saw that conversations now start with what matters "
        "to the person. Support plans use people's own words, and staff could describe how this had "
        "changed the support they arrange. The challenge now is to make this the experience of "
        "everyone, not only of those seen by the teams that adopted the model first.",
        "triangulated",
        key_message=True,
    ),
    FindingText(
        0,
        "strength",
        "reablement",
        "Reablement helps most people who use it to stay independent at home.",
        "The reablement service is valued by people who have used it and by partners. Its outcomes are "
        "measured and most people leave it needing no further care. The team considered this notable "
        "practice that others could learn from.",
        "triangulated",
        notable=True,
        contradicts="waiting",
    ),
    FindingText(
        0,
        "area",
        "waiting",
        "Too many people wait too long for an assessment, with no contact while they wait.",
        "Waiting lists in the community teams have grown over the year. Staff and carers told us that "
        "people are not routinely contacted while they wait, which risks needs escalating unseen. "
        "You may wish to consider a consistent approach to keeping in touch with people on the list "
        "and to prioritising by risk.",
        "corroborated",
        key_message=True,
    ),
    FindingText(
        1,
        "strength",
        "carers_assessment",
        "Carers have shaped a shorter, clearer carers' assessment.",
        "Carers were involved from the first draft of the new assessment and told us it now feels like "
        "a conversation about them. We saw it used well at the carers centre. This is a good example "
        "of co-production that could be applied to other parts of the service.",
        "triangulated",
        notable=True,
    ),
    FindingText(
        1,
        "area",
        "coproduction_consistency",
        "Co-production is not yet how the whole service works.",
        "There are good examples, led by committed individuals, but people who use services often join "
        "once plans are drafted. Building co-production into every project from the start, with the "
        "support and resources that needs, would make it less dependent on a few people.",
        "corroborated",
        contradicts="making_it_real",
    ),
    FindingText(
        1,
        "area",
        "provider_contacts",
        "Providers are unsure whom to contact about day-to-day problems.",
        "Some providers told us they did not know whom to ring about late payments or changes to a "
        "care package. We heard this in one meeting only and suggest the council tests how widely it "
        "is felt.",
        "single",
    ),
    FindingText(
        2,
        "strength",
        "visible_leadership",
        "Leadership of adult social care is visible, stable and trusted.",
        "Staff, partners and councillors spoke highly of the director and the cabinet member. Staff felt "
        "able to raise concerns and expected an answer. This gives the council a firm base for the "
        "changes ahead.",
        "triangulated",
        key_message=True,
    ),
    FindingText(
        2,
        "strength",
        "discharge_hub",
        "The integrated discharge hub shows health and care working as one team.",
        "At the hospital we saw health and social care staff plan discharges together each morning, and "
        "partners described a real change in relationships. Fewer people now wait in hospital for care.",
        "triangulated",
    ),
    FindingText(
        2,
        "area",
        "priorities",
        "The transformation programme needs a few clear priorities.",
        "Staff at several levels could not say which change projects mattered most or how they fitted "
        "together. Setting out a small number of priorities, and explaining them, would help staff see "
        "their part in the council's plans.",
        "corroborated",
        key_message=True,
    ),
    FindingText(
        3,
        "strength",
        "home_care_framework",
        "The zoned home care framework has made care easier to find.",
        "Fewer packages are handed back and the number of people waiting for home care has fallen sharply "
        "this year. Providers welcomed the shorter travel times the zones bring, although the rural north "
        "remains hard to serve.",
        "triangulated",
        contradicts="rural_home_care",
    ),
    FindingText(
        3,
        "area",
        "fee_setting",
        "Providers do not understand how fee rates are set.",
        "Some providers believe the current rates do not cover their costs. A clear, published method for "
        "setting fees, agreed with providers, would build trust, whatever the rates turn out to be.",
        "single",
    ),
    FindingText(
        3,
        "area",
        "care_workforce",
        "Recruiting and keeping care workers is the biggest risk to the local market.",
        "Providers, commissioners and the market sustainability plan all point to the difficulty of "
        "recruiting care workers. Working with providers and the integrated care board on a plan for the "
        "whole care workforce should be a priority.",
        "corroborated",
        key_message=True,
    ),
    FindingText(
        "Q1",
        "area",
        "hospital_decisions",
        "Decisions about long-term care are sometimes made in hospital.",
        "We heard that some people are assessed for a care home while still in hospital, before they have "
        "had a chance to recover. The council may wish to check how often this happens.",
        "single",
    ),
    FindingText(
        "Q2",
        "area",
        "no_five_year_plan",
        "There is no shared long-term plan for home care.",
        "The council and providers work well together week to week, but there is no shared view of how "
        "home care must change over the next five years as demand grows.",
        "corroborated",
    ),
)

# (group name, [(statement, narrative, themes whose observations support it)])
RECOMMENDATIONS: tuple[tuple[str, tuple[tuple[str, str, tuple[str, ...]], ...]], ...] = (
    (
        "The presenting issue",
        (
            (
                "Reduce the waiting list for assessment and keep in touch with everyone who is waiting.",
                "Prioritise by risk and agree how often people on the list are contacted, and by whom.",
                ("waiting",),
            ),
            (
                "Agree with providers a clear, published method for setting fee rates.",
                "Share the cost of care evidence and explain how it informs each year's uplift.",
                ("fee_setting",),
            ),
            (
                "Pay provider invoices within thirty days and report how well this is done to the provider forum.",
                "",
                ("provider_contacts",),
            ),
        ),
    ),
    (
        "The wider strategy",
        (
            (
                "Set out a small number of transformation priorities and explain to staff how their work contributes.",
                "",
                ("priorities",),
            ),
            (
                "Develop a five-year plan for home care with providers, including the rural north of the borough.",
                "Include workforce, fees and the use of technology.",
                ("no_five_year_plan", "rural_home_care"),
            ),
            (
                "Build co-production into every commissioning project from the start.",
                "",
                ("coproduction_consistency",),
            ),
        ),
    ),
    (
        "Quick wins",
        (
            (
                "Update the online information about help that is available, and test it with people who use services.",
                "",
                ("information",),
            ),
            (
                "Give providers one named contact in commissioning for operational questions.",
                "",
                ("provider_contacts",),
            ),
            (
                "Use the equality data you already hold to check who may be missing from services.",
                "",
                ("equality_data",),
            ),
        ),
    ),
)

# The letter settings a challenge manager would have typed by the end of the week, so the
# demo letter exports as a finished draft. {ceo}, {leader} and {dass} are the names the demo
# gave those people; {manager} the challenge manager.
LETTER_DATE = "2026-12-11"  # four weeks after the feedback presentation
LETTER_SALUTATION = "Dear {ceo_first}"
LETTER_CLIENTS = (
    "{ceo}, Chief Executive, Northmoor Borough Council",
    "{leader}, Leader of Northmoor Borough Council",
)
LETTER_PURPOSE = (
    "The council wanted an independent view of its adult social care commissioning ahead of "
    "its assessment by the Care Quality Commission, and help to set priorities for the next "
    "stage of its market sustainability plan."
)
LETTER_SCOPE = (
    "how well assessment and review arrangements help people to stay independent at home "
    "rather than move into residential care",
    "whether the home care market is sustainable, and how the council works with providers "
    "to shape it over the next five years",
    "how the council works with health partners, people who use services and carers to "
    "shape the local care market",
)
LETTER_ACKNOWLEDGEMENTS = (
    "The team would like to thank everyone at Northmoor Borough Council and its partners who "
    "gave their time, and who spoke openly and constructively about their work.\n\n"
    "We are particularly grateful to {ceo} and {leader} for commissioning the challenge, to "
    "{dass} for the welcome the team received, and to the adult social care business support "
    "team, who organised a demanding programme and looked after the team on site."
)
LETTER_NEXT_STEPS = (
    "Northmoor Borough Council will want to consider how it responds to these findings and "
    "recommendations. The council has said it will publish this letter, with an action plan, "
    "within eight weeks of receiving it.\n\n"
    "The Local Government Association would be pleased to discuss further support. {manager}, "
    "the challenge manager, will be in touch to arrange a progress review about six months "
    "after the challenge, at a date to suit the council."
)
LETTER_CONTACTS = (
    "{manager}, Challenge Manager, Local Government Association\n"
    "Email: tom.hadley@example.org\n"
    "Telephone: 020 7946 0183\n\n"
    "Aisling Brennock, Principal Adviser (North West), Local Government Association\n"
    "Email: aisling.brennock@example.org\n"
    "Telephone: 020 7946 0417"
)
