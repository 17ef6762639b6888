//! `overzicht.html`: one self-contained page (no external resources) with a thumbnail of every
//! one-pager and of the first pages of the report(s) and brochure, each linking to its PDF, with
//! each SWV's warnings beside it. For checking 150 documents at a glance before they go out.

/// One tile on the overview.
pub struct Tile {
    pub title: String,
    /// Link to the PDF, relative to the overview.
    pub href: String,
    /// `rapportage`, `regio` or `brochure`.
    pub kind: String,
    pub code: Option<String>,
    pub pages: usize,
    pub thumbnail_png: Option<Vec<u8>>,
    pub notes: Vec<String>,
    /// Not made in the last build: no PDF, or only an earlier version.
    pub failed: bool,
}

pub fn html(programme: &str, tiles: &[Tile], general: &[String], sample_data: bool) -> String {
    let regio = tiles
        .iter()
        .filter(|t| t.kind == "regio" && !t.failed)
        .count();
    let failed = tiles.iter().filter(|t| t.failed).count();
    let made = tiles.len() - failed;
    let mut h = String::with_capacity(64 * 1024 + tiles.len() * 30 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!(
        "<title>Overzicht documenten – {}</title>\n",
        esc(programme)
    ));
    h.push_str(STYLE);
    h.push_str("</head>\n<body>\n<header>\n");
    h.push_str(&format!(
        "<h1>Overzicht documenten – {}</h1>\n",
        esc(programme)
    ));
    h.push_str(&format!(
        "<p>{made} documenten gemaakt, waarvan {regio} regio-overzichten; {failed} niet (opnieuw) gemaakt. Klik op een miniatuur om de PDF te openen.{}</p>\n",
        if sample_data { " <strong>Gemaakt met voorbeeldgegevens.</strong>" } else { "" }
    ));
    h.push_str("</header>\n");
    if !general.is_empty() {
        h.push_str("<section class=\"algemeen\">\n<h2>Meldingen over de hele invoer</h2>\n<ul class=\"meldingen\">");
        for n in general {
            h.push_str(&format!("<li>{}</li>", esc(n)));
        }
        h.push_str("</ul>\n</section>\n");
    }
    for (kind, heading) in [
        ("mislukt", "Niet (opnieuw) gemaakt"),
        ("rapportage", "Rapportages"),
        ("brochure", "Brochure"),
        ("regio", "Regio-overzichten"),
    ] {
        let group: Vec<&Tile> = tiles
            .iter()
            .filter(|t| {
                if kind == "mislukt" {
                    t.failed
                } else {
                    !t.failed && t.kind == kind
                }
            })
            .collect();
        if group.is_empty() {
            continue;
        }
        h.push_str(&format!(
            "<section>\n<h2>{heading}</h2>\n<ul class=\"tegels\">\n"
        ));
        for t in group {
            tile(&mut h, t);
        }
        h.push_str("</ul>\n</section>\n");
    }
    h.push_str(SCRIPT);
    h.push_str("</body>\n</html>\n");
    h
}

/// One tile: thumbnail (linked to the PDF when there is one), title, code, pages, notes.
fn tile(h: &mut String, t: &Tile) {
    let class = if t.failed {
        "tegel mislukt"
    } else if t.notes.is_empty() {
        "tegel"
    } else {
        "tegel let-op"
    };
    let link = !t.href.is_empty();
    h.push_str(&format!(
        "<li class=\"{class}\" data-soort=\"{}\">\n",
        esc(&t.kind)
    ));
    if link {
        h.push_str(&format!("<a href=\"{}\">", esc(&t.href)));
    }
    match &t.thumbnail_png {
        Some(png) => h.push_str(&format!(
            "<img class=\"miniatuur\" alt=\"Eerste pagina van {}\" width=\"190\" src=\"data:image/png;base64,{}\">",
            esc(&t.title),
            base64(png)
        )),
        None if t.failed => h.push_str("<span class=\"geen-miniatuur\">niet gemaakt</span>"),
        None => h.push_str("<span class=\"geen-miniatuur\">geen miniatuur</span>"),
    }
    if link {
        h.push_str("</a>");
    }
    h.push_str("\n<div class=\"info\">");
    if link {
        h.push_str(&format!(
            "<a href=\"{}\">{}</a>",
            esc(&t.href),
            esc(&t.title)
        ));
    } else {
        h.push_str(&format!("<strong>{}</strong>", esc(&t.title)));
    }
    if let Some(code) = &t.code {
        h.push_str(&format!("<span class=\"code\">{}</span>", esc(code)));
    }
    if t.pages > 0 {
        h.push_str(&format!(
            "<span class=\"paginas\">{}</span>",
            crate::dutch::count(t.pages, "pagina", "pagina's")
        ));
    }
    if !t.notes.is_empty() {
        h.push_str("<ul class=\"meldingen\">");
        for n in &t.notes {
            h.push_str(&format!("<li>{}</li>", esc(n)));
        }
        h.push_str("</ul>");
    }
    h.push_str("</div>\n</li>\n");
}

const STYLE: &str = "<style>
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2b36;background:#f4f7f8}
header{background:#0d5566;color:#fff;padding:1rem 2rem}header h1{margin:0 0 .3rem;font-size:1.4rem}
section{padding:0 2rem}h2{color:#0d5566;font-size:1.1rem;margin:1.4rem 0 .6rem}
.tegels{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:1rem}
.tegel{background:#fff;border:1px solid #c5d4d9;border-radius:4px;padding:6px}
.tegel.let-op{border:2px solid #a94f12}.tegel.mislukt{border:3px solid #b3261e;background:#fff4f2}
.miniatuur{display:block;width:100%;height:auto;border:1px solid #e1e8ea}
.info{font-size:.85rem;margin-top:.4rem;display:flex;flex-direction:column;gap:.15rem}
.code,.paginas{color:#4b5b67}.meldingen{margin:.3rem 0 0;padding-left:1.1rem;color:#a94f12}
.geen-miniatuur{display:block;padding:3rem 0;text-align:center;color:#4b5b67}
</style>
";

/// Counts the thumbnails that loaded, for people and for the browser test.
const SCRIPT: &str = "<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.querySelectorAll('img.miniatuur'));
  var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  document.body.setAttribute('data-miniaturen', String(ok));
  document.body.setAttribute('data-miniaturen-regio', String(document.querySelectorAll('li[data-soort=regio] img.miniatuur').length));
  document.body.setAttribute('data-kapot', String(imgs.length - ok));
});
</script>
";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn texts_are_escaped() {
        let tiles = [Tile {
            title: "<script>alert(1)</script>".into(),
            href: "regio/PO1001.pdf".into(),
            kind: "regio".into(),
            code: None,
            pages: 1,
            thumbnail_png: None,
            notes: vec!["a & b".into()],
            failed: false,
        }];
        let page = html("WEL", &tiles, &[], false);
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("a &amp; b"));
    }
}
