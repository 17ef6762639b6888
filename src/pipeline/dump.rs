//! What each document is made from, written out for the `typst compile` baseline of the
//! benchmark (`benches/bench.sh`): the templates, fonts and photos, each document's data as
//! `data/<n>.json`, and `jobs.tsv` (template, data file, output) with one line per document.
//! The data comes from the one pipeline, exactly as a build would compile it.

use std::path::Path;

use super::{BuildError, BuildOptions, prepare_only};
use crate::fsutil;
use crate::render::templates;

/// Writes the inputs of every document `options` asks for under `dir`; the number written.
pub fn dump_typst_inputs(options: &BuildOptions, dir: &Path) -> Result<usize, BuildError> {
    let prepared = prepare_only(options)?;
    let files = match options.templates.as_deref() {
        Some(d) => templates::from_dir(d)?,
        None => templates::embedded(),
    };
    for (path, text) in files {
        fsutil::write_atomic(&dir.join(path), text.as_bytes())?;
    }
    let mut tsv = String::new();
    for (i, job) in prepared.jobs.iter().enumerate() {
        let data = format!("data/{i:05}.json");
        fsutil::write_atomic(&dir.join(&data), &job.input.data)?;
        for (path, bytes) in &job.input.assets {
            fsutil::write_atomic(&dir.join(path.trim_start_matches('/')), bytes)?;
        }
        tsv.push_str(&format!(
            "{}\t{}\t{}\n",
            job.input.template,
            data,
            job.key()
        ));
    }
    fsutil::write_atomic(&dir.join("jobs.tsv"), tsv.as_bytes())?;
    Ok(prepared.jobs.len())
}
