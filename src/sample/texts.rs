//! Phrases for synthetic summaries: plausible, varied, and clearly sample data. Openings fit
//! how long an SWV has taken part when it writes; every quote and every example is used by at
//! most one SWV (see `Voices` in mod.rs), as real returns would be.

/// Openings of an SWV in its first school year in the programme (with figures).
pub const OPENINGS_FIRST: [&str; 4] = [
    "{naam} deed dit schooljaar voor het eerst mee. Het eerste werkatelier bracht leerplicht, scholen en jeugdhulp in {regio} aan één tafel, en dat smaakte naar meer.",
    "In {regio} begon WEL dit schooljaar met een kleine kerngroep die de eerste vastgelopen situaties opnieuw bekeek, met de vraag wat er al wél werkt.",
    "Voor {naam} was de waarderende insteek dit eerste jaar nieuw. Door te kijken naar wat al goed gaat, kwam er ruimte voor andere oplossingen.",
    "Het eerste jaar in {regio} stond in het teken van kennismaken: wie doet wat, wie kent welk kind, en waar lopen ouders tegenaan?",
];

/// Openings of an SWV in its second school year.
pub const OPENINGS_SECOND: [&str; 4] = [
    "In zijn tweede jaar bij WEL koos {naam} ervoor het netwerk te verbreden: naast scholen en leerplicht schoven nu ook zorgaanbieders aan.",
    "Na een eerste jaar van verkennen ging {regio} dit schooljaar van praten naar doen: het kernteam pakte zelf vastgelopen situaties op.",
    "In {regio} stond het tweede jaar in het teken van het gesprek met ouders: luisteren zonder oordeel en samen zoeken naar wat wél kan.",
    "{naam} bouwde dit schooljaar voort op de eerste werkateliers. Wat toen een experiment was, werd een vaste manier van overleggen.",
];

/// Openings of an SWV that has taken part for three years or more.
pub const OPENINGS_LONGER: [&str; 6] = [
    "Sinds de start heeft {naam} een vast kernteam dat elke maand vastgelopen situaties bespreekt vanuit de vraag: wat werkt hier?",
    "In {regio} is WEL geen project meer maar een manier van werken. Dit schooljaar sloten ook zorgaanbieders en een ervaringsdeskundige ouder vast aan.",
    "{naam} zette de afgelopen jaren in op zachte overgangen: van zorg naar school, van thuis naar een eerste uur in de klas.",
    "Wat in {regio} vastzat, kwam in beweging toen professionals de tijd namen om het kind echt te leren kennen. Dat is inmiddels de gewone gang van zaken.",
    "Na {jaren} jaar WEL kijkt {naam} vooral naar wat blijft: het netwerk, de korte lijnen en de gewoonte om eerst te vragen wat een kind zelf wil.",
    "In {regio} schuiven ouders en jongeren inmiddels standaard aan bij het werkatelier. Dat veranderde de toon van elk gesprek.",
];

/// The summaries of SWVs that joined this school year and have no figures on children yet,
/// one of their own each (two paragraphs: what the start was like, what comes next).
pub const NEWCOMERS: [&str; 3] = [
    "{naam} sloot dit schooljaar aan bij WEL in Ontwikkeling. Het eerste werkatelier bracht leerplicht, scholen en jeugdhulp in {regio} bij elkaar; voor veel deelnemers was het de eerste keer dat ze samen om tafel zaten zonder dat er al een dossier lag.\n\nHet kernteam gebruikte de rest van het jaar om de eerste vragen van kinderen en ouders op te halen. Cijfers over jeugdigen volgen zodra die gesprekken gevoerd zijn.",
    "In {regio} begon WEL dit schooljaar met een vraag van een leerplichtambtenaar: waarom zien we sommige kinderen pas als het al lang misgaat? {naam} nodigde scholen, wijkteams en de jeugdarts uit om daar in een werkatelier samen naar te kijken.\n\nDe deelnemers spraken af eerst te luisteren voordat er plannen komen. Het kernteam plant waarderende interviews met ouders en jongeren; wat daaruit komt, bepaalt de volgende stap.",
    "{naam} is nieuw in WEL in Ontwikkeling en koos ervoor klein te beginnen: met mensen uit onderwijs, zorg en leerplicht die in {regio} al vaker met elkaar te maken hadden, maar nog nooit samen vanuit het kind hadden gedacht.\n\nDat gesprek smaakte naar meer. Volgend schooljaar wil het kernteam de eerste kinderen en ouders spreken en hun verhalen meenemen naar het volgende werkatelier.",
];

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

/// Examples of local practice, each used by at most one SWV.
pub const EXAMPLES: [(&str, &str); 80] = [
    (
        "Een vaste plek in de bibliotheek",
        "Twee ochtenden per week leert een groep jongeren in de bibliotheek, met een leerkracht en een jongerenwerker. Voor wie de school te druk is, is dit een eerste stap terug.",
    ),
    (
        "Het kernteam op bezoek",
        "Het kernteam bezocht een buurregio om te zien hoe daar vastgelopen situaties worden besproken. De vaste vraag ‘wat werkt hier al?’ namen ze mee naar huis.",
    ),
    (
        "Ouders als gesprekspartner",
        "Ervaringsdeskundige ouders denken mee in het werkatelier en bij de aanpak van nieuwe vragen. Andere ouders voelen zich daardoor sneller begrepen.",
    ),
    (
        "Zachte start na de zomer",
        "Een jongere begint na de zomer met één uur per dag op school, in een rustig lokaal. Elke twee weken wordt samen bekeken of er een uur bij kan.",
    ),
    (
        "Leerkracht op de fiets",
        "Een leerkracht komt twee ochtenden per week thuis langs: eerst om kennis te maken, daarna om samen te leren. Na enkele maanden volgde het eerste uur op school.",
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
        "Bij lastige afwegingen bespreken professionals de situatie in een moreel beraad. Dat geeft rust en helpt om samen een keuze te maken.",
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
        "Een deel van het onderwijs vindt plaats in de natuur. Zo komt leren weer binnen bereik voor wie de school even niet aankan.",
    ),
    (
        "Een stageplek als begin",
        "Een jongere die al een jaar thuis zat, begon met een snuffelstage bij een dierenasiel. Vanuit die stage groeide de wens om weer een diploma te halen.",
    ),
    (
        "Het loket dat geen loket is",
        "Ouders kunnen elke week binnenlopen bij een koffieochtend in het buurthuis. Leerplicht en het samenwerkingsverband zijn er, zonder afspraak en zonder formulier.",
    ),
    (
        "Samen met de huisarts",
        "De praktijkondersteuner jeugd van de huisarts schuift aan bij het kernteam. Zo komen vragen over gezondheid en school eerder bij elkaar.",
    ),
    (
        "Een rustige ingang",
        "Een school richtte een eigen ingang in met een kleine ontvangstruimte. Wie de drukte van de hoofdingang niet aankan, komt hier binnen en wordt opgevangen.",
    ),
    (
        "Muziek als brug",
        "Een jongere die nergens meer over wilde praten, maakte wel muziek. De muziekdocent werd de eerste schakel terug naar school.",
    ),
    (
        "Leren op afstand, met een maatje",
        "Een leerling volgt een deel van de lessen online, met een vast maatje uit de klas dat na elke les even belt. Zo blijft het contact met de groep bestaan.",
    ),
    (
        "Eén plan, één gesprek",
        "Zorg, school en gemeente maakten voor een gezin één gezamenlijk plan. Ouders hoefden hun verhaal nog maar één keer te vertellen.",
    ),
    (
        "De ouder als ervaringsdeskundige",
        "Een moeder die zelf jaren zocht naar passend onderwijs, begeleidt nu andere ouders in het eerste gesprek. Dat geeft vertrouwen dat er iemand naast je staat.",
    ),
    (
        "Terug via de sportclub",
        "De voetbaltrainer bleek voor een jongere de persoon die hij vertrouwde. Via de club werden de eerste afspraken met school gemaakt.",
    ),
    (
        "Een dag per week op de boerderij",
        "Een zorgboerderij biedt een vaste dag in de week leren en werken met dieren. Voor een aantal jongeren is dat de plek waar ze weer tot rust komen.",
    ),
    (
        "Intervisie voor leerplicht",
        "De leerplichtambtenaren uit de regio bespreken eens per maand samen een vastgelopen situatie. Ze leren van elkaars aanpak en durven vaker af te wijken van het protocol.",
    ),
    (
        "Samen de overstap voorbereiden",
        "Voor de overstap naar het voortgezet onderwijs bezoekt een leerling eerst een paar keer de nieuwe school, met de vertrouwde leerkracht erbij.",
    ),
    (
        "Een kamer in de wijk",
        "In een wijkcentrum is een lokaal ingericht waar jongeren in hun eigen tempo werken. Een leerkracht en een jongerencoach zijn er elke ochtend.",
    ),
    (
        "De jongere aan het woord",
        "In het werkatelier vertelde een jongere zelf wat hem had geholpen. Daarna veranderde de vraag van ‘wat moet hij?’ in ‘wat wil hij?’.",
    ),
    (
        "Van zorg naar school",
        "Een dagbehandeling en een school maakten afspraken over een geleidelijke overstap. De begeleider van de zorg gaat de eerste weken mee de klas in.",
    ),
    (
        "Creatief atelier",
        "Jongeren die vastliepen werken in een atelier aan eigen projecten, van tekenen tot timmeren. Taal en rekenen komen terug in wat ze maken.",
    ),
    (
        "Een flexibel rooster",
        "Een school maakte het mogelijk dat een leerling later begint en eerder stopt. Omdat de dag korter werd, lukte het weer om elke dag te komen.",
    ),
    (
        "Buurregio's leren van elkaar",
        "Twee samenwerkingsverbanden organiseren samen een werkatelier per halfjaar. Wat in de ene regio werkt, wordt in de andere uitgeprobeerd.",
    ),
    (
        "Een budget zonder formulier",
        "Het kernteam mag een klein bedrag uitgeven zonder aanvraag vooraf. Zo kon een jongere meteen beginnen aan een cursus die hem motiveerde.",
    ),
    (
        "Op pad met de jongerenwerker",
        "Een jongerenwerker zocht een jongere op waar hij was: op straat en in de sporthal. Pas na weken kwam het gesprek over school.",
    ),
    (
        "De klas komt op bezoek",
        "Klasgenoten stuurden een leerling die lang thuis zat elke week een bericht. Toen ze op bezoek kwamen, was de stap naar school ineens kleiner.",
    ),
    (
        "Een time-out die werkt",
        "Een leerling mag zelf kiezen wanneer ze even naar een stille ruimte gaat. Sinds ze die regie heeft, is ze veel minder vaak afwezig.",
    ),
    (
        "Vrijstelling opnieuw bekeken",
        "Samen met ouders bekeek het kernteam of een vrijstelling nog past bij wat het kind nu kan. Er bleek meer mogelijk dan gedacht.",
    ),
    (
        "Leren in de bakkerij",
        "Een jongere werkt drie ochtenden in een bakkerij en volgt de rest van de week les. Het vakmanschap van de bakker gaf hem zelfvertrouwen terug.",
    ),
    (
        "Een gesprek met de hele familie",
        "In een familiegroepsplan bedachten familie en buren samen hoe ze een gezin konden steunen. School was er ook bij, als een van de gasten aan tafel.",
    ),
    (
        "Voorlezen op de zorgboerderij",
        "Op een zorgboerderij leest een vrijwilliger elke week voor aan jonge kinderen die niet naar school gaan. Zo blijft taal een deel van hun week.",
    ),
    (
        "Een vaste contactpersoon",
        "Elk gezin dat zich meldt, krijgt één vaste contactpersoon bij het samenwerkingsverband. Die blijft, ook als het kind van school wisselt.",
    ),
    (
        "Podcast van jongeren",
        "Jongeren maakten een podcast over hun weg terug naar leren. Die wordt nu gebruikt in de werkateliers met professionals.",
    ),
    (
        "Een mentor voor ouders",
        "Ouders die zelf vastliepen met school, krijgen een vaste gesprekspartner. Die helpt bij afspraken en gaat mee als ouders dat willen.",
    ),
    (
        "Leren in het dorpshuis",
        "In een dorp zonder eigen school leren jongeren twee dagen per week in het dorpshuis. Een leerkracht uit de stad komt naar hen toe.",
    ),
    (
        "Samen koken, samen rekenen",
        "In de keuken van het buurthuis koken jongeren elke week een lunch. Wegen, rekenen en boodschappen doen zijn de lessen van die dag.",
    ),
    (
        "Een kaart van het netwerk",
        "Het kernteam tekende op één vel wie in de regio wat doet voor kinderen die niet naar school gaan. Die kaart hangt nu op elke school.",
    ),
    (
        "Terug naar de eigen klas",
        "Een leerling die maanden thuis was, kwam eerst terug in de pauzes, daarna voor één vak. Zijn klas bereidde zich samen met de mentor voor.",
    ),
    (
        "Spreekuur op de huisartsenpost",
        "Eens per maand houdt leerplicht spreekuur in het gezondheidscentrum. Ouders komen daar makkelijker binnen dan op het gemeentehuis.",
    ),
    (
        "Leren in de dierentuin",
        "Een groep jongeren werkt een ochtend per week mee in een kinderboerderij. Biologie en verantwoordelijkheid gaan daar vanzelf samen.",
    ),
    (
        "Een plek voor rust",
        "Een school richtte een prikkelarme ruimte in met een vaste begeleider. Leerlingen die overprikkeld raken, kunnen daar even op adem komen.",
    ),
    (
        "Van thuisonderwijs naar de klas",
        "Een leerling kreeg eerst les via een scherm vanuit huis. Stap voor stap verhuisde het scherm naar de school, en daarna de leerling.",
    ),
    (
        "Wandelen als gesprek",
        "Een jongerencoach voert de gesprekken tijdens een wandeling. Naast elkaar lopen blijkt voor veel jongeren makkelijker dan tegenover elkaar zitten.",
    ),
    (
        "Een schoolkeuze zonder haast",
        "Een gezin mocht drie scholen bezoeken voordat er iets besloten werd. De jongere koos zelf, en die keuze hield stand.",
    ),
    (
        "Ervaringsverhalen in het werkatelier",
        "In elk werkatelier vertelt een ouder of jongere eerst het eigen verhaal. Professionals zeggen dat ze daarna anders naar hun eigen dossiers kijken.",
    ),
    (
        "Het netwerk aan één tafel",
        "School, jeugdarts, leerplicht en jeugdhulp bespreken een vastgelopen situatie in één overleg, met ouders erbij. Afspraken worden meteen gemaakt.",
    ),
    (
        "Technieklokaal als startpunt",
        "Een vmbo-school opende het technieklokaal voor jongeren die thuis zaten. Wie eerst met de handen werkt, durft later weer een theorieles aan.",
    ),
    (
        "Een vaste dag bij de bieb",
        "Een jongere zonder school werkt elke dinsdag als vrijwilliger in de bibliotheek. Lezen en plannen oefent zij zonder dat het als les voelt.",
    ),
    (
        "Samen naar de open dag",
        "Een begeleider ging mee naar de open dag van een mbo-opleiding. De jongere durfde daarna zelf een afspraak voor een intake te maken.",
    ),
    (
        "Kleine groep, vaste gezichten",
        "Een school werkt met een groep van hooguit acht leerlingen met steeds dezelfde twee leerkrachten. Voorspelbaarheid bleek het belangrijkste.",
    ),
    (
        "Een budget voor een laptop",
        "Met het maatwerkbudget kreeg een jongere een laptop om thuis aan opdrachten te werken. Het was de eerste stap naar contact met een docent.",
    ),
    (
        "Het verhaal van de leerling",
        "Bij elke nieuwe school hoeft een leerling zijn verhaal niet opnieuw te vertellen: hij schreef het zelf op, en bepaalt wie het mag lezen.",
    ),
    (
        "Leerplicht als bondgenoot",
        "Leerplicht begint elk gesprek met de vraag wat er nodig is, niet met de regels. Ouders bellen sindsdien zelf als het misgaat.",
    ),
    (
        "Muziekles als eerste les",
        "Een leerling die niet meer naar school ging, kreeg eerst alleen muziekles op school. Vanuit het muzieklokaal volgde later de rest van het rooster.",
    ),
    (
        "Samen met de wijkagent",
        "De wijkagent kent veel jongeren die overdag op straat zijn. Hij brengt ze in contact met de jongerenwerker, die het gesprek over school opent.",
    ),
    (
        "Een jaar later terugkijken",
        "Een jaar na de start kijkt het kernteam met elk gezin terug: wat hielp, wat niet? De antwoorden bepalen de agenda van het volgende werkatelier.",
    ),
    (
        "Zorg op school",
        "Een zorgaanbieder geeft de behandeling op school in plaats van in de praktijk. Zo hoeft een leerling niet steeds halve dagen te missen.",
    ),
    (
        "Tuinieren met een doel",
        "In een moestuin leren jongeren plannen, meten en samenwerken. De oogst gaat naar de voedselbank, en daar zijn ze trots op.",
    ),
    (
        "Overstap met een warme overdracht",
        "Bij de overstap naar het voortgezet onderwijs praten de oude en de nieuwe mentor samen met het gezin. Niemand begint bij nul.",
    ),
    (
        "Een rooster op maat",
        "Een school stelde voor een leerling een rooster samen met alleen de vakken die zij aankon. Elk kwartaal komt er een vak bij.",
    ),
    (
        "Gamen als ingang",
        "Een jongere die alleen nog gamede, kreeg via een e-sportsclub weer contact met leeftijdgenoten. Daar ontstond het plan om een opleiding te kiezen.",
    ),
    (
        "Thuiszitterstafel wordt kansentafel",
        "De regio noemde het overleg over thuiszitters om tot kansentafel. De naam veranderde ook de vragen die er gesteld worden.",
    ),
    (
        "Een vrijwilliger als maatje",
        "Een gepensioneerde leraar is maatje van een jongere en helpt met huiswerk. Het vaste contact gaf de jongere houvast.",
    ),
    (
        "Les op de manege",
        "Een meisje met veel angst volgde eerst lessen op een manege, met een leerkracht erbij. Het paard gaf haar de rust om te leren.",
    ),
    (
        "Korte lijnen met de jeugdarts",
        "De jeugdarts belt binnen een week terug als leerplicht twijfelt over een vrijstelling. Samen kijken ze wat het kind wel kan.",
    ),
    (
        "Een film over de werkwijze",
        "Jongeren maakten een korte film over hun weg terug naar school. De film opent nu elk werkatelier in de regio.",
    ),
    (
        "Buiten leren in het bos",
        "Een groep leert een dag per week in het bos, met een leerkracht en een natuurgids. Rekenen en taal gaan over wat ze daar zien.",
    ),
    (
        "Het stille uur",
        "Een school begint elke dag met een stil uur waarin leerlingen zelf werken. Voor sommigen is dat het moment waarop ze wel durven te komen.",
    ),
    (
        "Ouderavond anders",
        "In plaats van een ouderavond organiseert de school een koffieochtend. Ouders van leerlingen die thuis zaten, komen daar wel.",
    ),
    (
        "Een app voor contact",
        "Leerling en mentor houden contact via een app met korte vragen: hoe gaat het, wat lukt er? Zo blijft de lijn open, ook op slechte dagen.",
    ),
    (
        "Van werkplaats naar diploma",
        "Een jongere die in een garage begon, volgt nu een erkende opleiding in de techniek. De garagehouder werd zijn leermeester.",
    ),
    (
        "Terugkomdag voor professionals",
        "Een halfjaar na het werkatelier komen de deelnemers terug om te vertellen wat ze anders zijn gaan doen. Dat houdt de werkwijze levend.",
    ),
    (
        "Een bijbaan als opstap",
        "Een bijbaan in een supermarkt gaf een jongere weer structuur in de week. Met de werkgever is afgesproken dat school voorgaat.",
    ),
];

/// Quotes of parents, each used by at most one SWV.
pub const QUOTES_OUDER: [&str; 28] = [
    "Ik hoefde niet meer elke keer opnieuw ons hele verhaal te vertellen.",
    "Mijn dochter lacht weer als ze over school praat.",
    "Voor het eerst vroeg iemand wat mijn zoon zelf wil leren.",
    "Het hielp dat niemand haast had.",
    "Eindelijk voelde ik me geen lastige ouder meer, maar een partner.",
    "Ze keken niet naar wat er mis was, maar naar wat hij goed kan.",
    "Ik werd gebeld om te vragen hoe het ging, niet omdat er iets mis was.",
    "We zaten met z'n allen aan tafel en niemand had een dossier bij zich.",
    "De leerkracht kwam bij ons thuis. Dat voelde als een cadeau.",
    "Ik durf weer te zeggen wat mijn kind nodig heeft.",
    "Het was de eerste keer dat school en zorg hetzelfde zeiden.",
    "Kleine stapjes, maar ze gaat weer elke ochtend de deur uit.",
    "Niemand gaf het op, en daardoor ik ook niet.",
    "Ik had niet verwacht dat een gesprek zoveel kon veranderen.",
    "Ze namen mijn zorgen serieus, zonder er meteen iets van te vinden.",
    "Er was iemand die bleef bellen, ook toen wij het even niet meer wisten.",
    "Hij mocht beginnen met één uur. Nu is het een hele ochtend.",
    "Het voelde alsof we eindelijk aan dezelfde kant van de tafel zaten.",
    "Ik heb geleerd om te vragen in plaats van te vechten.",
    "Het mooiste was dat hij zelf mocht kiezen waar hij begon.",
    "Ze hebben ons nooit het gevoel gegeven dat het onze schuld was.",
    "Mijn zoon vertelt 's avonds weer wat hij die dag heeft geleerd.",
    "Het scheelde zoveel dat leerplicht meedacht in plaats van dreigde.",
    "We kregen geen kant-en-klare oplossing, maar wel iemand die met ons meezocht.",
    "Voor het eerst in jaren hoefde ik niet alles zelf te regelen.",
    "Ze zag dat mijn dochter goed kan tekenen, en daar begon het mee.",
    "Het voelt niet meer als een strijd. We doen het samen.",
    "Ik merkte dat ik weer ruimte kreeg om gewoon moeder te zijn.",
];

/// Quotes of young people, each used by at most one SWV.
pub const QUOTES_JONGERE: [&str; 28] = [
    "Op de werkplaats snap ik ineens waarom ik moet rekenen.",
    "Niemand zei meer dat ik het moest proberen. Ik mocht het zelf kiezen.",
    "Ze lieten me zijn wie ik ben. Daardoor durfde ik weer.",
    "Mijn begeleider bleef, ook toen het even niet ging.",
    "Kleine stappen, maar wel mijn eigen stappen.",
    "In een klein lokaal kan ik wel nadenken.",
    "Ik wist niet dat er iemand was die naar mij wilde luisteren.",
    "Het eerste uur was eng, het tweede uur al minder.",
    "Ik mag zelf zeggen wanneer het te veel wordt. Daardoor wordt het minder vaak te veel.",
    "Bij de bakker leer ik meer dan ik ooit in de klas deed.",
    "Iemand vroeg wat ik later wil worden. Dat had ik al lang niet gehoord.",
    "Ik ben niet meer de jongen die nooit komt.",
    "Met muziek lukte het wel om te vertellen hoe ik me voelde.",
    "Het fijnste is dat ik niet meer hoef uit te leggen waarom ik thuis zat.",
    "Nu ik weet wat ik wil, maakt het me niet meer uit hoe lang het duurt.",
    "Mijn mentor vroeg elke week hoe het met de hond ging. Dat onthield ze gewoon.",
    "Ik dacht dat school niets meer voor mij was. Dat klopte niet.",
    "Ik mocht beginnen waar ik goed in ben.",
    "Het hielp dat ik eerst de school mocht zien zonder dat er iemand keek.",
    "Ik ben trots dat ik het heb volgehouden.",
    "Ik vond het fijn dat ze eerst vroegen wat ik leuk vind.",
    "Op de boerderij hoef ik niet stil te zitten, en toch leer ik.",
    "Het was raar om weer een rooster te hebben, maar ook fijn.",
    "Ik wilde niet de hele dag, dus begonnen we met een uur.",
    "Ze gaven me de tijd. Dat had nog nooit iemand gedaan.",
    "Ik heb nu een doel, en dat maakt alles makkelijker.",
    "Toen ik zelf mocht vertellen wat er speelde, ging het beter.",
    "Ik kreeg de kans om opnieuw te beginnen, zonder dat iemand mijn oude verhaal bleef oprakelen.",
];

/// Quotes of professionals, each used by at most one SWV.
pub const QUOTES_PROFESSIONAL: [&str; 28] = [
    "Ik heb geleerd dat niet weten ook een begin kan zijn.",
    "Samen met leerplicht aan de keukentafel: dat had ik tien jaar geleden niet kunnen bedenken.",
    "We zijn gaan kijken naar wat wél werkt, en dat gaf iedereen energie.",
    "Ik zit nu met andere ogen aan tafel: eerst luisteren, dan pas denken in aanbod.",
    "De korte lijnen met leerplicht maken dat we sneller kunnen schakelen.",
    "Het werkatelier gaf ons een taal om over kinderen te praten in plaats van over dossiers.",
    "Ik durf nu vaker af te wijken van het protocol als dat beter is voor het kind.",
    "Vertragen voelde eerst als tijdverlies, nu weet ik dat het tijd oplevert.",
    "De vraag ‘wat werkt hier al?’ heeft mijn werk veranderd.",
    "We kennen elkaar nu bij naam. Dat scheelt weken.",
    "Als leerplichtambtenaar ben ik meer verbinder geworden dan handhaver.",
    "Ouders weten vaak allang wat werkt. We moeten het alleen vragen.",
    "Het netwerk is de echte opbrengst: het blijft, ook als het project stopt.",
    "Ik dacht dat ik alles al had geprobeerd. Het werkatelier liet zien dat dat niet zo was.",
    "Een kind terug op school begint bij één volwassene die blijft.",
    "We maken geen plannen meer over kinderen, maar met kinderen.",
    "De ruimte om iets uit te proberen zonder dat het meteen moet lukken, was goud waard.",
    "Door de interviews hoorde ik dingen die in geen enkel verslag staan.",
    "Zorg en onderwijs spreken nu dezelfde taal. Dat ging niet vanzelf.",
    "Het mooiste moment was toen een jongere zelf het werkatelier kwam openen.",
    "We begonnen elk overleg met wat er goed ging. Dat veranderde de sfeer.",
    "Ik heb geleerd dat een regel soms ruimte nodig heeft om te werken.",
    "De ouders aan tafel maakten het gesprek eerlijker.",
    "Na het werkatelier belde ik de jeugdarts gewoon zelf op.",
    "Soms is de kleinste stap de enige die past, en dat is goed genoeg.",
    "We zoeken niet meer naar de plek waar een kind past, maar naar wat het nodig heeft.",
    "Het waarderende interview liet me zien hoeveel er al was.",
    "Ik heb geleerd dat de beste oplossing vaak al aan tafel zit, bij de ouders.",
];

/// The parts of a sample summary's sentences: each SWV gets its own combination of a first and
/// a second half, so that no two SWVs of a school year share a sentence (a reader holding
/// their one-pagers reads each SWV's own words; `wel check` warns about shared sentences).
/// Twelve halves each give 144 combinations per sentence.
pub const WHEN: [&str; 12] = [
    "Dit schooljaar",
    "Sinds de zomer",
    "In het afgelopen jaar",
    "Na de herfstvakantie",
    "Vanaf januari",
    "Rond de kerstvakantie",
    "In het voorjaar",
    "Gedurende het hele schooljaar",
    "Na een paar maanden",
    "Sinds de start van het kernteam",
    "Na een rustige start",
    "In de tweede helft van het jaar",
];

pub const WHAT_HAPPENED: [&str; 12] = [
    "schoof de leerplichtambtenaar vast aan bij het kernteam",
    "kwamen ouders vaker mee naar het werkatelier",
    "bespraken scholen en jeugdhulp samen elke vastgelopen situatie",
    "werkte het kernteam met een vaste contactpersoon per gezin",
    "kregen jongeren zelf een stem in het overleg",
    "organiseerde de regio extra werkateliers voor nieuwe scholen",
    "zocht het netwerk actief contact met huisartsen en wijkteams",
    "liep een proef met onderwijs op een zorgboerderij",
    "leerden professionals waarderend te interviewen",
    "was er een vast moment om successen met elkaar te delen",
    "trok de regio samen op met een buurregio",
    "nam ook de gemeente deel aan het kernteam",
];

pub const WHO_SAW: [&str; 12] = [
    "Ouders vertelden dat",
    "Professionals merkten dat",
    "Het kernteam zag dat",
    "Scholen gaven aan dat",
    "Leerkrachten zeiden dat",
    "Leerplicht merkte dat",
    "De gemeente zag dat",
    "Jeugdhulp ervoer dat",
    "De interviews lieten zien dat",
    "Uit de werkateliers bleek dat",
    "Zorgaanbieders merkten dat",
    "Begeleiders zagen dat",
];

pub const WHAT_THEY_SAW: [&str; 12] = [
    "een vaste contactpersoon het verschil maakte",
    "rust in het proces meer opleverde dan snelheid",
    "kleine stappen vaker tot een goede afloop leidden",
    "het gesprek anders verliep als het kind zelf aan tafel zat",
    "een eerste uur op school genoeg kon zijn om te beginnen",
    "vragen eerder op de goede plek terechtkwamen",
    "gezinnen zich vaker gehoord voelden",
    "creatieve oplossingen meer ruimte kregen",
    "de korte lijnen veel tijd bespaarden",
    "samen successen vieren het netwerk sterker maakte",
    "een huisbezoek vaak meer opleverde dan een overleg",
    "het kind vaker zelf het eerste woord kreeg",
];

pub const WHO_WANTS: [&str; 12] = [
    "Volgend schooljaar wil de regio",
    "Het komende jaar wil het kernteam",
    "De komende tijd wil het netwerk",
    "Na de zomer wil de regio",
    "Voortaan wil het kernteam",
    "In het nieuwe schooljaar wil het netwerk",
    "Op korte termijn wil de regio",
    "Vanaf het najaar wil het kernteam",
    "Met de ervaring van dit jaar wil het netwerk",
    "Binnenkort wil de regio",
    "Na dit schooljaar wil het kernteam",
    "Het volgende jaar wil het netwerk",
];

pub const WHAT_NEXT: [&str; 12] = [
    "meer scholen bij het werk betrekken",
    "de werkwijze vastleggen in het ondersteuningsplan",
    "ervaringen delen met de buurregio's",
    "ouders een vaste plek geven in het overleg",
    "jongeren vaker zelf laten vertellen wat helpt",
    "de samenwerking met de huisartsen verstevigen",
    "nieuwe collega's opleiden in waarderend interviewen",
    "zachte overgangen tussen zorg en school beter regelen",
    "eerder in beeld hebben wie dreigt uit te vallen",
    "de werkateliers helemaal zelf blijven organiseren",
    "afspraken maken met de gemeente over budget voor maatwerk",
    "een vast moment inplannen om terug te kijken op wat werkte",
];
