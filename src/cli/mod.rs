//! The command line: `wel build`, `wel check`, `wel sample`. Raw arguments become validated
//! settings here; the work itself happens in the library.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

mod args;
mod nl;
mod print;
mod round;

pub use args::*;
use print::*;
use round::*;

use crate::assemble::load;
use crate::commands;
use crate::diag::Problems;
use crate::dutch::count;
use crate::model::{SchoolYear, SwvCode};
use crate::outputs::{Kind, Outcome};
use crate::pipeline::{BuildOptions, build};

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
        Command::Ronde(a) => match &a.command {
            RondeCommand::Open(o) => Some(&o.input.inputs),
        },
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
        Command::Ronde(args) => match args.command {
            RondeCommand::Open(a) => run_ronde_open(a),
        },
        Command::Publiceer(args) => run_publiceer(args),
        Command::Vergelijk(args) => run_vergelijk(args),
    }
}

fn run_publiceer(args: PubliceerArgs) -> i32 {
    let progress = std::io::stderr().is_terminal();
    let source = source(&args.input);
    let options = match commands::publish::options(
        &source,
        &args.out,
        args.herziening,
        args.nagekomen,
        progress,
    ) {
        Ok(o) => o,
        Err(r) => return refused(r),
    };
    match commands::publish::run(&options) {
        Ok(p) => {
            if args.timings {
                eprintln!("{}", p.timings);
            }
            println!("{}", p.summary);
            0
        }
        Err(commands::publish::PublishError::Refused(lines)) => {
            for l in &lines {
                eprintln!("{l}");
            }
            eprintln!("niet gepubliceerd: er is geen editie gemaakt");
            1
        }
        Err(commands::publish::PublishError::Nothing(line)) => {
            println!("{line}");
            0
        }
        Err(commands::publish::PublishError::Build(e)) => build_error(e),
    }
}

fn run_vergelijk(args: VergelijkArgs) -> i32 {
    let options = match commands::read_only(&source(&args.input)) {
        Ok(o) => o,
        Err(r) => return refused(r),
    };
    match commands::publish::compare(&options, args.editie.as_deref()) {
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
        Err(commands::publish::PublishError::Refused(lines)) => {
            for l in &lines {
                eprintln!("fout: {l}");
            }
            1
        }
        Err(commands::publish::PublishError::Nothing(line)) => {
            println!("{line}");
            0
        }
        Err(commands::publish::PublishError::Build(e)) => build_error(e),
    }
}

fn run_cijfers(args: CijfersArgs) -> i32 {
    let options = match commands::read_only(&source(&args.input)) {
        Ok(o) => o,
        Err(r) => return refused(r),
    };
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

fn run_watch(args: BuildArgs) -> i32 {
    let options = match commands::build(&build_request(&args, false)) {
        Ok(o) => o,
        Err(r) => return refused(r),
    };
    println!(
        "wel kijkt naar {} (stoppen met Ctrl-C)",
        options.inputs.display()
    );
    commands::watch::watch(&options, |result, seconds| match result {
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

/// Where a command reads, as the arguments say.
fn source(args: &InputArgs) -> commands::Source {
    commands::Source {
        inputs: args.inputs.clone(),
        editions: args.edities.clone(),
        allow_personal_data: args.allow_personal_data,
    }
}

/// The exit code of a command that does not run, its reason printed.
fn refused(r: commands::Refusal) -> i32 {
    match r {
        commands::Refusal::Usage(m) => usage(&m),
        commands::Refusal::Refused(m) => {
            eprintln!("fout: {m}");
            1
        }
    }
}

/// What `wel build`, `bundle` and `watch` ask for.
fn build_request(args: &BuildArgs, bundles: bool) -> commands::Build {
    commands::Build {
        source: source(&args.input),
        out: args.out.clone(),
        only: args.only.iter().copied().map(Kind::from).collect(),
        swv: args.swv.clone(),
        jobs: args.jobs,
        force: args.force,
        templates: args.templates.clone(),
        overview: args.overzicht,
        web: args.web,
        late: args.nagekomen,
        bundles,
        progress: std::io::stderr().is_terminal(),
    }
}

fn run_build(args: BuildArgs, bundles: bool) -> i32 {
    let options = match commands::build(&build_request(&args, bundles)) {
        Ok(o) => o,
        Err(r) => return refused(r),
    };
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
    let checked = commands::check(
        &source(&args.input),
        &args.out,
        args.templates.clone(),
        args.jobs,
        args.nagekomen,
    );
    let options = match checked {
        Ok(o) => o,
        Err(r) => return refused(r),
    };
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
                "terugkoppeling: {} en statuslijst.txt geschreven naar {}",
                count(written, "bestand", "bestanden"),
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
            "invoer in orde: {} gelezen, {}, {}",
            count(swvs, "SWV", "SWV's"),
            if documents == 1 {
                "het document past".to_string()
            } else {
                format!("alle {documents} documenten passen")
            },
            count(warnings, "waarschuwing", "waarschuwingen")
        );
        0
    } else {
        println!(
            "{} en {} in de invoer van {}; {failed} van de {documents} documenten {} niet gemaakt worden",
            count(errors, "fout", "fouten"),
            count(warnings, "waarschuwing", "waarschuwingen"),
            count(swvs, "SWV", "SWV's"),
            if failed == 1 { "zou" } else { "zouden" }
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

fn usage(msg: &str) -> i32 {
    eprintln!("fout: {msg}\nZie 'wel --help'.");
    2
}
