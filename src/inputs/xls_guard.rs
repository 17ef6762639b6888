//! Checking a legacy `.xls` file (a Compound File Binary container) before calamine opens it.
//!
//! calamine trusts sizes and sector chains in the container: fuzzing found 4 GB allocations
//! from a damaged header and endless loops are possible on cyclic chains. This walks the
//! container with every loop bounded by the file size, then checks the worksheet dimensions
//! declared in the BIFF stream, so no grid larger than the limit is ever allocated.

use super::limits::MAX_GRID_CELLS;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const MAX_REGULAR: u32 = 0xFFFF_FFFA;

fn damaged(what: &str) -> String {
    format!("het .xls-bestand is beschadigd ({what}); sla het opnieuw op als .xlsx of .ods")
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

struct Container<'a> {
    bytes: &'a [u8],
    sector: usize,
    sectors: u32,
    fat: Vec<u32>,
}

impl<'a> Container<'a> {
    fn sector(&self, id: u32) -> Result<&'a [u8], String> {
        if id >= self.sectors {
            return Err(damaged("sector buiten het bestand"));
        }
        let start = (id as usize + 1) * self.sector;
        self.bytes
            .get(start..start + self.sector)
            .ok_or_else(|| damaged("sector buiten het bestand"))
    }

    /// The sector ids of a chain; errors on loops, free sectors and ids past the end.
    fn chain(&self, start: u32) -> Result<Vec<u32>, String> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if id > MAX_REGULAR || id >= self.sectors || ids.len() as u32 >= self.sectors {
                return Err(damaged("ongeldige sectorketen"));
            }
            ids.push(id);
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| damaged("ketting buiten de FAT"))?;
            if id == FREESECT {
                return Err(damaged("ketting eindigt in een vrije sector"));
            }
        }
        Ok(ids)
    }

    /// The bytes of a chain, cut to `size` when given.
    fn read_chain(&self, start: u32, size: Option<usize>) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        for id in self.chain(start)? {
            out.extend_from_slice(self.sector(id)?);
        }
        if let Some(size) = size {
            if out.len() < size {
                return Err(damaged("stroom korter dan opgegeven"));
            }
            out.truncate(size);
        }
        Ok(out)
    }
}

/// Checks the container and the declared sheet sizes of an `.xls` file.
/// Checks an `.xls` file; returns its workbook stream (the BIFF records).
pub fn check_xls(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let header = bytes.get(..512).ok_or_else(|| damaged("te kort"))?;
    let shift = u16_at(header, 30).unwrap_or(0);
    if !(shift == 9 || shift == 12) || u16_at(header, 32) != Some(6) {
        return Err(damaged("onbekende sectorgrootte"));
    }
    let c = container(bytes, header, shift)?;
    let field = |at| u32_at(header, at).unwrap_or(u32::MAX);
    let dirs = c.read_chain(field(48), None)?;
    let cutoff = u32_at(header, 56).unwrap_or(4096) as u64;
    let streams = streams(&c, &dirs, cutoff, shift)?;
    let workbook = streams
        .workbook
        .ok_or_else(|| damaged("geen werkboek in het bestand"))?;
    let stream = if (workbook.size as u64) >= cutoff {
        c.read_chain(workbook.start, Some(workbook.size))?
    } else {
        let root = streams.root.ok_or_else(|| damaged("geen hoofdmap"))?;
        mini_stream(&c, root, field(60), workbook)?
    };
    check_biff(&stream)?;
    Ok(stream)
}

/// The cells of each sheet (by name) that hold a number shown with a date or time format:
/// a built-in one, or a custom format with day, month, year or time in it, as any writer
/// numbers them. calamine recognises only some; a count must never be read from a date.
pub fn date_cells(
    stream: &[u8],
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<(u32, u32)>> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut formats: BTreeMap<u16, String> = BTreeMap::new();
    let mut xf_format: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut pos = 0;
    // The workbook globals: formats, cell styles (XF) and where each sheet starts.
    while pos + 4 <= stream.len() {
        let typ = u16_at(stream, pos).unwrap_or(0);
        let len = u16_at(stream, pos + 2).unwrap_or(0) as usize;
        let data = stream.get(pos + 4..pos + 4 + len).unwrap_or(&[]);
        match typ {
            0x000A => break,
            0x041E => {
                if let (Some(id), Some(text)) = (u16_at(data, 0), biff_string(data, 2, true)) {
                    formats.insert(id, text);
                }
            }
            0x00E0 => xf_format.push(u16_at(data, 2).unwrap_or(0)),
            0x0085 => {
                if let (Some(at), Some(name)) = (u32_at(data, 0), biff_string(data, 6, false)) {
                    sheets.push((at as usize, name));
                }
            }
            _ => {}
        }
        pos += 4 + len;
    }
    let is_date_xf = |xf: u16| {
        xf_format.get(xf as usize).is_some_and(|id| {
            matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
                || formats.get(id).is_some_and(|f| date_format(f))
        })
    };
    let mut out: BTreeMap<String, BTreeSet<(u32, u32)>> = BTreeMap::new();
    for (start, name) in sheets {
        let mut pos = start;
        let cells = out.entry(name).or_default();
        while pos + 4 <= stream.len() {
            let typ = u16_at(stream, pos).unwrap_or(0);
            let len = u16_at(stream, pos + 2).unwrap_or(0) as usize;
            let data = stream.get(pos + 4..pos + 4 + len).unwrap_or(&[]);
            let row = u32::from(u16_at(data, 0).unwrap_or(0));
            match typ {
                0x000A => break,
                // NUMBER, RK, FORMULA: row, column, XF.
                0x0203 | 0x027E | 0x0006 => {
                    let col = u32::from(u16_at(data, 2).unwrap_or(0));
                    if u16_at(data, 4).is_some_and(is_date_xf) {
                        cells.insert((row, col));
                    }
                }
                // MULRK: row, first column, then (XF, RK) per column, last column.
                0x00BD if len >= 6 => {
                    let first = u32::from(u16_at(data, 2).unwrap_or(0));
                    for (i, at) in (4..len - 2).step_by(6).enumerate() {
                        if u16_at(data, at).is_some_and(is_date_xf) {
                            cells.insert((row, first + i as u32));
                        }
                    }
                }
                _ => {}
            }
            pos += 4 + len;
        }
    }
    out
}

/// A BIFF8 string at `at`: a 16-bit (`wide_count`) or 8-bit character count, a flags byte
/// (bit 0: two bytes per character), then the characters.
fn biff_string(data: &[u8], at: usize, wide_count: bool) -> Option<String> {
    let (count, flags_at) = if wide_count {
        (usize::from(u16_at(data, at)?), at + 2)
    } else {
        (usize::from(*data.get(at)?), at + 1)
    };
    let wide = data.get(flags_at)? & 1 == 1;
    let chars = data.get(flags_at + 1..)?;
    Some(if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(count).map(|&b| char::from(b)).collect()
    })
}

/// Whether a number format shows a date or a time: day, month, year, hour or second codes
/// outside quoted text, escapes and colour or condition brackets.
pub fn date_format(format: &str) -> bool {
    let mut plain = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inner: String = chars.by_ref().take_while(|&b| b != ']').collect();
                // [h], [mm], [ss]: elapsed time; [Red], [>100], [$-413]: not.
                if inner
                    .chars()
                    .all(|x| matches!(x.to_ascii_lowercase(), 'h' | 'm' | 's'))
                {
                    plain.push_str(&inner);
                }
            }
            _ => plain.push(c),
        }
    }
    let lower = plain.to_ascii_lowercase();
    lower != "general"
        && lower
            .chars()
            .any(|c| matches!(c, 'd' | 'm' | 'y' | 'h' | 's' | 'j' | 'u'))
}

/// The sectors and the FAT of the compound file, after checking the sizes its header declares.
fn container<'a>(bytes: &'a [u8], header: &[u8], shift: u16) -> Result<Container<'a>, String> {
    let sector = 1usize << shift;
    let sectors = (bytes.len().saturating_sub(sector) / sector) as u32;
    let field = |at| u32_at(header, at).unwrap_or(u32::MAX);
    let (dir_len, fat_len) = (field(40), field(44));
    let (mini_fat_len, difat_start, difat_len) = (field(64), field(68), field(72));
    for (name, n) in [
        ("directory", dir_len),
        ("FAT", fat_len),
        ("mini-FAT", mini_fat_len),
        ("DIFAT", difat_len),
    ] {
        if n > sectors {
            return Err(damaged(&format!("{name} groter dan het bestand")));
        }
    }
    // The FAT sector ids: 109 in the header, the rest in the DIFAT chain.
    let mut fat_ids: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(header, 76 + 4 * i))
        .collect();
    let probe = Container {
        bytes,
        sector,
        sectors,
        fat: Vec::new(),
    };
    let mut difat = difat_start;
    let mut hops = 0;
    while difat <= MAX_REGULAR {
        hops += 1;
        if hops > sectors {
            return Err(damaged("DIFAT-keten loopt rond"));
        }
        let s = probe.sector(difat)?;
        let per = sector / 4 - 1;
        fat_ids.extend((0..per).filter_map(|i| u32_at(s, 4 * i)));
        difat = u32_at(s, 4 * per).unwrap_or(ENDOFCHAIN);
    }
    let mut fat = Vec::new();
    for id in fat_ids
        .into_iter()
        .filter(|id| *id <= MAX_REGULAR)
        .take(fat_len as usize)
    {
        let s = probe.sector(id)?;
        fat.extend((0..sector / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    Ok(Container { fat, ..probe })
}

/// Start and size of the workbook stream and of the root entry (which holds the mini stream).
struct Streams {
    workbook: Option<Stream>,
    root: Option<Stream>,
}

/// Where a stream of the compound file starts (its first sector) and how long it is.
#[derive(Clone, Copy)]
struct Stream {
    start: u32,
    size: usize,
}

/// Finds the streams in the directory, checking every declared size and chain on the way.
fn streams(c: &Container<'_>, dirs: &[u8], cutoff: u64, shift: u16) -> Result<Streams, String> {
    let mut found = Streams {
        workbook: None,
        root: None,
    };
    for entry in dirs.chunks_exact(128) {
        let typ = entry[66];
        if typ != 2 && typ != 5 {
            continue;
        }
        let start = u32_at(entry, 116).unwrap_or(ENDOFCHAIN);
        let size = u32_at(entry, 120).unwrap_or(0) as u64
            | if shift == 12 {
                (u32_at(entry, 124).unwrap_or(0) as u64) << 32
            } else {
                0
            };
        if size > c.bytes.len() as u64 {
            return Err(damaged("stroom groter dan het bestand"));
        }
        if typ == 5 {
            found.root = Some(Stream {
                start,
                size: size as usize,
            });
            continue;
        }
        let name_len = (u16_at(entry, 64).unwrap_or(0) as usize).min(64);
        let name: String =
            char::decode_utf16((0..name_len / 2).filter_map(|i| u16_at(entry, 2 * i)))
                .filter_map(Result::ok)
                .filter(|c| *c != '\0')
                .collect();
        if size >= cutoff {
            c.chain(start)?;
        }
        if name == "Workbook" || name == "Book" {
            found.workbook = Some(Stream {
                start,
                size: size as usize,
            });
        }
    }
    Ok(found)
}

/// A small stream, read from the mini stream (held by the `root` entry) through the mini-FAT.
fn mini_stream(
    c: &Container<'_>,
    root: Stream,
    mini_fat_start: u32,
    stream: Stream,
) -> Result<Vec<u8>, String> {
    let Stream { start, size } = stream;
    let mini_stream = c.read_chain(root.start, Some(root.size))?;
    let mini_fat_bytes = if mini_fat_start == ENDOFCHAIN {
        Vec::new()
    } else {
        c.read_chain(mini_fat_start, None)?
    };
    let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4)
        .filter_map(|i| u32_at(&mini_fat_bytes, 4 * i))
        .collect();
    let mut out = Vec::new();
    let mut id = start;
    let mut hops = 0;
    while id != ENDOFCHAIN && out.len() < size {
        hops += 1;
        let at = id as usize * 64;
        let chunk = mini_stream
            .get(at..at + 64)
            .ok_or_else(|| damaged("ministroom buiten het bestand"))?;
        out.extend_from_slice(chunk);
        id = *mini_fat
            .get(id as usize)
            .ok_or_else(|| damaged("ministroom buiten de mini-FAT"))?;
        if hops > mini_stream.len() / 64 + 1 {
            return Err(damaged("ministroom loopt rond"));
        }
    }
    out.truncate(size);
    Ok(out)
}

/// Scans the BIFF records as calamine reads them: the workbook globals up to their EOF record
/// (collecting each sheet's offset from BOUNDSHEET), then every sheet from its offset. In each
/// sheet the declared DIMENSIONS and the cell positions (calamine builds a grid spanning the
/// cells) must stay within the limit.
fn check_biff(stream: &[u8]) -> Result<(), String> {
    let mut sheets = Vec::new();
    scan(stream, 0, &mut sheets)?;
    for start in sheets {
        scan(stream, start, &mut Vec::new())?;
    }
    // Also every record in file order, in case a damaged length hides one from the above.
    scan_all(stream)
}

fn scan(stream: &[u8], start: usize, sheets: &mut Vec<usize>) -> Result<(), String> {
    let mut pos = start;
    let mut span: Option<(u32, u32, u32, u32)> = None;
    while pos + 4 <= stream.len() {
        let typ = u16_at(stream, pos).unwrap_or(0);
        let len = u16_at(stream, pos + 2).unwrap_or(0) as usize;
        if typ == 0x000A {
            break;
        }
        if typ == 0x002F {
            // FILEPASS: the workbook is encrypted.
            return Err(super::limits::PROTECTED.into());
        }
        if typ == 0x0085
            && let Some(at) = stream
                .get(pos + 4..pos + 8)
                .and_then(|_| u32_at(stream, pos + 4))
        {
            sheets.push(at as usize);
        }
        span = check_record(stream, pos, typ, len, span)?;
        pos += 4 + len;
    }
    check_span(span)
}

fn scan_all(stream: &[u8]) -> Result<(), String> {
    let mut pos = 0;
    let mut span: Option<(u32, u32, u32, u32)> = None;
    while pos + 4 <= stream.len() {
        let typ = u16_at(stream, pos).unwrap_or(0);
        let len = u16_at(stream, pos + 2).unwrap_or(0) as usize;
        if matches!(typ, 0x0809 | 0x0409 | 0x0209 | 0x0009) {
            // BOF: a new sheet begins.
            check_span(span)?;
            span = None;
        }
        span = check_record(stream, pos, typ, len, span)?;
        pos += 4 + len;
    }
    check_span(span)
}

type Span = Option<(u32, u32, u32, u32)>;

/// Checks one record and widens the cell span of the current sheet.
fn check_record(
    stream: &[u8],
    pos: usize,
    typ: u16,
    len: usize,
    mut span: Span,
) -> Result<Span, String> {
    let data = stream.get(pos + 4..pos + 4 + len).unwrap_or(&[]);
    match typ {
        // DIMENSIONS, interpreted exactly as calamine does (it reserves rows x columns).
        0x0200 => {
            let (rf, rl, cf, cl) = match len {
                10 => (
                    u32::from(u16_at(data, 0).unwrap_or(0)),
                    u32::from(u16_at(data, 2).unwrap_or(0)),
                    u32::from(u16_at(data, 4).unwrap_or(0)),
                    u32::from(u16_at(data, 6).unwrap_or(0)),
                ),
                14 => (
                    u32_at(data, 0).unwrap_or(0),
                    u32_at(data, 4).unwrap_or(0),
                    u32::from(u16_at(data, 8).unwrap_or(0)),
                    u32::from(u16_at(data, 10).unwrap_or(0)),
                ),
                _ => (0, 0, 0, 0),
            };
            let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
            if rl >= 1 && cl >= 1 {
                if rl - 1 < rf {
                    return Err(damaged("ongeldige bladafmetingen"));
                }
                check_span(Some((rf, rl - 1, cf, cl - 1)))?;
            }
        }
        // Cells with a (row, column): NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA, BLANK.
        0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 | 0x00BD | 0x00BE => {
            let row = u32::from(u16_at(data, 0).unwrap_or(0));
            let first = u32::from(u16_at(data, 2).unwrap_or(0));
            // MULRK / MULBLANK end with the last column.
            let last = if matches!(typ, 0x00BD | 0x00BE) && len >= 6 {
                u32::from(u16_at(data, len - 2).unwrap_or(0))
            } else {
                first
            };
            let (r0, r1, c0, c1) = span.unwrap_or((row, row, first, last));
            span = Some((r0.min(row), r1.max(row), c0.min(first), c1.max(last)));
            check_span(span)?;
        }
        _ => {}
    }
    Ok(span)
}

fn check_span(span: Option<(u32, u32, u32, u32)>) -> Result<(), String> {
    let Some((r0, r1, c0, c1)) = span else {
        return Ok(());
    };
    let rows = u64::from(r1.saturating_sub(r0)) + 1;
    let cols = u64::from(c1.saturating_sub(c0)) + 1;
    if rows * cols > MAX_GRID_CELLS {
        return Err(format!(
            "een blad beslaat {rows} rijen bij {cols} kolommen ({} cellen), meer dan de toegestane {MAX_GRID_CELLS}; verwijder cellen ver onder of naast de tabel",
            rows * cols
        ));
    }
    Ok(())
}
