"""Word lists and sentence templates from which the synthetic corpus builds English-like speech."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """The space-separated words of ``text``."""
    return tuple(text.split())


FIRST_NAMES = _words(
    "Ada Alan Alice Amir Anna Arturo Beatrix Bruno Camille Carlos Chen Clara Daniel Dara Elena Emil "
    "Fatima Felix Greta Hana Hugo Ines Ivan Jamal Jana Jonas Karim Katarina Laila Leon Lucia Malik "
    "Marta Mateo Nadia Nils Noor Olga Omar Paula Pavel Priya Rafael Rosa Samir Sara Sofia Tariq "
    "Teresa Tomas Ulla Vera Viktor Wanda Yara Yusuf Zofia"
)

LAST_NAMES = _words(
    "Abbott Adeyemi Almeida Andersen Bakker Barros Bianchi Brandt Carvalho Castillo Costa Dahl "
    "Delacroix Dubois Eriksen Esposito Fischer Fontaine Garcia Gomes Haddad Hansen Ibrahim Ivanova "
    "Jansen Kaplan Keller Kowalski Larsen Laurent Lindqvist Lopez Marino Meyer Moreau Nakamura "
    "Novak Okafor Olsen Petrov Quinn Ramos Rossi Said Santos Schmidt Silva Sorensen Tanaka Torres "
    "Varga Vogel Weber Yilmaz Zhang Zimmermann"
)

TITLES = (
    ("Minister of Defence", "Defence Minister", "MIN."),
    ("Secretary of Defense", "Defense Secretary", "SEC."),
    ("Foreign Minister", "Minister of Foreign Affairs", "MIN."),
    ("Secretary of State", "State Secretary", "SEC."),
    ("Prime Minister", "Premier", "PM"),
    ("Chief of Staff", "Chief of the Staff", "GEN."),
    ("Ambassador", "Envoy", "AMB."),
)
"""(canonical title, another printed form, the label prefix transcripts print)."""

ORGANIZATIONS = (
    "Ministry of Defence",
    "Department of Defense",
    "Ministry of Foreign Affairs",
    "Department of State",
    "Cabinet Office",
    "Joint Staff",
    "Embassy",
)

COUNTRIES = ("FR", "US", "GB", "DE", "IT", "ES", "NL", "PL", "SE", "NO", "DK", "BE", "PT", "GR", "CA")

PLACES = (
    "Paris, France",
    "Washington, D.C., United States",
    "London, United Kingdom",
    "Berlin, Germany",
    "Rome, Italy",
    "Madrid, Spain",
    "The Hague, Netherlands",
    "Warsaw, Poland",
    "Stockholm, Sweden",
    "Oslo, Norway",
    "Brussels, Belgium",
    "Lisbon, Portugal",
    "Athens, Greece",
    "Ottawa, Canada",
)

NOUNS = _words(
    "coalition partner campaign operation region strategy alliance agreement government minister "
    "meeting conference security mission force ally border budget framework treaty council summit "
    "effort crisis community capacity commitment challenge threat response support progress priority "
    "decision plan negotiation partnership relationship cooperation dialogue initiative situation "
    "process report proposal measure policy position resolution sanction deployment training "
    "equipment intelligence command defence economy energy trade reform election parliament "
    "population refugee city village infrastructure network question answer issue result "
    "agenda airport ambition analysis anniversary approach army assessment assistance authority "
    "balance bank base battle bill blockade bridge brigade briefing cabinet capital carrier "
    "ceasefire centre channel charter coast committee compromise condition conflict consensus "
    "constitution contract convoy corridor court crossing culture cyberattack dam debate debt "
    "delegation democracy deterrent development diplomat disaster district doctrine drone duty "
    "embassy emergency envoy estimate evacuation evidence exercise export facility factory famine "
    "fleet frontier fund future harbour headquarters health highway hospital hostage housing "
    "identity incident industry inflation inquiry inspection institution insurgency interest "
    "investment island justice label language law leadership legacy loan logistics majority "
    "mandate market memorandum militia mine monitor morale motion navy neighbour observer "
    "offensive office opposition order outcome pact patrol payment peace pension pipeline "
    "pledge port presence pressure principle prison programme project protest province "
    "provision railway recovery regime relief republic rescue reserve restraint review right "
    "risk rule satellite school sector settlement shelter shipment signal society solidarity "
    "sovereignty space stability standard station statute stockpile supply surveillance "
    "system tariff tax technology tension territory timetable tradition transition transparency "
    "tribunal truce trust union university vaccine value vessel veto victory violence vision "
    "vote warning water weapon welfare withdrawal witness workforce"
)

PLURALS = _words(
    "partners operations regions allies forces troops ministers governments efforts measures "
    "talks sanctions reforms people families officials colleagues nations soldiers aircraft "
    "ships weapons resources teams leaders citizens communities questions issues results "
    "advisers analysts banks borders children civilians commanders companies countries courts "
    "delegates diplomats doctors donors engineers experts farmers fighters friends hospitals "
    "investors journalists judges lawmakers markets members neighbours negotiators observers "
    "parliaments patrols pilots planners prisoners refugees researchers schools students "
    "suppliers teachers towns veterans villages voters workers"
)

ADJECTIVES = _words(
    "strong clear important new common joint military political economic regional international "
    "national global difficult significant strategic long-term close full real fundamental "
    "urgent serious broad practical concrete essential active careful steady firm lasting "
    "ambitious balanced bold brief candid central civil collective complex constructive critical "
    "crucial decisive delicate direct durable effective efficient fair fragile frank generous "
    "genuine gradual historic honest immediate inclusive independent intense legal legitimate "
    "limited local major measured modest mutual narrow natural necessary open orderly peaceful "
    "permanent positive powerful pragmatic precise productive professional proper rapid "
    "realistic reasonable reliable remarkable responsible robust safe secure sensible shared "
    "simple sincere slow solid special stable substantial successful sustainable swift "
    "temporary thorough tough transparent unprecedented unique united useful valuable vital "
    "warm welcome wide wise"
)

ADVERBS = _words(
    "very clearly fully already closely firmly together quickly deeply strongly truly carefully "
    "certainly constantly directly entirely finally frankly genuinely gradually largely patiently "
    "readily really regularly seriously simply steadily actively openly"
)

VERBS_PRESENT = _words(
    "support continue strengthen discuss welcome expect believe review share build defend reinforce "
    "address increase reduce consider pursue maintain improve coordinate encourage deliver "
    "accept achieve adapt assess assure calculate challenge change clarify commit compare "
    "complete confront count create demand deploy describe design develop embrace enforce "
    "ensure establish evaluate examine expand explain extend finance follow fund guarantee "
    "guide help honour implement inform invest join launch lead limit measure monitor "
    "negotiate oppose organise prepare preserve prevent promote protect provide recognise "
    "reject renew respect restore secure shape solve sustain test train understand"
)

VERBS_PAST = _words(
    "agreed discussed decided announced reviewed welcomed noted confirmed stressed proposed "
    "outlined signed launched completed reaffirmed underlined presented approved accepted "
    "achieved adopted assessed challenged changed clarified compared created delivered deployed "
    "described designed developed doubled endorsed ensured established examined expanded "
    "explained extended financed followed funded guaranteed guided honoured implemented "
    "increased invested joined limited measured monitored negotiated opposed organised prepared "
    "preserved prevented promoted protected provided recognised rejected renewed respected "
    "restored secured shaped solved sustained tested trained"
)

MONTHS = _words("January February March April May June July August September October November December")

ORDINAL_WORDS = _words("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth")

NUMBER_WORDS = _words("two three four five six seven eight nine ten eleven twelve")

CONNECTORS = (", and ", ", but ", "; that is why ", ", because ", ", while ", " — and ")
"""Joins two clauses into one longer sentence."""

SENTENCE_TEMPLATES = (
    "We {vp} the {adj} {noun} with our {plural}.",
    "I {vp} that this {noun} is {adv} {adj} for the {noun2}.",
    "The {plural} {vpast} a {adj} {noun} on the {noun2}.",
    "Our {plural} will {vp} the {noun} in the {adj} {noun2}.",
    "It’s a {adj} {noun}, and we’re {adv} committed to the {noun2}.",
    "We’ve {vpast} the {noun} — and the {noun2} is {adj} — with our {plural}.",
    "As I said, the {noun} is “{adj}” and {adj2}.",
    "There is no {noun} without a {adj} {noun2}.",
    "Let me be {adj}: the {plural} {vp} the {noun}.",
    "That’s why the {noun} and the {noun2} must be {adj}.",
    "We {vpast} to {vp} the {adj} {noun} – step by step – with the {plural}.",
    "The {adj} {noun} of the {plural} is what we {vp}.",
    "Today we {vp} a {adj} {noun} for the {plural} of the {noun2}.",
    "I don’t think the {noun} is {adj}, but the {noun2} is.",
    "We will {adv} {vp} the {plural} and their {noun}.",
    "Our {noun} depends on the {adj} {noun2}…",
    "Our {plural} have {vpast} a {adj} {noun}, and the {noun2} will follow.",
    "The {noun} we {vpast} last year is {adv} {adj}.",
    "Nobody should doubt our {noun}: we will {vp} the {plural}.",
    "Between the {plural} and the {noun}, there is a {adj} {noun2}.",
    "If the {plural} {vp} the {noun}, the {noun2} will be {adj}.",
    "We are {adv} proud of the {plural} who {vpast} the {noun}.",
    "The {adj} {noun2} is not a {noun}; it is a {adj2} {noun}.",
    "I want to {vp} the {plural} for their {adj} {noun}.",
    "It is the {noun} of the {plural} that we {vpast} together.",
    "Our {noun} — {adj}, {adj2} and {adv} {adj} — will {vp} the {noun2}.",
)
"""Speech sentences; curly quotes, apostrophes, dashes and an ellipsis exercise verify's folding."""

QUESTION_TEMPLATES = (
    "Can you tell us more about the {adj} {noun}?",
    "What do you expect from the {noun} with the {plural}?",
    "Is the {noun} {adj} enough, in your view?",
    "How will the {plural} {vp} the {noun}?",
)

MODERATOR_TEMPLATES = (
    "Thank you. Next question, please.",
    "We have time for one more question.",
    "Please wait for the microphone.",
)
