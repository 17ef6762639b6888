//! Planning, once per build: every document of the publication (whatever `--only` or `--swv`
//! asks for, so what is protected is always the same) with its typed view and the figures it
//! publishes, and the CSV of every one-pager's bundle; documents blocked by input errors
//! become outcomes at once. The views hold figures that are settled later, when secondary
//! suppression has chosen (see [`super::prepare`]).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::assemble::Loaded;
use crate::diag::Problem;
use crate::model::{Phase, Programme, Swv, SwvCode};
use crate::outputs::{DocumentId, Outcome};
use crate::privacy::publisher::TypedIn;
use crate::privacy::{Count, Data, Ledger, Published, Publisher};
use crate::views::{self, View, csv::CsvView};

/// How many times [`plan`] ran in this process (a build plans once; compiling ahead plans the
/// one folder it reads): `wel build --timings` reports it.
pub static PLANS: AtomicUsize = AtomicUsize::new(0);

/// One document as planned: its view, the figures it publishes, and what the manifest says.
pub struct Planned {
    pub id: DocumentId,
    pub view: View,
    pub figures: Vec<Count>,
    /// The numbers typed in the texts it prints.
    pub typed: Vec<TypedIn>,
    /// References in its texts that count nothing.
    pub problems: Vec<Problem>,
    pub facts: Facts,
    /// Files the template reads besides its data (the one-pager's photo).
    pub assets: Vec<(String, Vec<u8>)>,
    /// For one-pagers: the longest text field, named when the page overflows.
    pub fit_hint: Option<String>,
}

/// What the manifest records about a planned document.
pub struct Facts {
    pub title: String,
    pub schooljaar: String,
    pub sources: Vec<PathBuf>,
    /// A draft: it includes an intake round that is still open.
    pub concept: bool,
}

/// The CSV of one SWV's bundle, as planned.
pub struct PlannedCsv {
    pub swv: SwvCode,
    pub file_name: String,
    pub view: CsvView,
    pub figures: Vec<Count>,
}

impl PlannedCsv {
    /// The CSV's key in the ledger: `bundels/<CODE>.zip:<file>`.
    pub fn key(&self) -> String {
        format!(
            "{}:{}",
            crate::outputs::OutputDir::bundle_key(Some(self.swv.as_str())),
            self.file_name
        )
    }
}

/// Every document of the publication, and the ones blocked by input errors.
#[derive(Default)]
pub struct Plan {
    pub documents: Vec<Planned>,
    pub csvs: Vec<PlannedCsv>,
    pub blocked: Vec<(DocumentId, Outcome)>,
}

impl Plan {
    /// The ledger of everything the plan publishes: every document and every CSV.
    pub fn ledger(&self) -> Ledger {
        let mut ledger = Ledger::default();
        for d in &self.documents {
            ledger.insert(d.id.key(), d.figures.clone());
        }
        for c in &self.csvs {
            ledger.insert(c.key(), c.figures.clone());
        }
        ledger
    }
}

/// Plans every document of the publication from the assembled inputs (none when
/// `project.toml` could not be read).
pub fn plan(loaded: &Loaded) -> Plan {
    PLANS.fetch_add(1, Ordering::Relaxed);
    let mut plan = Plan::default();
    let Some(data) = loaded.data() else {
        return plan;
    };
    let programme = data.programme;
    for phase in &programme.project.fases {
        let id = DocumentId::Rapportage(phase.nummer);
        plan.national(loaded, id.clone(), || {
            let scoped = scoped(programme, &id);
            let data = Data {
                programme: &scoped,
                counts: data.counts,
            };
            let phase = scoped
                .project
                .fases
                .iter()
                .find(|f| f.nummer == phase.nummer)?;
            Some(rapportage(data, phase))
        });
    }
    plan_one_pagers(&mut plan, loaded, data);
    if programme.project.brochure.is_some() {
        plan.national(loaded, DocumentId::Brochure, || {
            let scoped = scoped(programme, &DocumentId::Brochure);
            brochure(Data {
                programme: &scoped,
                counts: data.counts,
            })
        });
    }
    plan
}

/// The programme as the national document `id` sees it: nothing of a school year after the
/// last it covers (a phase report: every year up to its phase's last; the brochure: its own
/// years).
fn scoped(programme: &Programme, id: &DocumentId) -> Programme {
    let Some(last) = id.horizon(programme) else {
        return programme.clone();
    };
    match id {
        DocumentId::Brochure => programme.within(&id.years(programme).unwrap_or_default()),
        DocumentId::Rapportage(_) | DocumentId::Regio(_) => {
            let mut years = programme.published_years();
            years.retain(|y| *y <= last);
            years.push(last);
            programme.within(&years)
        }
    }
}

impl Plan {
    /// A national document, unless an error blocks it.
    fn national(
        &mut self,
        loaded: &Loaded,
        id: DocumentId,
        make: impl FnOnce() -> Option<Planned>,
    ) {
        match loaded.national_unplanned(&id) {
            Some(why) => self.blocked.push((id, Outcome::Blocked(why))),
            None => self.documents.extend(make()),
        }
    }
}

fn plan_one_pagers(plan: &mut Plan, loaded: &Loaded, data: Data<'_>) {
    // The national totals some one-pagers print, made once for all of them.
    let shared = crate::privacy::SharedFigures::default();
    let planned: Vec<Result<(Planned, PlannedCsv), DocumentId>> = loaded
        .folders
        .par_iter()
        .map(|code| {
            match data
                .programme
                .swv(code)
                .filter(|_| !loaded.swv_blocked(code))
            {
                Some(swv) => Ok((regio(data, swv, &shared), csv(data, swv))),
                None => Err(DocumentId::Regio(code.clone())),
            }
        })
        .collect();
    for p in planned {
        match p {
            Ok((doc, csv)) => {
                plan.documents.push(doc);
                plan.csvs.push(csv);
            }
            Err(id) => {
                let code = id.swv().map(|c| c.to_string()).unwrap_or_default();
                plan.blocked.push((
                    id,
                    Outcome::Blocked(format!(
                        "de invoer van {code} heeft fouten (zie de lijst hierboven)"
                    )),
                ));
            }
        }
    }
}

fn rapportage(data: Data<'_>, phase: &Phase) -> Planned {
    let programme = data.programme;
    let mut p = Publisher::new(data);
    let view = views::rapportage::rapportage(&mut p, programme, phase);
    let Published {
        figures,
        typed,
        problems,
    } = p.into_published();
    Planned {
        id: DocumentId::Rapportage(phase.nummer),
        view: View::Rapportage(Box::new(view)),
        figures,
        typed,
        problems,
        facts: Facts {
            title: views::rapportage::title(programme, phase),
            schooljaar: phase
                .schooljaren
                .iter()
                .map(|y| y.label())
                .collect::<Vec<_>>()
                .join(", "),
            sources: national_sources(programme),
            concept: views::concept(programme, &DocumentId::Rapportage(phase.nummer)).is_some(),
        },
        assets: Vec::new(),
        fit_hint: None,
    }
}

fn brochure(data: Data<'_>) -> Option<Planned> {
    let programme = data.programme;
    let mut p = Publisher::new(data);
    let view = views::brochure::brochure(&mut p, programme)?;
    let Published {
        figures,
        typed,
        problems,
    } = p.into_published();
    let years = programme.published_years();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{}-{}", a.start(), b.start() + 1),
        (Some(a), _) => a.label(),
        _ => String::new(),
    };
    Some(Planned {
        id: DocumentId::Brochure,
        view: View::Brochure(Box::new(view)),
        figures,
        typed,
        problems,
        facts: Facts {
            title: views::brochure::title(programme)?,
            schooljaar: span,
            sources: national_sources(programme),
            concept: views::concept(programme, &DocumentId::Brochure).is_some(),
        },
        assets: Vec::new(),
        fit_hint: None,
    })
}

/// The one-pager of one SWV (which must have a valid summary).
fn regio(data: Data<'_>, swv: &Swv, shared: &crate::privacy::SharedFigures) -> Planned {
    let programme = data.programme;
    let mut p = Publisher::new(data).sharing(shared);
    let view = views::regio::regio(&mut p, programme, swv);
    let Published {
        figures,
        typed,
        problems,
    } = p.into_published();
    let mut sources: Vec<PathBuf> = programme.project.sources.clone();
    sources.extend(swv.sources.iter().cloned());
    let summary = swv.one_pager_summary();
    let photo = summary.and_then(|s| s.foto.as_ref());
    if let Some((s, f)) = summary.zip(photo) {
        sources.push(s.map.join(&f.file_name));
    }
    Planned {
        id: DocumentId::Regio(swv.code.clone()),
        view: View::Regio(Box::new(view)),
        figures,
        typed,
        problems,
        facts: Facts {
            title: views::regio::title(programme, swv),
            schooljaar: swv
                .years
                .keys()
                .next_back()
                .map(|y| y.label())
                .unwrap_or_default(),
            sources,
            concept: views::concept(programme, &DocumentId::Regio(swv.code.clone())).is_some(),
        },
        assets: photo
            .map(|f| (views::regio::photo_path(swv), f.jpeg.clone()))
            .into_iter()
            .collect(),
        fit_hint: summary.and_then(|s| {
            s.texts()
                .into_iter()
                .max_by_key(|(_, t)| t.chars().count())
                .map(|(field, t)| {
                    format!(
                        "het langste tekstveld is {field} ({} tekens)",
                        t.chars().count()
                    )
                })
        }),
    }
}

/// The CSV of one SWV's bundle.
fn csv(data: Data<'_>, swv: &Swv) -> PlannedCsv {
    let mut p = Publisher::new(data);
    let view = views::csv::figures_rows(&mut p, swv, data.programme.project.voorbeeldgegevens);
    PlannedCsv {
        swv: swv.code.clone(),
        file_name: views::csv::file_name(swv),
        view,
        figures: p.into_figures(),
    }
}

/// The input files behind the national documents: the project, its texts and every workbook.
fn national_sources(programme: &Programme) -> Vec<PathBuf> {
    let mut sources = programme.project.sources.clone();
    for swv in &programme.swvs {
        sources.extend(
            swv.sources
                .iter()
                .filter(|p| !p.ends_with(crate::inputs::set::SUMMARY_FILE))
                .cloned(),
        );
    }
    sources.sort();
    sources.dedup();
    sources
}
