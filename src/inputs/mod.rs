//! Reading input files into raw rows and texts, with the place of every value kept.

pub mod image;
pub mod limits;
pub mod names;
pub mod ods_guard;
pub mod personal_data;
pub mod project;
pub mod prose;
pub mod repeats;
pub mod set;
pub mod summary;
pub mod table;
pub mod text;
pub mod toml_check;
pub mod workbook;
pub mod workbook_cache;
pub mod xls_guard;
