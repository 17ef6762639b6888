//! Development tool, not part of `wel`: converts the CBS/PDOK province boundaries in `data/`
//! into the map data the reports and the brochure draw (`templates/lib/provincies.typ`) and the
//! web edition's map (`src/web/provincies.json`). Run it after replacing the
//! TopoJSON: `cargo run --example kaart`. A test (`tests/suite/map.rs`) keeps the committed
//! files equal to what this converts.
//!
//! The TopoJSON is in the Dutch national grid (metres, x east, y north), so the map is a plain
//! linear scale with y flipped. Shared borders are arcs, stitched into each province's rings,
//! so neighbouring provinces meet exactly.

use serde::Serialize;
use serde_json::Value;

/// Width of the map in map units; the height follows from the country's shape.
pub const WIDTH: f64 = 1000.0;

#[derive(Debug, Serialize)]
pub struct MapData {
    /// Source line required on every map of these boundaries.
    pub bron: &'static str,
    pub breedte: f64,
    pub hoogte: f64,
    pub provincies: Vec<Province>,
}

#[derive(Debug, Serialize)]
pub struct Province {
    pub naam: String,
    pub code: String,
    /// Rings (outer and holes) in map units, full detail.
    pub ringen: Vec<Vec<[f64; 2]>>,
    /// Where a label or symbol goes: the centroid of the largest ring.
    pub midden: [f64; 2],
}

/// The source line every map of these boundaries carries (`wel` prints the same one).
pub const SOURCE_LINE: &str = "Kaart: © CBS, PDOK";

type Point = (f64, f64);

/// Converts the TopoJSON text; `Err` names what is missing.
pub fn convert(topojson: &str) -> Result<MapData, String> {
    let t: Value = serde_json::from_str(topojson).map_err(|e| e.to_string())?;
    let translate = t["transform"]["translate"]
        .as_array()
        .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)))
        .ok_or("transform.translate ontbreekt")?;
    let arcs: Vec<Vec<Point>> = t["arcs"]
        .as_array()
        .ok_or("arcs ontbreekt")?
        .iter()
        .map(|a| decode_arc(a, translate))
        .collect();
    let all: Vec<Point> = arcs.iter().flatten().copied().collect();
    let min_x = all.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let max_x = all.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let min_y = all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let max_y = all.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let scale = WIDTH / (max_x - min_x);
    let project =
        |p: &Point| -> [f64; 2] { [round1((p.0 - min_x) * scale), round1((max_y - p.1) * scale)] };
    let geometries = t["objects"]
        .as_object()
        .and_then(|o| o.values().next())
        .and_then(|o| o["geometries"].as_array())
        .ok_or("objects[..].geometries ontbreekt")?;
    let mut provincies = Vec::new();
    for g in geometries {
        let rings = |arcs: &[Vec<Point>]| -> Vec<Vec<[f64; 2]>> {
            polygons(g)
                .iter()
                .flatten()
                .map(|ring| stitch(ring, arcs).iter().map(project).collect::<Vec<_>>())
                .filter(|ring: &Vec<[f64; 2]>| ring.len() >= 4)
                .collect()
        };
        let ringen = rings(&arcs);
        let midden = centroid(&ringen);
        provincies.push(Province {
            naam: g["properties"]["statnaam"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            code: g["properties"]["statcode"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            ringen,
            midden,
        });
    }
    provincies.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(MapData {
        bron: SOURCE_LINE,
        breedte: WIDTH,
        hoogte: round1((max_y - min_y) * scale),
        provincies,
    })
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A delta-encoded arc, absolute and translated.
fn decode_arc(arc: &Value, (tx, ty): Point) -> Vec<Point> {
    let (mut x, mut y) = (0.0, 0.0);
    arc.as_array()
        .map(|pts| {
            pts.iter()
                .filter_map(|p| {
                    x += p.get(0)?.as_f64()?;
                    y += p.get(1)?.as_f64()?;
                    Some((x + tx, y + ty))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The polygons of a Polygon or MultiPolygon geometry: per polygon its rings of arc indices.
fn polygons(g: &Value) -> Vec<Vec<Vec<i64>>> {
    let rings_of = |p: &Value| -> Vec<Vec<i64>> {
        p.as_array()
            .map(|rings| {
                rings
                    .iter()
                    .map(|r| {
                        r.as_array()
                            .map(|a| a.iter().filter_map(Value::as_i64).collect())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    match g["type"].as_str() {
        Some("Polygon") => vec![rings_of(&g["arcs"])],
        Some("MultiPolygon") => g["arcs"]
            .as_array()
            .map(|ps| ps.iter().map(rings_of).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A ring from its arcs (a negative index is arc `!i` reversed); shared points once.
fn stitch(ring: &[i64], arcs: &[Vec<Point>]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    for &i in ring {
        let mut arc = if i >= 0 {
            arcs.get(i as usize).cloned().unwrap_or_default()
        } else {
            arcs.get(!i as usize).cloned().unwrap_or_default()
        };
        if i < 0 {
            arc.reverse();
        }
        let skip = usize::from(!out.is_empty());
        out.extend(arc.into_iter().skip(skip));
    }
    out
}

/// The area centroid of the largest ring.
fn centroid(rings: &[Vec<[f64; 2]>]) -> [f64; 2] {
    let area_and_centre = |r: &Vec<[f64; 2]>| {
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for w in r.windows(2) {
            let cross = w[0][0] * w[1][1] - w[1][0] * w[0][1];
            a += cross;
            cx += (w[0][0] + w[1][0]) * cross;
            cy += (w[0][1] + w[1][1]) * cross;
        }
        let a = a / 2.0;
        if a.abs() < 1e-9 {
            (0.0, [0.0, 0.0])
        } else {
            (a.abs(), [round1(cx / (6.0 * a)), round1(cy / (6.0 * a))])
        }
    };
    rings
        .iter()
        .map(area_and_centre)
        .fold(
            (0.0, [0.0, 0.0]),
            |best, c| if c.0 > best.0 { c } else { best },
        )
        .1
}

/// The converted map as a Typst file the templates import: `kaart` with `breedte`, `hoogte`
/// and `provincies`, each with `naam`, `code`, `ringen` (full detail) and `midden`.
pub fn to_typst(map: &MapData) -> String {
    let mut s = typst_header(
        map,
        "// 2025, generalised, via PDOK): do not edit. Every map drawn from it carries the source line.\n",
    );
    for p in &map.provincies {
        s.push_str(&format!(
            "    (naam: \"{}\", code: \"{}\", midden: ({:?}, {:?}),\n      ringen: {}),\n",
            p.naam,
            p.code,
            p.midden[0],
            p.midden[1],
            typst_rings(&p.ringen),
        ));
    }
    s.push_str("  ),\n)\n");

    s
}

/// The map for the web edition (`src/web/provincies.json`): per province its name, its centre
/// and its rings as one SVG path (map units, one decimal), so the web pages draw the same
/// boundaries as the PDFs.
pub fn to_web_json(map: &MapData) -> String {
    let mut s = format!(
        "{{\"bron\":{:?},\"breedte\":{:?},\"hoogte\":{:?},\"provincies\":[\n",
        map.bron, map.breedte, map.hoogte
    );
    for (i, p) in map.provincies.iter().enumerate() {
        let mut d = String::new();
        for ring in &p.ringen {
            for (j, pt) in ring.iter().enumerate() {
                d.push_str(&format!(
                    "{}{:.1},{:.1}",
                    if j == 0 { "M" } else { "L" },
                    pt[0],
                    pt[1]
                ));
            }
            d.push('Z');
        }
        s.push_str(&format!(
            "{{\"naam\":{:?},\"midden\":[{:.1},{:.1}],\"pad\":{:?}}}{}\n",
            p.naam,
            p.midden[0],
            p.midden[1],
            d,
            if i + 1 < map.provincies.len() {
                ","
            } else {
                ""
            }
        ));
    }
    s.push_str("]}\n");
    s
}

/// The generated file's comment (its second line is `second_line`) and the opening of `kaart`
/// up to its list of provinces.
fn typst_header(map: &MapData, second_line: &str) -> String {
    format!(
        "// Generated by wel (src/map.rs) from data/provincies-2025.topojson (CBS gebiedsindelingen\n\
         {second_line}\
         #let kaart = (\n  bron: \"{}\",\n  breedte: {:?},\n  hoogte: {:?},\n  provincies: (\n",
        map.bron, map.breedte, map.hoogte
    )
}

/// Rings as a Typst array of arrays of points: `(((x, y), ...,), ...,)`.
fn typst_rings(rings: &[Vec<[f64; 2]>]) -> String {
    let ring = |r: &Vec<[f64; 2]>| -> String {
        let pts: Vec<String> = r
            .iter()
            .map(|p| format!("({:?}, {:?})", p[0], p[1]))
            .collect();
        format!("({},)", pts.join(", "))
    };
    format!(
        "({},)",
        rings.iter().map(ring).collect::<Vec<_>>().join(", ")
    )
}

/// Writes both Typst files from the TopoJSON, in the repository this is run from.
#[allow(dead_code)] // the test suite includes this file for `convert`, not for `main`
fn main() -> Result<(), String> {
    let topo = std::fs::read_to_string("data/provincies-2025.topojson")
        .map_err(|e| format!("data/provincies-2025.topojson: {e}"))?;
    let map = convert(&topo)?;
    for (file, text) in [
        ("templates/lib/provincies.typ", to_typst(&map)),
        ("src/web/provincies.json", to_web_json(&map)),
    ] {
        std::fs::write(file, text).map_err(|e| format!("{file}: {e}"))?;
        println!("{file} geschreven");
    }
    Ok(())
}
