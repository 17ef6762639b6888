//! The commands, between the command line and the work. The command line parses, prints and
//! decides the exit code; a command turns what the user asked for into the settings of a build
//! and says what stands in the way. This is the one place outside the pipeline that makes
//! [`BuildOptions`]: where the editions live, which checks a command gets (a dry run for
//! `wel check`, bundles and the web edition for `wel publiceer`), and which folders it may
//! read from and write into.

use std::path::{Path, PathBuf};

use crate::inputs::set::LoadOptions;
use crate::model::SwvCode;
use crate::outputs::Kind;
use crate::pipeline::BuildOptions;

pub mod publish;
pub mod watch;

/// Why a command does not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The command line was used wrongly (exit code 2).
    Usage(String),
    /// The folders may not be used so (exit code 1): nothing has changed.
    Refused(String),
}

/// Where a command reads: the inputs, the editions published from them, and whether input
/// that looks like personal data is allowed.
#[derive(Debug, Clone)]
pub struct Source {
    pub inputs: PathBuf,
    /// `--edities`; `None`: `edities/` beside the inputs.
    pub editions: Option<PathBuf>,
    pub allow_personal_data: bool,
}

impl Source {
    /// The folder of the published editions: the one given, else `edities/` beside the inputs.
    pub fn editions_dir(&self) -> PathBuf {
        self.editions
            .clone()
            .unwrap_or_else(|| default_editions_dir(&self.inputs))
    }

    /// How the inputs are read (no caches: a command's own build adds them).
    pub fn load(&self) -> LoadOptions {
        LoadOptions {
            allow_personal_data: self.allow_personal_data,
            photo_cache: None,
            workbook_cache: None,
        }
    }

    /// The inputs are no folder wel wrote (an output folder, an edition).
    pub fn check(&self) -> Result<(), Refusal> {
        crate::guard::refuse_source_written_by_wel(&self.inputs, "de invoermap")
            .map_err(Refusal::Refused)
    }

    /// Settings that read these inputs, with their editions, and write to `out`.
    fn options(&self, out: impl Into<PathBuf>) -> BuildOptions {
        let mut options = BuildOptions::new(&self.inputs, out);
        options.load = self.load();
        options.editions = Some(self.editions_dir());
        options
    }
}

/// `edities/` beside the inputs.
pub fn default_editions_dir(inputs: &Path) -> PathBuf {
    inputs
        .parent()
        .map_or_else(|| PathBuf::from("edities"), |p| p.join("edities"))
}

/// The names of the editions published in `dir`.
pub fn edition_names(dir: &Path) -> Vec<String> {
    crate::edition::all(dir)
        .unwrap_or_default()
        .iter()
        .map(|e| e.name().to_string())
        .collect()
}

/// What `wel build`, `wel bundle` and `wel watch` are asked to make.
#[derive(Debug, Clone)]
pub struct Build {
    pub source: Source,
    pub out: PathBuf,
    pub only: Vec<Kind>,
    /// `--swv` as typed (`PO2801`, `"PO 28-01"`).
    pub swv: Vec<String>,
    pub jobs: Option<usize>,
    pub force: bool,
    pub templates: Option<PathBuf>,
    pub overview: bool,
    pub web: bool,
    pub late: bool,
    pub bundles: bool,
    pub progress: bool,
}

/// The settings of a build, checked: every `--swv` a code, at least one job, inputs and
/// output no folder wel may not use so.
pub fn build(b: &Build) -> Result<BuildOptions, Refusal> {
    let mut swv = Vec::new();
    for raw in &b.swv {
        swv.push(SwvCode::parse(raw).map_err(|m| Refusal::Usage(format!("--swv: {m}")))?);
    }
    if b.jobs == Some(0) {
        return Err(Refusal::Usage("--jobs moet minstens 1 zijn".into()));
    }
    let mut options = b.source.options(&b.out);
    options.only = b.only.clone();
    options.swv = swv;
    options.jobs = b.jobs;
    options.force = b.force;
    options.templates = b.templates.clone();
    options.progress = b.progress;
    options.overview = b.overview;
    options.web = b.web;
    options.bundles = b.bundles;
    options.late = b.late;
    writable(&options)?;
    Ok(options)
}

/// `wel check`: every document made, nothing written.
pub fn check(
    source: &Source,
    out: &Path,
    templates: Option<PathBuf>,
    jobs: Option<usize>,
    late: bool,
) -> Result<BuildOptions, Refusal> {
    let mut options = source.options(out);
    options.templates = templates;
    options.jobs = jobs;
    options.dry_run = true;
    options.late = late;
    writable(&options)?;
    Ok(options)
}

/// What reads the inputs and writes nothing: `wel vergelijk`, `wel cijfers`, `wel rond-af`
/// (a dry run), and the check of what `wel ontvang` filed.
pub fn read_only(source: &Source) -> Result<BuildOptions, Refusal> {
    source.check()?;
    let mut options = source.options("outputs");
    options.dry_run = true;
    Ok(options)
}

/// Inputs from no folder wel wrote, and (unless nothing is written) no output into an edition.
fn writable(options: &BuildOptions) -> Result<(), Refusal> {
    crate::guard::refuse_source_written_by_wel(&options.inputs, "de invoermap")
        .map_err(Refusal::Refused)?;
    if !options.dry_run {
        crate::guard::refuse_writing_into_edition(&options.out, "de uitvoermap")
            .map_err(Refusal::Refused)?;
    }
    Ok(())
}
