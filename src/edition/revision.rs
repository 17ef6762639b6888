//! The latest edition as the base of a build: which of its documents stay as they were sent,
//! which a correction or a late return reaches, and what a revised document lists under
//! "Correcties". `wel check`, `wel vergelijk` and `wel publiceer --herziening` all show the
//! lists a revision would print ([`Revision`]), made by the one pipeline in revision mode.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use serde::Serialize;

use super::Edition;
use crate::export::csv::CsvFile;
pub use crate::model::Late;
use crate::model::{Programme, SchoolYear, SwvCode};
use crate::outputs::DocumentId;
use crate::privacy::editions::{Difference, reached};
use crate::privacy::{Cell, Data, Recorded, Relation, ShownAs};

/// The latest edition, with every edition before it (a document it took over was made in one
/// of those).
#[derive(Clone, Copy)]
pub struct Base<'a> {
    pub edition: &'a Edition,
    pub all: &'a [Edition],
}

impl<'a> Base<'a> {
    /// The latest of `all`, when there is one.
    pub fn latest(all: &'a [Edition]) -> Option<Self> {
        Some(Self {
            edition: all.last()?,
            all,
        })
    }

    /// The edition the document `key` of the base was made in: the base itself, or the one it
    /// took the document over from.
    pub fn origin(&self, key: &str) -> &'a Edition {
        self.edition
            .info
            .overgenomen
            .get(key)
            .and_then(|name| self.all.iter().find(|e| e.name() == name))
            .unwrap_or(self.edition)
    }

    /// The figures of one output as the base published it.
    pub fn figures(&self, key: &str) -> Option<&'a [Recorded]> {
        self.origin(key).figures.get(key).map(Vec::as_slice)
    }

    /// Every output's figures as the base published them (its own and those it took over).
    pub fn all_figures(&self) -> BTreeMap<String, Vec<Recorded>> {
        let mut figures = self.edition.figures.clone();
        for key in self.edition.info.overgenomen.keys() {
            if let Some(f) = self.figures(key) {
                figures.insert(key.clone(), f.to_vec());
            }
        }
        figures
    }

    /// The cells of every figure the base printed as `×`: what is made anew keeps them
    /// withheld, so that no `×` moves unless a correction needs it to.
    pub fn withheld(&self) -> Vec<Vec<Cell>> {
        let mut sets: BTreeSet<Vec<Cell>> = BTreeSet::new();
        for f in self.all_figures().values().flatten() {
            if let (ShownAs::Withheld, Relation::Sum(cells)) = (f.shown, &f.relation) {
                sets.insert(cells.clone());
            }
        }
        sets.into_iter().collect()
    }

    /// The CSV an SWV's bundle held in the base, as it was sent.
    pub fn csv(&self, code: &SwvCode) -> Option<CsvFile> {
        let key = crate::outputs::OutputDir::bundle_key(Some(code.as_str()));
        let file = std::fs::File::open(self.edition.file(&key)).ok()?;
        let mut zip = zip::ZipArchive::new(file).ok()?;
        let prefix = format!("{key}:");
        let name = self
            .edition
            .figures
            .keys()
            .find_map(|k| k.strip_prefix(&prefix))?
            .to_string();
        let mut entry = zip.by_name(&name).ok()?;
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).ok()?;
        Some(CsvFile {
            file_name: name,
            bytes,
        })
    }

    /// Whether the document `key` (figures `now`, as they would be printed) is reached by a
    /// correction or a late return since the base: other cells, other values, other figures.
    pub fn reached(&self, key: &str, now: &[Recorded], data: Data<'_>) -> bool {
        let origin = self.origin(key);
        match self.figures(key) {
            Some(then) => reached(then, &origin.values, now, data),
            None => false,
        }
    }
}

/// The rows of closed rounds that came in late and are in no edition yet.
pub fn late(data: Data<'_>, editions: &[Edition]) -> Vec<Late> {
    let programme = data.programme;
    let published: BTreeSet<(&SwvCode, SchoolYear)> = editions
        .iter()
        .flat_map(|e| e.values.keys())
        .map(|c| (&c.swv, c.schooljaar))
        .collect();
    let mut out = Vec::new();
    for round in &programme.project.afgesloten {
        for code in &round.zonder {
            let sent = programme
                .swv(code)
                .is_some_and(|s| s.took_part(round.schooljaar));
            if sent && !published.contains(&(code, round.schooljaar)) {
                out.push(Late {
                    swv: code.clone(),
                    schooljaar: round.schooljaar,
                    cijfers: data.counts.row_in_words(code, round.schooljaar),
                });
            }
        }
    }
    out.sort_by(|a, b| (a.schooljaar, &a.swv).cmp(&(b.schooljaar, &b.swv)));
    out
}

/// Takes late rows out of the programme: they wait.
pub fn hold_back(programme: &mut Programme, late: &[Late]) {
    for l in late {
        if let Some(s) = programme.swvs.iter_mut().find(|s| s.code == l.swv) {
            s.years.remove(&l.schooljaar);
            s.summaries.remove(&l.schooljaar);
        }
    }
}

/// One revised document and the figures it prints differently.
#[derive(Debug, Clone, Serialize)]
pub struct Revised {
    pub id: DocumentId,
    pub differences: Vec<Difference>,
}

/// What a revision of the base changes: every document it reaches whose printed figures
/// change, with each changed figure, and the late rows it takes in.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Revision {
    /// The edition revised.
    pub editie: String,
    pub documents: Vec<Revised>,
    pub nagekomen: Vec<Late>,
}

/// One difference, with every document it is in.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    pub wat: String,
    pub gepubliceerd: String,
    pub nu: String,
    pub in_uitvoer: Vec<String>,
}

/// The differences of a revision, each once with the documents it is in: national ones, and
/// per SWV.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub editie: String,
    /// Figures of the national documents (totals).
    pub landelijk: Vec<Changed>,
    /// Figures of one SWV's one-pager and CSV, by code.
    pub per_swv: BTreeMap<String, Vec<Changed>>,
    /// The documents that change, with how many figures.
    pub documenten: Vec<(String, usize)>,
    /// Late rows, waiting for a choice.
    pub nagekomen: Vec<String>,
}

/// Differences by (what, published, now), with the documents each is in.
type ByFigure = BTreeMap<(String, String, String), BTreeSet<String>>;

impl Revision {
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.nagekomen.is_empty()
    }

    /// Grouped: each difference once, with every document it is in.
    pub fn comparison(&self) -> Comparison {
        let mut national: ByFigure = BTreeMap::new();
        let mut per_swv: BTreeMap<String, ByFigure> = BTreeMap::new();
        for r in &self.documents {
            for d in &r.differences {
                let into = match &d.swv {
                    Some(code) => per_swv.entry(code.to_string()).or_default(),
                    None => &mut national,
                };
                into.entry((d.wat.clone(), d.gepubliceerd.clone(), d.nu.clone()))
                    .or_default()
                    .insert(r.id.key());
            }
        }
        let list = |m: ByFigure| -> Vec<Changed> {
            m.into_iter()
                .map(|((wat, gepubliceerd, nu), outputs)| Changed {
                    wat,
                    gepubliceerd,
                    nu,
                    in_uitvoer: outputs.into_iter().collect(),
                })
                .collect()
        };
        Comparison {
            editie: self.editie.clone(),
            landelijk: list(national),
            per_swv: per_swv.into_iter().map(|(c, m)| (c, list(m))).collect(),
            documenten: self
                .documents
                .iter()
                .map(|r| (r.id.key(), r.differences.len()))
                .collect(),
            nagekomen: self.nagekomen.iter().map(Late::line).collect(),
        }
    }
}

/// The documents a figure is in, the national ones by name and one-pagers counted when there
/// are many.
fn in_documents(keys: &[String]) -> String {
    let (regio, national): (Vec<&String>, Vec<&String>) =
        keys.iter().partition(|k| k.starts_with("regio/"));
    let mut parts: Vec<String> = national.into_iter().cloned().collect();
    if regio.len() > 3 {
        parts.push(format!("{} regio-overzichten", regio.len()));
    } else {
        parts.extend(regio.into_iter().cloned());
    }
    parts.join(", ")
}

impl Comparison {
    /// Nothing printed differently and nothing late.
    pub fn is_empty(&self) -> bool {
        self.landelijk.is_empty() && self.per_swv.is_empty() && self.nagekomen.is_empty()
    }

    /// Every line of the differences, as `wel check` and `wel vergelijk` print them.
    pub fn lines(&self) -> Vec<String> {
        let line = |c: &Changed| {
            format!(
                "{}: gepubliceerd {}, nu {} ({})",
                c.wat,
                c.gepubliceerd,
                c.nu,
                in_documents(&c.in_uitvoer)
            )
        };
        self.landelijk
            .iter()
            .chain(self.per_swv.values().flatten())
            .map(line)
            .collect()
    }

    pub fn text(&self) -> String {
        let mut out = format!(
            "Verschillen tussen editie {} en de invoer nu (wat een herziening zou tonen):\n",
            self.editie
        );
        if self.is_empty() {
            out.push_str("  geen: elk gepubliceerd cijfer is nog hetzelfde\n");
            return out;
        }
        let lines = self.lines();
        let (national, swv) = lines.split_at(self.landelijk.len());
        if !national.is_empty() {
            out.push_str("Landelijk:\n");
            national
                .iter()
                .for_each(|l| out.push_str(&format!("  {l}\n")));
        }
        if !swv.is_empty() {
            out.push_str("Per SWV:\n");
            swv.iter().for_each(|l| out.push_str(&format!("  {l}\n")));
        }
        if !self.documenten.is_empty() {
            out.push_str("Documenten die een herziening zou vervangen (met hun correcties):\n");
            let (regio, national): (Vec<_>, Vec<_>) = self
                .documenten
                .iter()
                .partition(|(key, _)| key.starts_with("regio/"));
            for (key, n) in national {
                out.push_str(&format!(
                    "  {key}: {} anders\n",
                    crate::dutch::count(*n, "cijfer", "cijfers")
                ));
            }
            if regio.len() > 5 {
                let codes: Vec<&str> = regio
                    .iter()
                    .map(|(k, _)| k.trim_start_matches("regio/").trim_end_matches(".pdf"))
                    .collect();
                out.push_str(&format!(
                    "  {} regio-overzichten: {}\n",
                    regio.len(),
                    codes.join(", ")
                ));
            } else {
                for (key, n) in regio {
                    out.push_str(&format!(
                        "  {key}: {} anders\n",
                        crate::dutch::count(*n, "cijfer", "cijfers")
                    ));
                }
            }
        }
        if !self.nagekomen.is_empty() {
            out.push_str("Nagekomen (wacht op een keuze: een herziening met wel publiceer --herziening, of de volgende editie met --nagekomen):\n");
            self.nagekomen
                .iter()
                .for_each(|l| out.push_str(&format!("  {l}\n")));
        }
        out
    }
}
