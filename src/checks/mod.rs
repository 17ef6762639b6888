//! Rules over the assembled model: what a count may look like when printed, and which
//! characters the documents' fonts can show.

pub mod glyphs;
pub mod small_counts;
