//! The command line: `wel build`, `wel check`, `wel sample`. Raw arguments become validated
//! settings here; the work itself happens in the library.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

mod nl;

use crate::assemble::load;
use crate::diag::Problems;
use crate::inputs::set::LoadOptions;
use crate::model::SwvCode;
use crate::outputs::{Kind, Outcome};
use crate::pipeline::{BuildOptions, build};

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
    /// Toon elk cijfer dat de documenten zouden publiceren, met de SWV-cellen waaruit het
    /// berekend is en hoe het getoond wordt (exact, onderdrukt, niet getoond). Alleen voor de
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

/// Parses the command line; help, version and usage errors are printed in Dutch and give the
/// exit code (0 for help and version, 2 for wrong use).
pub fn parse<I, T>(args: I) -> Result<Cli, i32>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    // `wel help` and `wel help build` are `wel --help` and `wel build --help`.
    let mut args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    let command = Cli::command()
        .disable_help_subcommand(true)
        .subcommand_value_name("COMMANDO");
    command
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| nl::report(&e))
}

/// The input folder of a command, when it has one.
fn inputs_of(command: &Command) -> Option<&std::path::Path> {
    match command {
        Command::Build(a) | Command::Bundle(a) | Command::Watch(a) => Some(&a.input.inputs),
        Command::Check(a) => Some(&a.input.inputs),
        Command::Intake(a) => Some(&a.input.inputs),
        Command::Ontvang(a) => Some(&a.inputs),
        Command::Cijfers(a) => Some(&a.input.inputs),
        Command::RondAf(a) => Some(&a.input.inputs),
        Command::Publiceer(a) => Some(&a.input.inputs),
        Command::Vergelijk(a) => Some(&a.input.inputs),
        Command::Sample(_) | Command::Verify(_) => None,
    }
}

/// Runs the parsed command and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    if let Some(inputs) = inputs_of(&cli.command).filter(|p| !p.is_dir()) {
        let here = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        eprintln!(
            "fout: de invoermap {} bestaat niet (in {here}). Staat u in de map van het project? Ga daarheen, of geef de invoermap met --inputs",
            inputs.display()
        );
        return 1;
    }
    match cli.command {
        Command::Build(args) => run_build(args, false),
        Command::Bundle(args) => run_build(args, true),
        Command::Check(args) => run_check(args),
        Command::Sample(args) => run_sample(args),
        Command::Verify(args) => run_verify(args),
        Command::Intake(args) => run_intake(args),
        Command::Ontvang(args) => run_ontvang(args),
        Command::Watch(args) => run_watch(args),
        Command::Cijfers(args) => run_cijfers(args),
        Command::RondAf(args) => run_rond_af(args),
        Command::Publiceer(args) => run_publiceer(args),
        Command::Vergelijk(args) => run_vergelijk(args),
    }
}

fn run_publiceer(args: PubliceerArgs) -> i32 {
    let editions = editions_dir(&args.input);
    let mut options = BuildOptions::new(&args.input.inputs, &args.out);
    options.load = load_options(&args.input);
    options.bundles = true;
    options.editions = Some(editions.clone());
    options.revise = args.herziening;
    options.late = args.nagekomen;
    options.progress = std::io::stderr().is_terminal();
    if let Err(code) = refuse_wel_folders(&options) {
        return code;
    }
    match crate::publish::publish(&options) {
        Ok(p) => {
            if args.timings {
                eprintln!("{}", p.timings);
            }
            println!("{}", p.summary);
            0
        }
        Err(crate::publish::PublishError::Refused(lines)) => {
            for l in &lines {
                eprintln!("{l}");
            }
            eprintln!("niet gepubliceerd: er is geen editie gemaakt");
            1
        }
        Err(crate::publish::PublishError::Nothing(line)) => {
            println!("{line}");
            0
        }
        Err(crate::publish::PublishError::Build(e)) => build_error(e),
    }
}

fn run_vergelijk(args: VergelijkArgs) -> i32 {
    let mut options = BuildOptions::new(&args.input.inputs, "outputs");
    options.load = load_options(&args.input);
    options.editions = Some(editions_dir(&args.input));
    match crate::publish::compare(&options, args.editie.as_deref()) {
        Ok(c) if args.json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&c).expect("the comparison serialises")
            );
            0
        }
        Ok(c) => {
            print!("{}", c.text());
            0
        }
        Err(crate::publish::PublishError::Refused(lines)) => {
            for l in &lines {
                eprintln!("fout: {l}");
            }
            1
        }
        Err(crate::publish::PublishError::Nothing(line)) => {
            println!("{line}");
            0
        }
        Err(crate::publish::PublishError::Build(e)) => build_error(e),
    }
}

fn run_rond_af(args: RondAfArgs) -> i32 {
    if let Err(code) = guarded(&[inputs_guard(&args.input.inputs)]) {
        return code;
    }
    let mut options = BuildOptions::new(&args.input.inputs, "outputs");
    options.load = load_options(&args.input);
    options.editions = Some(editions_dir(&args.input));
    options.dry_run = true;
    let report = match build_or_exit_code(&options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let Some(programme) = &report.programme else {
        print_problems(&report.problems);
        eprintln!("fout: project.toml heeft fouten; zie wel check");
        return 1;
    };
    let Some(year) = programme.project.ronde else {
        eprintln!(
            "fout: project.toml noemt geen ronde; zet bij [programma] ronde = \"2025-2026\" (het schooljaar dat verzameld wordt)"
        );
        return 1;
    };
    if programme.project.open_round().is_none() {
        println!(
            "de ronde {year} is al afgerond (zie {})",
            crate::inputs::project::ROUNDS_FILE
        );
        return 0;
    }
    use crate::round::feedback::Status;
    let all = crate::round::collect(&round_of(&report));
    let codes = |s: Status| -> Vec<String> {
        all.iter()
            .filter(|f| f.status == s)
            .map(|f| f.code.to_string())
            .collect()
    };
    let (missing, errors) = (codes(Status::NothingReceived), codes(Status::Errors));
    if let Some(line) = crate::round::line(&round_of(&report)) {
        println!("{line}");
    }
    if !errors.is_empty() {
        println!("met fouten (zie wel check): {}", errors.join(", "));
    }
    if (!missing.is_empty() || !errors.is_empty()) && !args.ja {
        eprintln!(
            "niet afgerond: kies zelf. Wachten kan: stuur een herinnering en ontvang wat binnenkomt. Afronden zonder hen: wel rond-af --ja (wie niets stuurde, telt in {year} niet mee; wie fouten heeft, houdt de landelijke documenten tegen tot ze verbeterd zijn)"
        );
        return 1;
    }
    close_round(&args.input.inputs, year, &missing)
}

/// Closes the round `year` (without `missing`) and says so; the exit code.
fn close_round(
    inputs: &std::path::Path,
    year: crate::model::SchoolYear,
    missing: &[String],
) -> i32 {
    match crate::round::close(inputs, year, missing) {
        Ok(date) => {
            println!(
                "ronde {year} afgerond op {date}{}; documenten met {year} zijn geen concept meer (wel build maakt ze definitief)",
                if missing.is_empty() {
                    String::new()
                } else {
                    format!(" zonder {}", missing.join(", "))
                }
            );
            0
        }
        Err(e) => {
            eprintln!("fout: {e}");
            1
        }
    }
}

fn run_cijfers(args: CijfersArgs) -> i32 {
    if let Err(code) = guarded(&[inputs_guard(&args.input.inputs)]) {
        return code;
    }
    let mut options = BuildOptions::new(&args.input.inputs, "outputs");
    options.load = load_options(&args.input);
    options.editions = Some(editions_dir(&args.input));
    let prepared = match crate::pipeline::prepare_only(&options) {
        Ok(p) => p,
        Err(e) => return build_error(e),
    };
    let ledger = &prepared.ledger;
    if args.verwijzingen {
        match prepared.loaded.data() {
            Some(data) => print!(
                "{}",
                crate::privacy::references::listing(
                    data,
                    &crate::privacy::Withholding::new(
                        prepared.withheld.iter().map(|w| w.cells.clone())
                    )
                )
            ),
            None => eprintln!("fout: project.toml heeft fouten; zie wel check"),
        }
    } else if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&ledger).expect("the ledger serialises")
        );
    } else {
        print!("{}", ledger.to_tsv());
    }
    if prepared.loaded.problems.has_errors() {
        eprintln!(
            "let op: de invoer heeft fouten; documenten met fouten staan niet in de lijst (zie wel check)"
        );
        return 1;
    }
    0
}

fn run_verify(args: VerifyArgs) -> i32 {
    use crate::export::verify::{Verdict, find_manifest, verify};
    let result = find_manifest(&args.file, args.manifest.as_deref())
        .and_then(|m| crate::export::manifest::Manifest::read(&m))
        .and_then(|m| verify(&args.file, &m));
    match result {
        Ok(Verdict::Unchanged(text)) => {
            println!("{text}");
            0
        }
        Ok(Verdict::Changed(text) | Verdict::Unknown(text)) => {
            println!("{text}");
            1
        }
        Err(e) => {
            eprintln!("fout: {e}");
            1
        }
    }
}

fn run_intake(args: IntakeArgs) -> i32 {
    let checks = [
        inputs_guard(&args.input.inputs),
        crate::guard::refuse_writing_into_edition(&args.out, "de map voor de formulieren"),
        crate::guard::refuse_source_written_by_wel(&args.out, "de map voor de formulieren"),
    ];
    if let Err(code) = guarded(&checks) {
        return code;
    }
    let loaded = load(&args.input.inputs, &load_options(&args.input));
    let Some(programme) = &loaded.programme else {
        print_problems(&loaded.problems);
        eprintln!(
            "fout: de invoer in {} kan niet worden gelezen",
            args.input.inputs.display()
        );
        return 1;
    };
    let mut codes = Vec::new();
    for raw in &args.swv {
        match SwvCode::parse(raw) {
            Ok(c) => codes.push(c),
            Err(m) => return usage(&format!("--swv: {m}")),
        }
    }
    let year = match intake_year(args.schooljaar.as_deref(), programme) {
        Ok(y) => y,
        Err(code) => return code,
    };
    use crate::round::intake::{FormFor, Round, check_overwrite, write_forms};
    // A code not in the inputs (yet) gets a blank form with only its code filled in.
    let forms: Vec<FormFor<'_>> = if codes.is_empty() {
        programme.swvs.iter().map(FormFor::Known).collect()
    } else {
        codes
            .iter()
            .map(|c| programme.swv(c).map_or(FormFor::New(c), FormFor::Known))
            .collect()
    };
    for f in &forms {
        if let FormFor::New(code) = f {
            println!("nieuw SWV {code}: leeg formulier met alleen de code ingevuld");
        }
    }
    if !args.force
        && let Err(e) = check_overwrite(&forms, &args.out)
    {
        eprintln!("fout: {e}");
        return 1;
    }
    let round = Round {
        programme,
        counts: &loaded.counts,
        year,
    };
    match write_forms(&round, &forms, &args.out) {
        Ok(n) => {
            println!(
                "{n} invulformulier(en) voor {year} geschreven naar {}",
                args.out.display()
            );
            0
        }
        Err(e) => {
            eprintln!("fout: {e}");
            1
        }
    }
}

/// The school year forms are made for: `--schooljaar`, else the open round.
fn intake_year(
    given: Option<&str>,
    programme: &crate::model::Programme,
) -> Result<crate::model::SchoolYear, i32> {
    if let Some(raw) = given {
        return crate::model::SchoolYear::parse(raw)
            .map_err(|m| usage(&format!("--schooljaar: {m}")));
    }
    programme.project.open_round().ok_or_else(|| {
        let why = match programme.project.ronde {
            Some(y) => format!(
                "de ronde {y} is afgerond; zet in project.toml ronde = \"{}\" om de volgende ronde te openen",
                y.next()
            ),
            None => "project.toml noemt geen open ronde; zet bij [programma] ronde = \"2025-2026\" (het schooljaar dat u gaat verzamelen)".to_string(),
        };
        eprintln!("fout: {why}, of geef --schooljaar");
        1
    })
}

/// The same checks as `wel check` (all inputs read together: a row also in the national
/// workbook, a school year after the round, impossible figures), about the SWVs in `touched`.
fn checked(inputs: &std::path::Path, touched: &[String]) -> Problems {
    let mut problems = Problems::new();
    if touched.is_empty() {
        return problems;
    }
    let options = BuildOptions::new(inputs, "outputs");
    if let Ok(prepared) = crate::pipeline::prepare_only(&options) {
        for p in prepared.loaded.problems.iter() {
            if p.swv.as_ref().is_some_and(|c| touched.contains(c)) {
                problems.push(p.clone());
            }
        }
    }
    problems
}

fn run_ontvang(args: OntvangArgs) -> i32 {
    use crate::round::receive::{Action, ReceiveError, ReceiveOptions, describe, receive, stamp};
    if let Err(code) = guarded(&[inputs_guard(&args.inputs)]) {
        return code;
    }
    if args.terugdraaien {
        let editions = edition_names(&args.inputs);
        return match crate::round::receive::undo_last(&args.inputs, &editions, args.ja) {
            Ok(u) => {
                println!(
                    "teruggedraaid: {} ({} stap(pen)); de invoer en de binnengekomen bestanden zijn weer zoals voor die wel ontvang",
                    u.run.display(),
                    u.steps
                );
                0
            }
            Err(e) => {
                eprintln!("fout: {e}");
                1
            }
        };
    }
    let Some(map) = &args.map else {
        return usage("geef de map met de binnengekomen bestanden");
    };
    if !map.is_dir() {
        return usage(&format!("{} is geen map", map.display()));
    }
    let stamp = stamp();
    let editions = edition_names(&args.inputs);
    let options = ReceiveOptions {
        ja: args.ja,
        stamp: &stamp,
        editions: &editions,
    };
    let received = match receive(map, &args.inputs, &options) {
        Ok(r) => r,
        Err(ReceiveError::WouldReplace(lines)) => {
            println!("Deze bestanden zouden ingevulde invoer vervangen:");
            for l in &lines {
                println!("  {l}");
            }
            eprintln!(
                "niets veranderd: bekijk of dit correcties zijn en voer dan uit: wel ontvang {} --ja (terugdraaien kan daarna met wel ontvang --terugdraaien)",
                map.display()
            );
            return 1;
        }
        Err(e) => {
            eprintln!("fout: {e}");
            return 1;
        }
    };
    let problems = checked(&args.inputs, &received.touched);
    for r in &received.receipts {
        println!("{}", describe(r, map));
    }
    print_problems(&problems);
    let filed = received
        .receipts
        .iter()
        .filter(|r| !matches!(r.action, Action::Left(_)))
        .count();
    let unfilled = received
        .receipts
        .iter()
        .filter(|r| crate::round::receive::is_unfilled(r))
        .count();
    let left = received.receipts.len() - filed - unfilled;
    let errors = problems.error_count();
    println!(
        "{filed} bestand(en) verwerkt, {unfilled} niet ingevuld, {left} blijven staan in {} om een andere reden; {errors} fout(en) en {} waarschuwing(en) in de ontvangen invoer (zie wel check); terugdraaien: wel ontvang --terugdraaien",
        map.display(),
        problems.len() - errors
    );
    i32::from(left > 0 || errors > 0)
}

fn run_watch(args: BuildArgs) -> i32 {
    let options = match build_options(&args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    if let Err(code) = refuse_wel_folders(&options) {
        return code;
    }
    println!(
        "wel kijkt naar {} (stoppen met Ctrl-C)",
        options.inputs.display()
    );
    crate::watch::watch(&options, |result, seconds| match result {
        Ok(report) => {
            print_problems(&report.problems);
            print_outcomes(report, "niet gemaakt", "mislukt");
            println!(
                "{} ({} s)",
                report.summary_line(),
                crate::dutch::decimal(seconds)
            );
        }
        Err(e) => eprintln!("fout: {e}"),
    })
}

fn load_options(args: &InputArgs) -> LoadOptions {
    LoadOptions {
        allow_personal_data: args.allow_personal_data,
        photo_cache: None,
        workbook_cache: None,
    }
}

/// Validated build settings from the arguments; `Err` holds the exit code of a usage error.
fn build_options(args: &BuildArgs) -> Result<BuildOptions, i32> {
    let mut swv = Vec::new();
    for raw in &args.swv {
        match SwvCode::parse(raw) {
            Ok(c) => swv.push(c),
            Err(m) => return Err(usage(&format!("--swv: {m}"))),
        }
    }
    if args.jobs == Some(0) {
        return Err(usage("--jobs moet minstens 1 zijn"));
    }
    Ok(BuildOptions {
        inputs: args.input.inputs.clone(),
        out: args.out.clone(),
        only: args.only.iter().copied().map(Kind::from).collect(),
        swv,
        jobs: args.jobs,
        force: args.force,
        templates: args.templates.clone(),
        load: load_options(&args.input),
        progress: std::io::stderr().is_terminal(),
        overview: args.overzicht,
        bundles: false,
        dry_run: false,
        editions: Some(editions_dir(&args.input)),
        revise: false,
        late: args.nagekomen,
        publication: false,
    })
}

/// Where the SWVs stand in the round, as a build found them.
fn round_of(report: &crate::pipeline::BuildReport) -> crate::round::Of<'_> {
    crate::round::Of {
        programme: report.programme.as_ref(),
        folders: &report.folders,
        problems: &report.problems,
        outcomes: &report.outcomes,
        late: &report.editions.late,
    }
}

/// Reports a refusal of [`crate::edition::guard`]: exit code 1.
fn guarded(checks: &[Result<(), String>]) -> Result<(), i32> {
    match checks.iter().find_map(|c| c.as_ref().err()) {
        Some(m) => {
            eprintln!("fout: {m}");
            Err(1)
        }
        None => Ok(()),
    }
}

/// The inputs are no folder wel wrote (an output folder, an edition).
fn inputs_guard(inputs: &std::path::Path) -> Result<(), String> {
    crate::guard::refuse_source_written_by_wel(inputs, "de invoermap")
}

/// No command reads its inputs from a folder wel wrote, or writes into an edition; refused
/// before anything changes (exit code 1).
fn refuse_wel_folders(options: &BuildOptions) -> Result<(), i32> {
    let writes = if options.dry_run {
        Ok(())
    } else {
        crate::guard::refuse_writing_into_edition(&options.out, "de uitvoermap")
    };
    guarded(&[inputs_guard(&options.inputs), writes])
}

/// The folder of the published editions: `--edities`, else `edities/` beside the inputs.
fn editions_dir(args: &InputArgs) -> PathBuf {
    args.edities
        .clone()
        .unwrap_or_else(|| default_editions_dir(&args.inputs))
}

/// The names of the editions in `edities/` beside the inputs.
fn edition_names(inputs: &std::path::Path) -> Vec<String> {
    crate::edition::all(&default_editions_dir(inputs))
        .unwrap_or_default()
        .iter()
        .map(|e| e.name().to_string())
        .collect()
}

/// `edities/` beside the inputs.
fn default_editions_dir(inputs: &std::path::Path) -> PathBuf {
    inputs
        .parent()
        .map_or_else(|| PathBuf::from("edities"), |p| p.join("edities"))
}

fn run_build(args: BuildArgs, bundles: bool) -> i32 {
    let options = match build_options(&args) {
        Ok(o) => BuildOptions { bundles, ..o },
        Err(code) => return code,
    };
    if let Err(code) = refuse_wel_folders(&options) {
        return code;
    }
    if let Some(dir) = &args.dump_typst_inputs {
        return match crate::pipeline::dump_typst_inputs(&options, dir) {
            Ok(n) => {
                println!("{n} documenten beschreven in {}", dir.display());
                0
            }
            Err(e) => {
                eprintln!("fout: {e}");
                1
            }
        };
    }
    let report = match build_or_exit_code(&options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    print_problems(&report.problems);
    for (id, warning) in &report.warnings {
        eprintln!("waarschuwing in {}:\n{warning}", id.key());
    }
    print_outcomes(&report, "niet gemaakt", "mislukt");
    for line in &report.delivered.not_refreshed {
        eprintln!("bundel {line}");
    }
    if args.timings {
        eprintln!("{}", report.timings.describe(report.seconds));
    }
    if !report.withheld.is_empty() {
        print_withheld(&report.withheld, report.withheld_cells);
    }
    if let Some(line) = crate::round::line(&round_of(&report)) {
        println!("{line}");
    }
    print_pending(&report);
    println!("{}", report.summary_line());
    i32::from(report.has_failures())
}

fn run_check(args: CheckArgs) -> i32 {
    let mut options = BuildOptions::new(&args.input.inputs, &args.out);
    options.load = load_options(&args.input);
    options.editions = Some(editions_dir(&args.input));
    options.templates = args.templates.clone();
    options.jobs = args.jobs;
    options.dry_run = true;
    options.late = args.nagekomen;
    if let Err(code) = refuse_wel_folders(&options) {
        return code;
    }
    let report = match build_or_exit_code(&options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    print_problems(&report.problems);
    print_outcomes(&report, "zou niet gemaakt worden", "zou mislukken");
    for (id, warning) in &report.warnings {
        eprintln!("waarschuwing in {}:\n{warning}", id.key());
    }
    if args.timings {
        eprintln!("{}", report.timings.describe(report.seconds));
    }
    if let Some(programme) = &report.programme {
        print_school_years(programme);
    }
    print_withheld(&report.withheld, report.withheld_cells);
    if report.privacy_overrides > 0 {
        println!(
            "LET OP: {} vermoedelijke persoonsgegevens toegelaten met --allow-personal-data",
            report.privacy_overrides
        );
    }
    if let Some(line) = crate::round::line(&round_of(&report)) {
        println!("{line}");
    }
    if let Err(code) = print_differences(&options, &report) {
        return code;
    }
    if let Some(dir) = &args.terugkoppeling {
        match crate::round::feedback::write(dir, &round_of(&report)) {
            Ok(written) => println!(
                "terugkoppeling: {} bestand(en) en statuslijst.txt geschreven naar {}",
                written,
                dir.display()
            ),
            Err(e) => {
                eprintln!("fout: {e}");
                return 1;
            }
        }
    }
    check_verdict(&report)
}

/// The last line of `wel check`, and its exit code.
fn check_verdict(report: &crate::pipeline::BuildReport) -> i32 {
    let errors = report.problems.error_count();
    let warnings = report.problems.len() - errors + report.warnings.len();
    let documents = report.outcomes.len() + usize::from(report.stopped.is_some());
    let (swvs, failed) = (report.folders.len(), report.failed());
    if errors == 0 && failed == 0 {
        println!(
            "invoer in orde: {swvs} SWV's gelezen, alle {documents} documenten passen, {warnings} waarschuwing(en)"
        );
        0
    } else {
        println!(
            "{errors} fout(en) en {warnings} waarschuwing(en) in de invoer van {swvs} SWV's; {failed} van de {documents} documenten zou(den) niet gemaakt worden"
        );
        1
    }
}

/// Runs a build (or `check`'s dry run); a build that cannot start is reported and gives the
/// exit code (2 for wrong use, 1 otherwise).
fn build_or_exit_code(options: &BuildOptions) -> Result<crate::pipeline::BuildReport, i32> {
    build(options).map_err(build_error)
}

/// Reports an error that stopped a run before any document; the exit code (2 for wrong use).
fn build_error(e: crate::pipeline::BuildError) -> i32 {
    match e {
        crate::pipeline::BuildError::Usage(m) => usage(&m),
        e => {
            eprintln!("fout: {e}");
            1
        }
    }
}

/// `wel check`: when a correction or a late return reaches a document of the latest edition,
/// every figure a revision would print differently, exactly as `wel vergelijk` lists them.
fn print_differences(
    options: &BuildOptions,
    report: &crate::pipeline::BuildReport,
) -> Result<(), i32> {
    let state = &report.editions;
    let Some(base) = &state.base else {
        return Ok(());
    };
    if state.reached.is_empty() && state.late.is_empty() {
        return Ok(());
    }
    match crate::publish::compare(options, Some(base)) {
        // Reached, but nothing printed differently: a revision would change nothing.
        Ok(c) if c.is_empty() => Ok(()),
        Ok(c) => {
            print!("{}", c.text());
            println!(
                "  de documenten van editie {base} blijven zoals ze verstuurd zijn; een herziening met deze correcties: wel publiceer --herziening"
            );
            Ok(())
        }
        Err(crate::publish::PublishError::Refused(lines)) => {
            lines.iter().for_each(|l| eprintln!("fout: {l}"));
            Err(1)
        }
        Err(crate::publish::PublishError::Nothing(_)) => Ok(()),
        Err(crate::publish::PublishError::Build(e)) => Err(build_error(e)),
    }
}

/// `wel build`: one line when published documents print other figures now, or late figures
/// wait.
fn print_pending(report: &crate::pipeline::BuildReport) {
    let state = &report.editions;
    let Some(base) = &state.base else {
        return;
    };
    if !state.reached.is_empty() {
        println!(
            "{} document(en) van editie {base} zouden nu andere cijfers tonen; ze blijven zoals ze verstuurd zijn (wel vergelijk toont de verschillen, wel publiceer --herziening maakt een herziening)",
            state.reached.len()
        );
    }
    if !state.late.is_empty() && !state.late_taken {
        let lines: Vec<String> = state.late.iter().map(|l| l.line()).collect();
        println!(
            "nagekomen en nog niet opgenomen: {} (neem ze op met --nagekomen of in een herziening)",
            lines.join("; ")
        );
    }
}

/// Prints the documents that were not (or would not be) made, and why.
fn print_outcomes(report: &crate::pipeline::BuildReport, blocked: &str, failed: &str) {
    if let Some(why) = &report.stopped {
        eprintln!("{blocked}: (alle documenten): {why}");
    }
    for (id, outcome) in &report.outcomes {
        match outcome {
            Outcome::Blocked(why) => eprintln!("{blocked}: {}: {why}", id.key()),
            Outcome::Failed(why) => eprintln!("{failed}: {}:\n{why}", id.key()),
            Outcome::Built { .. } | Outcome::UpToDate | Outcome::Published { .. } => {}
        }
    }
}

fn run_sample(args: SampleArgs) -> i32 {
    let checks = [
        crate::guard::refuse_writing_into_edition(&args.out, "de map voor de voorbeeldinvoer"),
        crate::guard::refuse_source_written_by_wel(&args.out, "de map voor de voorbeeldinvoer"),
    ];
    if let Err(code) = guarded(&checks) {
        return code;
    }
    match crate::sample::write_sample_set(&args.out, args.swvs, args.force) {
        Ok(n) => {
            println!(
                "voorbeeldinvoer met {n} SWV's geschreven naar {}",
                args.out.display()
            );
            0
        }
        Err(e) => {
            eprintln!("fout: {e}");
            1
        }
    }
}

/// Per school year: how many SWVs reported figures, and the phase it belongs to.
fn print_school_years(programme: &crate::model::Programme) {
    println!("schooljaren:");
    for (year, n) in programme.participation() {
        let phase = programme
            .project
            .fases
            .iter()
            .find(|f| f.schooljaren.contains(&year))
            .map_or(
                "geen fase: telt in geen landelijk document".to_string(),
                |f| format!("fase {}", f.nummer),
            );
        println!("  {year}: {n} SWV('s) met cijfers, {phase}");
    }
}

/// Prints why each figure is withheld by secondary suppression, and how many.
fn print_withheld(explanations: &[String], cells: usize) {
    if explanations.is_empty() {
        println!(
            "afleidbaarheid: geen klein aantal is af te leiden of in te perken uit wat samen gepubliceerd is, ook niet met de regels tussen de aantallen"
        );
        return;
    }
    println!(
        "afleidbaarheid: {} aanvullend niet getoond (× in de documenten), zodat geen klein aantal af te leiden of in te perken is, ook niet met de regels tussen de aantallen en eerdere edities:",
        crate::pipeline::withheld_counts(cells, explanations.len())
    );
    for e in explanations {
        println!("  - {e}");
    }
}

/// Prints problems grouped: programme-wide first, then per SWV.
pub fn print_problems(problems: &Problems) {
    let mut current: Option<Option<String>> = None;
    for p in problems.sorted() {
        if current.as_ref() != Some(&p.swv) {
            match &p.swv {
                None => eprintln!("\n== algemeen"),
                Some(code) => eprintln!("\n== {code}"),
            }
            current = Some(p.swv.clone());
        }
        eprintln!("  {p}");
    }
    if !problems.is_empty() {
        eprintln!();
    }
}

fn usage(msg: &str) -> i32 {
    eprintln!("fout: {msg}\nZie 'wel --help'.");
    2
}
