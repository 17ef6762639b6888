//! The map of the Netherlands: the templates' province data is the TopoJSON in data/, converted
//! by the development tool `tools/kaart.rs` (`cargo run --example kaart`).

use crate::common::*;

#[allow(dead_code)]
#[path = "../../tools/kaart.rs"]
mod kaart;

#[test]
fn map_data_in_the_templates_is_converted_from_the_cbs_topojson() {
    let topo = std::fs::read_to_string(root().join("data/provincies-2025.topojson")).unwrap();
    let map = kaart::convert(&topo).unwrap();
    assert_eq!(map.provincies.len(), 12);
    let names: Vec<&str> = map.provincies.iter().map(|p| p.naam.as_str()).collect();
    for name in [
        "Groningen",
        "Fryslân",
        "Zeeland",
        "Limburg",
        "Noord-Holland",
    ] {
        assert!(names.contains(&name), "{names:?}");
    }
    for p in &map.provincies {
        for ring in &p.ringen {
            assert!(ring.len() >= 4, "{} has a degenerate ring", p.naam);
            assert_eq!(ring.first(), ring.last(), "{}: every ring closes", p.naam);
            for pt in ring {
                assert!(
                    (0.0..=map.breedte).contains(&pt[0]) && (0.0..=map.hoogte).contains(&pt[1])
                );
            }
        }
    }
    // Groningen lies north-east of Zeeland: y grows downwards on the page.
    let at = |n: &str| map.provincies.iter().find(|p| p.naam == n).unwrap().midden;
    assert!(at("Groningen")[0] > at("Zeeland")[0] && at("Groningen")[1] < at("Zeeland")[1]);
    for (file, generated) in [
        ("templates/lib/provincies.typ", kaart::to_typst(&map)),
        ("src/web/provincies.json", kaart::to_web_json(&map)),
    ] {
        assert_eq!(
            std::fs::read_to_string(root().join(file)).unwrap_or_default(),
            generated,
            "{file} is out of date: run `cargo run --example kaart`"
        );
    }
}

#[test]
fn the_maps_source_line_is_the_one_wel_prints() {
    assert_eq!(kaart::SOURCE_LINE, wel::views::provinces::SOURCE_LINE);
}
