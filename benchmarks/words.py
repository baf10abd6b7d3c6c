"""Word lists and sentence templates from which the synthetic corpus builds English-like speech."""

from __future__ import annotations

FIRST_NAMES = (
    "Ada Alan Alice Amir Anna Arturo Beatrix Bruno Camille Carlos Chen Clara Daniel Dara Elena Emil "
    "Fatima Felix Greta Hana Hugo Ines Ivan Jamal Jana Jonas Karim Katarina Laila Leon Lucia Malik "
    "Marta Mateo Nadia Nils Noor Olga Omar Paula Pavel Priya Rafael Rosa Samir Sara Sofia Tariq "
    "Teresa Tomas Ulla Vera Viktor Wanda Yara Yusuf Zofia"
).split()

LAST_NAMES = (
    "Abbott Adeyemi Almeida Andersen Bakker Barros Bianchi Brandt Carvalho Castillo Costa Dahl "
    "Delacroix Dubois Eriksen Esposito Fischer Fontaine Garcia Gomes Haddad Hansen Ibrahim Ivanova "
    "Jansen Kaplan Keller Kowalski Larsen Laurent Lindqvist Lopez Marino Meyer Moreau Nakamura "
    "Novak Okafor Olsen Petrov Quinn Ramos Rossi Said Santos Schmidt Silva Sorensen Tanaka Torres "
    "Varga Vogel Weber Yilmaz Zhang Zimmermann"
).split()

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
    "Ministry of Defence", "Department of Defense", "Ministry of Foreign Affairs", "Department of State",
    "Cabinet Office", "Joint Staff", "Embassy",
)

COUNTRIES = ("FR", "US", "GB", "DE", "IT", "ES", "NL", "PL", "SE", "NO", "DK", "BE", "PT", "GR", "CA")

PLACES = (
    "Paris, France", "Washington, D.C., United States", "London, United Kingdom", "Berlin, Germany",
    "Rome, Italy", "Madrid, Spain", "The Hague, Netherlands", "Warsaw, Poland", "Stockholm, Sweden",
    "Oslo, Norway", "Brussels, Belgium", "Lisbon, Portugal", "Athens, Greece", "Ottawa, Canada",
)

NOUNS = (
    "coalition partner campaign operation region strategy alliance agreement government minister "
    "meeting conference security mission force ally border budget framework treaty council summit "
    "effort crisis community capacity commitment challenge threat response support progress priority "
    "decision plan negotiation partnership relationship cooperation dialogue initiative situation "
    "process report proposal measure policy position resolution sanction deployment training "
    "equipment intelligence command defence economy energy trade reform election parliament "
    "population refugee city village infrastructure network question answer issue result"
).split()

PLURALS = (
    "partners operations regions allies forces troops ministers governments efforts measures "
    "talks sanctions reforms people families officials colleagues nations soldiers aircraft "
    "ships weapons resources teams leaders citizens communities questions issues results"
).split()

ADJECTIVES = (
    "strong clear important new common joint military political economic regional international "
    "national global difficult significant strategic long-term close full real fundamental "
    "urgent serious broad practical concrete essential active careful steady firm lasting"
).split()

ADVERBS = "very clearly fully already closely firmly together quickly deeply strongly truly".split()

VERBS_PRESENT = (
    "support continue strengthen discuss welcome expect believe review share build defend reinforce "
    "address increase reduce consider pursue maintain improve coordinate encourage deliver"
).split()

VERBS_PAST = (
    "agreed discussed decided announced reviewed welcomed noted confirmed stressed proposed "
    "outlined signed launched completed reaffirmed underlined presented approved"
).split()

MONTHS = (
    "January February March April May June July August September October November December"
).split()

ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
).split()

NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()

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
