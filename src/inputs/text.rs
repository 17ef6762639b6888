//! Loading text inputs (TOML): size limit, UTF-8 with the place of a bad byte, BOM and CRLF
//! tolerated, and TOML errors in Dutch with line:column and a suggestion for misspelt keys.

// A `Problem` is the user-facing error itself; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::path::Path;

use serde::de::DeserializeOwned;

use super::limits::MAX_TEXT_BYTES;
use crate::diag::{Place, Problem};
use crate::suggest::closest;

/// Reads a text file: at most [`MAX_TEXT_BYTES`], valid UTF-8, without BOM, `\n` line ends.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Problem> {
    let meta = std::fs::metadata(path).map_err(|e| {
        let todo = if e.kind() == std::io::ErrorKind::NotFound {
            "; maak het aan (zie docs/invoer.md) of pas de naam aan waar het genoemd wordt"
        } else {
            ""
        };
        Problem::error(
            Place::file(shown),
            format!(
                "kan het bestand niet openen: {}{todo}",
                crate::fsutil::reason(&e)
            ),
        )
    })?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(Problem::error(
            Place::file(shown),
            format!(
                "het bestand is {} kB, meer dan de toegestane {} kB",
                meta.len() / 1024,
                MAX_TEXT_BYTES / 1024
            ),
        ));
    }
    let bytes =
        crate::fsutil::read(path).map_err(|e| Problem::error(Place::file(shown), e.to_string()))?;
    decode_text(&bytes, shown)
}

/// Decodes UTF-8 (BOM stripped, CRLF made LF), or UTF-16 recognised by its byte-order mark
/// (Notepad's "Unicode"); a bad byte is reported by line and column.
pub fn decode_text(bytes: &[u8], shown: &Path) -> Result<String, Problem> {
    if let Some(text) = decode_utf16(bytes) {
        return text
            .map(|t| t.replace("\r\n", "\n"))
            .ok_or_else(|| {
                Problem::error(
                    Place::file(shown),
                    "het bestand is opgeslagen als UTF-16 (Unicode) maar is beschadigd; sla het op met codering UTF-8",
                )
            });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.replace("\r\n", "\n")),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let col = String::from_utf8_lossy(
                &good[good.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1)..],
            )
            .chars()
            .count()
                + 1;
            Err(Problem::error(
                Place::line(shown, line, col),
                "de tekst is geen UTF-8 (waarschijnlijk opgeslagen als ANSI/Windows-1252); sla het bestand op met codering UTF-8",
            ))
        }
    }
}

/// Parses TOML into `T` after checking it against `schema`: every problem of the file at once,
/// in Dutch, at its line:column with the line itself.
pub fn parse_toml<T: DeserializeOwned>(
    text: &str,
    shown: &Path,
    schema: &[super::toml_check::Field],
) -> Result<T, Vec<Problem>> {
    let problems = super::toml_check::check(text, shown, schema);
    if !problems.is_empty() {
        return Err(problems);
    }
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        vec![Problem::in_text(
            shown,
            text,
            offset,
            toml_message(e.message(), &[]),
        )]
    })
}

/// UTF-16 text after a byte-order mark: `None` without a mark, `Some(None)` when damaged.
fn decode_utf16(bytes: &[u8]) -> Option<Option<String>> {
    let little = match bytes.get(..2)? {
        [0xFF, 0xFE] => true,
        [0xFE, 0xFF] => false,
        _ => return None,
    };
    let body = &bytes[2..];
    if !body.len().is_multiple_of(2) {
        return Some(None);
    }
    let units = body.chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok(),
    )
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Marks a message that is already the user's (Dutch) text, made while deserialising.
const OWN: char = '\u{1}';

/// A deserialising error whose message is shown to the user as it is.
pub fn own_error<E: serde::de::Error>(message: String) -> E {
    E::custom(format!("{OWN}{message}"))
}

fn toml_message(message: &str, known: &[&str]) -> String {
    let message = message.trim();
    if let Some(own) = message.strip_prefix(OWN) {
        return own.to_string();
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        let mut msg = format!("onbekende sleutel \"{field}\"");
        let candidates: Vec<&str> = rest
            .split('`')
            .skip(1)
            .filter(|s| s.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .filter(|s| !s.is_empty())
            .chain(known.iter().copied())
            .collect();
        if let Some(best) = closest(field, &candidates) {
            msg.push_str(&format!("; bedoelde u \"{best}\"?"));
        } else if !candidates.is_empty() {
            msg.push_str(&format!("; toegestaan zijn: {}", candidates.join(", ")));
        }
        return msg + " (een onbekende sleutel zou tekst stilletjes laten wegvallen)";
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or(rest);
        let allowed: Vec<&str> = rest
            .split('`')
            .skip(1)
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .collect();
        return match closest(value, &allowed) {
            Some(best) => format!(
                "onbekende waarde \"{value}\"; bedoelde u \"{best}\"? (toegestaan: {})",
                allowed.join(", ")
            ),
            None => format!(
                "onbekende waarde \"{value}\"; toegestaan zijn: {}",
                allowed.join(", ")
            ),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("verplichte sleutel \"{field}\" ontbreekt");
    }
    if message.starts_with("invalid type") {
        return format!(
            "verkeerd soort waarde ({message}); zet tekst tussen aanhalingstekens, lijsten tussen [ ]"
        );
    }
    format!("ongeldige TOML: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_key_that_was_meant() {
        assert_eq!(
            closest("samenvattng", &["code", "samenvatting", "citaten"]),
            Some("samenvatting")
        );
        assert_eq!(closest("xyz", &["code", "samenvatting"]), None);
    }

    #[test]
    fn reports_bad_utf8_by_line_and_column() {
        let err = decode_text(b"a = 1\nb = \"caf\xe9\"\n", Path::new("s.toml")).unwrap_err();
        assert_eq!(err.place, Place::line("s.toml", 2, 9));
    }

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFa = 1\r\n", Path::new("x")).unwrap(),
            "a = 1\n"
        );
    }
}
