//! Files as people and other programs make them: photos from phones and image editors,
//! summaries from Notepad, workbooks with passwords or other names. Each is read right or
//! refused for the right reason, in words the sender understands.

use wel::inputs::image::decode;

use crate::common::*;

fn image(name: &str) -> Vec<u8> {
    std::fs::read(fixture("afbeeldingen").join(name)).unwrap()
}

/// The re-encoded JPEG, decoded again to look at its pixels.
fn pixels(jpeg: &[u8]) -> image::RgbImage {
    image::load_from_memory(jpeg).unwrap().to_rgb8()
}

#[test]
fn a_phone_photo_is_turned_upright_by_its_exif_orientation() {
    // Stored 200x100 with a red top-left corner; orientation 6 means: turn 90° clockwise.
    let photo = decode(&image("exif-orientatie-6.jpg")).unwrap();
    assert_eq!(
        (photo.width, photo.height),
        (100, 200),
        "upright: taller than wide"
    );
    let px = pixels(&photo.jpeg);
    let red = |p: &image::Rgb<u8>| p.0[0] > 180 && p.0[1] < 80 && p.0[2] < 80;
    assert!(red(px.get_pixel(90, 5)), "the red corner is now top right");
    assert!(!red(px.get_pixel(5, 5)), "and no longer top left");
}

#[test]
fn a_transparent_logo_is_put_on_white_never_on_black() {
    let logo = decode(&image("logo-transparant.png")).unwrap();
    let px = pixels(&logo.jpeg);
    let corner = px.get_pixel(2, 2).0;
    assert!(
        corner.iter().all(|c| *c > 240),
        "transparent is white, not the hidden red: {corner:?}"
    );
    let centre = px.get_pixel(50, 50).0;
    assert!(
        centre[2] > 100 && centre[0] < 60,
        "the logo itself stays: {centre:?}"
    );
}

#[test]
fn a_normal_photo_is_accepted_and_its_metadata_dropped() {
    let photo = decode(&image("foto.jpg")).unwrap();
    assert_eq!((photo.width, photo.height), (400, 300));
    assert!(
        !photo.jpeg.windows(4).any(|w| w == b"Exif"),
        "no EXIF survives"
    );
}

#[test]
fn every_other_format_is_named_by_its_bytes() {
    let cases: [(&[u8], &str); 6] = [
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "HEIC"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"BM\x00\x00", "BMP"),
    ];
    for (bytes, name) in cases {
        let err = decode(bytes).err().unwrap();
        assert!(
            err.contains(name) && err.contains("geen JPEG of PNG"),
            "{err}"
        );
    }
}

#[test]
fn a_summary_saved_as_utf16_by_notepad_is_read() {
    let inputs = fixture("good/utf16-samenvatting");
    let check = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", all_output(&check));
    let out = tempfile::tempdir().unwrap();
    let build = wel(&[
        "build",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--only",
        "regio",
        "--swv",
        "PO1001",
    ]);
    assert!(build.status.success(), "{}", all_output(&build));
    // A line may end at the name's own hyphen.
    let text = pdf_text_flow(&out.path().join("regio/PO1001.pdf")).replace("- ", "-");
    assert!(text.contains("één, café, Súdwest-Fryslân"), "{text}");
}

#[test]
fn every_other_file_in_an_swv_folder_is_mentioned() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let folder = inputs.join("swv/PO1001");
    std::fs::write(folder.join("notulen.docx"), b"PK\x03\x04").unwrap();
    std::fs::write(folder.join("oud.csv"), b"code;schooljaar\n").unwrap();
    std::fs::copy(
        fixture("afbeeldingen/foto.jpg"),
        folder.join("IMG_0001.jpg"),
    )
    .unwrap();
    let out = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings only: {}",
        all_output(&out)
    );
    let text = all_output(&out);
    for expected in [
        "swv/PO1001/notulen.docx: notulen.docx wordt niet gebruikt",
        "swv/PO1001/oud.csv: oud.csv wordt niet gelezen: alleen cijfers.xlsx",
        "swv/PO1001/IMG_0001.jpg: IMG_0001.jpg wordt niet gebruikt: samenvatting.toml noemt geen foto",
    ] {
        assert!(text.contains(expected), "{expected} missing in\n{text}");
    }
}
