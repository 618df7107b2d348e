"""Words the demo journal is made of: names from many places (accents, other scripts, right-to-
left), companies, and the kind of things freelancers hear and learn from clients."""

from __future__ import annotations

# (given names, family names); Latin-script cultures use given/family fields.
CULTURES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (
        (
            "Emma",
            "Oliver",
            "Amelia",
            "Jack",
            "Sophie",
            "Harry",
            "Grace",
            "Thomas",
            "Isla",
            "Noah",
            "Ruby",
            "Leo",
            "Freya",
            "Arthur",
            "Poppy",
            "Theo",
            "Evie",
            "Oscar",
        ),
        (
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Walker",
            "Wright",
            "Hughes",
            "O'Brien",
            "Clarke",
            "Bennett",
            "Fletcher",
            "Doyle",
            "Harper",
            "Kelly",
            "Lloyd",
            "Morgan",
            "Price",
        ),
    ),
    (
        (
            "Lucía",
            "Mateo",
            "Sofía",
            "Alejandro",
            "Martina",
            "Hugo",
            "Begoña",
            "Íñigo",
            "Nuria",
            "Pablo",
            "Carmen",
            "Álvaro",
            "Elena",
            "Joaquín",
            "Paula",
        ),
        (
            "García",
            "Fernández",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Núñez",
            "Ibáñez",
            "Romero",
            "Navarro",
            "Ortega",
            "Delgado",
            "Castillo",
            "Vázquez",
        ),
    ),
    (
        ("Jürgen", "Lena", "Maximilian", "Hannah", "Lukas", "Mia", "Björn", "Anneliese"),
        ("Müller", "Schäfer", "Weiß", "Köhler", "Groß", "Bäcker", "Schröder", "Vogt"),
    ),
    (
        ("Chloé", "Théo", "Léa", "Zoé", "Mathéo", "Inès", "Gaëlle", "François", "Anaïs"),
        ("Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Bélanger", "Côté", "Mercier"),
    ),
    (
        ("Åsa", "Søren", "Ingrid", "Ólafur", "Sigrún", "Mikkel", "Freja", "Eirik"),
        ("Ørsted", "Lindqvist", "Åberg", "Halvorsen", "Jónsdóttir", "Nygård", "Dahl"),
    ),
    (
        ("Agnieszka", "Łukasz", "Małgorzata", "Paweł", "Zofia", "Wojciech"),
        ("Kowalski", "Wiśniewska", "Wójcik", "Żak", "Dąbrowski", "Szymańska"),
    ),
    (
        ("Ayşe", "Mehmet", "Şule", "Emre", "Çağla", "İlker", "Gökhan"),
        ("Yılmaz", "Kaya", "Öztürk", "Çelik", "Şahin", "Aydın"),
    ),
    (
        ("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Meera"),
        ("Sharma", "Patel", "Iyer", "Gupta", "Reddy", "Nair", "Banerjee"),
    ),
    (
        ("João", "Conceição", "Gonçalo", "Inês", "Tiago", "Leonor", "Beatriz", "Rui", "Mariana"),
        (
            "Gonçalves",
            "Magalhães",
            "Araújo",
            "Simões",
            "Brandão",
            "Carvalho",
            "Ferreira",
            "Lopes",
            "Moreira",
            "Teixeira",
        ),
    ),
    (
        ("Layla", "Omar", "Yasmin", "Karim", "Nour", "Tariq", "Rania", "Samir", "Dalia"),
        ("Haddad", "Khalil", "Nasser", "Saleh", "Mansour", "Aziz", "Farouk", "Hamdan"),
    ),
    (
        ("Chidi", "Amara", "Tunde", "Ngozi", "Kwame", "Abena"),
        ("Okafor", "Adeyemi", "Mensah", "Eze", "Boateng", "Okonkwo"),
    ),
]

# Names written in their own script as one free-form name (family name first where usual),
# each with the Latin spelling its owner's e-mail address would use.
SINGLE_NAMES: tuple[tuple[str, str], ...] = (
    ("佐藤陽菜", "hina.sato"),
    ("鈴木大翔", "hiroto.suzuki"),
    ("王伟", "wei.wang"),
    ("李娜", "na.li"),
    ("张敏", "min.zhang"),
    ("김민준", "minjun.kim"),
    ("이서연", "seoyeon.lee"),
    ("ليلى حداد", "layla.haddad"),
    ("عمر خليل", "omar.khalil"),
    ("יעל כהן", "yael.cohen"),
    ("Ελένη Παπαδοπούλου", "eleni.papadopoulou"),
    ("Γιώργος Ιωάννου", "giorgos.ioannou"),
    ("Анна Смирнова", "anna.smirnova"),
    ("Дмитрий Волков", "dmitry.volkov"),
    ("Nguyễn Thị Mai", "mai.nguyen"),
    ("Trần Văn Đức", "duc.tran"),
    ("Dr. Okafor", "dr.okafor"),
)

# Middle initials, for when a given and family name are already taken by someone else.
MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTVW"

COMPANY_PATTERNS: tuple[str, ...] = (
    "Studio {noun}",
    "{family} & Partners",
    "{adjective} {noun}",
    "{noun} Labs",
    "{family} Consulting",
    "{adjective} {noun} GmbH",
    "{noun} Collective",
    "{family} Ltd",
)
COMPANY_NOUNS: tuple[str, ...] = (
    "Lumière",
    "Fjord",
    "Kiosk",
    "Harbour",
    "Orchard",
    "Atelier",
    "Compass",
    "Lantern",
    "Meridian",
    "Beacon",
    "Café",
    "Bäckerei",
    "Ferment",
    "Tessellate",
)
COMPANY_ADJECTIVES: tuple[str, ...] = (
    "Bright",
    "Quiet",
    "Northern",
    "Green",
    "Slow",
    "Clever",
    "Honest",
    "Østerbro",
)
JOB_TITLES: tuple[str, ...] = (
    "Founder",
    "Marketing lead",
    "Head of product",
    "Operations manager",
    "Creative director",
    "CTO",
    "Owner",
    "Programme manager",
    "Editor",
    "",
)
EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.org", "example.net", "mail.example")
LABELS_EMAIL: tuple[str, ...] = ("work", "home", "")
LABELS_PHONE: tuple[str, ...] = ("mobile", "work", "home")

TAGS: tuple[str, ...] = (
    "client",
    "designer",
    "developer",
    "agency",
    "startup",
    "nonprofit",
    "referrer",
    "conference",
    "local",
    "remote",
    "vip",
    "friend",
    "mentor",
    "partner",
)
TAG_CADENCES: dict[str, int] = {"vip": 30, "mentor": 60}

HOW_MET: tuple[str, ...] = (
    "Met at a conference in Lisbon",
    "Introduced by a mutual friend",
    "Found my portfolio online",
    "Former colleague",
    "Same co-working space",
    "Wrote to me after a meetup talk",
    "Neighbour of a client",
    "Replied to my newsletter",
    "",
)

TOPICS: tuple[str, ...] = (
    "their website redesign",
    "the new onboarding flow",
    "a brand refresh",
    "moving their shop online",
    "translating the catalogue",
    "the quarterly report",
    "hiring a second designer",
    "pricing for the next season",
    "the accessibility audit",
    "a workshop for their team",
    "the mobile app launch",
    "their grant application",
)
NOTES: tuple[str, ...] = (
    "Caught up about {topic}. They are happy with progress so far.",
    "Long call about {topic}; budget is tight until spring.",
    "Coffee near their office. Mostly talked about {topic} and their kids.",
    "Quick check-in on {topic}. No blockers.",
    "They want to revisit {topic} after the holidays.",
    "Walked them through options for {topic}; they'll decide next week.",
    "Shared a draft for {topic}. Good feedback, a few changes.",
    "Met at an event; chatted about {topic}.",
)
LEARNED: tuple[str, ...] = (
    "Clients prefer a fixed price over hourly rates for small projects.",
    "Their customers mostly find them through word of mouth.",
    "Decisions are made by the finance team, not marketing.",
    "They value a short written summary after every call.",
    "Small businesses here budget in January; pitch in November.",
    "Accessibility is becoming a legal requirement for them.",
    "They distrust agencies after a bad experience; a freelancer feels safer.",
    "Video calls tire them; a phone call works better.",
    "They measure success by fewer support e-mails, not page views.",
    "Their peers all ask the same question: how to price a retainer.",
)
ASKED: tuple[str, ...] = (
    "a quote for {topic}",
    "examples of similar work",
    "an introduction to a good accountant",
    "advice on choosing a hosting provider",
    "a proposal by Friday",
    "whether I do maintenance retainers",
    "help with {topic}",
)
NEXT_STEPS: tuple[str, ...] = (
    "Send the proposal",
    "Share the draft",
    "Introduce them to a copywriter",
    "Follow up on the invoice",
    "Book the workshop date",
    "Send references",
)
FAVOURS_I_OWE: tuple[tuple[str, str], ...] = (
    ("intro", "Introduce them to my accountant"),
    ("testimonial", "Write a LinkedIn recommendation"),
    ("advice", "Review their pitch deck"),
    ("loan", "Return the borrowed camera"),
    ("referral", "Send a client their way"),
)
FAVOURS_THEY_OWE: tuple[tuple[str, str], ...] = (
    ("testimonial", "Promised a testimonial for my site"),
    ("intro", "Offered an intro to their marketing lead"),
    ("money", "Owes me for the shared conference booth"),
    ("referral", "Said they'd pass my name to a friend"),
    ("advice", "Will explain how they price retainers"),
)
PURCHASES: tuple[str, ...] = (
    "Website redesign",
    "Brand identity",
    "Monthly retainer",
    "Workshop for the team",
    "Catalogue translation",
    "App prototype",
    "Accessibility audit",
    "Annual report design",
)
CURRENCIES: tuple[str, ...] = ("EUR", "EUR", "EUR", "USD", "GBP")
REMINDERS: tuple[str, ...] = (
    "Send the quarterly newsletter",
    "Renew the portfolio domain",
    "Ask for a testimonial",
    "Invoice the retainer",
)

# What a happy client said, noted in their words (conversations marked "they praised my
# work"; referral templates quote it as {praise}).
PRAISE: tuple[str, ...] = (
    "The new checkout made ordering so much easier that our regulars noticed.",
    "The whole project felt calm: no surprises, no jargon.",
    "It is the first report our board actually read to the end.",
    "Your workshop changed how our team writes to customers.",
    "The site finally works well on phones, and people tell us so.",
    "The translation reads as if it had been written in our own language.",
)
