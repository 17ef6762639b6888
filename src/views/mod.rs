//! Template views: the model turned into the typed data each template reads from
//! `/data.json`, and the rows of the CSV files.
//!
//! Every number goes through a [`crate::ledger::Publisher`], which applies the small-count
//! rule and records the figure; texts stay plain strings that Typst shows literally.

pub mod brochure;
pub mod csv;
pub mod national;
pub mod provinces;
pub mod rapportage;
pub mod regio;
pub mod shared;
pub mod voices;

pub use brochure::BrochureView;
pub use rapportage::RapportageView;
pub use regio::RegioView;
