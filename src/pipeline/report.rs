//! What a build reports: every document's outcome, the problems and warnings, what happened
//! to the bundles, and where the time went.

use crate::diag::Problems;
use crate::export::deliver::Delivered;
use crate::outputs::{DocumentId, Outcome};

/// The result of a build.
#[derive(Debug)]
pub struct BuildReport {
    /// Why no document could be planned at all (`project.toml` has errors).
    pub stopped: Option<String>,
    pub outcomes: Vec<(DocumentId, Outcome)>,
    /// SWV folders read (none when nothing had to be read), errors or not.
    pub folders: Vec<crate::model::SwvCode>,
    /// The assembled programme (`None` when nothing had to be read or it could not be read).
    pub programme: Option<crate::model::Programme>,
    pub problems: Problems,
    pub warnings: Vec<(DocumentId, String)>,
    pub privacy_overrides: usize,
    /// Why each figure withheld by secondary suppression is not shown (Dutch).
    pub withheld: Vec<String>,
    /// How many of those are one SWV's own count (the rest are totals).
    pub withheld_cells: usize,
    /// What happened to the bundles.
    pub delivered: Delivered,
    pub seconds: f64,
    pub timings: Timings,
    /// What the run did with the latest edition: taken over, reached by a correction, late
    /// rows, and (a revision) what each revised document lists.
    pub editions: super::EditionState,
    /// What a new edition keeps besides the documents (with `BuildOptions::publication`).
    pub publication: Option<Publication>,
}

/// Every figure the run's documents print and the cell values behind them: what
/// `cijfers.json` and `intern/waarden.json` of a new edition hold, from the same run that made
/// the PDFs.
#[derive(Debug, Clone)]
pub struct Publication {
    pub figures: std::collections::BTreeMap<String, Vec<crate::privacy::Recorded>>,
    pub values: std::collections::BTreeMap<crate::privacy::Cell, u32>,
    pub witnesses: Vec<crate::privacy::disclosure::Witness>,
    pub schooljaren: Vec<crate::model::SchoolYear>,
}

/// Where the time of a build went (for `--timings` and the benchmark).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Fingerprinting the inputs and templates (the no-change fast path).
    pub fingerprint: f64,
    /// Reading and validating every input.
    pub load: f64,
    /// The disclosure audit and secondary suppression (part of `plan`).
    pub protect: f64,
    /// Assembling and checking the model, planning, secondary suppression, and writing and
    /// hashing every document's data.
    pub plan: f64,
    /// Wall time of the parallel compile phase.
    pub compile_wall: f64,
    /// Seconds of wel's own work per document (up-to-date checks, thumbnail, hashing,
    /// writing), summed over documents.
    pub own_cpu: f64,
    /// Seconds rendering thumbnails for the overview (part of `own_cpu`), summed.
    pub thumbnails: f64,
    /// Bundles, manifest, overview and the build record.
    pub finish: f64,
    /// Compiling ahead the one-pagers of changed SWV folders (beside reading and planning).
    pub ahead: f64,
    /// Documents whose compile-ahead result was used.
    pub ahead_used: usize,
    /// Worker threads of the compile phase.
    pub threads: usize,
    /// Documents laid out in layout helpers (`render::worker`), and how many helpers ran.
    pub remote: usize,
    pub helpers: usize,
    /// How many times documents were planned in this process (once per build, plus once per
    /// folder compiled ahead).
    pub plans: usize,
}

impl Timings {
    /// The share of the build's wall time spent on anything but Typst's compile and export:
    /// the serial phases plus the per-document work spread over the worker threads.
    pub fn overhead_share(&self, total: f64, threads: usize) -> f64 {
        let outside = self.fingerprint + self.load + self.plan + self.finish;
        (outside + self.own_cpu / threads.max(1) as f64) / total.max(1e-9)
    }

    pub fn describe(&self, total: f64) -> String {
        format!(
            "tijd: vingerafdruk {:.3} s, invoer lezen {:.3} s, samenstellen, plannen ({} keer), afschermen en gegevens schrijven {:.3} s (waarvan afleidbaarheid controleren {:.3} s; tegelijk vooruit compileren {:.3} s), compileren {:.3} s (waarvan eigen werk per document {:.3} s over {} threads, daarin miniaturen {:.3} s; {} documenten opgemaakt in {} {}), bundels/manifest/overzicht {:.3} s; buiten Typst {:.1}% van {:.3} s",
            self.fingerprint,
            self.load,
            self.plans,
            self.plan,
            self.protect,
            self.ahead,
            self.compile_wall,
            self.own_cpu,
            self.threads,
            self.thumbnails,
            self.remote,
            self.helpers,
            if self.helpers == 1 {
                "opmaakhulp"
            } else {
                "opmaakhulpen"
            },
            self.finish,
            100.0 * self.overhead_share(total, self.threads),
            total
        )
    }
}

impl BuildReport {
    /// The report of a run that found nothing changed: nothing was read.
    pub fn unchanged(outcomes: Vec<(DocumentId, Outcome)>, seconds: f64, timings: Timings) -> Self {
        Self {
            stopped: None,
            outcomes,
            folders: Vec::new(),
            programme: None,
            problems: Problems::new(),
            warnings: Vec::new(),
            privacy_overrides: 0,
            withheld: Vec::new(),
            withheld_cells: 0,
            delivered: Delivered::default(),
            seconds,
            timings,
            editions: super::EditionState::default(),
            publication: None,
        }
    }

    pub fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes.iter().filter(|(_, o)| f(o)).count()
    }

    pub fn built(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Built { .. }))
    }

    pub fn up_to_date(&self) -> usize {
        self.count(|o| matches!(o, Outcome::UpToDate))
    }

    /// Documents of the latest edition taken over as they were sent.
    pub fn published(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Published { .. }))
    }

    /// Documents not made, counting a run that could plan none as one.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Blocked(_) | Outcome::Failed(_)))
            + usize::from(self.stopped.is_some())
    }

    /// Whether the run should end with a non-zero exit code.
    pub fn has_failures(&self) -> bool {
        self.failed() > 0 || self.problems.has_errors()
    }

    /// The one-line summary printed at the end of a run.
    pub fn summary_line(&self) -> String {
        let mut line = format!(
            "{} gebouwd, {} ongewijzigd, {} mislukt in {} s",
            self.built(),
            self.up_to_date(),
            self.failed(),
            crate::dutch::decimal(self.seconds)
        );
        if self.published() > 0 {
            line.push_str(&format!(
                "; {} ongewijzigd overgenomen uit de laatste editie",
                self.published()
            ));
        }
        if self.delivered.bundles > 0 {
            line.push_str(&format!("; {} bundels klaar", self.delivered.bundles));
        }
        if !self.delivered.not_refreshed.is_empty() {
            line.push_str(&format!(
                "; {} NIET ververst omdat er een document in zit dat niet opnieuw gemaakt kon worden (zie hierboven)",
                crate::dutch::count(self.delivered.not_refreshed.len(), "bundel", "bundels")
            ));
        }
        if self.delivered.overview_removed {
            line.push_str(
                "; verouderd overzicht.html verwijderd (maak het opnieuw met --overzicht)",
            );
        }
        if self.delivered.stale_removed > 0 {
            line.push_str(&format!(
                "; {} verwijderd (maak {} opnieuw met `wel bundle`)",
                crate::dutch::count(
                    self.delivered.stale_removed,
                    "verouderde bundel",
                    "verouderde bundels"
                ),
                if self.delivered.stale_removed == 1 {
                    "hem"
                } else {
                    "ze"
                }
            ));
        }
        if !self.withheld.is_empty() {
            line.push_str(&format!(
                "; {} aanvullend niet getoond (×)",
                withheld_counts(self.withheld_cells, self.withheld.len())
            ));
        }
        if self.privacy_overrides > 0 {
            line.push_str(&format!(
                " — LET OP: {} vermoedelijke persoonsgegevens toegelaten met --allow-personal-data",
                self.privacy_overrides
            ));
        }
        line
    }
}

/// `3 cellen en 1 totaal`: the figures secondary suppression withholds, by kind.
pub fn withheld_counts(cells: usize, all: usize) -> String {
    let totals = all - cells;
    let cells = if cells == 1 {
        "1 cel".to_string()
    } else {
        format!("{cells} cellen")
    };
    let totals = if totals == 1 {
        "1 totaal".to_string()
    } else {
        format!("{totals} totalen")
    };
    format!("{cells} en {totals}")
}
