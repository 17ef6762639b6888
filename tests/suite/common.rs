//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// Runs the `wel` binary with arguments.
pub fn wel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wel"))
        .args(args)
        .output()
        .expect("run wel")
}

/// Runs `wel COMMAND --inputs INPUTS --out OUT EXTRA...` (build, bundle or check).
pub fn wel_on(command: &str, inputs: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        command,
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    wel(&args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Both streams, as a user sees them in a terminal.
pub fn all_output(o: &Output) -> String {
    format!("{}{}", stderr(o), stdout(o))
}

/// Copies a folder tree (symlinks are copied as links).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let ft = entry.file_type().unwrap();
        if ft.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else if ft.is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the minimal inputs (`tests/fixtures/good/minimaal`) in `dir/invoer`, with
/// PO1001's `samenvatting.toml` changed by `edit`.
pub fn minimal_with_summary(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let inputs = dir.join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let path = inputs.join("swv/PO1001/samenvatting.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
    inputs
}

/// The text of a PDF as `pdftotext` (poppler-utils, installed by .ci/run) extracts it.
pub fn pdf_text(path: &Path) -> String {
    let out = crate::common::tool("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext must be installed (poppler-utils); .ci/run installs it");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    extracted(&out.stdout)
}

/// Text as `pdftotext` gave it, read as typed ([`typed`]).
fn extracted(stdout: &[u8]) -> String {
    typed(&String::from_utf8_lossy(stdout))
}

/// Text from a document with the typographic apostrophe it prints before a letter or digit
/// (`SWV’s`, `’s-Hertogenbosch`, `’24`) read as the straight one the inputs and tests type, so
/// a test can look for `SWV's`; a closing quote (`‘minder dan 5’`) is never followed by one and
/// stays as printed. A soft hyphen inside a word (where a compound may break, unbroken) is
/// left out. (`typography::every_apostrophe_in_the_documents_is_typographic` reads the
/// real text.)
pub fn typed(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter_map(|i| {
            let before_letter = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
            match chars[i] {
                '\u{2019}' if before_letter => Some('\''),
                // Where a compound may break (`samenwerkings\u{ad}verbanden`), unbroken.
                '\u{ad}' if before_letter => None,
                c => Some(c),
            }
        })
        .collect()
}

/// The text of a PDF in the order it was drawn (`pdftotext -raw`): a figure's number, then its
/// label.
pub fn pdf_text_raw(path: &Path) -> String {
    typed(&pdf_text_printed(path))
}

/// [`pdf_text_raw`] with every character as printed (typographic apostrophes, soft hyphens).
pub fn pdf_text_printed(path: &Path) -> String {
    let out = crate::common::tool("pdftotext")
        .args(["-raw", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext must be installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF as `pdftotext` extracts it without `-layout`: blocks one after another.
pub fn pdf_text_plain(path: &Path) -> String {
    let out = crate::common::tool("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext must be installed");
    extracted(&out.stdout)
}

/// The text of a PDF in reading order (no column layout), words joined across hyphenation.
pub fn pdf_text_flow(path: &Path) -> String {
    let text = pdf_text_raw(path)
        .replace("\u{ad}\n", "")
        .replace('\u{ad}', "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Number of pages of a PDF.
pub fn page_count(path: &Path) -> usize {
    lopdf::Document::load(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .get_pages()
        .len()
}

/// A build of the bundled sample inputs with bundles, overview and web edition (`wel bundle
/// --overzicht --web`), made once per test run and shared. `--jobs 2` on any machine: one
/// document at a time here and one in a layout helper (`render::worker`), so comparing it
/// with a build on one thread (`publication::two_builds_at_different_times_and_places_are_identical`)
/// shows the helper makes the same bytes.
pub fn sample_build() -> &'static Path {
    sample_build_and_log().0
}

/// [`sample_build`] and what it said (with `--timings`).
pub fn sample_build_and_log() -> (&'static Path, &'static str) {
    static DIR: std::sync::OnceLock<(tempfile::TempDir, String)> = std::sync::OnceLock::new();
    let (dir, log) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = wel(&[
            "bundle",
            "--overzicht",
            "--web",
            "--inputs",
            root().join("inputs").to_str().unwrap(),
            "--out",
            dir.path().to_str().unwrap(),
            "--jobs",
            "2",
            "--timings",
        ]);
        assert!(
            out.status.success(),
            "sample build failed:\n{}",
            all_output(&out)
        );
        (dir, all_output(&out))
    });
    (dir.path(), log)
}

/// Every document (PDF) of a build in `out`: the national ones and the one-pagers, sorted.
pub fn documents(out: &Path) -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.extend(one_pagers(out));
    pdfs.sort();
    pdfs
}

/// The one-pagers (PDFs) in `out/regio/`, sorted (the folder also holds the web edition).
pub fn one_pagers(out: &Path) -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(out.join("regio"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}

/// Rewrites one count in a workbook (read with wel's reader, written with the sample writer).
pub fn set_count(path: &Path, sheet: &str, code: &str, year: &str, column: &str, value: u32) {
    use wel::inputs::workbook::{CellValue, read_workbook};
    use wel::sample::sheet::{Cell, SheetData, xlsx};
    let wb = read_workbook(&std::fs::read(path).unwrap()).unwrap();
    let mut sheets = Vec::new();
    for s in &wb.sheets {
        let rows = s.cells.keys().map(|(r, _)| *r).max().unwrap_or(0) as usize + 1;
        let cols = s.cells.keys().map(|(_, c)| *c).max().unwrap_or(0) as usize + 1;
        let mut grid = vec![vec![Cell::Empty; cols]; rows];
        for ((r, c), v) in &s.cells {
            grid[*r as usize][*c as usize] = match v {
                CellValue::Number(n) => Cell::Number(*n),
                CellValue::Text(t) => Cell::Text(t.clone()),
                other => panic!("unexpected cell {other:?}"),
            };
        }
        if s.name == sheet {
            let header = grid
                .iter()
                .position(|r| r.contains(&Cell::Text("code".into())))
                .unwrap();
            let col = grid[header]
                .iter()
                .position(|c| *c == Cell::Text(column.into()))
                .unwrap();
            // The last such row: a filled-in form keeps the form's empty row above the one the
            // SWV added.
            let row = grid
                .iter()
                .rposition(|r| {
                    r.first() == Some(&Cell::Text(code.into()))
                        && r.get(1) == Some(&Cell::Text(year.into()))
                })
                .unwrap();
            grid[row][col] = Cell::Number(f64::from(value));
        }
        sheets.push(SheetData {
            name: s.name.clone(),
            rows: grid,
            header_row: None,
        });
    }
    std::fs::write(path, xlsx(&sheets, "test").unwrap()).unwrap();
}

/// Every value of an input set as its workbooks hold it, read with wel's reader (the model
/// holds no values): (SWV, school year, measure) -> value.
pub fn raw_values(
    inputs: &Path,
) -> std::collections::BTreeMap<(String, wel::model::SchoolYear, wel::model::Measure), u32> {
    let raw = wel::inputs::set::read(inputs, &wel::inputs::set::LoadOptions::default());
    let mut values = std::collections::BTreeMap::new();
    let tables = raw
        .folders
        .iter()
        .map(|f| &f.tables)
        .chain(raw.national.iter().map(|(_, t)| t));
    for t in tables {
        for row in t.jeugdigen.iter().chain(&t.activiteiten) {
            for (m, v) in row.sheet.measures().iter().zip(row.values) {
                if let Some(v) = v {
                    values.insert((row.code.to_string(), row.schooljaar, *m), v);
                }
            }
        }
    }
    values
}

/// A document's data as the pipeline writes it for its template, for the sample inputs.
pub fn sample_data(key: &str) -> serde_json::Value {
    static PREPARED: std::sync::OnceLock<wel::pipeline::Prepared> = std::sync::OnceLock::new();
    let prepared = PREPARED.get_or_init(|| {
        wel::pipeline::prepare_only(&wel::pipeline::BuildOptions::new(
            root().join("inputs"),
            "uit",
        ))
        .unwrap()
    });
    let job = prepared
        .jobs
        .iter()
        .find(|j| j.key() == key)
        .unwrap_or_else(|| panic!("{key} is planned"));
    serde_json::from_slice(&job.input.data).unwrap()
}

/// Every alt text of a PDF's structure tree, in document order (read with pikepdf).
pub fn alt_texts(pdf: &Path) -> Vec<String> {
    let out = crate::common::python()
        .arg("-c")
        .arg(
            "import sys, pikepdf\n\
             def walk(e, d=0):\n\
             \x20   if d > 200: return\n\
             \x20   if isinstance(e, pikepdf.Array):\n\
             \x20       for k in e: walk(k, d + 1)\n\
             \x20       return\n\
             \x20   if not isinstance(e, pikepdf.Dictionary): return\n\
             \x20   if '/Alt' in e: print(str(e.Alt).replace('\\n', ' '))\n\
             \x20   if '/K' in e: walk(e.K, d + 1)\n\
             pdf = pikepdf.open(sys.argv[1])\n\
             walk(pdf.Root.StructTreeRoot.get('/K'))\n",
        )
        .arg(pdf)
        .output()
        .expect("python3 with pikepdf (see .ci/run)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    typed(&String::from_utf8(out.stdout).unwrap())
        .lines()
        .map(String::from)
        .collect()
}

/// A workbook of PO1001 of the minimal inputs named `naam` (province Utrecht, 3 municipalities,
/// taking part since its first year): per school year (`"2022-2023"`) its jeugdigen and
/// activiteiten, in order.
pub fn po1001_workbook(naam: &str, years: &[(&str, [u32; 4], [u32; 4])]) -> Vec<u8> {
    use wel::inputs::table::{ACTIVITEITEN_COLUMNS, JEUGDIGEN_COLUMNS, SWV_COLUMNS};
    use wel::sample::sheet::Cell;
    let text = |s: &str| Cell::Text(s.to_string());
    let n = |v: u32| Cell::Number(f64::from(v));
    let head = |cols: &[&str]| cols.iter().map(|c| text(c)).collect::<Vec<_>>();
    let row = |year: &str, v: [u32; 4]| {
        let mut r = vec![text("PO1001"), text(year)];
        r.extend(v.map(n));
        r
    };
    let swv = vec![
        head(&SWV_COLUMNS),
        vec![
            text("PO1001"),
            text(naam),
            text("PO"),
            text("Utrecht"),
            text(years.first().map_or("2022-2023", |y| y.0)),
            n(3),
        ],
    ];
    let mut jeugd = vec![head(&JEUGDIGEN_COLUMNS)];
    jeugd.extend(years.iter().map(|(y, j, _)| row(y, *j)));
    let mut act = vec![head(&ACTIVITEITEN_COLUMNS)];
    act.extend(years.iter().map(|(y, _, a)| row(y, *a)));
    input_workbook(swv, jeugd, act, "PO1001")
}

/// PO1001's workbook of the minimal inputs as an SWV returns it for 2024-2025: its earlier
/// years as they are, and `new` (jeugdigen, activiteiten) for 2024-2025; `fix` replaces the
/// jeugdigen of 2023-2024 (a correction).
pub fn returned_po1001(new: ([u32; 4], [u32; 4]), fix: Option<[u32; 4]>) -> Vec<u8> {
    po1001_workbook(
        "SWV PO Testregio",
        &[
            ("2022-2023", [12, 6, 8, 4], [2, 24, 5, 7]),
            ("2023-2024", fix.unwrap_or([20, 11, 12, 8]), [3, 31, 6, 9]),
            ("2024-2025", new.0, new.1),
        ],
    )
}

/// Every file below `dir` (hidden ones too) with its bytes, by relative path: two trees are
/// equal when they hold the same files with the same contents.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// An intake form as an SWV returns it filled in: the form's sheets, with a row for `year`
/// added to Jeugdigen and Activiteiten (`None`: left empty), and the Jeugdigen row of `fix`
/// (a school year, new figures) replaced (a correction of an earlier year).
pub fn fill_form(
    form: &[u8],
    year: &str,
    (jeugd, act): (Option<[u32; 4]>, Option<[u32; 4]>),
    fix: Option<(&str, [u32; 4])>,
) -> Vec<u8> {
    use wel::inputs::workbook::{CellValue, read_workbook};
    use wel::sample::sheet::{Cell, SheetData, xlsx};
    let wb = read_workbook(form).unwrap();
    let mut sheets = Vec::new();
    let mut code = String::new();
    for sheet in &wb.sheets {
        let rows_n = sheet.cells.keys().map(|(r, _)| r + 1).max().unwrap_or(0);
        let cols_n = sheet.cells.keys().map(|(_, c)| c + 1).max().unwrap_or(0);
        let mut rows: Vec<Vec<Cell>> = (0..rows_n)
            .map(|r| {
                (0..cols_n)
                    .map(|c| match sheet.cells.get(&(r, c)) {
                        Some(CellValue::Number(n)) => Cell::Number(*n),
                        Some(CellValue::Text(t)) => Cell::Text(t.clone()),
                        _ => Cell::Empty,
                    })
                    .collect()
            })
            .collect();
        // The data rows: those with a code in the first column (below the header).
        let header = rows
            .iter()
            .position(|r| matches!(r.first(), Some(Cell::Text(t)) if t == "code"))
            .unwrap_or(0);
        rows.retain(|r| !r.iter().all(|c| matches!(c, Cell::Empty)));
        if let Some(Cell::Text(c)) = rows.get(header + 1).and_then(|r| r.first()) {
            code = c.clone();
        }
        let values = match sheet.name.as_str() {
            "Jeugdigen" => jeugd,
            "Activiteiten" => act,
            _ => None,
        };
        if sheet.name == "Jeugdigen"
            && let Some((fix_year, fixed)) = fix
        {
            for r in rows.iter_mut() {
                if matches!(r.get(1), Some(Cell::Text(t)) if t == fix_year) {
                    for (i, v) in fixed.iter().enumerate() {
                        r[2 + i] = Cell::Number(f64::from(*v));
                    }
                }
            }
        }
        if let Some(v) = values {
            let mut row = vec![Cell::Text(code.clone()), Cell::Text(year.to_string())];
            row.extend(v.map(|x| Cell::Number(f64::from(x))));
            rows.push(row);
        }
        sheets.push(SheetData {
            name: sheet.name.clone(),
            rows,
            header_row: Some(header),
        });
    }
    xlsx(&sheets, "ingevuld").unwrap()
}

/// A copy of the minimal inputs, forms for `codes` made by `wel intake` for 2024-2025, and an
/// empty inbox: (inputs, forms, inbox).
pub fn inbox_case(dir: &Path, codes: &[&str]) -> (PathBuf, PathBuf, PathBuf) {
    let inputs = dir.join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let forms = dir.join("formulieren");
    let mut args = vec![
        "intake",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        forms.to_str().unwrap(),
        "--schooljaar",
        "2024-2025",
    ];
    for c in codes {
        args.extend(["--swv", c]);
    }
    let o = wel(&args);
    assert!(o.status.success(), "{}", all_output(&o));
    let inbox = dir.join("post");
    std::fs::create_dir_all(&inbox).unwrap();
    (inputs, forms, inbox)
}

/// `wel ontvang INBOX --inputs INPUTS`.
pub fn ontvang(inbox: &Path, inputs: &Path) -> Output {
    ontvang_with(inbox, inputs, &[])
}

/// `wel ontvang INBOX --inputs INPUTS` with `extra` arguments.
pub fn ontvang_with(inbox: &Path, inputs: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "ontvang",
        inbox.to_str().unwrap(),
        "--inputs",
        inputs.to_str().unwrap(),
    ];
    args.extend(extra);
    wel(&args)
}

/// Opens the round `year` in the project.toml of `inputs` (`ronde` beside the peildatum).
pub fn set_round(inputs: &Path, year: &str) {
    let path = inputs.join("project.toml");
    let project = std::fs::read_to_string(&path).unwrap().replace(
        "peildatum = 2025-09-01",
        &format!("peildatum = 2025-09-01\nronde = \"{year}\""),
    );
    std::fs::write(path, project).unwrap();
}

/// A workbook of the three input sheets (each with its header row first) as `wel` writes one.
pub fn input_workbook(
    swv: Vec<Vec<wel::sample::sheet::Cell>>,
    jeugdigen: Vec<Vec<wel::sample::sheet::Cell>>,
    activiteiten: Vec<Vec<wel::sample::sheet::Cell>>,
    title: &str,
) -> Vec<u8> {
    use wel::sample::sheet::{SheetData, xlsx};
    let sheets: Vec<SheetData> = [
        ("SWV", swv),
        ("Jeugdigen", jeugdigen),
        ("Activiteiten", activiteiten),
    ]
    .into_iter()
    .map(|(name, rows)| SheetData {
        name: name.into(),
        rows,
        header_row: Some(0),
    })
    .collect();
    xlsx(&sheets, title).unwrap()
}

/// An outside program a test runs (`pdftotext`, `qpdf`, `python3` ...), after making sure it
/// is there: when it is not, the test stops with one line that says which and how to get it.
pub fn tool(name: &str) -> Command {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()));
    let how = match name {
        "pdftotext" | "pdftoppm" => "Debian-pakket poppler-utils",
        "qpdf" => "Debian-pakket qpdf",
        "chromium" => "Debian-pakket chromium",
        "python3" => "Python 3 met pikepdf, openpyxl, numpy en scipy",
        _ => "zie de README",
    };
    assert!(
        found,
        "{name} ontbreekt ({how}): tools/testen installeert wat de tests nodig hebben"
    );
    Command::new(name)
}

/// `python3`, with the packages the tests use (pikepdf, openpyxl, numpy, scipy).
pub fn python() -> Command {
    static READY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let ready = *READY.get_or_init(|| {
        tool("python3")
            .args(["-c", "import pikepdf, openpyxl, numpy, scipy"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    assert!(
        ready,
        "python3 mist pikepdf, openpyxl, numpy of scipy (pip): tools/testen installeert wat de tests nodig hebben"
    );
    Command::new("python3")
}

#[test]
#[should_panic(
    expected = "wel-test-zonder-dit ontbreekt (zie de README): tools/testen installeert wat de tests nodig hebben"
)]
fn a_missing_tool_is_named_in_one_line() {
    tool("wel-test-zonder-dit");
}
