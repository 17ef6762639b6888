//! `wel`: turns the spreadsheets and summaries of the WEL in Ontwikkeling partnerships into
//! accessible, archivable PDF documents (phase report, regional one-pagers, brochure).
//!
//! The pipeline reads as a recipe: [`inputs`] reads raw files, [`model`] holds the validated
//! programme, [`checks`] applies privacy rules, [`render`] lays documents out with Typst and
//! [`export`] writes PDFs; [`build`] orchestrates a whole run.

pub mod build;
pub mod checks;
pub mod cli;
pub mod diag;
pub mod dutch;
pub mod export;
pub mod fsutil;
pub mod inputs;
pub mod intake;
pub mod model;
pub mod render;
pub mod sample;
pub mod watch;

pub use diag::{Problem, Problems};
