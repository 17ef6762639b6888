//! The Typst templates: compiled into the binary from `templates/`, or read from a folder
//! given with `--templates` (for working on the house style without rebuilding `wel`).

use std::path::Path;

use crate::fsutil;

/// Template files as (path inside the template root, text).
pub type TemplateFiles = Vec<(String, String)>;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        vec![$(($path.to_string(), include_str!(concat!("../../templates/", $path)).to_string())),*]
    };
}

/// The templates compiled into this binary.
pub fn embedded() -> TemplateFiles {
    embedded![
        "rapportage.typ",
        "regio.typ",
        "brochure.typ",
        "lib/huisstijl.typ",
        "lib/grafiek.typ",
        "lib/tekst.typ",
        "lib/kaart.typ",
        "lib/provincies.typ",
    ]
}

/// Reads every `.typ` file under `dir`.
pub fn from_dir(dir: &Path) -> Result<TemplateFiles, fsutil::FsError> {
    let mut out = Vec::new();
    collect(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn collect(root: &Path, dir: &Path, out: &mut TemplateFiles) -> Result<(), fsutil::FsError> {
    for path in fsutil::read_dir_sorted(dir)? {
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "typ") {
            let bytes = fsutil::read(&path)?;
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    Ok(())
}
