//! Laying out documents with Typst as a library: one [`Engine`] (fonts, templates, library)
//! shared by every document; a small per-document world that adds the document's data.

pub mod compile;
pub mod fonts;
pub mod glyphs;
pub mod templates;
pub mod worker;
pub mod world;

pub use compile::{CompileError, Compiled, Export, compile_document};
pub use world::{DocumentInput, Engine, Run};
