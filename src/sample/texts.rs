//! Phrases for synthetic summaries: plausible, varied, and clearly sample data.

pub const OPENINGS: [&str; 8] = [
    "In {regio} begon het met een werkatelier waarin leerplicht, onderwijs en jeugdhulp voor het eerst samen aan tafel zaten.",
    "Het samenwerkingsverband {naam} koos ervoor klein te beginnen: eerst het netwerk versterken, daarna de vragen van kinderen oppakken.",
    "In {regio} stond dit schooljaar het gesprek met ouders centraal: luisteren zonder oordeel en samen zoeken naar wat wél kan.",
    "Voor {naam} was de waarderende insteek nieuw. Door te kijken naar wat al goed gaat, kwam er ruimte voor andere oplossingen.",
    "De regio {regio} heeft een vast kernteam gevormd dat elke maand casuïstiek bespreekt vanuit de vraag: wat werkt hier?",
    "In {regio} sloten naast scholen en leerplicht ook zorgaanbieders en een ervaringsdeskundige ouder aan bij de werkateliers.",
    "{naam} zette in op zachte overgangen: van zorg naar school, van thuis naar een eerste uur in de klas.",
    "Wat in {regio} vastzat, kwam in beweging toen professionals de tijd namen om het kind echt te leren kennen.",
];

pub const MIDDLES: [&str; 8] = [
    "Een aantal jeugdigen dat lang thuis zat, volgt nu weer een deel van de week onderwijs, soms op school en soms op een andere plek.",
    "De lijnen tussen leerplicht en het samenwerkingsverband zijn korter geworden; vragen worden sneller samen opgepakt.",
    "Ouders geven aan dat ze zich gehoord voelen en weer vertrouwen hebben in de mensen om hen heen.",
    "Het netwerk leerde te vertragen: niet meteen een oplossing, maar eerst samen begrijpen wat een kind nodig heeft.",
    "Er is een klein budget vrijgemaakt voor maatwerk, zodat ideeën die buiten de gewone kaders vallen toch kunnen starten.",
    "De werkwijze van WEL is opgenomen in het ondersteuningsplan, zodat die niet afhangt van een paar enthousiaste mensen.",
    "In gesprekken met jongeren bleek hoe belangrijk één vaste begeleider is, iemand die blijft, ook als het even tegenzit.",
    "Door casussen opnieuw te bekijken, vonden professionals bij bijna elk kind een nieuwe ingang voor ontwikkeling.",
];

pub const ENDINGS: [&str; 6] = [
    "Volgend schooljaar wil de regio meer scholen betrekken en de ervaringen delen met buurregio's.",
    "De komende tijd richt de regio zich op het vasthouden van wat werkt, ook na afloop van de subsidie.",
    "De volgende stap is om ook jeugdigen die wel ingeschreven staan maar niet naar school gaan eerder in beeld te krijgen.",
    "De regio blijft investeren in het netwerk, omdat daar de basis ligt voor elke volgende stap.",
    "Het kernteam gaat de werkateliers zelfstandig voortzetten, met ondersteuning van de projectgroep waar dat nodig is.",
    "Er komt een vast moment per kwartaal om met ouders en jongeren terug te kijken op wat waardevol was.",
];

/// The summary of an SWV that joined this school year and has little to tell yet.
pub const NEWCOMER: &str = "{naam} sloot dit schooljaar aan bij WEL in Ontwikkeling. Het eerste werkatelier bracht leerplicht, scholen en jeugdhulp in {regio} bij elkaar; de komende tijd gaat het kernteam de eerste vragen van kinderen en ouders oppakken.";

pub const WHAT_WORKS: [&str; 14] = [
    "Ouders zien als deskundigen van hun kind",
    "Eén vaste begeleider die blijft",
    "Het tempo van het kind volgen",
    "Korte lijnen tussen leerplicht, school en zorg",
    "Beginnen bij dromen en interesses van het kind",
    "Tijd nemen voordat er een oplossing komt",
    "Een vrij te besteden budget voor maatwerk",
    "Onderwijs op een andere plek, stap voor stap terug",
    "Succes vieren, hoe klein ook",
    "Samen aan tafel, met hooguit vijf mensen",
    "Eerlijk zeggen als je het zelf ook niet weet",
    "Aandacht voor talenten buiten de schoolvakken",
    "Zachte overgangen tussen zorg en school",
    "Vragen wat iemand morgen anders gaat doen",
];

pub const EXAMPLES: [(&str, &str); 12] = [
    (
        "Een vaste plek in de bibliotheek",
        "Twee ochtenden per week leert een groep jongeren in de bibliotheek, met een leerkracht en een jongerenwerker. Voor wie de school te druk is, is dit een eerste stap terug.",
    ),
    (
        "Het kernteam op bezoek",
        "Het kernteam bezocht een buurregio om te zien hoe daar casussen worden besproken. De vaste vraag ‘wat werkt hier al?’ namen ze mee naar huis.",
    ),
    (
        "Ouders als gesprekspartner",
        "Ervaringsdeskundige ouders denken mee in het werkatelier en bij de aanpak van nieuwe casussen. Andere ouders voelen zich daardoor sneller begrepen.",
    ),
    (
        "Zachte start na de zomer",
        "Een jongere begint na de zomer met één uur per dag op school, in een rustig lokaal. Elke twee weken wordt samen bekeken of er een uur bij kan.",
    ),
    (
        "Leerkracht op de fiets",
        "Een leerkracht komt twee ochtenden per week thuis langs. Eerst om kennis te maken, daarna om samen te leren. Na enkele maanden volgde het eerste uur op school.",
    ),
    (
        "Keukentafelgesprekken",
        "Leerplicht en de intern begeleider voeren het eerste gesprek bij het gezin thuis, zonder agenda. De vraag is steeds: wat gaat er goed, en wat is de volgende kleine stap?",
    ),
    (
        "Maatwerkklas",
        "Een kleine groep leerlingen krijgt les in een rustige ruimte, met veel ruimte voor eigen interesses. Het rooster wordt per leerling opgebouwd.",
    ),
    (
        "Leren in de werkplaats",
        "Een jongere die vastliep op school, leert nu in een fietsenwerkplaats. Taal en rekenen komen aan bod via het werk zelf.",
    ),
    (
        "Moreel beraad",
        "Bij lastige afwegingen bespreken professionals de casus in een moreel beraad. Dat geeft rust en helpt om samen een keuze te maken.",
    ),
    (
        "De hulphond",
        "Voor een kind met veel angst bleek een hulphond de sleutel: met de hond erbij lukte het weer om het schoolplein op te gaan.",
    ),
    (
        "Werkatelier met ouders",
        "In het werkatelier schoof een ervaringsdeskundige ouder aan. Haar verhaal veranderde het gesprek: van dossiers naar kinderen.",
    ),
    (
        "Onderwijs buiten de muren",
        "Een deel van het onderwijs vindt plaats in de natuur en in de bibliotheek. Zo komt leren weer binnen bereik voor wie de school even niet aankan.",
    ),
];

pub const QUOTES: [(&str, &str); 15] = [
    (
        "Ik hoefde niet meer elke keer opnieuw ons hele verhaal te vertellen.",
        "ouder",
    ),
    (
        "Op de werkplaats snap ik ineens waarom ik moet rekenen.",
        "jongere",
    ),
    (
        "Ik heb geleerd dat niet weten ook een begin kan zijn.",
        "professional",
    ),
    ("Mijn dochter lacht weer als ze over school praat.", "ouder"),
    (
        "Niemand zei meer dat ik het moest proberen. Ik mocht het zelf kiezen.",
        "jongere",
    ),
    (
        "Samen met leerplicht aan de keukentafel: dat had ik tien jaar geleden niet kunnen bedenken.",
        "professional",
    ),
    (
        "Voor het eerst vroeg iemand wat mijn zoon zelf wil leren.",
        "ouder",
    ),
    (
        "Ze lieten me zijn wie ik ben. Daardoor durfde ik weer.",
        "jongere",
    ),
    (
        "We zijn gaan kijken naar wat wél werkt, en dat gaf iedereen energie.",
        "professional",
    ),
    ("Het hielp dat niemand haast had.", "ouder"),
    (
        "Mijn begeleider bleef, ook toen het even niet ging.",
        "jongere",
    ),
    (
        "Ik zit nu met andere ogen aan tafel: eerst luisteren, dan pas denken in aanbod.",
        "professional",
    ),
    (
        "Eindelijk voelde ik me geen lastige ouder meer, maar een partner.",
        "ouder",
    ),
    ("Kleine stappen, maar wel mijn eigen stappen.", "jongere"),
    (
        "De korte lijnen met leerplicht maken dat we sneller kunnen schakelen.",
        "professional",
    ),
];
