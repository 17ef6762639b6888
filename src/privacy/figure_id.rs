//! Where a figure stands in its document, as a typed path: `reeks[2023-2024].benaderd` is the
//! field `reeks`, the key `2023-2024`, the field `benaderd`. Views build ids step by step, the
//! ledger and editions key on them, and a revision compares them step by step: nothing
//! matches on a formatted string. An edition writes an id in its printed form (`cijfers.json`,
//! `wel cijfers`, a web page's `data-cijfer`) and reads it back with [`FigureId::parse`].

use std::fmt;

/// One step of a [`FigureId`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Step {
    /// A named part: `reeks`, `benaderd`, `tekst`.
    Field(String),
    /// One of several: a school year, an SWV, a province, a position (`[2023-2024]`, `[3]`).
    Key(String),
    /// A reference in a text as it was written (`{absoluut_verzuim 2021-2022}`).
    Reference(String),
    /// A column of a CSV row (`2023-2024;Benaderd`); always the last step.
    Column(String),
}

/// Where a figure stands in its document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FigureId(Vec<Step>);

impl FigureId {
    /// An id of one named part (`titel`, `laatste`).
    pub fn new(name: &str) -> Self {
        Self(vec![Step::Field(name.to_string())])
    }

    /// A cell of a CSV: its row's label and its column's header (`2023-2024;Benaderd`).
    pub fn csv(row: impl fmt::Display, column: &str) -> Self {
        Self(vec![
            Step::Field(row.to_string()),
            Step::Column(column.to_string()),
        ])
    }

    /// The named part `name` of this one (`.benaderd`).
    pub fn field(&self, name: &str) -> Self {
        self.with(Step::Field(name.to_string()))
    }

    /// One of several in this one (`[2023-2024]`, `[PO2801]`, `[3]`).
    pub fn key(&self, key: impl fmt::Display) -> Self {
        self.with(Step::Key(key.to_string()))
    }

    /// A reference written in the text this id names (`{benaderd 2023-2024}`, with braces).
    pub fn reference(&self, written: &str) -> Self {
        let inner = written
            .strip_prefix('{')
            .and_then(|w| w.strip_suffix('}'))
            .unwrap_or(written);
        self.with(Step::Reference(inner.to_string()))
    }

    fn with(&self, step: Step) -> Self {
        let mut steps = self.0.clone();
        steps.push(step);
        Self(steps)
    }

    /// Reads an id back from its printed form (as an edition wrote it). Every printed id
    /// reads back as the id it was printed from; a text in no known form stays one field.
    pub fn parse(text: &str) -> Self {
        let mut steps = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let (step, after) = match rest.as_bytes()[0] {
                b'[' => match rest.find(']') {
                    Some(end) => (Step::Key(rest[1..end].to_string()), &rest[end + 1..]),
                    None => return Self(vec![Step::Field(text.to_string())]),
                },
                b';' if !steps.is_empty() => (Step::Column(rest[1..].to_string()), ""),
                b'{' => match rest.find('}') {
                    Some(end) => (Step::Reference(rest[1..end].to_string()), &rest[end + 1..]),
                    None => return Self(vec![Step::Field(text.to_string())]),
                },
                _ => {
                    let name = rest.strip_prefix('.').unwrap_or(rest);
                    if name.len() == rest.len() && !steps.is_empty() {
                        return Self(vec![Step::Field(text.to_string())]);
                    }
                    let end = name.find(['.', '[', '{', ';']).unwrap_or(name.len());
                    (Step::Field(name[..end].to_string()), &name[end..])
                }
            };
            steps.push(step);
            rest = after;
        }
        Self(steps)
    }
}

impl fmt::Display for FigureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Field(name) if i == 0 => write!(f, "{name}")?,
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Key(key) => write!(f, "[{key}]")?,
                Step::Reference(written) => write!(f, "{{{written}}}")?,
                Step::Column(header) => write!(f, ";{header}")?,
            }
        }
        Ok(())
    }
}

impl serde::Serialize for FigureId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for FigureId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(Self::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_built_step_by_step_and_reads_back_from_its_printed_form() {
        let ids = [
            FigureId::new("reeks").key("2023-2024").field("benaderd"),
            FigureId::new("hoofdstuk")
                .key(6)
                .field("tekst")
                .reference("{absoluut_verzuim 2021-2022}"),
            FigureId::new("hoofdstuk").key(2).field("tekst").key("^1"),
            FigureId::new("kaart")
                .field("tabel")
                .key("Noord-Holland")
                .field("benaderd"),
            FigureId::new("wat_werkt_swvs"),
            FigureId::new("titel").reference("{benaderd totaal}"),
            FigureId::csv("2023-2024", "In ontwikkeling"),
        ];
        let printed = [
            "reeks[2023-2024].benaderd",
            "hoofdstuk[6].tekst{absoluut_verzuim 2021-2022}",
            "hoofdstuk[2].tekst[^1]",
            "kaart.tabel[Noord-Holland].benaderd",
            "wat_werkt_swvs",
            "titel{benaderd totaal}",
            "2023-2024;In ontwikkeling",
        ];
        for (id, text) in ids.iter().zip(printed) {
            assert_eq!(id.to_string(), text);
            assert_eq!(&FigureId::parse(text), id, "{text}");
        }
        assert_ne!(
            FigureId::new("reeks").key("2023-2024").field("benaderd"),
            FigureId::new("reeks").field("2023-2024").field("benaderd"),
            "a key is not a field, though both print the year"
        );
    }

    #[test]
    fn a_text_in_no_known_form_reads_as_one_field_and_prints_as_it_was() {
        for text in ["a[b", "x{y", "a]b", "a[1]b"] {
            assert_eq!(FigureId::parse(text).to_string(), text);
        }
    }
}
