//! Checking a TOML file against what it may hold, reporting every problem at once: all syntax
//! errors (in Dutch), then every unknown key or table (with a suggestion when one is close),
//! value of the wrong kind, unknown choice and missing key, each at its line:column with the
//! line itself. Only a file without problems is deserialised.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::Problem;
use crate::suggest::closest;

/// What a key may hold.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    /// A short text on one line (a title, a name, an alt text, a `wat_werkt` item): at most
    /// [`MAX_LINE`] characters. Such texts also become PDF strings (headings, bookmarks, alt
    /// texts, metadata), which PDF/A limits in length.
    Line,
    /// A list of [`Kind::Line`] texts.
    LineList,
    Bool,
    Int,
    Date,
    TextList,
    /// Text that is one of these (case-insensitive).
    OneOf(&'static [&'static str]),
    /// A table (`[naam]`).
    Table(&'static [Field]),
    /// An array of tables (`[[naam]]`).
    Tables(&'static [Field]),
}

/// The most characters of a [`Kind::Line`] text.
pub const MAX_LINE: usize = 300;

/// A key of a table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// A key that must be there.
pub const fn req(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
    }
}

/// A key that may be there.
pub const fn opt(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
    }
}

/// Every problem of `text` against `schema`; empty when it may be deserialised.
pub fn check(text: &str, shown: &Path, schema: &[Field]) -> Vec<Problem> {
    let (root, errors) = DeTable::parse_recoverable(text);
    let at = |span: Range<usize>, message: String| {
        if span.start == WHOLE_FILE {
            Problem::error(crate::diag::Place::file(shown), message)
        } else {
            Problem::in_text(shown, text, span.start, message)
        }
    };
    // After a syntax error the parser's later complaints are mostly echoes of it (a stray
    // quote opens a string that swallows the rest): only the first cause is reported.
    if let Some(first) = errors
        .iter()
        .min_by_key(|e| e.span().map_or(0, |s| s.start))
    {
        let span = first.span().unwrap_or(0..0);
        let line = line_at(text, span.start);
        let message = if line.contains(['“', '”', '„', '‘', '’']) {
            "op deze regel staan typografische aanhalingstekens (“ ” of ‘ ’), zoals Word of een telefoon ze maakt; vervang “ ” door gewone aanhalingstekens (\")".to_string()
        } else {
            syntax_message(first.message())
        };
        return vec![at(span, message)];
    }
    let mut problems = Vec::new();
    table(root.get_ref(), root.span(), schema, "", &mut |span, msg| {
        problems.push(at(span, msg))
    });
    problems
}

/// The line of `text` a byte offset is on.
fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

type Report<'a> = dyn FnMut(Range<usize>, String) + 'a;

/// A problem of the file as a whole (a key missing at the top level): no line to show.
const WHOLE_FILE: usize = usize::MAX;

fn table(
    t: &DeTable<'_>,
    span: Range<usize>,
    schema: &[Field],
    path: &str,
    report: &mut Report<'_>,
) {
    for (key, value) in t.iter() {
        let name = key.get_ref().as_ref();
        match schema.iter().find(|f| f.name == name) {
            Some(field) => self::value(value, field, &format!("{path}{name}"), report),
            None => report(key.span(), unknown_key(name, schema, path)),
        }
    }
    for field in schema.iter().filter(|f| f.required) {
        if !t.keys().any(|k| k.get_ref().as_ref() == field.name) {
            let (where_, at) = if path.is_empty() {
                (String::new(), WHOLE_FILE)
            } else {
                (format!(" in [{}]", path.trim_end_matches('.')), span.start)
            };
            report(
                at..at,
                format!("verplichte sleutel \"{}\" ontbreekt{where_}", field.name),
            );
        }
    }
}

fn unknown_key(name: &str, schema: &[Field], path: &str) -> String {
    let names: Vec<&str> = schema.iter().map(|f| f.name).collect();
    let what = match path {
        "" => format!("onbekende sleutel \"{name}\""),
        p => format!(
            "onbekende sleutel \"{name}\" in [{}]",
            p.trim_end_matches('.')
        ),
    };
    match closest(name, &names) {
        Some(best) => format!("{what}; bedoelde u \"{best}\"?"),
        None => format!("{what}; toegestaan zijn: {}", names.join(", ")),
    }
}

fn value(v: &Spanned<DeValue<'_>>, field: &Field, path: &str, report: &mut Report<'_>) {
    let span = v.span();
    let got = v.get_ref();
    let wrong = |expected: &str| {
        format!(
            "{} moet {expected} zijn, maar is {}",
            field.name,
            describe(got)
        )
    };
    match field.kind {
        Kind::Text | Kind::Line if !got.is_str() => {
            report(span, wrong("tekst tussen aanhalingstekens"))
        }
        Kind::Line => line_length(got, span, field.name, report),
        Kind::Bool if !got.is_bool() => report(span, wrong("true of false")),
        Kind::Int if !got.is_integer() => report(span, wrong("een geheel getal")),
        Kind::Date if !got.is_datetime() => report(
            span,
            wrong("een datum zonder aanhalingstekens, zoals 2025-09-01"),
        ),
        Kind::OneOf(choices) => match got.as_str() {
            Some(s) if choices.iter().any(|c| c.eq_ignore_ascii_case(s.trim())) => {}
            Some(s) => {
                let hint = closest(s.trim(), choices)
                    .map(|b| format!("; bedoelde u \"{b}\"?"))
                    .unwrap_or_default();
                report(
                    span,
                    format!(
                        "{} \"{s}\" is onbekend{hint} (kies uit: {})",
                        field.name,
                        choices.join(", ")
                    ),
                )
            }
            None => report(span, wrong("tekst tussen aanhalingstekens")),
        },
        Kind::TextList | Kind::LineList => match got.as_array() {
            Some(items) => text_list(items, field, report),
            None => report(span, wrong("een lijst tussen [ ] met teksten")),
        },
        Kind::Table(schema) => match got.as_table() {
            Some(t) => table(t, span, schema, &format!("{path}."), report),
            None => report(span, wrong(&format!("een tabel [{}]", field.name))),
        },
        Kind::Tables(schema) => match got.as_array() {
            Some(items) => {
                for item in items.iter() {
                    match item.get_ref().as_table() {
                        Some(t) => table(t, item.span(), schema, &format!("{path}."), report),
                        None => report(
                            item.span(),
                            wrong(&format!("een reeks [[{}]]-tabellen", field.name)),
                        ),
                    }
                }
            }
            None => report(
                span,
                wrong(&format!("een reeks [[{}]]-tabellen", field.name)),
            ),
        },
        _ => {}
    }
}

/// Every item of a text list must be text (and short, for a [`Kind::LineList`]).
fn text_list(items: &toml::de::DeArray<'_>, field: &Field, report: &mut Report<'_>) {
    for item in items.iter() {
        if !item.get_ref().is_str() {
            report(
                item.span(),
                format!(
                    "{} is een lijst van teksten; dit element is {}",
                    field.name,
                    describe(item.get_ref())
                ),
            );
        } else if matches!(field.kind, Kind::LineList) {
            line_length(item.get_ref(), item.span(), field.name, report);
        }
    }
}

/// A [`Kind::Line`] text longer than [`MAX_LINE`] characters is an error at its place.
fn line_length(got: &DeValue<'_>, span: Range<usize>, name: &str, report: &mut Report<'_>) {
    if let Some(message) = got.as_str().and_then(|s| line_too_long(name, s)) {
        report(span, message);
    }
}

/// Why `text` (named `name`) cannot be a short, one-line text: `None` when it is at most
/// [`MAX_LINE`] characters (leading and trailing spaces not counted). Workbook cells that hold
/// such a text (an SWV's `naam`) use it too.
pub fn line_too_long(name: &str, text: &str) -> Option<String> {
    let chars = text.trim().chars().count();
    (chars > MAX_LINE).then(|| {
        format!(
            "{name} is {chars} tekens lang, meer dan de toegestane {MAX_LINE}; een titel, naam, alt-tekst of punt hoort kort te zijn: maak de tekst korter"
        )
    })
}

fn describe(v: &DeValue<'_>) -> &'static str {
    if v.is_str() {
        "tekst"
    } else if v.is_integer() || v.is_float() {
        "een getal"
    } else if v.is_bool() {
        "true/false"
    } else if v.is_datetime() {
        "een datum"
    } else if v.is_array() {
        "een lijst"
    } else {
        "een tabel"
    }
}

/// The parser's descriptions of syntax errors, and what they mean in Dutch.
const TRANSLATIONS: [(&str, &str); 24] = [
    (
        "invalid basic string",
        "de tekst is niet afgesloten: zet er een \" achter (een tekst over meerdere regels staat tussen \"\"\" en \"\"\")",
    ),
    (
        "invalid multi-line basic string",
        "de tekst over meerdere regels is niet afgesloten met \"\"\"",
    ),
    (
        "string values must be quoted",
        "zet tekst tussen aanhalingstekens, bijvoorbeeld naam = \"Rotterdam\"",
    ),
    (
        "cannot recurse further",
        "de lijsten of tabellen zijn te diep in elkaar genest",
    ),
    (
        "duplicate key",
        "deze sleutel staat twee keer in dezelfde tabel; laat er één staan",
    ),
    (
        "key with no value",
        "na deze sleutel ontbreekt = en een waarde",
    ),
    ("missing value for key", "na = ontbreekt een waarde"),
    ("missing value", "hier ontbreekt een waarde"),
    (
        "missing assignment between key-value pairs",
        "tussen sleutel en waarde ontbreekt =",
    ),
    (
        "extra assignment between key-value pairs",
        "er staat een = te veel",
    ),
    ("extra `=`", "er staat een = te veel"),
    (
        "missing comma between array elements",
        "tussen de elementen van de lijst ontbreekt een komma",
    ),
    (
        "extra comma in array",
        "er staat een komma te veel in de lijst",
    ),
    ("unclosed array", "de lijst is niet afgesloten met ]"),
    ("unclosed table", "de tabelnaam is niet afgesloten met ]"),
    (
        "unclosed array table",
        "de tabelnaam is niet afgesloten met ]]",
    ),
    (
        "unclosed inline table",
        "de tabel tussen { } is niet afgesloten met }",
    ),
    (
        "missing comma between key-value pairs",
        "tussen de waarden ontbreekt een komma",
    ),
    (
        "invalid unquoted key",
        "deze sleutel bevat tekens die alleen tussen aanhalingstekens mogen",
    ),
    (
        "unexpected content",
        "hier staat iets wat geen TOML is; elke regel is sleutel = waarde, [tabel] of # opmerking",
    ),
    (
        "invalid key-value pair",
        "dit is geen geldige regel sleutel = waarde",
    ),
    (
        "missing escaped value",
        "na \\ ontbreekt een teken; schrijf \\\\ voor een backslash",
    ),
    (
        "invalid comment character",
        "deze opmerking bevat een ongeldig teken",
    ),
    (
        "carriage return must be followed by newline",
        "ongeldig regeleinde",
    ),
];

/// The parser's English description of a syntax error, in Dutch with what to do.
pub fn syntax_message(message: &str) -> String {
    let message = message.trim();
    TRANSLATIONS
        .iter()
        .find(|(en, _)| message.starts_with(en))
        .map(|(_, nl)| nl.to_string())
        .unwrap_or_else(|| {
            "hier klopt de TOML-opmaak niet; vergelijk de regel met het voorbeeld in docs/invoer.md"
                .to_string()
        })
}

/// The field names serde expects for `T` (what `deny_unknown_fields` allows), for tests that
/// keep each schema equal to the struct it describes.
#[cfg(test)]
pub(crate) fn serde_fields<T: serde::de::DeserializeOwned>() -> Vec<&'static str> {
    use std::cell::Cell;
    struct Capture<'a>(&'a Cell<&'static [&'static str]>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> serde::Deserializer<'de> for Capture<'_> {
        type Error = Stop;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0.set(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let fields = Cell::new(&[][..]);
    let _ = T::deserialize(Capture(&fields));
    fields.get().to_vec()
}

/// `serde_fields` sorted, to compare with [`names`].
#[cfg(test)]
pub(crate) fn sorted_fields<T: serde::de::DeserializeOwned>() -> Vec<&'static str> {
    let mut v = serde_fields::<T>();
    v.sort();
    v
}

/// The names of a schema's keys, sorted.
#[cfg(test)]
pub(crate) fn names(schema: &[Field]) -> Vec<&'static str> {
    let mut n: Vec<&str> = schema.iter().map(|f| f.name).collect();
    n.sort();
    n
}

/// The schema of a (sub)table by key.
#[cfg(test)]
pub(crate) fn sub(schema: &[Field], key: &str) -> &'static [Field] {
    match schema.iter().find(|f| f.name == key).map(|f| f.kind) {
        Some(Kind::Table(s) | Kind::Tables(s)) => s,
        _ => panic!("{key} is no table"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &[Field] = &[
        req("code", Kind::Text),
        opt("rol", Kind::OneOf(&["ouder", "jongere"])),
        opt("lijst", Kind::TextList),
        opt("foto", Kind::Table(&[req("pad", Kind::Text)])),
    ];

    fn messages(text: &str) -> Vec<String> {
        check(text, Path::new("x.toml"), SCHEMA)
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn every_problem_of_a_file_at_once_with_its_line() {
        let m =
            messages("cod = \"PO1001\"\nrol = \"oudr\"\nlijst = [1]\n\n[foto]\npat = \"a.jpg\"\n");
        let all = m.join("\n");
        assert!(
            all.contains("x.toml:1:1: onbekende sleutel \"cod\"; bedoelde u \"code\"?"),
            "{all}"
        );
        assert!(
            all.contains("x.toml:2:7: rol \"oudr\" is onbekend; bedoelde u \"ouder\"?"),
            "{all}"
        );
        assert!(
            all.contains("x.toml:3:10: lijst is een lijst van teksten; dit element is een getal"),
            "{all}"
        );
        assert!(
            all.contains("onbekende sleutel \"pat\" in [foto]; bedoelde u \"pad\"?"),
            "{all}"
        );
        assert!(
            all.contains("verplichte sleutel \"code\" ontbreekt"),
            "{all}"
        );
        assert!(
            all.contains("verplichte sleutel \"pad\" ontbreekt in [foto]"),
            "{all}"
        );
        assert!(
            all.contains("2 | rol = \"oudr\"\n        |       ^"),
            "the line itself: {all}"
        );
    }

    #[test]
    fn syntax_errors_are_dutch_and_only_the_first_cause_is_reported() {
        // The open string swallows the rest: what follows is an echo, not a second mistake.
        let m = messages("code = \"PO1001\nrol = \"ouder\"\n[foto\n");
        assert_eq!(m.len(), 1, "{m:?}");
        let all = m.join("\n");
        assert!(all.contains("x.toml:1:"), "{all}");
        assert!(all.contains("de tekst is niet afgesloten"), "{all}");
        let m = messages("[foto\n");
        assert!(
            m.join("\n")
                .contains("de tabelnaam is niet afgesloten met ]"),
            "{m:?}"
        );
        for english in ["invalid", "expected", "unclosed"] {
            assert!(!all.contains(english), "{all}");
        }
    }

    #[test]
    fn a_far_off_key_gets_the_short_list() {
        let all = messages("code = \"x\"\nzzzzzz = 1\n").join("\n");
        assert!(
            all.contains("toegestaan zijn: code, rol, lijst, foto"),
            "{all}"
        );
    }
}
