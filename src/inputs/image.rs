//! Loading photos safely: size and dimension limits before decoding, a bounded decoder, and
//! re-encoding (which drops EXIF and GPS metadata) before anything reaches a PDF.

use std::io::Cursor;
use std::path::Path;

use image::{ImageReader, Limits};

use super::limits::{MAX_FILE_BYTES, MAX_IMAGE_ALLOC, MAX_IMAGE_SIDE};

/// A decoded and re-encoded photo.
pub struct LoadedImage {
    /// Re-encoded as baseline JPEG: no metadata survives.
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Longest side a photo is scaled down to before embedding (enough for print at A4 width).
pub const EMBED_SIDE: u32 = 1600;

/// Loads a photo; with a cache folder, a photo re-encoded before (same bytes) is reused.
pub fn load_photo(path: &Path, cache: Option<&Path>) -> Result<LoadedImage, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("kan niet worden gelezen: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "is {} MB, meer dan de toegestane {} MB",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("kan niet worden gelezen: {e}"))?;
    let Some(dir) = cache else {
        return decode(&bytes);
    };
    let key = crate::hash::sha256_hex(&bytes);
    let cached = dir.join(format!("{key}-{EMBED_SIDE}-q{QUALITY}.jpg"));
    if let Ok(jpeg) = std::fs::read(&cached)
        && let Ok((width, height)) = ImageReader::new(Cursor::new(&jpeg))
            .with_guessed_format()
            .map_err(|_| ())
            .and_then(|r| r.into_dimensions().map_err(|_| ()))
    {
        return Ok(LoadedImage {
            jpeg,
            width,
            height,
        });
    }
    let image = decode(&bytes)?;
    // A cache that cannot be written only costs time next run.
    let _ = crate::fsutil::write_atomic(&cached, &image.jpeg);
    Ok(image)
}

/// JPEG quality of re-encoded photos.
const QUALITY: u8 = 85;

pub fn decode(bytes: &[u8]) -> Result<LoadedImage, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("kan niet worden gelezen: {e}"))?;
    if reader.format().is_none() {
        return Err("is geen afbeelding (verwacht JPEG of PNG)".into());
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => {
            format!("is te groot (meer dan {MAX_IMAGE_SIDE} beeldpunten breed of hoog); verklein de foto")
        }
        other => format!("is beschadigd of geen geldige afbeelding ({other})"),
    })?;
    let img = if img.width().max(img.height()) > EMBED_SIDE {
        img.resize(
            EMBED_SIDE,
            EMBED_SIDE,
            image::imageops::FilterType::Triangle,
        )
    } else {
        img
    };
    let rgb = img.to_rgb8();
    let (width, height) = (rgb.width(), rgb.height());
    let (Ok(w16), Ok(h16)) = (u16::try_from(width), u16::try_from(height)) else {
        return Err("is te groot om opnieuw op te slaan".into());
    };
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, QUALITY)
        .encode(rgb.as_raw(), w16, h16, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| format!("kan niet opnieuw worden opgeslagen: {e}"))?;
    Ok(LoadedImage {
        jpeg,
        width,
        height,
    })
}
