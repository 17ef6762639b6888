//! Loading photos safely: the format recognised by its bytes (JPEG or PNG; anything else is
//! named), the file checked to be complete, size and dimension limits before decoding, a
//! bounded decoder, the EXIF orientation applied, transparency put on white, and re-encoding
//! (which drops EXIF and GPS metadata) before anything reaches a PDF.

use std::io::Cursor;
use std::path::Path;

use image::{ImageDecoder, ImageReader, Limits};

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

/// Version of the processing (orientation, transparency): part of the cache key.
const PROCESSING: &str = "v2";

/// Loads a photo; with a cache folder, a photo re-encoded before (same bytes) is reused.
pub fn load_photo(path: &Path, cache: Option<&Path>) -> Result<LoadedImage, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("kan niet worden gelezen: {}", crate::fsutil::reason(&e)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "is {} MB, meer dan de toegestane {} MB",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| format!("kan niet worden gelezen: {}", crate::fsutil::reason(&e)))?;
    let Some(dir) = cache else {
        return decode(&bytes);
    };
    let key = crate::hash::sha256_hex(&bytes);
    // The name holds what shapes the result, so a change in processing never reuses old work.
    let cached = dir.join(format!("{key}-{EMBED_SIDE}-q{QUALITY}-{PROCESSING}.jpg"));
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

/// The image formats a photo or logo may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
}

/// What the bytes are, by their first bytes (never by the file name): JPEG or PNG, or a
/// message naming what was found instead and what to do.
pub fn sniff(bytes: &[u8]) -> Result<Format, String> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(Format::Png);
    }
    let brand = bytes
        .get(8..12)
        .filter(|_| bytes.get(4..8) == Some(b"ftyp"));
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let found = if starts(b"GIF87a") || starts(b"GIF89a") {
        "een GIF-afbeelding"
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        "een WebP-afbeelding"
    } else if let Some(brand) = brand {
        match brand {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                "een HEIC-foto (het standaardformaat van een iPhone; daar: Instellingen > Camera > Formaten > Meest compatibel)"
            }
            b"avif" | b"avis" => "een AVIF-afbeelding",
            _ => "een video (MP4 of MOV)",
        }
    } else if starts(b"BM") {
        "een BMP-afbeelding"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "een TIFF-afbeelding"
    } else if starts(b"%PDF") {
        "een PDF-document"
    } else if text.starts_with("<svg") || (text.starts_with("<?xml") && text.contains("<svg")) {
        "een SVG-tekening"
    } else {
        "geen afbeelding die wel kan lezen"
    };
    Err(format!(
        "is {found}, geen JPEG of PNG; sla de afbeelding op als JPEG (.jpg) of PNG (.png), bijvoorbeeld met Exporteren of Opslaan als in een fotoprogramma, en geef die naam op bij pad"
    ))
}

/// Whether the file holds a whole image: a JPEG that reaches its end marker, a PNG that
/// reaches its IEND chunk. An interrupted upload fails here, before any decoder fills in
/// the missing part.
fn check_complete(format: Format, bytes: &[u8]) -> Result<(), String> {
    let whole = match format {
        Format::Jpeg => jpeg_complete(bytes),
        Format::Png => png_complete(bytes),
    };
    if whole {
        Ok(())
    } else {
        Err("is onvolledig: het bestand houdt halverwege op (bijvoorbeeld door een afgebroken upload of kopie); stuur de foto opnieuw".into())
    }
}

/// Walks the JPEG markers (and the entropy-coded data after each start of scan) to the end
/// of image marker.
fn jpeg_complete(b: &[u8]) -> bool {
    let mut i = 2;
    loop {
        // Fill bytes before a marker.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if b.get(i) != Some(&0xFF) {
            return false;
        }
        let Some(&marker) = b.get(i + 1) else {
            return false;
        };
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let Some(len) = b.get(i + 2..i + 4) else {
                    return false;
                };
                i += 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
                if marker == 0xDA {
                    // Entropy-coded data runs to the next marker that is not a stuffed byte
                    // or a restart marker.
                    while i + 1 < b.len()
                        && !(b[i] == 0xFF && b[i + 1] != 0 && !(0xD0..=0xD7).contains(&b[i + 1]))
                    {
                        i += 1;
                    }
                }
            }
        }
        if i >= b.len() {
            return false;
        }
    }
}

/// Walks the PNG chunks to IEND.
fn png_complete(b: &[u8]) -> bool {
    let mut i = 8;
    while let Some(head) = b.get(i..i + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let end = i + 12 + len;
        if end > b.len() {
            return false;
        }
        if &head[4..8] == b"IEND" {
            return true;
        }
        i = end;
    }
    false
}

/// Decodes a JPEG or PNG fully, turns it upright by its EXIF orientation, puts transparent
/// parts on white, scales it down for print and re-encodes it as JPEG without metadata.
pub fn decode(bytes: &[u8]) -> Result<LoadedImage, String> {
    let format = sniff(bytes)?;
    check_complete(format, bytes)?;
    let reader = ImageReader::with_format(
        Cursor::new(bytes),
        match format {
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Png => image::ImageFormat::Png,
        },
    );
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    let too_big = || {
        format!(
            "is te groot (meer dan {MAX_IMAGE_SIDE} beeldpunten breed of hoog); verklein de foto"
        )
    };
    let damaged = |e: image::ImageError| {
        match e {
        image::ImageError::Limits(_) => too_big(),
        _ => "is beschadigd en kan niet worden gelezen; sla de foto opnieuw op als JPEG of PNG en stuur hem opnieuw".to_string(),
    }
    };
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    decoder.set_limits(limits).map_err(|_| too_big())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(damaged)?;
    img.apply_orientation(orientation);
    let img = if img.width().max(img.height()) > EMBED_SIDE {
        img.resize(
            EMBED_SIDE,
            EMBED_SIDE,
            image::imageops::FilterType::Triangle,
        )
    } else {
        img
    };
    let rgb = on_white(&img);
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

/// The image without transparency: transparent parts become white (never black, and no
/// colour hidden under a transparent pixel shows through).
fn on_white(img: &image::DynamicImage) -> image::RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| {
            let (c, a) = (u32::from(c), u32::from(a));
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        };
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}
