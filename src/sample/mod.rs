//! Sample inputs: the programme as the source documents tell it (116 SWVs, four school years,
//! the seeds' own figures for the pilots and phase 1), or any number of synthetic SWVs.
//! Everything is marked as sample data; the same arguments always give the same files.

mod regions;
pub mod sheet;
mod summaries;
mod texts;

use summaries::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regions::{PILOTS, Pilot, REGIONS};
use sheet::{Cell, SheetData};

use crate::fsutil::{self, toml_string};
use crate::model::SchoolYear;

/// First school year of the programme and the number of years.
pub const FIRST_YEAR: u16 = 2021;
pub const YEARS: u16 = 4;
/// Most synthetic SWVs (region numbers stay four digits).
pub const MAX_SWVS: usize = 7000;
/// SWVs taking part per school year in the programme (phase 1: 44, at the end: 116).
const PARTICIPATION: [usize; 4] = [44, 72, 98, 116];

#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error(transparent)]
    Fs(#[from] fsutil::FsError),
    #[error(
        "de map {0} bestaat al en is niet leeg; kies een andere map (of, als er voorbeeldinvoer in staat die weg mag, --force: wijzigingen daarin gaan verloren)"
    )]
    NotEmpty(PathBuf),
    #[error(
        "de map {0} bevat echte invoer (voorbeeldgegevens = false in project.toml); wel sample schrijft daar niet overheen, ook niet met --force. Kies een andere map"
    )]
    RealInputs(PathBuf),
    #[error("spreadsheet schrijven mislukt: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("--swvs moet tussen 1 en 7.000 liggen")]
    Count,
}

/// A deterministic pseudo-random generator (splitmix64), seeded per SWV.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: &str) -> Self {
        Self(seed.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        }))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// Where an SWV's figures are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Storage {
    Xlsx,
    Ods,
    National,
}

/// One sample SWV.
struct Spec {
    /// Position in the programme list (pilots first).
    index: usize,
    code: String,
    naam: String,
    regio: String,
    provincie: &'static str,
    sector: &'static str,
    gemeenten: u32,
    /// Index of the first school year it takes part in.
    joins: u16,
    pilot: Option<&'static Pilot>,
    storage: Storage,
    photo: bool,
    /// Joined in the last school year and sent no children figures, photo, quotes or
    /// examples yet: the one-pager of a newcomer.
    sparse: bool,
}

/// Figures of one SWV in one year (children; activities).
struct YearData {
    year: SchoolYear,
    children: Option<[u32; 4]>,
    activities: [u32; 4],
}

/// Writes a complete input set; `count` None gives the programme's 116 SWVs.
pub fn write_sample_set(
    out: &Path,
    count: Option<usize>,
    force: bool,
) -> Result<usize, SampleError> {
    let n = count.unwrap_or(PARTICIPATION[3]);
    if !(1..=MAX_SWVS).contains(&n) {
        return Err(SampleError::Count);
    }
    prepare_dir(out, force)?;
    let specs = specs(n);
    let voices = voice_plan(&specs);
    let mut national = (Vec::new(), Vec::new(), Vec::new());
    for spec in &specs {
        let years = figures(spec);
        let dir = out.join("swv").join(&spec.code);
        fsutil::create_dir_all(&dir)?;
        let (swv_row, j_rows, a_rows) = rows(spec, &years);
        match spec.storage {
            Storage::National => {
                national.0.push(swv_row);
                national.1.extend(j_rows);
                national.2.extend(a_rows);
            }
            storage => {
                let sheets = workbook_sheets(
                    &format!("Cijfers {} ({})", spec.naam, spec.code),
                    vec![swv_row],
                    j_rows,
                    a_rows,
                );
                if storage == Storage::Ods {
                    fsutil::write_atomic(&dir.join("cijfers.ods"), &sheet::ods(&sheets))?;
                } else {
                    fsutil::write_atomic(
                        &dir.join("cijfers.xlsx"),
                        &sheet::xlsx(&sheets, &spec.naam)?,
                    )?;
                }
            }
        }
        // A summary per school year, in its own folder; the photo with the latest.
        for y in spec.joins..YEARS {
            let year_dir = dir.join(SchoolYear::new(FIRST_YEAR + y).label());
            fsutil::create_dir_all(&year_dir)?;
            if spec.photo && y == YEARS - 1 {
                fsutil::write_atomic(&year_dir.join("foto.jpg"), &illustration(&spec.code))?;
            }
            let voiced = voices.get(&(spec.code.clone(), y));
            fsutil::write_atomic(
                &year_dir.join("samenvatting.toml"),
                summary_toml(spec, y, voiced).as_bytes(),
            )?;
        }
    }
    if !national.0.is_empty() {
        let sheets = workbook_sheets(
            "Landelijke cijfers WEL in Ontwikkeling",
            national.0,
            national.1,
            national.2,
        );
        fsutil::write_atomic(
            &out.join("cijfers.xlsx"),
            &sheet::xlsx(&sheets, "Landelijke cijfers")?,
        )?;
    }
    write_project(out, &specs)?;
    Ok(specs.len())
}

/// Whether `out` holds inputs that are not sample data: a project.toml that does not say
/// `voorbeeldgegevens = true` (or cannot be read as one that does).
fn holds_real_inputs(out: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(out.join("project.toml")) else {
        return false;
    };
    let sample = text
        .parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("programma")?.get("voorbeeldgegevens")?.as_bool());
    sample != Some(true)
}

fn prepare_dir(out: &Path, force: bool) -> Result<(), SampleError> {
    let non_empty = std::fs::read_dir(out)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if non_empty && !force {
        return Err(SampleError::NotEmpty(out.to_path_buf()));
    }
    if holds_real_inputs(out) {
        return Err(SampleError::RealInputs(out.to_path_buf()));
    }
    for generated in ["swv", "teksten"] {
        let _ = std::fs::remove_dir_all(out.join(generated));
    }
    for generated in [
        "project.toml",
        "cijfers.xlsx",
        "landelijk-leerplicht.csv",
        "LEESMIJ.md",
    ] {
        let _ = std::fs::remove_file(out.join(generated));
    }
    fsutil::create_dir_all(out)?;
    Ok(())
}

fn specs(n: usize) -> Vec<Spec> {
    let joins_at = |i: usize| -> u16 {
        PARTICIPATION
            .iter()
            .position(|p| i < (p * n).div_ceil(PARTICIPATION[3]))
            .unwrap_or(3) as u16
    };
    let mut out = Vec::new();
    for (i, pilot) in PILOTS.iter().enumerate().take(n) {
        out.push(Spec {
            index: i,
            code: pilot.code.into(),
            naam: pilot.naam.into(),
            regio: pilot
                .naam
                .trim_start_matches("SWV ")
                .trim_start_matches("Passend Primair Onderwijs ")
                .into(),
            provincie: pilot.provincie,
            sector: "PO",
            gemeenten: pilot.gemeenten,
            joins: 0,
            pilot: Some(pilot),
            storage: if i == 2 { Storage::Ods } else { Storage::Xlsx },
            photo: i == 0,
            sparse: false,
        });
    }
    let mut k = 0usize;
    while out.len() < n {
        let i = out.len();
        let (region, provincie) = REGIONS[k % REGIONS.len()];
        let round = k / (REGIONS.len() * 2);
        let vo = (k / REGIONS.len()) % 2 == 1;
        let regio = if round == 0 {
            region.to_string()
        } else {
            // A name, not a number: texts mention it, and a typed number in a text is checked.
            format!("{region} {}", roman(round + 1))
        };
        // Region numbers 2001 upwards, one per synthetic SWV: unique for every count allowed.
        let code = format!("{}{:04}", if vo { "VO" } else { "PO" }, 2001 + k);
        k += 1;
        if out.iter().any(|s| s.code == code) {
            continue;
        }
        let mut rng = Rng::new(&code);
        out.push(Spec {
            index: i,
            naam: format!(
                "Samenwerkingsverband {} {regio}",
                if vo { "VO" } else { "PO" }
            ),
            regio,
            provincie,
            sector: if vo { "VO" } else { "PO" },
            gemeenten: rng.range(1, 9),
            joins: joins_at(i),
            pilot: None,
            storage: match i % 13 {
                7 => Storage::National,
                3 | 10 => Storage::Ods,
                _ => Storage::Xlsx,
            },
            photo: i % 9 == 5 && !(joins_at(i) == 3 && i % 6 == 1),
            // Three newcomers of the last year (for the sample of 116: three of the last 18).
            sparse: joins_at(i) == 3 && i % 6 == 1,
            code,
        });
    }
    out
}

/// Phase-1 workshops beyond the pilots: (SWV index, werkateliers, deelnemers), so that the
/// programme's first year has the seeds' 16 werkateliers with about 200 participants.
const FIRST_YEAR_WORKSHOPS: [(usize, u32, u32); 10] = [
    (4, 1, 13),
    (5, 1, 12),
    (7, 1, 14),
    (9, 1, 11),
    (11, 1, 13),
    (14, 1, 12),
    (17, 1, 13),
    (20, 1, 12),
    (23, 1, 14),
    (26, 1, 12),
];

fn figures(spec: &Spec) -> Vec<YearData> {
    let mut rng = Rng::new(&format!("cijfers-{}", spec.code));
    let mut out = Vec::new();
    for y in spec.joins..YEARS {
        let year = SchoolYear::new(FIRST_YEAR + y);
        let data = match (spec.pilot, y) {
            (Some(p), 0) => {
                let (v5a, abs, ontw, cas, ws, dn) = p.first_year;
                YearData {
                    year,
                    children: Some([v5a + abs, ontw, v5a, abs]),
                    activities: [ws, dn, 5, cas],
                }
            }
            (None, 0) => {
                let ws = FIRST_YEAR_WORKSHOPS.iter().find(|w| w.0 == spec.index);
                YearData {
                    year,
                    children: None,
                    activities: [ws.map_or(0, |w| w.1), ws.map_or(0, |w| w.2), 0, 0],
                }
            }
            _ if spec.sparse => YearData {
                year,
                children: None,
                activities: [1, rng.range(6, 12), 0, 0],
            },
            _ => {
                let scale = if spec.pilot.is_some_and(|p| p.code == "PO2801") {
                    6
                } else {
                    1
                };
                let benaderd = rng.range(3, 30 + 8 * u32::from(y)) * scale;
                let ontw = benaderd * rng.range(35, 75) / 100;
                let v5a = benaderd * rng.range(45, 75) / 100;
                let abs = (benaderd - v5a) * rng.range(20, 80) / 100;
                let ws = rng.range(1, 4);
                YearData {
                    year,
                    children: Some([benaderd, ontw, v5a, abs]),
                    activities: [
                        ws,
                        ws * rng.range(7, 13),
                        rng.range(3, 9),
                        rng.range(4, 20) * scale,
                    ],
                }
            }
        };
        out.push(data);
    }
    out
}

type Rows = (Vec<Cell>, Vec<Vec<Cell>>, Vec<Vec<Cell>>);

fn rows(spec: &Spec, years: &[YearData]) -> Rows {
    let swv = vec![
        spec.code.as_str().into(),
        spec.naam.clone().into(),
        spec.sector.into(),
        spec.provincie.into(),
        SchoolYear::new(FIRST_YEAR + spec.joins).label().into(),
        spec.gemeenten.into(),
    ];
    let mut j = Vec::new();
    let mut a = Vec::new();
    for y in years {
        if let Some(c) = y.children {
            let mut row: Vec<Cell> = vec![spec.code.as_str().into(), y.year.label().into()];
            row.extend(c.iter().map(|v| Cell::from(*v)));
            j.push(row);
        }
        let mut row: Vec<Cell> = vec![spec.code.as_str().into(), y.year.label().into()];
        row.extend(y.activities.iter().map(|v| Cell::from(*v)));
        a.push(row);
    }
    (swv, j, a)
}

fn workbook_sheets(
    title: &str,
    swv: Vec<Vec<Cell>>,
    j: Vec<Vec<Cell>>,
    a: Vec<Vec<Cell>>,
) -> Vec<SheetData> {
    let sheet = |name: &str, header: &[&str], rows: Vec<Vec<Cell>>| {
        let mut all = vec![
            vec![Cell::from(format!(
                "{title} — VOORBEELDGEGEVENS, geen echte cijfers"
            ))],
            vec![Cell::from(
                "Ingevuld volgens het invoerformat van WEL in Ontwikkeling (zie docs/invoer.md).",
            )],
            header.iter().map(|h| Cell::from(*h)).collect(),
        ];
        all.extend(rows);
        SheetData {
            name: name.into(),
            rows: all,
            header_row: Some(2),
        }
    };
    vec![
        sheet("SWV", &crate::inputs::table::SWV_COLUMNS, swv),
        sheet("Jeugdigen", &crate::inputs::table::JEUGDIGEN_COLUMNS, j),
        sheet(
            "Activiteiten",
            &crate::inputs::table::ACTIVITEITEN_COLUMNS,
            a,
        ),
    ]
}

/// A quote (text, role) or an example (title, text).
type Voice = (&'static str, &'static str);

/// A generated illustration (no real photo, no people): a path of stepping stones through a
/// hilly landscape, "small steps", in the house colours; hills and sun differ per SWV.
fn illustration(code: &str) -> Vec<u8> {
    let mut rng = Rng::new(&format!("foto-{code}"));
    let (w, h) = (960u32, 540u32);
    let sun = (rng.range(120, 840) as f32, rng.range(70, 150) as f32);
    let phase = rng.range(0, 628) as f32 / 100.0;
    let far = |x: f32| 300.0 + 28.0 * (x / 150.0 + phase).sin();
    let near = |x: f32| 380.0 + 22.0 * (x / 210.0 - phase).cos();
    // Stepping stones from the foot of the picture towards the horizon.
    let stones: Vec<(f32, f32, f32, f32)> = (0..9)
        .map(|i| {
            let t = i as f32 / 8.0;
            let y = 520.0 - t * 150.0;
            let x = 480.0 + (t * 5.0 + phase).sin() * 120.0 * (1.0 - t * 0.6);
            let size = 46.0 * (1.0 - t * 0.75);
            (x, y, size, size * 0.45)
        })
        .collect();
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let t = fy / h as f32;
        let mix = |a: [f32; 3], b: [f32; 3], k: f32| {
            [0, 1, 2].map(|i| (a[i] + (b[i] - a[i]) * k.clamp(0.0, 1.0)) as u8)
        };
        let stone = stones
            .iter()
            .any(|(cx, cy, rx, ry)| ((fx - cx) / rx).powi(2) + ((fy - cy) / ry).powi(2) < 1.0);
        let px = if stone {
            [234, 242, 244]
        } else if fy > near(fx) {
            mix(
                [143.0, 193.0, 204.0],
                [13.0, 85.0, 102.0],
                (fy - 380.0) / 200.0,
            )
        } else if fy > far(fx) {
            mix(
                [200.0, 226.0, 231.0],
                [143.0, 193.0, 204.0],
                (fy - 280.0) / 120.0,
            )
        } else if ((fx - sun.0).powi(2) + (fy - sun.1).powi(2)).sqrt() < 48.0 {
            [244, 200, 159]
        } else {
            mix([251.0, 241.0, 231.0], [234.0, 242.0, 244.0], t * 1.6)
        };
        image::Rgb(px)
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .expect("in-memory JPEG");
    out
}

fn write_project(out: &Path, specs: &[Spec]) -> Result<(), SampleError> {
    let pilots: Vec<String> = specs
        .iter()
        .filter(|s| s.pilot.is_some())
        .map(|s| toml_string(&s.code))
        .collect();
    let project = include_str!("teksten/project.toml").replace("{pilotregios}", &pilots.join(", "));
    fsutil::write_atomic(&out.join("project.toml"), project.as_bytes())?;
    fsutil::write_atomic(
        &out.join("landelijk-leerplicht.csv"),
        include_bytes!("teksten/landelijk-leerplicht.csv"),
    )?;
    fsutil::write_atomic(
        &out.join("LEESMIJ.md"),
        include_bytes!("teksten/LEESMIJ.md"),
    )?;
    for (name, text) in [
        (
            "rapportage-fase-1.toml",
            include_str!("teksten/rapportage-fase-1.toml"),
        ),
        (
            "rapportage-fase-2.toml",
            include_str!("teksten/rapportage-fase-2.toml"),
        ),
        (
            "rapportage-fase-3.toml",
            include_str!("teksten/rapportage-fase-3.toml"),
        ),
        ("brochure.toml", include_str!("teksten/brochure.toml")),
    ] {
        let text = without_absent_pilots(text, specs);
        fsutil::write_atomic(&out.join("teksten").join(name), text.as_bytes())?;
    }
    Ok(())
}

/// `text` without the `[[hoofdstuk.regio]]` texts of pilot regions a small sample leaves out
/// (wel refuses a text for a region that is not a pilot of the phase).
fn without_absent_pilots(text: &str, specs: &[Spec]) -> String {
    const MARK: &str = "[[hoofdstuk.regio]]";
    let mut parts = text.split(MARK);
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        let present = specs
            .iter()
            .any(|s| s.pilot.is_some() && part.contains(&format!("code = \"{}\"", s.code)));
        if present {
            out.push_str(MARK);
            out.push_str(part);
        } else if let Some(next) = part.find("\n[[") {
            // Keep what follows the region's text (the next chapter).
            out.push_str(&part[next + 1..]);
        }
    }
    out
}

/// The summary's `wat_werkt` line: points picked from the sample list, some written as people
/// do (other case, a full stop, an extra space), so the report's tally meets variants.
fn works_line(spec: &Spec, rng: &mut Rng) -> String {
    let n_works = if spec.sparse {
        2
    } else {
        rng.range(3, 5) as usize
    };
    let mut works: Vec<&str> = Vec::new();
    while works.len() < n_works {
        let w = rng.pick(&texts::WHAT_WORKS);
        if !works.contains(&w) {
            works.push(w);
        }
    }
    // People write the same point differently: other case, a full stop, an extra space.
    let works: Vec<String> = works
        .iter()
        .map(|w| match rng.range(0, 5) {
            0 => format!("{}.", w.to_lowercase()),
            1 => w.replacen(' ', "  ", 1),
            _ => w.to_string(),
        })
        .collect();
    format!(
        "wat_werkt = [{}]\n",
        works
            .iter()
            .map(|w| toml_string(w))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// `n` in Roman numerals (for the names of synthetic regions beyond the real ones).
fn roman(mut n: usize) -> String {
    const NUMERALS: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}
