//! Sentences that stand in the summaries of more than one SWV. Each one-pager is read as that
//! SWV's own account; a reader holding several sees a shared sentence at once. `wel check`
//! warns each SWV whose latest summary (the one its one-pager shows) shares a sentence of at
//! least `MIN_WORDS` words with another SWV's latest summary. Sentences are compared without
//! regard to capitals, spacing and punctuation; a sentence that names the SWV differs by that
//! name.
//!
//! An SWV's one-pager also looks back on its earlier school years (their summaries stand beside
//! the latest one), so a sentence its latest summary repeats from one of its earlier summaries
//! is warned too.

use std::collections::BTreeMap;

use crate::diag::{Place, Problem, Problems};
use crate::model::Programme;

/// Shorter sentences ("Het werkt.") may well be written by two SWVs alone.
pub const MIN_WORDS: usize = 8;

/// The sentences of a text: split after `.`, `!` or `?` followed by white space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let ends =
            matches!(c, '.' | '!' | '?') && chars.get(k + 1).is_none_or(|(_, n)| n.is_whitespace());
        if ends {
            out.push(text[start..=i].trim());
            start = i + c.len_utf8();
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// A sentence as compared: its words in lower case, without punctuation.
fn key(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The SWVs (code, summary folder) that wrote a sentence.
type Writers = Vec<(String, std::path::PathBuf)>;

/// A warning for every SWV whose latest summary shares a sentence with another's.
pub fn warn_shared_sentences(programme: &Programme, problems: &mut Problems) {
    // Sentence -> the SWVs (code, summary folder) whose latest summary has it, and how the
    // first one wrote it.
    let mut seen: BTreeMap<Vec<String>, (String, Writers)> = BTreeMap::new();
    for swv in &programme.swvs {
        let Some((_, summary)) = swv.summaries.last_key_value() else {
            continue;
        };
        let mut own = Vec::new();
        for sentence in sentences(summary.samenvatting.as_str()) {
            let k = key(sentence);
            if k.len() < MIN_WORDS || own.contains(&k) {
                continue;
            }
            own.push(k.clone());
            seen.entry(k)
                .or_insert_with(|| (sentence.to_string(), Vec::new()))
                .1
                .push((swv.code.to_string(), summary.map.join("samenvatting.toml")));
        }
    }
    for (written, holders) in seen.values().filter(|(_, h)| h.len() > 1) {
        for (code, file) in holders {
            let others: Vec<String> = holders
                .iter()
                .filter(|(c, _)| c != code)
                .map(|(c, _)| c.clone())
                .collect();
            let named = if others.len() > 3 {
                format!("{} en {} andere", others[..3].join(", "), others.len() - 3)
            } else {
                crate::dutch::enumerate(&others, "en")
            };
            problems.push(
                Problem::warning(
                    Place::key(file.clone(), "samenvatting"),
                    format!(
                        "de zin “{written}” staat ook in de samenvatting van {named}; wie de regio-overzichten naast elkaar legt, leest hem {}. Schrijf in eigen woorden wat in uw regio gebeurde",
                        if holders.len() == 2 {
                            "twee keer".to_string()
                        } else {
                            format!("{} keer", holders.len())
                        }
                    ),
                )
                .for_swv(code.as_str()),
            );
        }
    }
}

/// A warning for every SWV whose latest summary repeats a sentence of one of its earlier
/// summaries: its one-pager shows them side by side.
pub fn warn_repeated_own_sentences(programme: &Programme, problems: &mut Problems) {
    for swv in &programme.swvs {
        let Some((_, latest)) = swv.summaries.last_key_value() else {
            continue;
        };
        let mut earlier: BTreeMap<Vec<String>, crate::model::SchoolYear> = BTreeMap::new();
        for (year, summary) in swv.summaries.range(..latest.schooljaar) {
            for sentence in sentences(summary.samenvatting.as_str()) {
                earlier.insert(key(sentence), *year);
            }
        }
        for sentence in sentences(latest.samenvatting.as_str()) {
            let k = key(sentence);
            let Some(year) = earlier.get(&k).filter(|_| k.len() >= MIN_WORDS) else {
                continue;
            };
            problems.push(
                Problem::warning(
                    Place::key(latest.map.join("samenvatting.toml"), "samenvatting"),
                    format!(
                        "de zin “{sentence}” staat ook in uw samenvatting over {year}; het regio-overzicht zet die onder ‘Terugblik op {year}’ naast deze, dus de lezer leest hem twee keer. Schrijf wat er in {} gebeurde",
                        latest.schooljaar
                    ),
                )
                .for_swv(swv.code.as_str()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_their_ends_only() {
        assert_eq!(
            sentences("Het werkt. Echt waar! Ook 3.5 keer? Ja"),
            ["Het werkt.", "Echt waar!", "Ook 3.5 keer?", "Ja"]
        );
        assert_eq!(key("Het  Werkt, echt."), ["het", "werkt", "echt"]);
    }
}
