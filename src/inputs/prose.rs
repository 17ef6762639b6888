//! Reading a text: references to figures (`{benaderd 2023-2024}`) split out and checked for
//! their form, and every typed number kept with its place, so the privacy check can refuse one
//! that would give a small count away. Only the form is checked here; what a reference counts
//! is decided when a document is planned, through the ledger.
//!
//! A reference is `{maat schooljaar plaats}`: the measure (`benaderd`, `in_ontwikkeling`,
//! `vrijstelling_5a`, `absoluut_verzuim`, `werkateliers`, `deelnemers`, `interviews`,
//! `casussen`, `swvs`), a school year or a range (`2021-2022 t/m 2024-2025`), and optionally
//! `landelijk`, a province or an SWV code. `{{` and `}}` write a brace.

use std::path::Path;

use crate::diag::{Place, Problem};
use crate::model::{
    At, FigureRef, Measure, Piece, Prose, Province, RefMeasure, RefScope, SchoolYear, SwvCode,
    Typed, Years,
};
use crate::suggest::closest;

/// Whose text it is: what a reference may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// The project group (`teksten/*.toml`): a reference names its school year; without a
    /// place it counts every SWV.
    ProjectGroup,
    /// An SWV (`samenvatting.toml`): without a school year a reference counts the summary's
    /// year; without a place, the SWV itself.
    Swv,
}

/// A text file: its name in messages and its content, to find a text's place in it.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    pub writer: Writer,
}

impl Source<'_> {
    /// Splits `prose` (a value of this file) into text and references, keeping its numbers;
    /// every malformed reference is a problem at its line and column.
    pub fn locate(&self, prose: &mut Prose, problems: &mut Vec<Problem>) {
        let finder = Finder {
            source: *self,
            span: prose.span().unwrap_or(0..0),
            cursor: std::cell::Cell::new(0),
        };
        let raw = prose.as_str().to_string();
        let (pieces, numbers) = split(&raw, &finder, problems);
        *prose = Prose::parsed(raw, pieces, numbers);
    }
}

/// Finds a part of a text in its file, in order.
struct Finder<'a> {
    source: Source<'a>,
    /// The span of the text's TOML value in the file.
    span: std::ops::Range<usize>,
    /// How far into the value the search has come.
    cursor: std::cell::Cell<usize>,
}

impl Finder<'_> {
    /// Where `written` is in the file: its next occurrence in the value, else the value itself.
    fn at(&self, written: &str) -> At {
        let text = self.source.text;
        let value = text.get(self.span.clone()).unwrap_or("");
        let from = self.cursor.get().min(value.len());
        let offset = match value.get(from..).and_then(|v| find_word(v, written)) {
            Some(i) => {
                self.cursor.set(from + i + written.len());
                self.span.start + from + i
            }
            None => self.span.start,
        };
        let offset = offset.min(text.len());
        let line = text[..offset].matches('\n').count() + 1;
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        At {
            file: self.source.file.to_path_buf(),
            line,
            column: text[start..offset].chars().count() + 1,
        }
    }
}

/// The first occurrence of `written` in `text` that is a word of its own when `written` is one
/// (the `3` of `op 3 maart`, not the one of `3e`).
fn find_word(text: &str, written: &str) -> Option<usize> {
    let wordy = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let whole = wordy(written.chars().next()) && wordy(written.chars().last());
    text.match_indices(written).map(|(i, _)| i).find(|&i| {
        !whole
            || (!wordy(text[..i].chars().next_back())
                && !wordy(text[i + written.len()..].chars().next()))
    })
}

/// The pieces of `raw` and the numbers typed in it.
fn split(raw: &str, finder: &Finder<'_>, problems: &mut Vec<Problem>) -> (Vec<Piece>, Vec<Typed>) {
    let mut pieces = Vec::new();
    let mut numbers = Vec::new();
    let mut text = String::new();
    let mut rest = raw;
    let flush = |text: &mut String, pieces: &mut Vec<Piece>, numbers: &mut Vec<Typed>| {
        if !text.is_empty() {
            numbers.extend(typed_numbers(text, finder));
            pieces.push(Piece::Text(std::mem::take(text)));
        }
    };
    while let Some(i) = rest.find(['{', '}']) {
        text.push_str(&rest[..i]);
        let brace = &rest[i..];
        if brace.starts_with("{{") || brace.starts_with("}}") {
            text.push_str(&brace[..1]);
            rest = &brace[2..];
            continue;
        }
        if let Some(after) = brace.strip_prefix('}') {
            text.push('}');
            rest = after;
            continue;
        }
        let Some(close) = brace.find('}') else {
            problems.push(problem(
                finder.at(brace),
                "hier staat een { zonder }; een verwijzing naar een cijfer staat tussen { en }, bijvoorbeeld {benaderd 2023-2024}. Bedoelt u een accolade als teken, schrijf dan {{".to_string(),
            ));
            text.push_str(brace);
            rest = "";
            break;
        };
        let written = &brace[..=close];
        flush(&mut text, &mut pieces, &mut numbers);
        let at = finder.at(written);
        match reference(&written[1..close], finder.source.writer) {
            Ok((measure, years, scope)) => pieces.push(Piece::Figure(FigureRef {
                measure,
                years,
                scope,
                written: written.to_string(),
                at,
            })),
            Err(why) => {
                problems.push(problem(at, format!("{written}: {why}")));
                pieces.push(Piece::Text(written.to_string()));
            }
        }
        rest = &brace[close + 1..];
    }
    text.push_str(rest);
    flush(&mut text, &mut pieces, &mut numbers);
    (pieces, numbers)
}

fn problem(at: At, message: String) -> Problem {
    Problem::error(Place::at(&at), message)
}

/// The measure, years and place of a reference's inside (`benaderd 2023-2024 Zeeland`).
fn reference(inside: &str, writer: Writer) -> Result<(RefMeasure, Years, RefScope), String> {
    let words: Vec<&str> = inside.split_whitespace().collect();
    let names: Vec<&str> = RefMeasure::NAMES.iter().map(|(n, _)| *n).collect();
    let measure_of = |w: &str| {
        RefMeasure::NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(w))
            .map(|(_, m)| *m)
    };
    let Some(first) = words.first() else {
        return Err(format!(
            "de verwijzing is leeg; noem een cijfer, bijvoorbeeld {{benaderd 2023-2024}} (cijfers: {})",
            names.join(", ")
        ));
    };
    // "in ontwikkeling" may be written with a space.
    let (measure, mut at) = match measure_of(first) {
        Some(m) => (m, 1),
        None => match words
            .get(1)
            .and_then(|w| measure_of(&format!("{first}_{w}")))
        {
            Some(m) => (m, 2),
            None => {
                let hint = closest(first, &names)
                    .map(|c| format!("bedoelde u \"{c}\"? "))
                    .unwrap_or_default();
                return Err(format!(
                    "\"{first}\" is geen cijfer; {hint}een verwijzing begint met een van: {}",
                    names.join(", ")
                ));
            }
        },
    };
    let mut years = Years {
        first: None,
        last: None,
    };
    if let Some(y) = words.get(at).and_then(|w| SchoolYear::parse(w).ok()) {
        years.first = Some(y);
        years.last = Some(y);
        at += 1;
        if words.get(at).is_some_and(|w| w.eq_ignore_ascii_case("t/m")) {
            let last = words
                .get(at + 1)
                .and_then(|w| SchoolYear::parse(w).ok())
                .ok_or("na t/m hoort een schooljaar, bijvoorbeeld {werkateliers 2021-2022 t/m 2024-2025}")?;
            if last < y {
                return Err(format!(
                    "{last} ligt vóór {y}; zet het eerste schooljaar vooraan"
                ));
            }
            years.last = Some(last);
            at += 2;
        }
    } else if writer == Writer::ProjectGroup {
        return Err(format!(
            "noem het schooljaar, bijvoorbeeld {{{} 2023-2024}}",
            measure.name()
        ));
    }
    let scope = scope(&words[at..].join(" "))?;
    if measure == RefMeasure::Swvs && matches!(scope, RefScope::Swv(_)) {
        return Err("swvs telt samenwerkingsverbanden; dat kan landelijk of per provincie, niet voor één SWV".into());
    }
    Ok((measure, years, scope))
}

/// The place a reference counts: `landelijk`, a province or an SWV code.
fn scope(written: &str) -> Result<RefScope, String> {
    if written.is_empty() {
        return Ok(RefScope::Default);
    }
    if written.eq_ignore_ascii_case("landelijk") {
        return Ok(RefScope::National);
    }
    if let Ok(p) = Province::parse(written) {
        return Ok(RefScope::Province(p));
    }
    if let Ok(code) = SwvCode::parse(written) {
        return Ok(RefScope::Swv(code));
    }
    let mut names: Vec<&str> = Province::ALL.iter().map(|p| p.name()).collect();
    names.push("landelijk");
    let hint = closest(written, &names)
        .map(|c| format!("bedoelde u \"{c}\"? "))
        .unwrap_or_default();
    Err(format!(
        "\"{written}\" is geen provincie, SWV-code of \"landelijk\"; {hint}schrijf bijvoorbeeld {{benaderd 2023-2024 Zeeland}} of {{benaderd 2023-2024 PO2801}}"
    ))
}

/// Dutch number words a count of people may be written in (up to twenty; "een" is left out:
/// it is mostly the article).
const NUMBER_WORDS: [(&str, u32); 20] = [
    ("één", 1),
    ("twee", 2),
    ("drie", 3),
    ("vier", 4),
    ("vijf", 5),
    ("zes", 6),
    ("zeven", 7),
    ("acht", 8),
    ("negen", 9),
    ("tien", 10),
    ("elf", 11),
    ("twaalf", 12),
    ("dertien", 13),
    ("veertien", 14),
    ("vijftien", 15),
    ("zestien", 16),
    ("zeventien", 17),
    ("achttien", 18),
    ("negentien", 19),
    ("twintig", 20),
];

/// Words for people whose number is a count of children (or says something about one).
const PEOPLE: [&str; 50] = [
    "kind",
    "kinderen",
    "kindje",
    "kindjes",
    "jongere",
    "jongeren",
    "jeugdige",
    "jeugdigen",
    "leerling",
    "leerlingen",
    "ouder",
    "ouders",
    "gezin",
    "gezinnen",
    "jongvolwassene",
    "jongvolwassenen",
    "scholier",
    "scholieren",
    "pupil",
    "pupillen",
    "meisje",
    "meisjes",
    "jongen",
    "jongens",
    "thuiszitter",
    "thuiszitters",
    "moeders",
    "vaders",
    "moeder",
    "vader",
    "kleuter",
    "kleuters",
    "peuter",
    "peuters",
    "tiener",
    "tieners",
    "leerplichtige",
    "leerplichtigen",
    "student",
    "studenten",
    "schoolverlater",
    "schoolverlaters",
    "zoon",
    "zonen",
    "dochter",
    "dochters",
    "broer",
    "broers",
    "zus",
    "zussen",
];

/// Nouns whose number is no count of children (`in 3 gemeenten`, `4 scholen doen mee`): places,
/// organisations, adults at work, meetings and things.
const OTHER_NOUNS: [&str; 71] = [
    "gemeente",
    "gemeenten",
    "school",
    "scholen",
    "schoolbestuur",
    "schoolbesturen",
    "bestuur",
    "besturen",
    "locatie",
    "locaties",
    "wijk",
    "wijken",
    "dorp",
    "dorpen",
    "regio",
    "regio's",
    "provincie",
    "provincies",
    "samenwerkingsverband",
    "samenwerkingsverbanden",
    "swv",
    "swv's",
    "organisatie",
    "organisaties",
    "instelling",
    "instellingen",
    "partner",
    "partners",
    "team",
    "teams",
    "professional",
    "professionals",
    "medewerker",
    "medewerkers",
    "leerkracht",
    "leerkrachten",
    "docent",
    "docenten",
    "begeleider",
    "begeleiders",
    "coach",
    "coaches",
    "consulent",
    "consulenten",
    "wethouder",
    "wethouders",
    "bijeenkomst",
    "bijeenkomsten",
    "sessie",
    "sessies",
    "gesprek",
    "gesprekken",
    "overleg",
    "training",
    "trainingen",
    "workshop",
    "workshops",
    "les",
    "lessen",
    "klas",
    "klassen",
    "pagina",
    "pagina's",
    "thema",
    "thema's",
    "punt",
    "punten",
    "stap",
    "vraag",
    "project",
    "projecten",
];

/// Words that may stand between a number and the people it counts (`drie jonge kinderen`).
const BETWEEN: [&str; 14] = [
    "jonge",
    "andere",
    "nieuwe",
    "oudere",
    "kleine",
    "betrokken",
    "benaderde",
    "van",
    "de",
    "het",
    "hun",
    "onze",
    "deze",
    "die",
];

/// After a number: it is not a count (`4 jaar`, `80 procent`, `1 juli`, `5 onder a`).
const NOT_A_COUNT_AFTER: [&str; 34] = [
    "jaar",
    "jaren",
    "jarige",
    "jarigen",
    "maand",
    "maanden",
    "week",
    "weken",
    "dag",
    "dagen",
    "uur",
    "uren",
    "minuut",
    "minuten",
    "keer",
    "procent",
    "euro",
    "km",
    "kilometer",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "onder",
    "cm",
    "meter",
];

/// Before a number: it is a name or a number of something else (`artikel 5`, `fase 2`).
const NOT_A_COUNT_BEFORE: [&str; 14] = [
    "artikel",
    "art",
    "fase",
    "hoofdstuk",
    "pagina",
    "blz",
    "figuur",
    "tabel",
    "stap",
    "nummer",
    "nr",
    "bijlage",
    "groep",
    "versie",
];

/// A word of a text with where it starts.
struct Word<'a> {
    text: &'a str,
    start: usize,
}

/// The words of `text`: letters and digits, with `.`, `,`, `-` and `/` inside them kept
/// (`1.234`, `2,5`, `2023-2024`, `t/m`).
fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = matches!(c, '.' | ',' | '-' | '/')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Word {
                text: &text[s..i],
                start: s,
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
        });
    }
    out
}

/// The value of a word written in digits that may be a count: `12`, `1.234`; `None` for a year
/// (`2022`), a school year, a decimal, a code or an ordinal (`5a`, `4e`).
fn digits_value(word: &str) -> Option<u32> {
    if !word.chars().all(|c| c.is_ascii_digit() || c == '.') || word.starts_with('.') {
        return None;
    }
    let groups: Vec<&str> = word.split('.').collect();
    let grouped =
        groups.len() > 1 && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if groups.len() > 1 && !grouped {
        return None;
    }
    let value: u32 = groups.concat().parse().ok()?;
    let a_year = groups.len() == 1 && word.len() == 4 && (1900..=2100).contains(&value);
    (!a_year).then_some(value)
}

/// The numbers typed in a piece of text that may be counts, with their places.
fn typed_numbers(text: &str, finder: &Finder<'_>) -> Vec<Typed> {
    let words = words(text);
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let (value, digits) = match digits_value(w.text) {
            Some(v) => (v, true),
            None => match NUMBER_WORDS.iter().find(|(n, _)| *n == lower[i]) {
                Some((_, v)) => (*v, false),
                None => continue,
            },
        };
        let end = w.start + w.text.len();
        let mut rest = text[end..].chars();
        let first = rest.next();
        // `80%`, `20°`, and a time (`9:30`).
        let attached = first.is_some_and(|c| c == '%' || c == '°')
            || (first == Some(':') && rest.next().is_some_and(|c| c.is_ascii_digit()));
        let before = i.checked_sub(1).map(|j| lower[j].trim_end_matches('.'));
        let after = lower.get(i + 1).map(String::as_str);
        let not_a_count = attached
            || before.is_some_and(|b| NOT_A_COUNT_BEFORE.contains(&b))
            || after.is_some_and(|a| NOT_A_COUNT_AFTER.contains(&a))
            || is_range_of_units(&lower, i);
        if not_a_count {
            // Passed by in the file too, so that the next number is found after it.
            finder.at(w.text);
            continue;
        }
        out.push(Typed {
            value,
            written: w.text.to_string(),
            digits,
            of_people: counts_people(&lower, i),
            of_other: counts_other(&lower, i),
            near: measure_near(&lower, i),
            preceding: lower[i.saturating_sub(3)..i]
                .iter()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                .collect(),
            at: finder.at(w.text),
        });
    }
    out
}

/// The measure the four words before the number at `i`, or the two after it, name.
fn measure_near(lower: &[String], i: usize) -> Option<Measure> {
    let around = lower[i.saturating_sub(4)..i]
        .iter()
        .rev()
        .chain(lower.iter().skip(i + 1).take(2));
    around.into_iter().find_map(|w| match w.as_str() {
        "benaderd" | "benaderde" | "bereikt" => Some(Measure::Benaderd),
        "ontwikkeling" => Some(Measure::InOntwikkeling),
        "vrijstelling" | "vrijstellingen" => Some(Measure::Vrijstelling5a),
        "verzuim" | "verzuimers" => Some(Measure::AbsoluutVerzuim),
        "casus" | "casussen" => Some(Measure::Casussen),
        "werkatelier" | "werkateliers" => Some(Measure::Werkateliers),
        "interview" | "interviews" => Some(Measure::Interviews),
        "deelnemer" | "deelnemers" => Some(Measure::Deelnemers),
        _ => None,
    })
}

/// `4 tot 23 jaar`, `2 à 3 keer`: the first number of a range of units.
fn is_range_of_units(lower: &[String], i: usize) -> bool {
    let joins = lower
        .get(i + 1)
        .is_some_and(|w| matches!(w.as_str(), "tot" | "à" | "a" | "of" | "en"));
    joins
        && lower.get(i + 2).is_some_and(|w| digits_value(w).is_some())
        && lower
            .get(i + 3)
            .is_some_and(|w| NOT_A_COUNT_AFTER.contains(&w.as_str()))
}

/// Whether the number at `i` counts people: a people word right after it, or after at most two
/// words such as `jonge` or `van de`.
fn counts_people(lower: &[String], i: usize) -> bool {
    counts(lower, i, &PEOPLE, &BETWEEN)
}

/// Whether the number at `i` counts something else than people: a noun of [`OTHER_NOUNS`]
/// right after it, or after an adjective (`3 nieuwe locaties`); never after `die`, `van` or
/// `de` (`3 die de school weer bezochten`, `2 van de klas` count children).
fn counts_other(lower: &[String], i: usize) -> bool {
    const ADJECTIVES: [&str; 5] = ["andere", "nieuwe", "kleine", "grote", "vaste"];
    counts(lower, i, &OTHER_NOUNS, &ADJECTIVES)
}

/// Whether one of `nouns` follows the number at `i`, right after it or after at most two
/// words of `between`.
fn counts(lower: &[String], i: usize, nouns: &[&str], between: &[&str]) -> bool {
    for next in lower.iter().skip(i + 1).take(3) {
        if nouns.contains(&next.as_str()) {
            return true;
        }
        if !between.contains(&next.as_str()) {
            return false;
        }
    }
    false
}

#[cfg(test)]
#[path = "prose_tests.rs"]
mod tests;
