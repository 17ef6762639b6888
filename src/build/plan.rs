//! Planning a build: which documents to make from the loaded inputs, each with its template
//! data, photos and manifest facts; documents blocked by input errors become outcomes at once.

use std::path::{Path, PathBuf};

use super::record::DocMeta;
use super::{BuildError, BuildOptions, Outcome};
use crate::diag::Problems;
use crate::fsutil;
use crate::inputs::set::{Loaded, load};
use crate::model::{Programme, SwvCode};
use crate::render::view::{self, Kind};
use crate::render::{DocumentInput, templates};

/// One document to make.
pub struct Job {
    pub kind: Kind,
    /// What the manifest says about the document.
    pub meta: DocMeta,
    /// For one-pagers: the longest text field, named when the page overflows.
    pub fit_hint: Option<String>,
    /// Output path relative to the output folder, e.g. `regio/PO2801.pdf`.
    pub output: PathBuf,
    pub swv: Option<SwvCode>,
    pub input: DocumentInput,
    pub ident: String,
    pub max_pages: Option<usize>,
}

/// The jobs to run, and the outcomes already decided (documents blocked by input errors).
pub type Plan = (Vec<Job>, Vec<(PathBuf, Outcome)>);

/// Decides which documents to make; those blocked by input errors become outcomes at once.
pub fn plan(loaded: &Loaded, options: &BuildOptions) -> Result<Plan, BuildError> {
    let wants = |k: Kind| options.only.is_empty() || options.only.contains(&k);
    for code in &options.swv {
        if !loaded.folders.contains(code) {
            return Err(BuildError::Usage(format!(
                "SWV {code} bestaat niet in {}/swv/",
                options.inputs.display()
            )));
        }
    }
    let mut jobs = Vec::new();
    let mut outcomes = Vec::new();
    let Some(programme) = &loaded.programme else {
        outcomes.push((
            PathBuf::from("(alle documenten)"),
            Outcome::Blocked("project.toml heeft fouten".into()),
        ));
        return Ok((jobs, outcomes));
    };
    let national_only_swv = !options.swv.is_empty();
    if wants(Kind::Rapportage) && !national_only_swv {
        for phase in &programme.project.fases {
            let output = PathBuf::from(format!("{}.pdf", phase.slug()));
            if loaded.national_blocked() {
                outcomes.push((output, Outcome::Blocked(blocked_national(&loaded.problems))));
            } else {
                let data = view::rapportage(programme, phase);
                let meta = DocMeta::new(
                    Kind::Rapportage,
                    &data,
                    None,
                    phase
                        .schooljaren
                        .iter()
                        .map(|y| y.label())
                        .collect::<Vec<_>>()
                        .join(", "),
                    national_sources(programme, loaded),
                );
                jobs.push(national_job(
                    Kind::Rapportage,
                    output,
                    data,
                    format!("wel:{}", phase.slug()),
                    meta,
                ));
            }
        }
    }
    if wants(Kind::Regio) {
        use rayon::prelude::*;
        let planned: Vec<Result<Job, (PathBuf, Outcome)>> = loaded
            .folders
            .par_iter()
            .filter(|code| options.swv.is_empty() || options.swv.contains(code))
            .map(|code| {
                let output = PathBuf::from(format!("regio/{code}.pdf"));
                match programme.swv(code).filter(|_| !loaded.swv_blocked(code)) {
                    Some(swv) => Ok(regio_job(programme, swv, output)),
                    None => Err((
                        output,
                        Outcome::Blocked(format!(
                            "de invoer van {code} heeft fouten (zie de lijst hierboven)"
                        )),
                    )),
                }
            })
            .collect();
        for p in planned {
            match p {
                Ok(job) => jobs.push(job),
                Err(outcome) => outcomes.push(outcome),
            }
        }
    }
    if wants(Kind::Brochure) && !national_only_swv {
        let output = PathBuf::from("brochure.pdf");
        if loaded.national_blocked() {
            outcomes.push((output, Outcome::Blocked(blocked_national(&loaded.problems))));
        } else if let Some(data) = view::brochure(programme) {
            let years = programme.school_years();
            let span = match (years.first(), years.last()) {
                (Some(a), Some(b)) if a != b => format!("{}-{}", a.start(), b.start() + 1),
                (Some(a), _) => a.label(),
                _ => String::new(),
            };
            let meta = DocMeta::new(
                Kind::Brochure,
                &data,
                None,
                span,
                national_sources(programme, loaded),
            );
            jobs.push(national_job(
                Kind::Brochure,
                output,
                data,
                "wel:brochure".into(),
                meta,
            ));
        }
    }
    Ok((jobs, outcomes))
}

pub(crate) fn blocked_national(problems: &Problems) -> String {
    let mut codes: Vec<&str> = problems
        .figure_errors()
        .filter_map(|p| p.swv.as_deref())
        .collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        "de invoer heeft fouten die alle landelijke cijfers raken".into()
    } else {
        format!(
            "landelijke totalen kunnen niet kloppen zolang de cijfers van {} fouten hebben",
            codes.join(", ")
        )
    }
}

pub(crate) fn national_job(
    kind: Kind,
    output: PathBuf,
    data: serde_json::Value,
    ident: String,
    meta: DocMeta,
) -> Job {
    Job {
        kind,
        meta,
        fit_hint: None,
        output,
        swv: None,
        input: DocumentInput {
            template: kind.template().into(),
            data: to_json(&data),
            assets: Vec::new(),
        },
        ident,
        max_pages: None,
    }
}

pub(crate) fn regio_job(programme: &Programme, swv: &crate::model::Swv, output: PathBuf) -> Job {
    let data = view::regio(programme, swv);
    let mut sources: Vec<PathBuf> = programme.project.sources.clone();
    sources.extend(swv.sources.iter().cloned());
    if let Some(f) = swv.summary.as_ref().and_then(|s| s.foto.as_ref()) {
        sources.push(PathBuf::from(format!("swv/{}/{}", swv.code, f.file_name)));
    }
    let latest = swv
        .years
        .keys()
        .next_back()
        .map(|y| y.label())
        .unwrap_or_default();
    let meta = DocMeta::new(
        Kind::Regio,
        &data,
        Some(swv.code.to_string()),
        latest,
        sources,
    );
    let assets = swv
        .summary
        .as_ref()
        .and_then(|s| s.foto.as_ref())
        .map(|f| vec![(view::photo_path(swv), f.jpeg.clone())])
        .unwrap_or_default();
    let fit_hint = swv.summary.as_ref().and_then(|s| {
        s.texts()
            .into_iter()
            .max_by_key(|(_, t)| t.chars().count())
            .map(|(field, t)| {
                format!(
                    "het langste tekstveld is {field} ({} tekens)",
                    t.chars().count()
                )
            })
    });
    Job {
        kind: Kind::Regio,
        meta,
        fit_hint,
        output,
        swv: Some(swv.code.clone()),
        input: DocumentInput {
            template: Kind::Regio.template().into(),
            data: to_json(&data),
            assets,
        },
        ident: format!("wel:regio:{}", swv.code),
        max_pages: Some(1),
    }
}

/// The input files behind the national documents: the project, its texts and every workbook.
pub(crate) fn national_sources(programme: &Programme, _loaded: &Loaded) -> Vec<PathBuf> {
    let mut sources = programme.project.sources.clone();
    for swv in &programme.swvs {
        sources.extend(
            swv.sources
                .iter()
                .filter(|p| !p.ends_with("samenvatting.toml"))
                .cloned(),
        );
    }
    sources.sort();
    sources.dedup();
    sources
}

pub(crate) fn to_json(v: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("views serialise to JSON")
}

/// Writes what each document is made from, for the `typst compile` baseline of the benchmark:
/// the templates, fonts and photos under `dir`, each document's data as `data/<n>.json`, and
/// `jobs.tsv` (template, data file, output) with one line per document.
pub fn dump_typst_inputs(options: &BuildOptions, dir: &Path) -> Result<usize, BuildError> {
    let loaded = load(&options.inputs, &options.load);
    let (jobs, _) = plan(&loaded, options)?;
    let files = match options.templates.as_deref() {
        Some(d) => templates::from_dir(d)?,
        None => templates::embedded(),
    };
    for (path, text) in files {
        fsutil::write_atomic(&dir.join(path), text.as_bytes())?;
    }
    let mut tsv = String::new();
    for (i, job) in jobs.iter().enumerate() {
        let data = format!("data/{i:05}.json");
        fsutil::write_atomic(&dir.join(&data), &job.input.data)?;
        for (path, bytes) in &job.input.assets {
            fsutil::write_atomic(&dir.join(path.trim_start_matches('/')), bytes)?;
        }
        tsv.push_str(&format!(
            "{}\t{}\t{}\n",
            job.input.template,
            data,
            job.output.display()
        ));
    }
    fsutil::write_atomic(&dir.join("jobs.tsv"), tsv.as_bytes())?;
    Ok(jobs.len())
}
