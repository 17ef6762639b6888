//! The commands of the yearly round: `wel intake`, `wel ontvang` and `wel ronde afronden`.

use super::*;

pub(super) fn run_ronde_open(args: RondeOpenArgs) -> i32 {
    use crate::round::open::{OpenError, OpenRequest};
    if let Err(code) = guarded(&[inputs_guard(&args.input.inputs)]) {
        return code;
    }
    let editions = commands::edition_names(&source(&args.input).editions_dir());
    let failed = |e: OpenError| {
        eprintln!("fout: {e}");
        1
    };
    if args.terugdraaien {
        return match crate::round::open::undo(&args.input.inputs, &editions, args.ja) {
            Ok(done) => {
                println!("wel ronde open {} is teruggedraaid:", done.year);
                for line in done.lines {
                    println!("  {line}");
                }
                0
            }
            Err(e) => failed(e),
        };
    }
    let year = match args.schooljaar.as_deref().map(SchoolYear::parse) {
        None => None,
        Some(Ok(y)) => Some(y),
        Some(Err(m)) => return usage(&format!("schooljaar: {m}")),
    };
    let request = OpenRequest {
        year,
        phase: args.fase,
    };
    match crate::round::open::open(&args.input.inputs, &request, &editions) {
        Ok(opened) => {
            println!(
                "ronde {} geopend; in {}:",
                opened.year,
                args.input.inputs.display()
            );
            for line in &opened.changes {
                println!("  {line}");
            }
            println!(
                "Volgende stap: wel intake --out formulieren. Ongedaan maken: wel ronde open --terugdraaien"
            );
            0
        }
        Err(e) => failed(e),
    }
}

pub(super) fn run_rond_af(args: RondAfArgs) -> i32 {
    let options = match commands::read_only(&source(&args.input)) {
        Ok(o) => o,
        Err(r) => return refused(r),
    };
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
pub(super) fn close_round(
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

pub(super) fn run_intake(args: IntakeArgs) -> i32 {
    let checks = [
        inputs_guard(&args.input.inputs),
        crate::guard::refuse_writing_into_edition(&args.out, "de map voor de formulieren"),
        crate::guard::refuse_source_written_by_wel(&args.out, "de map voor de formulieren"),
    ];
    if let Err(code) = guarded(&checks) {
        return code;
    }
    let loaded = load(&args.input.inputs, &source(&args.input).load());
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
                "{} voor {year} geschreven naar {}",
                count(n, "invulformulier", "invulformulieren"),
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
pub(super) fn intake_year(
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
pub(super) fn checked(inputs: &std::path::Path, touched: &[String]) -> Problems {
    let mut problems = Problems::new();
    if touched.is_empty() {
        return problems;
    }
    let source = commands::Source {
        inputs: inputs.to_path_buf(),
        editions: None,
        allow_personal_data: false,
    };
    let Ok(options) = commands::read_only(&source) else {
        return problems;
    };
    if let Ok(prepared) = crate::pipeline::prepare_only(&options) {
        for p in prepared.loaded.problems.iter() {
            if p.swv.as_ref().is_some_and(|c| touched.contains(c)) {
                problems.push(p.clone());
            }
        }
    }
    problems
}

pub(super) fn run_ontvang(args: OntvangArgs) -> i32 {
    use crate::round::receive::{Action, ReceiveError, ReceiveOptions, describe, receive, stamp};
    if let Err(code) = guarded(&[inputs_guard(&args.inputs)]) {
        return code;
    }
    if args.terugdraaien {
        let editions = commands::edition_names(&commands::default_editions_dir(&args.inputs));
        return match crate::round::receive::undo_last(&args.inputs, &editions, args.ja) {
            Ok(u) => {
                println!(
                    "teruggedraaid: {} ({}); de invoer en de binnengekomen bestanden zijn weer zoals voor die wel ontvang",
                    u.run.display(),
                    count(u.steps, "stap", "stappen")
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
    let editions = commands::edition_names(&commands::default_editions_dir(&args.inputs));
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
        "{} verwerkt, {unfilled} niet ingevuld, {left} {} staan in {} om een andere reden; {} en {} in de ontvangen invoer (zie wel check); terugdraaien: wel ontvang --terugdraaien",
        count(filed, "bestand", "bestanden"),
        if left == 1 { "blijft" } else { "blijven" },
        map.display(),
        count(errors, "fout", "fouten"),
        count(problems.len() - errors, "waarschuwing", "waarschuwingen")
    );
    i32::from(left > 0 || errors > 0)
}
