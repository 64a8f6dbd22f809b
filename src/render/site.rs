//! A site as files: each page through the HTML renderer (the same CSS, tables
//! and chart as `pack --format html`), with the site's own frame around it (a
//! skip link, the site's links, where the page sits, a footer), and each
//! calendar as iCalendar.
//!
//! Every link is relative (`../index.html`), so the folder works from
//! `file://`, from GitHub Pages under any path, and from any other web server.
//! Nothing is fetched: styles are inline, the chart is inline SVG, and the one
//! script (a filter over a page's tables, on the pages that ask for one) is
//! inline and only adds to a page that reads the same without it.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::html::{self as page, CSS};
use super::neutral::line;
use crate::doc::{Link, Page, Site};

const SITE_CSS: &str = r#"
@media screen { body { max-width: 70rem; padding: 0 1rem; font-size: 11pt; } table { font-size: 10pt; } }
a { color: #0b4f9c; }
a:focus-visible { outline: 2px solid #111; outline-offset: 1px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: 2mm; }
.skip:focus { left: 2mm; }
header.site { border-bottom: 2px solid #1f3864; margin: 0 0 4mm; padding: 3mm 0 2mm; }
header.site p { margin: 0 0 1.5mm; font-weight: 600; }
nav ul, nav ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 1mm 5mm; }
nav a[aria-current="page"] { color: #111; font-weight: 700; text-decoration: none; }
nav.trail { font-size: 9pt; margin: 0 0 3mm; }
nav.trail ol { gap: 0; }
nav.trail li + li::before { content: "\203A"; color: #555; padding: 0 2mm; }
ul.related { margin: 0 0 3mm; }
p.filter input { font: inherit; padding: 1mm 2mm; min-width: 18em; }
footer.site { margin: 8mm 0 4mm; border-top: 1px solid #999; padding-top: 2mm; font-size: 9pt; color: #333; }
@media print { .skip, header.site nav, nav.trail, p.filter { display: none; } a { color: inherit; text-decoration: none; } }
"#;

/// Filters the rows of every table on the page as the reader types: a box
/// the script adds itself, so a page without script shows no dead control.
const FILTER_JS: &str = r#"
(function () {
  var main = document.getElementById("main");
  var tables = main ? main.querySelectorAll("table") : [];
  if (!tables.length) return;
  var box = document.createElement("p");
  box.className = "filter";
  var label = document.createElement("label");
  label.htmlFor = "filter";
  label.textContent = "Filter the rows: ";
  var input = document.createElement("input");
  input.type = "search";
  input.id = "filter";
  var count = document.createElement("span");
  count.setAttribute("role", "status");
  box.append(label, input, " ", count);
  tables[0].parentNode.insertBefore(box, tables[0]);
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase(), shown = 0, all = 0;
    tables.forEach(function (t) {
      t.querySelectorAll("tbody tr").forEach(function (tr) {
        var hit = tr.textContent.toLowerCase().indexOf(q) >= 0;
        tr.hidden = !hit;
        all += 1;
        if (hit) shown += 1;
      });
    });
    count.textContent = q ? shown + " of " + all + " rows shown" : "";
  });
})();
"#;

/// Every file of the site, by its path in the site's folder.
pub fn files(site: &Site) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = site
        .pages
        .iter()
        .map(|p| (p.path.clone(), render(site, p).into_string().into_bytes()))
        .collect();
    for (path, cal) in &site.calendars {
        let mut bytes = Vec::new();
        // Writing to memory cannot fail.
        let _ = super::ics::write(cal, &mut bytes);
        out.push((path.clone(), bytes));
    }
    out
}

/// `to` (a path from the site's folder) as seen from the page at `from`.
pub fn relative(from: &str, to: &str) -> String {
    format!("{}{to}", "../".repeat(from.matches('/').count()))
}

fn render(site: &Site, p: &Page) -> Markup {
    let href = |to: &str| relative(&p.path, to);
    let links = |what, text: &str| site.links.get(&(what, text.to_string())).map(|to| href(to));
    let title = p.doc.title.as_deref().unwrap_or(&site.name);
    let here = |l: &Link| l.path == p.path;
    html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                (page::head(&if title == site.name { title.to_string() } else { format!("{title} · {}", site.name) }))
                style { (PreEscaped(CSS)) (PreEscaped(SITE_CSS)) }
            }
            body {
                a.skip href="#main" { "Skip to the content" }
                header.site {
                    p { a href=(href("index.html")) { (line(&site.name)) } }
                    nav aria-label="Site" {
                        ul {
                            @for l in &site.nav {
                                li {
                                    @if here(l) { a href=(href(&l.path)) aria-current="page" { (line(&l.text)) } }
                                    @else { a href=(href(&l.path)) { (line(&l.text)) } }
                                }
                            }
                        }
                    }
                }
                @if !p.trail.is_empty() {
                    nav.trail aria-label="Where this page is" {
                        ol {
                            @for l in &p.trail { li { a href=(href(&l.path)) { (line(&l.text)) } } }
                            li aria-current="page" { (line(p.name.as_deref().unwrap_or(title))) }
                        }
                    }
                }
                main id="main" {
                    (page::header(&p.doc))
                    @if !p.related.is_empty() {
                        ul.related {
                            @for l in &p.related { li { a href=(href(&l.path)) { (line(&l.text)) } } }
                        }
                    }
                    (page::sections(&p.doc, &links))
                }
                footer.site { p { (line(&site.footer)) } }
                @if p.filter { script { (PreEscaped(FILTER_JS)) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(relative("index.html", "overdue.html"), "overdue.html");
        assert_eq!(
            relative("actions/1-2-3.html", "priorities/1.html"),
            "../priorities/1.html"
        );
        assert_eq!(
            relative("leads/a.html", "index.html#by-lead"),
            "../index.html#by-lead"
        );
    }
}
