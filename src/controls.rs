//! Control characters other than line end and tab (a vertical tab is Word's line break pasted
//! into Excel; NUL and the like come from other programs): no font has a glyph for them and
//! PDF/A refuses them. Each is reported as a warning naming the file, field and text; the
//! document shows a space in its place (`render::glyphs`).

use crate::diag::{Place, Problem, Problems};

/// A control character the PDF cannot hold: every one but line end and tab.
pub fn is_unprintable_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Warns about the control characters in every text of a project-group file (`teksten/*.toml`),
/// each at its key (`hoofdstuk[2].tekst`, counted from 1 as in the SWV messages).
pub fn warn_controls_in(
    value: &serde_json::Value,
    file: &std::path::Path,
    problems: &mut Problems,
) {
    fn walk(v: &serde_json::Value, path: &str, file: &std::path::Path, problems: &mut Problems) {
        match v {
            serde_json::Value::String(s) => warn_controls(file, path, s, None, problems),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{}]", i + 1), file, problems);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(item, &path, file, problems);
                }
            }
            _ => {}
        }
    }
    walk(value, "", file, problems);
}

pub fn warn_controls(
    file: &std::path::Path,
    field: &str,
    text: &str,
    swv: Option<&str>,
    problems: &mut Problems,
) {
    let mut found: Vec<char> = text
        .chars()
        .filter(|c| is_unprintable_control(*c))
        .collect();
    if found.is_empty() {
        return;
    }
    found.sort_unstable();
    found.dedup();
    let codes: Vec<String> = found
        .iter()
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    let excerpt: String = text
        .chars()
        .map(|c| if is_unprintable_control(c) { ' ' } else { c })
        .take(40)
        .collect();
    let problem = Problem::warning(
        Place::key(file, field),
        format!(
            "onzichtbaar stuurteken {} (vaak een regeleinde uit Word of Excel) in \"{excerpt}\"; in de PDF staat daar een spatie. Haal het weg of typ de tekst opnieuw",
            codes.join(", ")
        ),
    );
    problems.push(match swv {
        Some(code) => problem.for_swv(code),
        None => problem,
    });
}
