//! The small-count rule: what a count of children may look like when printed, in a table and in
//! running text, and the one wording of the rule that every document and the bundles use.

use serde::Serialize;
use serde::ser::SerializeStruct;

/// The threshold below which Statistics Netherlands (CBS) does not publish counts of people.
pub const CBS_NORM: u32 = 5;

/// How a figure is printed, once secondary suppression has decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Printed as it is: `label` (`1.234`, `45%`, `+3`), with the number for bar heights when
    /// the figure is a count.
    Exact { label: String, value: Option<u32> },
    /// A count of 1 to threshold-1 children: `<threshold`.
    Small { threshold: u32 },
    /// Withheld by secondary suppression (it would give a small count away): `×`.
    Withheld,
    /// Nothing reported, or a share or difference that cannot be printed: `–`.
    NotReported,
}

/// How a withheld total is printed in tables and charts.
pub const WITHHELD_LABEL: &str = "×";
/// How a figure with nothing reported is printed in tables and charts.
pub const NOT_REPORTED_LABEL: &str = "–";

impl Shown {
    /// A count of children: exact from the threshold on, `Small` below it (but not 0).
    pub fn child_count(value: Option<u32>, threshold: u32) -> Self {
        match value {
            None => Self::NotReported,
            Some(v) if v >= 1 && v < threshold => Self::Small { threshold },
            Some(v) => Self::count(v),
        }
    }

    /// A count that is printed as it is (SWVs, activities).
    pub fn count(value: u32) -> Self {
        Self::Exact {
            label: crate::dutch::integer(value.into()),
            value: Some(value),
        }
    }

    /// The exact value, when printed exactly and a count.
    pub fn exact(&self) -> Option<u32> {
        match self {
            Self::Exact { value, .. } => *value,
            Self::Small { .. } | Self::Withheld | Self::NotReported => None,
        }
    }

    /// The printed form in tables and charts: `1.234`, `<5`, `×` or `–`.
    pub fn label(&self) -> String {
        match self {
            Self::Exact { label, .. } => label.clone(),
            Self::Small { threshold } => format!("<{threshold}"),
            Self::Withheld => WITHHELD_LABEL.to_string(),
            Self::NotReported => NOT_REPORTED_LABEL.to_string(),
        }
    }

    /// The printed form in running text: `1.234`, `minder dan 5`, `een niet getoond aantal`,
    /// `een onbekend aantal`.
    pub fn in_text(&self) -> String {
        match self {
            Self::Exact { label, .. } => label.clone(),
            Self::Small { threshold } => format!("minder dan {threshold}"),
            Self::Withheld => "een niet getoond aantal".to_string(),
            Self::NotReported => "een onbekend aantal".to_string(),
        }
    }

    /// What templates branch on: `exact`, `klein`, `afgeschermd` or `onbekend`, the one
    /// vocabulary of [`super::ShownAs`].
    pub fn kind(&self) -> &'static str {
        super::ShownAs::of(self).word()
    }
}

/// A template gets a figure as `{soort, label, waarde, tekst}`.
impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Getal", 4)?;
        st.serialize_field("soort", self.kind())?;
        st.serialize_field("label", &self.label())?;
        st.serialize_field("waarde", &self.exact())?;
        st.serialize_field("tekst", &self.in_text())?;
        st.end()
    }
}

/// A percentage `part / whole` that is printed only when both counts are printed exactly.
pub fn safe_share(part: Option<u32>, whole: Option<u32>, threshold: u32) -> Option<f64> {
    let p = Shown::child_count(part, threshold).exact()?;
    let w = Shown::child_count(whole, threshold).exact()?;
    (w > 0).then(|| f64::from(p) * 100.0 / f64::from(w))
}

/// The rule in one sentence, made from the threshold: every document (reports, one-pagers,
/// brochure) and the bundles' read-me say it in exactly these words.
pub fn wording(threshold: u32) -> String {
    match threshold {
        0 | 1 => "Alle aantallen worden getoond zoals de samenwerkingsverbanden ze opgaven: er geldt geen drempel voor kleine aantallen.".to_string(),
        2 => "Een aantal van 1 kind wordt getoond als <2 (in lopende tekst: ‘minder dan 2’), zodat niemand een kind kan herkennen.".to_string(),
        t => format!(
            "Aantallen van 1 tot en met {} kinderen worden getoond als <{t} (in lopende tekst: ‘minder dan {t}’), zodat niemand een kind kan herkennen.",
            t - 1
        ),
    }
}

/// What `×` means, in the one wording of every document's key, table note and read-me.
pub const WITHHELD_MEANING: &str = "× = niet getoond. Dit cijfer is zelf geen klein aantal, maar samen met andere gepubliceerde cijfers zou het een klein aantal kinderen verraden.";

/// The colophon line of a document whose threshold is below the CBS norm (`None` otherwise),
/// and the warning of every check and build.
pub fn below_norm(threshold: u32) -> Option<String> {
    (threshold < CBS_NORM).then(|| {
        format!(
            "Let op: de drempel voor kleine aantallen is {threshold}, lager dan de norm van het CBS ({CBS_NORM}). Kleine aantallen vanaf {threshold} staan als getal in dit document."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_suppressed() {
        assert_eq!(Shown::child_count(Some(3), 5).label(), "<5");
        assert_eq!(Shown::child_count(Some(3), 5).in_text(), "minder dan 5");
        assert_eq!(Shown::child_count(Some(0), 5).label(), "0");
        assert_eq!(Shown::child_count(Some(5), 5).label(), "5");
        assert_eq!(Shown::child_count(Some(1234), 5).label(), "1.234");
        assert_eq!(Shown::child_count(None, 5).label(), "–");
        assert_eq!(Shown::Withheld.in_text(), "een niet getoond aantal");
    }

    #[test]
    fn shares_need_two_exact_counts() {
        assert_eq!(safe_share(Some(3), Some(12), 5), None);
        assert_eq!(safe_share(Some(6), Some(12), 5), Some(50.0));
    }

    #[test]
    fn the_wording_follows_the_threshold() {
        assert!(wording(5).contains("1 tot en met 4 kinderen worden getoond als <5"));
        assert!(wording(3).contains("1 tot en met 2 kinderen worden getoond als <3"));
        assert!(wording(2).contains("1 kind wordt getoond als <2"));
        assert!(below_norm(5).is_none());
        assert!(
            below_norm(3)
                .unwrap()
                .contains("drempel voor kleine aantallen is 3")
        );
    }
}
