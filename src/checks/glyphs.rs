//! Characters no font has, and characters of Unicode's private use areas (PDF/A forbids both;
//! a private-use character often comes from a symbol font or a copy out of a word processor):
//! each is reported as a warning naming the SWV, field and text, and shown as a box in the
//! document, so the document can still be made.

use std::path::PathBuf;

use crate::diag::{Place, Problem, Problems};
use crate::model::Programme;
use crate::render::Engine;

/// Warns about every character of an SWV's texts that no font can show.
pub fn warn_missing_glyphs(engine: &Engine, programme: &Programme, problems: &mut Problems) {
    for swv in &programme.swvs {
        let file = PathBuf::from(format!("swv/{}/samenvatting.toml", swv.code));
        let mut texts: Vec<(String, &str)> =
            vec![("naam (blad SWV)".to_string(), swv.naam.as_str())];
        if let Some(s) = &swv.summary {
            texts.extend(s.texts());
        }
        for (field, text) in texts {
            let mut missing = engine.missing_glyphs(text);
            for c in text.chars().filter(|c| is_private_use(*c)) {
                if !missing.contains(&c) {
                    missing.push(c);
                }
            }
            if missing.is_empty() {
                continue;
            }
            let chars: Vec<String> = missing
                .iter()
                .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
                .collect();
            let excerpt: String = text.chars().take(40).collect();
            problems.push(
                Problem::warning(
                    Place::key(&file, field),
                    format!(
                        "{} kan niet in de PDF (geen lettertype heeft het, of het hoort bij het privégebied van Unicode, vaak uit een symbolenlettertype) in \"{excerpt}\"; in de PDF staat daar □",
                        chars.join(", ")
                    ),
                )
                .for_swv(swv.code.as_str()),
            );
        }
    }
}

/// Replaces characters that no font can show in a document's data by a visible box, so the
/// document can still be made. Text every font covers is left as it is.
pub fn replace_missing_glyphs(engine: &Engine, data: &mut Vec<u8>) {
    let text = String::from_utf8_lossy(data);
    let mut missing = engine.missing_glyphs(&text);
    missing.extend(text.chars().filter(|c| is_private_use(*c)));
    if missing.is_empty() {
        return;
    }
    let substitute = if engine.missing_glyphs("□").is_empty() {
        '□'
    } else {
        '?'
    };
    let fixed: String = text
        .chars()
        .map(|c| if missing.contains(&c) { substitute } else { c })
        .collect();
    *data = fixed.into_bytes();
}

/// Unicode's private use areas: PDF/A forbids them (and no reader knows what they mean).
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}
