//! The small-count rule: what a count of children may look like when printed.

/// A count as it may be printed: exact, suppressed below the threshold, or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Exact(u32),
    /// 1 .. threshold-1: printed as `<threshold`.
    Small,
    Unknown,
}

impl Shown {
    pub fn of(value: Option<u32>, threshold: u32) -> Self {
        match value {
            None => Self::Unknown,
            Some(v) if v >= 1 && v < threshold => Self::Small,
            Some(v) => Self::Exact(v),
        }
    }

    pub fn exact(self) -> Option<u32> {
        match self {
            Self::Exact(v) => Some(v),
            _ => None,
        }
    }

    /// The printed form: `1.234`, `<5`, or `–` for unknown.
    pub fn label(self, threshold: u32) -> String {
        match self {
            Self::Exact(v) => crate::dutch::integer(v.into()),
            Self::Small => format!("<{threshold}"),
            Self::Unknown => "–".to_string(),
        }
    }
}

/// A percentage `part / whole` that is printed only when both counts are printed exactly.
pub fn safe_share(part: Option<u32>, whole: Option<u32>, threshold: u32) -> Option<f64> {
    let p = Shown::of(part, threshold).exact()?;
    let w = Shown::of(whole, threshold).exact()?;
    (w > 0).then(|| f64::from(p) * 100.0 / f64::from(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_suppressed() {
        assert_eq!(Shown::of(Some(3), 5).label(5), "<5");
        assert_eq!(Shown::of(Some(0), 5).label(5), "0");
        assert_eq!(Shown::of(Some(5), 5).label(5), "5");
        assert_eq!(Shown::of(Some(1234), 5).label(5), "1.234");
    }

    #[test]
    fn shares_need_two_exact_counts() {
        assert_eq!(safe_share(Some(3), Some(12), 5), None);
        assert_eq!(safe_share(Some(6), Some(12), 5), Some(50.0));
    }
}
