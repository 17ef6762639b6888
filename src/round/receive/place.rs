//! Placing: where each recognised file goes under `inputs/swv/<CODE>/`, with the files it
//! replaces; photos go with the summary they came with.

use super::*;

/// Where a run files: the inputs, their SWVs, and the inbox.
pub(super) struct Here<'a> {
    pub(super) inputs: &'a Path,
    pub(super) known: &'a [SwvCode],
    pub(super) incoming: &'a Path,
}

/// A photo that came with the other files of exactly one SWV (in the same folder below the
/// inbox, one e-mail's attachments), or with an SWV's code in its name: that SWV's, named as
/// its returned summary's `[foto] pad` says (else `foto.<ext>`). `Err` gives it back.
pub(super) fn with_its_files(
    p: Photo,
    files: &[Recognised],
    here: &Here<'_>,
) -> Result<Recognised, Photo> {
    let dir = p.path.parent().filter(|d| *d != here.incoming);
    let mut codes: Vec<&SwvCode> = files
        .iter()
        .filter(|r| dir.is_some() && r.path.parent() == dir)
        .map(|r| &r.code)
        .collect();
    if codes.is_empty() {
        let upper = p.name.to_uppercase().replace([' ', '-', '_'], "");
        codes = here
            .known
            .iter()
            .filter(|c| upper.contains(c.as_str()))
            .collect();
    }
    codes.sort();
    codes.dedup();
    let [code] = codes.as_slice() else {
        return Err(p);
    };
    let summary = files
        .iter()
        .find(|r| r.role == Role::Summary && &r.code == *code);
    let ext = match p.name.rsplit_once('.').map(|(_, e)| e.to_lowercase()) {
        Some(e) if e == "jpeg" => "jpg".to_string(),
        Some(e) => e,
        None => "jpg".to_string(),
    };
    let name = summary
        .and_then(|r| r.photo.clone())
        .unwrap_or_else(|| format!("foto.{ext}"));
    Ok(Recognised {
        path: p.path,
        role: Role::Photo,
        code: (*code).clone(),
        name,
        photo: None,
        year: summary.and_then(|r| r.year),
        claims: None,
    })
}

/// Gives each photo its SWV and school year: the SWV whose other files came in the same
/// folder (one e-mail's attachments), or whose code is in the photo's name, or whose summary
/// (returned now, or already in the inputs) names it. A photo that came with an SWV's files
/// gets the name that SWV's returned summary gives at `[foto] pad` (else `foto.<ext>`), so
/// the summary names it. A photo no SWV can be found for stays where it is.
pub(super) fn place_photos(
    files: &[Recognised],
    photos: Vec<Photo>,
    receipts: &mut Vec<Receipt>,
    here: &Here<'_>,
) -> Vec<Recognised> {
    let (inputs, known) = (here.inputs, here.known);
    let mut out = Vec::new();
    // The photos the filed summaries name: read once, and only when a photo needs them.
    let mut filed: Option<Vec<(String, SwvCode, Option<SchoolYear>)>> = None;
    for p in photos {
        let lower = p.name.to_lowercase();
        let p = match with_its_files(p, files, here) {
            Ok(placed) => {
                out.push(placed);
                continue;
            }
            Err(p) => p,
        };
        let mut owners: Vec<(SwvCode, Option<SchoolYear>)> = files
            .iter()
            .filter(|r| r.photo.as_ref().is_some_and(|n| n.to_lowercase() == lower))
            .map(|r| (r.code.clone(), r.year))
            .collect();
        if owners.is_empty() {
            owners = filed
                .get_or_insert_with(|| filed_photos(inputs, known))
                .iter()
                .filter(|(name, _, _)| *name == lower)
                .map(|(_, code, year)| (code.clone(), *year))
                .collect();
        }
        owners.sort();
        owners.dedup();
        match owners.as_slice() {
            [(code, year)] => out.push(Recognised {
                path: p.path,
                role: Role::Photo,
                code: code.clone(),
                name: p.name,
                photo: None,
                year: *year,
                claims: None,
            }),
            [] => receipts.push(left(&p.path, format!("niet aan een SWV te koppelen: geen samenvatting noemt {} bij [foto] pad; stuur de foto samen met de samenvatting die hem noemt, of zet de SWV-code in de bestandsnaam", p.name))),
            many => {
                let list: Vec<String> = many.iter().map(|(c, _)| c.to_string()).collect();
                receipts.push(left(&p.path, format!("niet aan één samenvatting te koppelen: de samenvattingen van {} noemen allemaal {}; zet de SWV-code in de bestandsnaam (bijvoorbeeld {} {})", list.join(", "), p.name, list[0], p.name)));
            }
        }
    }
    out
}

/// The photo (lower-case file name) each filed summary names, with its SWV and the school
/// year of the folder it is in (`None`: the summary at the top of the SWV folder).
pub(super) fn filed_photos(
    inputs: &Path,
    known: &[SwvCode],
) -> Vec<(String, SwvCode, Option<SchoolYear>)> {
    let mut out = Vec::new();
    for code in known {
        let folder = inputs.join("swv").join(code.as_str());
        let mut summaries = vec![(folder.join(SUMMARY_FILE), None)];
        for sub in fsutil::read_dir_sorted(&folder).unwrap_or_default() {
            let year = sub
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| SchoolYear::parse(n).ok());
            if let Some(y) = year.filter(|_| sub.is_dir()) {
                summaries.push((sub.join(SUMMARY_FILE), Some(y)));
            }
        }
        for (path, year) in summaries {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            if let Some(photo) = summary(&path, &bytes).ok().and_then(|r| r.photo) {
                out.push((photo.to_lowercase(), code.clone(), year));
            }
        }
    }
    out
}

/// Two returned files of the same kind for one SWV: neither is filed (which one counts is for
/// the project group to decide).
pub(super) fn refuse_doubles(all: Vec<Recognised>, receipts: &mut Vec<Receipt>) -> Vec<Recognised> {
    let mut groups: BTreeMap<(SwvCode, Role, Option<SchoolYear>), Vec<Recognised>> =
        BTreeMap::new();
    for r in all {
        groups
            .entry((r.code.clone(), r.role, r.year))
            .or_default()
            .push(r);
    }
    let mut out = Vec::new();
    for ((code, role, _), group) in groups {
        if group.len() == 1 {
            out.extend(group);
            continue;
        }
        let names: Vec<String> = group.iter().map(|r| r.path.display().to_string()).collect();
        for r in &group {
            receipts.push(left(
                &r.path,
                format!(
                    "twee bestanden ({}) voor {code}: {}; laat er één staan en voer wel ontvang opnieuw uit",
                    role.label(),
                    names.join(" en ")
                ),
            ));
        }
    }
    out
}

/// What filing one returned file does, decided before anything changes.
pub(super) enum Step {
    /// Write it at `target` (relative to the inputs). `replaces`: existing files it takes the
    /// place of; `migrate`: a summary at the top of the SWV folder about another school year,
    /// moved (with its photo) into the folder of its own year first.
    Place {
        target: PathBuf,
        replaces: Vec<PathBuf>,
        migrate: Vec<(PathBuf, PathBuf)>,
        /// A summary naming last year's photo, sent without it: that photo copied along.
        carry: Option<(PathBuf, PathBuf)>,
    },
    /// The same bytes are already at `target`.
    Same { target: PathBuf },
}

impl Step {
    /// A line for the list of replaced filled-in input, when this step replaces any.
    pub(super) fn replaces(&self, inputs: &Path) -> Option<String> {
        let _ = inputs;
        match self {
            Step::Place {
                target, replaces, ..
            } if !replaces.is_empty() => Some(format!(
                "{} (vervangt {})",
                target.display(),
                replaces
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" en ")
            )),
            _ => None,
        }
    }
}

/// Where each recognised file goes and what it replaces.
pub(super) fn plan(recognised: &[Recognised], inputs: &Path) -> Result<Vec<Step>, FsError> {
    let mut steps: Vec<Step> = recognised
        .iter()
        .map(|r| plan_one(r, inputs))
        .collect::<Result<_, _>>()?;
    let photos: Vec<&PathBuf> = steps
        .iter()
        .zip(recognised)
        .filter(|(_, r)| r.role == Role::Photo)
        .map(|(s, _)| match s {
            Step::Place { target, .. } | Step::Same { target } => target,
        })
        .collect();
    let carried: Vec<Option<(PathBuf, PathBuf)>> = recognised
        .iter()
        .map(|r| earlier_photo(r, inputs, &photos))
        .collect();
    for (step, c) in steps.iter_mut().zip(carried) {
        if let Step::Place { carry, .. } = step {
            *carry = c;
        }
    }
    Ok(steps)
}

/// For a summary that names a photo it was sent without: the same file of an earlier year of
/// that SWV, to copy into the summary's folder (last year's photo, kept as the form suggests).
pub(super) fn earlier_photo(
    r: &Recognised,
    inputs: &Path,
    sent: &[&PathBuf],
) -> Option<(PathBuf, PathBuf)> {
    let (Role::Summary, Some(name), Some(year)) = (r.role, r.photo.as_ref(), r.year) else {
        return None;
    };
    let folder = Path::new("swv").join(r.code.as_str());
    let target = folder.join(year.label()).join(name);
    if sent.contains(&&target) || inputs.join(&target).exists() {
        return None;
    }
    let mut earlier: Vec<PathBuf> = fsutil::read_dir_sorted(&inputs.join(&folder))
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.is_dir())
        .filter_map(|d| {
            let y = SchoolYear::parse(d.file_name()?.to_str()?).ok()?;
            (y < year).then(|| folder.join(y.label()).join(name))
        })
        .collect();
    earlier.insert(0, folder.join(name));
    earlier
        .into_iter()
        .rev()
        .find(|p| inputs.join(p).is_file())
        .map(|from| (from, target))
}

pub(super) fn plan_one(r: &Recognised, inputs: &Path) -> Result<Step, FsError> {
    let folder = Path::new("swv").join(r.code.as_str());
    let target = match r.year {
        Some(y) if r.role != Role::Workbook => folder.join(y.label()).join(&r.name),
        _ => folder.join(&r.name),
    };
    let bytes = fsutil::read(&r.path)?;
    if std::fs::read(inputs.join(&target)).is_ok_and(|old| old == bytes) {
        return Ok(Step::Same { target });
    }
    let mut replaces = Vec::new();
    let mut migrate = Vec::new();
    match r.role {
        Role::Workbook => {
            // Any workbook of the folder: two would make its figures ambiguous.
            for path in fsutil::read_dir_sorted(&inputs.join(&folder))? {
                let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
                if name.is_some_and(|n| {
                    n.rsplit_once('.').is_some_and(|(stem, ext)| {
                        stem == "cijfers" && WORKBOOK_EXTENSIONS.contains(&ext)
                    })
                }) {
                    replaces.push(crate::diag::relative(&path, inputs));
                }
            }
        }
        Role::Summary => {
            if inputs.join(&target).exists() {
                replaces.push(target.clone());
            }
            // A summary at the top of the folder: the same year is replaced, another year
            // moves into its own folder so both stay.
            let top = folder.join(SUMMARY_FILE);
            if let Ok(bytes) = std::fs::read(inputs.join(&top))
                && let Ok(old) = summary(&inputs.join(&top), &bytes)
            {
                match old.year {
                    Some(y) if Some(y) != r.year => {
                        let dir = folder.join(y.label());
                        if !inputs.join(dir.join(SUMMARY_FILE)).exists() {
                            migrate.push((top.clone(), dir.join(SUMMARY_FILE)));
                            if let Some(photo) = old.photo.map(|p| folder.join(p))
                                && inputs.join(&photo).is_file()
                            {
                                let name = photo.file_name().unwrap_or_default().to_owned();
                                migrate.push((photo, dir.join(name)));
                            }
                        }
                    }
                    _ => replaces.push(top),
                }
            }
        }
        Role::Photo => {
            if inputs.join(&target).exists() {
                replaces.push(target.clone());
            }
        }
    }
    Ok(Step::Place {
        target,
        replaces,
        migrate,
        carry: None,
    })
}
