//! Fonts: the house faces shipped in `fonts/` (compiled into the binary, licences beside them)
//! plus Typst's own embedded fonts. No system fonts: output is the same on every machine.

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::FontStore;

/// The house style's font files, embedded at compile time.
const HOUSE_FONTS: [&[u8]; 9] = [
    include_bytes!("../../fonts/Inter-Regular.otf"),
    include_bytes!("../../fonts/Inter-Italic.otf"),
    include_bytes!("../../fonts/Inter-SemiBold.otf"),
    include_bytes!("../../fonts/Inter-SemiBoldItalic.otf"),
    include_bytes!("../../fonts/Inter-Bold.otf"),
    include_bytes!("../../fonts/Inter-BoldItalic.otf"),
    include_bytes!("../../fonts/Inter-ExtraBold.otf"),
    include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
];

/// Builds the font store: house fonts first, then Typst's embedded set (for fallback).
pub fn font_store() -> FontStore {
    let mut store = FontStore::new();
    for data in HOUSE_FONTS {
        for font in Font::iter(Bytes::new(data)) {
            let info = font.info().clone();
            store.push((font, info));
        }
    }
    store.extend(typst_kit::fonts::embedded());
    store
}

/// A fingerprint of the house fonts (computed at compile time by build.rs), for incremental
/// builds; Typst's own fonts are covered by the `wel` version.
pub const FINGERPRINT: &str = env!("WEL_FONTS_HASH");
