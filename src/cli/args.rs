//! The command line as clap reads it: the commands, their options and their Dutch help.

use super::*;

#[derive(Debug, Parser)]
#[command(
    name = "wel",
    version,
    about = "Maakt de PDF's van WEL in Ontwikkeling: de rapportage per fase, een regio-overzicht per samenwerkingsverband en de brochure.",
    long_about = "Maakt de PDF's van WEL in Ontwikkeling uit de spreadsheets en samenvattingen van de \
samenwerkingsverbanden (SWV's): de rapportage per fase, een regio-overzicht van één pagina per SWV \
en de brochure \"Kleine stappen voor een grote beweging\".\n\n\
Veelgebruikt:\n  wel check                 controleer de invoer in inputs/ en toon alle problemen\n  \
wel build                 maak alle documenten in outputs/\n  \
wel bundle                maak ze en pak ze in per SWV (outputs/bundels/)\n  \
wel build --swv PO2801    maak alleen het regio-overzicht van één SWV\n\n\
Uitleg over de invoer staat in docs/invoer.md, over het gebruik in docs/handleiding.md.",
    after_help = "Afsluitcode: 0 = gelukt, 1 = problemen in de invoer of documenten niet gemaakt, 2 = verkeerd gebruik."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Maak de documenten (rapportages, regio-overzichten, brochure) als PDF.
    Build(BuildArgs),
    /// Maak de documenten (zoals build) en pak ze in om te versturen: per SWV bundels/<CODE>.zip
    /// (regio-overzicht, brochure, eigen cijfers als CSV, manifest) en bundels/landelijk.zip.
    Bundle(BuildArgs),
    /// Controleer de invoer en maak elk document op zonder iets te schrijven: toont alle
    /// problemen per SWV en elk document dat `wel build` niet zou maken (zoals een
    /// regio-overzicht dat niet op één pagina past).
    Check(CheckArgs),
    /// Schrijf een complete set voorbeeldinvoer (verzonnen cijfers, gemarkeerd als voorbeeld).
    Sample(SampleArgs),
    /// Controleer of een PDF of bundel ongewijzigd is sinds hij gemaakt werd (met manifest.json).
    Verify(VerifyArgs),
    /// Schrijf per SWV een invulformulier (werkboek) en een samenvatting.toml voor het volgende schooljaar.
    Intake(IntakeArgs),
    /// Verwerk teruggestuurde bestanden (werkboeken met elke naam, samenvattingen, foto's):
    /// herken het SWV aan de code in het bestand, controleer het en zet het onder
    /// swv/<CODE>/ met de juiste naam. Een vervangen bestand blijft bewaard in
    /// .vorige/<datum>/; wat niet geplaatst kan worden, blijft staan.
    Ontvang(OntvangArgs),
    /// Blijf kijken: maak opnieuw wat een bewaarde wijziging in de invoer of sjablonen raakt.
    Watch(BuildArgs),
    /// Publiceer: maak alle documenten en bundels (zoals bundle) en bewaar ze als editie in
    /// edities/<datum>/, met elk gepubliceerd cijfer. Een editie verandert daarna nooit meer;
    /// volgende builds nemen haar documenten ongewijzigd over.
    Publiceer(PubliceerArgs),
    /// Toon de cijfers die nu anders zouden zijn dan in een editie (standaard de laatste),
    /// landelijk en per SWV.
    Vergelijk(VergelijkArgs),
    /// Rond de inzamelronde af (het schooljaar bij ronde in project.toml): toont wie nog niets
    /// stuurde of fouten heeft, en rondt pas af met --ja. Daarna zijn de documenten met dat
    /// schooljaar geen concept meer.
    #[command(name = "rond-af")]
    RondAf(RondAfArgs),
    /// Open een nieuwe inzamelronde: zet de ronde, het schooljaar bij een fase, de peildatum en
    /// een opzet voor de tekst van de rapportage in de invoer, en toont wat er veranderde.
    Ronde(RondeArgs),
    /// Toon elk cijfer dat de documenten zouden publiceren, met de SWV-cellen waaruit het
    /// berekend is en hoe het getoond wordt (exact, klein, afgeschermd of onbekend). De
    /// webpagina van een document (--web) toont dezelfde cijfers als zijn PDF. Alleen voor de
    /// projectgroep; er wordt niets geschreven.
    Cijfers(CijfersArgs),
}

#[derive(Debug, clap::Args)]
pub struct PubliceerArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Map waarin de documenten eerst gemaakt worden.
    #[arg(long, value_name = "MAP", default_value = "outputs")]
    pub out: PathBuf,
    /// Maak een herziening van de laatste editie: elk document waarvan een gedrukt cijfer nu
    /// anders is, wordt opnieuw gemaakt met een lijst van de correcties; de andere worden
    /// ongewijzigd overgenomen. Nagekomen cijfers worden opgenomen.
    #[arg(long)]
    pub herziening: bool,
    /// Toon waar de tijd heen ging.
    #[arg(long)]
    pub timings: bool,
    /// Neem de cijfers op die na het afronden van een ronde binnenkwamen (van een SWV dat toen
    /// ontbrak). Zonder deze optie wachten ze; wel check en wel vergelijk noemen ze.
    #[arg(long)]
    pub nagekomen: bool,
}

#[derive(Debug, clap::Args)]
pub struct VergelijkArgs {
    /// De editie (de mapnaam in edities/, zoals 2026-11-29); standaard de laatste.
    #[arg(value_name = "EDITIE")]
    pub editie: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Schrijf als JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct RondAfArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Rond af, ook als er SWV's zijn die nog niets stuurden of fouten hebben.
    #[arg(long)]
    pub ja: bool,
}

#[derive(Debug, clap::Args)]
pub struct RondeArgs {
    #[command(subcommand)]
    pub command: RondeCommand,
}

#[derive(Debug, Subcommand)]
pub enum RondeCommand {
    /// Open de ronde van een schooljaar: ronde en peildatum in project.toml, het schooljaar in
    /// een nieuwe fase (of met --fase in de laatste) en een opzet van de tekst van de
    /// rapportage. Met --terugdraaien wordt de laatste opening ongedaan gemaakt.
    Open(RondeOpenArgs),
}

#[derive(Debug, clap::Args)]
pub struct RondeOpenArgs {
    /// Het schooljaar dat verzameld wordt, zoals 2025-2026 (standaard: het jaar na het laatste
    /// schooljaar in project.toml).
    #[arg(value_name = "SCHOOLJAAR")]
    pub schooljaar: Option<String>,
    /// Zet het schooljaar bij deze fase (de laatste) in plaats van een nieuwe fase te beginnen.
    #[arg(long, value_name = "NUMMER")]
    pub fase: Option<u32>,
    /// Maak de laatste wel ronde open ongedaan: project.toml zoals het ervoor was, de opzet van
    /// de tekst weg (als er nog niet in geschreven is). Geweigerd als project.toml sindsdien
    /// veranderd is.
    #[arg(long, conflicts_with_all = ["schooljaar", "fase"])]
    pub terugdraaien: bool,
    /// Met --terugdraaien: ook als er daarna een ronde is afgerond of een editie gepubliceerd.
    #[arg(long, requires = "terugdraaien")]
    pub ja: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, clap::Args)]
pub struct CijfersArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Schrijf als JSON in plaats van een tabel (tab-gescheiden).
    #[arg(long)]
    pub json: bool,
    /// Toon in plaats daarvan elk cijfer dat een tekst kan noemen, met de verwijzing om het te
    /// noemen (zoals {benaderd 2023-2024 Zeeland}) en hoe het in de tekst komt te staan.
    #[arg(long)]
    pub verwijzingen: bool,
}

#[derive(Debug, clap::Args)]
pub struct OntvangArgs {
    /// De map met de bestanden zoals ze binnenkwamen (bijvoorbeeld bijlagen uit de e-mail).
    #[arg(value_name = "MAP", required_unless_present = "terugdraaien")]
    pub map: Option<PathBuf>,
    /// Map met project.toml en swv/<CODE>/.
    #[arg(long, value_name = "MAP", default_value = "inputs")]
    pub inputs: PathBuf,
    /// Vervang ingevulde invoer zonder eerst te stoppen (zonder --ja toont ontvang eerst wat
    /// het zou vervangen en verandert het niets). Met --terugdraaien: draai ook terug als er
    /// daarna een ronde is afgerond of een editie gepubliceerd.
    #[arg(long)]
    pub ja: bool,
    /// Draai de laatste wel ontvang terug: de invoer en de map met binnengekomen bestanden
    /// worden precies zoals ze ervoor waren. Een bestand dat sindsdien met de hand is
    /// veranderd, wordt nooit overschreven: dan wordt er niets teruggedraaid.
    #[arg(long)]
    pub terugdraaien: bool,
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// De PDF of zip om te controleren.
    #[arg(value_name = "BESTAND")]
    pub file: PathBuf,
    /// Het manifest (standaard: manifest.json in de map van het bestand of een bovenliggende map).
    #[arg(long, value_name = "MANIFEST")]
    pub manifest: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct IntakeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Map om de formulieren in te schrijven (per SWV een map).
    #[arg(long, value_name = "MAP")]
    pub out: PathBuf,
    /// Alleen voor dit SWV (mag vaker).
    #[arg(long, value_name = "CODE")]
    pub swv: Vec<String>,
    /// Schooljaar om in te vullen (standaard: de open ronde, ronde in project.toml).
    #[arg(long, value_name = "SCHOOLJAAR")]
    pub schooljaar: Option<String>,
    /// Vervang bestaande bestanden in de map (zonder --force weigert intake dat en noemt ze).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Map met project.toml en swv/<CODE>/.
    #[arg(long, value_name = "MAP", default_value = "inputs")]
    pub inputs: PathBuf,
    /// Map met de gepubliceerde edities (standaard: edities/ naast de invoermap).
    #[arg(long, value_name = "MAP")]
    pub edities: Option<PathBuf>,
    /// Laat invoer toe die op persoonsgegevens lijkt (BSN, namen, geboortedata). Alleen gebruiken
    /// als u zeker weet dat het geen persoonsgegevens zijn; het wordt in de samenvatting gemeld.
    #[arg(long)]
    pub allow_personal_data: bool,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Map waarin de PDF's komen.
    #[arg(long, value_name = "MAP", default_value = "outputs")]
    pub out: PathBuf,
    /// Maak alleen deze soort(en) document.
    #[arg(long, value_enum, value_name = "SOORT")]
    pub only: Vec<KindArg>,
    /// Maak alleen het regio-overzicht van dit SWV (mag vaker; bijvoorbeeld PO2801 of "PO 28-01").
    #[arg(long, value_name = "CODE")]
    pub swv: Vec<String>,
    /// Aantal documenten tegelijk (standaard: alle processorkernen).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Maak alles opnieuw, ook documenten waarvan de invoer niet veranderd is.
    #[arg(long)]
    pub force: bool,
    /// Gebruik de sjablonen uit deze map in plaats van de ingebouwde (voor vormgevers).
    #[arg(long, value_name = "MAP")]
    pub templates: Option<PathBuf>,
    /// Maak ook overzicht.html: een miniatuur van elk document, met de meldingen per SWV, om
    /// alles in één oogopslag na te kijken (kost ongeveer 15% extra tijd bij een volledige build).
    #[arg(long)]
    pub overzicht: bool,
    /// Maak ook de webeditie: een toegankelijke HTML-pagina per document naast de PDF's, met
    /// index.html als begin (zie docs/handleiding.md, "Webeditie").
    #[arg(long)]
    pub web: bool,
    /// Toon waar de tijd van de build heen ging.
    #[arg(long)]
    pub timings: bool,
    /// Neem de cijfers op die na het afronden van een ronde binnenkwamen (van een SWV dat toen
    /// ontbrak). Zonder deze optie wachten ze; wel check en wel vergelijk noemen ze.
    #[arg(long)]
    pub nagekomen: bool,
    /// Schrijf de gegevens per document voor `typst compile` naar deze map en maak geen PDF's
    /// (voor de vergelijkende meting in benches/).
    #[arg(long, value_name = "MAP", hide = true)]
    pub dump_typst_inputs: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Rapportage,
    Regio,
    Brochure,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Rapportage => Kind::Rapportage,
            KindArg::Regio => Kind::Regio,
            KindArg::Brochure => Kind::Brochure,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Map van een eerdere build: documenten die daar met dezelfde invoer al gemaakt zijn,
    /// hoeven niet opnieuw opgemaakt te worden. Er wordt niets in geschreven.
    #[arg(long, value_name = "MAP", default_value = "outputs")]
    pub out: PathBuf,
    /// Gebruik de sjablonen uit deze map in plaats van de ingebouwde.
    #[arg(long, value_name = "MAP")]
    pub templates: Option<PathBuf>,
    /// Aantal documenten tegelijk (standaard: alle processorkernen).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Schrijf per SWV met problemen een terugkoppelbestand (wat en waar te verbeteren) en een
    /// statuslijst van alle SWV's naar deze map.
    #[arg(long, value_name = "MAP")]
    pub terugkoppeling: Option<PathBuf>,
    /// Toon waar de tijd van de controle heen ging.
    #[arg(long)]
    pub timings: bool,
    /// Neem de cijfers op die na het afronden van een ronde binnenkwamen (van een SWV dat toen
    /// ontbrak). Zonder deze optie wachten ze; wel check en wel vergelijk noemen ze.
    #[arg(long)]
    pub nagekomen: bool,
}

#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    /// Map om de voorbeeldinvoer in te schrijven (moet leeg zijn of nog niet bestaan).
    #[arg(long, value_name = "MAP", default_value = "inputs")]
    pub out: PathBuf,
    /// Aantal SWV's; standaard de 116 van het programma, met de cijfers uit de bronstukken.
    #[arg(long, value_name = "N")]
    pub swvs: Option<usize>,
    /// Overschrijf een bestaande map.
    #[arg(long)]
    pub force: bool,
}
