//! What the commands print besides their own lines: problems, differences from an edition,
//! figures waiting, withheld figures and the school years read.

use super::*;

/// `wel check`: when a correction or a late return reaches a document of the latest edition,
/// every figure a revision would print differently, exactly as `wel vergelijk` lists them.
pub(super) fn print_differences(
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
    match crate::commands::publish::compare(options, Some(base)) {
        // Reached, but nothing printed differently: a revision would change nothing.
        Ok(c) if c.is_empty() => Ok(()),
        Ok(c) => {
            print!("{}", c.text());
            println!(
                "  de documenten van editie {base} blijven zoals ze verstuurd zijn; een herziening met deze correcties: wel publiceer --herziening"
            );
            Ok(())
        }
        Err(crate::commands::publish::PublishError::Refused(lines)) => {
            lines.iter().for_each(|l| eprintln!("fout: {l}"));
            Err(1)
        }
        Err(crate::commands::publish::PublishError::Nothing(_)) => Ok(()),
        Err(crate::commands::publish::PublishError::Build(e)) => Err(build_error(e)),
    }
}

/// `wel build`: one line when published documents print other figures now, or late figures
/// wait.
pub(super) fn print_pending(report: &crate::pipeline::BuildReport) {
    let state = &report.editions;
    let Some(base) = &state.base else {
        return;
    };
    if !state.reached.is_empty() {
        println!(
            "{} van editie {base} {} (wel vergelijk toont de verschillen, wel publiceer --herziening maakt een herziening)",
            count(state.reached.len(), "document", "documenten"),
            if state.reached.len() == 1 {
                "zou nu andere cijfers tonen; het blijft zoals het verstuurd is"
            } else {
                "zouden nu andere cijfers tonen; ze blijven zoals ze verstuurd zijn"
            },
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
pub(super) fn print_outcomes(report: &crate::pipeline::BuildReport, blocked: &str, failed: &str) {
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

/// Per school year: how many SWVs reported figures, and the phase it belongs to.
pub(super) fn print_school_years(programme: &crate::model::Programme) {
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
        println!(
            "  {year}: {} met cijfers, {phase}",
            count(n, "SWV", "SWV's")
        );
    }
}

/// Prints why each figure is withheld by secondary suppression, and how many.
pub(super) fn print_withheld(explanations: &[String], cells: usize) {
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
