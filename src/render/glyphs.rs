//! Characters no font has, and characters of Unicode's private use areas (PDF/A forbids both;
//! a private-use character often comes from a symbol font or a copy out of a word processor):
//! each is reported as a warning naming the SWV, field and text, and shown as a box in the
//! document, so the document can still be made.
//!
//! Control characters other than line end and tab have no glyph either, and PDF/A refuses
//! them: [`crate::controls`] reports them, and here they become a space in the document.
//!
//! These are the only ways the data can make the PDF export of our templates fail apart from
//! texts too long to be PDF strings (`Kind::Line`, `privacy::publisher::cut`), which is why
//! `wel check` may stop at the layout.

use std::path::PathBuf;

use crate::controls::{is_unprintable_control, warn_controls};
use crate::diag::{Place, Problem, Problems};
use crate::model::Programme;
use crate::render::Engine;

/// Warns about every character of an SWV's texts that no font can show.
pub fn warn_missing_glyphs(engine: &Engine, programme: &Programme, problems: &mut Problems) {
    for swv in &programme.swvs {
        let mut texts: Vec<(PathBuf, String, &str)> = vec![(
            PathBuf::from(format!("swv/{}", swv.code)),
            "naam (blad SWV)".to_string(),
            swv.naam.as_str(),
        )];
        for s in swv.summaries.values() {
            let file = s.map.join("samenvatting.toml");
            texts.extend(s.texts().into_iter().map(|(f, t)| (file.clone(), f, t)));
        }
        for (file, field, text) in texts {
            warn_controls(&file, &field, text, Some(swv.code.as_str()), problems);
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

/// Replaces the control characters of a document's JSON data (written as escapes, `\u0001`,
/// `\b`, `\f`, `\r`) by spaces: `None` when there are none. Nothing is copied until one is
/// found (most data has escapes, `\n` and `\"`, but no control characters).
fn replace_control_escapes(json: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut copied = 0; // json[..copied] is in `out`
    let mut at = 0;
    while let Some(found) = json[at..].find('\\') {
        let start = at + found;
        let escape = &json[start..];
        let len = match escape.as_bytes().get(1) {
            Some(b'u') => 6,
            Some(_) => 2,
            None => 1,
        }
        .min(escape.len());
        let control = match &escape[..len] {
            "\\b" | "\\f" | "\\r" => true,
            e if len == 6 => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .is_some_and(is_unprintable_control),
            _ => false,
        };
        if control {
            let o = out.get_or_insert_with(|| String::with_capacity(json.len()));
            o.push_str(&json[copied..start]);
            o.push(' ');
            copied = start + len;
        }
        at = start + len;
    }
    let mut out = out?;
    out.push_str(&json[copied..]);
    Some(out)
}

/// Replaces characters that no font can show in a document's data by a visible box, and
/// control characters by a space, so the document can still be made. Text every font covers
/// is left as it is.
pub fn replace_missing_glyphs(engine: &Engine, data: &mut Vec<u8>) {
    let lossy = String::from_utf8_lossy(data);
    let escapes_replaced = replace_control_escapes(&lossy);
    let text: &str = escapes_replaced.as_deref().unwrap_or(&lossy);
    let mut missing = engine.missing_glyphs(text);
    missing.extend(text.chars().filter(|c| is_private_use(*c)));
    let controls = text.chars().any(is_unprintable_control);
    if missing.is_empty() && !controls {
        if let Some(fixed) = escapes_replaced {
            *data = fixed.into_bytes();
        }
        return;
    }
    let substitute = if engine.missing_glyphs("□").is_empty() {
        '□'
    } else {
        '?'
    };
    let fixed: String = text
        .chars()
        .map(|c| {
            if is_unprintable_control(c) {
                ' '
            } else if missing.contains(&c) {
                substitute
            } else {
                c
            }
        })
        .collect();
    *data = fixed.into_bytes();
}

/// Unicode's private use areas: PDF/A forbids them (and no reader knows what they mean).
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_escapes_become_spaces_and_other_escapes_stay() {
        let json = r#"{"a":"x\u000by\u0000z","b":"\\u0001 \n\t \"q\" \u00e9 \r\f\b"}"#;
        let fixed = replace_control_escapes(json).unwrap();
        assert_eq!(
            fixed,
            r#"{"a":"x y z","b":"\\u0001 \n\t \"q\" \u00e9    "}"#
        );
        let parsed: serde_json::Value = serde_json::from_str(&fixed).unwrap();
        assert_eq!(parsed["a"], "x y z");
        assert_eq!(replace_control_escapes(r#"{"a":"\n\t\\"}"#), None);
    }
}
