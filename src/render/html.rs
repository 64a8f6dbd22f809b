//! Documents as one self-contained HTML page: inline CSS and SVG, no scripts,
//! nothing fetched; prints on A4; RAG always in words as well as colour. maud
//! escapes every value.

use std::io::{self, Write};

use maud::{DOCTYPE, Escaper, Markup, PreEscaped, Render, html};

use super::neutral::{block as shown, line};
use crate::doc::{
    Align, Audience, Block, Cell, Chart, Document, Names, Section, Table, Tone, slug,
};

pub(crate) const CSS: &str = r#"
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 190mm; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 1.5mm; break-after: avoid; }
p.meta { color: #333; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #888; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.rag { font-weight: 600; white-space: nowrap; }
td ul { margin: 0.5mm 0; padding-left: 4mm; }
.red { background: #f4c7c3; } .amber { background: #fde9b0; } .green { background: #cfe8cf; }
ul { padding-left: 5mm; margin: 0; }
li { margin: 0.5mm 0; }
figure { margin: 0 0 3mm; }
figcaption { font-size: 9pt; color: #333; }
svg text { font-family: inherit; font-size: 9px; }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
"#;

/// The page, written a section at a time and a table 64 KiB of rows at a
/// time: a 100k-action pack is 20 MB of HTML, never held whole.
pub fn write(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    let mut page = html! {
        (DOCTYPE)
        (PreEscaped("<html lang=\"en-GB\"><head>"))
        (head(doc.title.as_deref().unwrap_or("lscb")))
        style { (PreEscaped(CSS)) }
        (PreEscaped("</head><body>"))
        (header(doc))
    }
    .into_string();
    let mut flush = |page: &mut String| {
        out.write_all(page.as_bytes())?;
        page.clear();
        Ok(())
    };
    for (i, s) in doc.sections.iter().enumerate() {
        write_section(&mut page, &mut flush, s, i, &|_, _| None)?;
    }
    page.push_str("</body></html>");
    flush(&mut page)
}

/// What takes the page's text as it grows: given the text so far whenever
/// it holds 64 KiB, it writes it out and clears it (a page written to a
/// file) or keeps it (a site's page, built whole).
type Flush<'f> = dyn FnMut(&mut String) -> io::Result<()> + 'f;

/// Where a page links what its cells name: the href for an action's ref, a
/// priority's label or a lead's name, or `None` for no link. A plain page
/// links nothing; a site links each to its page.
pub(crate) type Links<'a> = &'a dyn Fn(Names, &str) -> Option<String>;

/// What every page's head starts with: the character set, the viewport and
/// the title.
pub(crate) fn head(title: &str) -> Markup {
    html! {
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        title { (line(title)) }
    }
}

/// A document's title and the line under it, if it has them.
pub(crate) fn header(doc: &Document) -> Markup {
    html! {
        @if doc.title.is_some() || doc.subtitle.is_some() {
            header {
                @if let Some(t) = &doc.title { h1 { (line(t)) } }
                @if let Some(s) = &doc.subtitle { p.meta { (shown(s)) } }
            }
        }
    }
}

/// A document's sections, each with its id, heading and blocks.
pub(crate) fn sections(doc: &Document, links: Links<'_>) -> Markup {
    let mut out = String::new();
    for (i, s) in doc.sections.iter().enumerate() {
        // Keeping the text, the flush cannot fail.
        let _ = write_section(&mut out, &mut |_| Ok(()), s, i, links);
    }
    PreEscaped(out)
}

/// One section, the `index`th of its document, onto the end of `out`.
fn write_section(
    out: &mut String,
    flush: &mut Flush<'_>,
    s: &Section,
    index: usize,
    links: Links<'_>,
) -> io::Result<()> {
    html! {
        (PreEscaped("<section id=\""))
        (anchor(s.name.as_deref(), index))
        (PreEscaped("\">"))
        @if let Some(h) = &s.heading { h2 { (line(h)) } }
    }
    .render_to(out);
    for b in &s.blocks {
        match b {
            Block::Heading(h) => html! { h3 { (line(h)) } }.render_to(out),
            Block::Paragraph(p) => html! { p { (shown(p)) } }.render_to(out),
            Block::List(items) => {
                html! { ul { @for i in items { li { (shown(i)) } } } }.render_to(out)
            }
            Block::Table(t) if t.show.for_audience(Audience::People) => {
                write_table(out, flush, t, links)?;
            }
            Block::Table(_) => {}
            Block::Chart(c) => chart(c, index).render_to(out),
        }
    }
    out.push_str("</section>");
    Ok(())
}

/// A section's id: its name in lower case with hyphens (`by-lead`), or its place.
pub(crate) fn anchor(name: Option<&str>, index: usize) -> String {
    let out = slug(name.unwrap_or(""));
    if out.is_empty() {
        format!("section-{}", index + 1)
    } else {
        out
    }
}

/// A table onto the end of `out`, its rows handed to `flush` as they add up.
fn write_table(
    out: &mut String,
    flush: &mut Flush<'_>,
    t: &Table,
    links: Links<'_>,
) -> io::Result<()> {
    let cols = t.visible(Audience::People);
    let num = |c: usize| (t.columns[c].align == Align::Right).then_some("num");
    html! {
        (PreEscaped("<table>"))
        thead { tr { @for &c in &cols { th scope="col" class=[num(c)] { (line(&t.columns[c].title)) } } } }
        (PreEscaped("<tbody>"))
    }
    .render_to(out);
    write_rows(out, flush, t, &cols, links)?;
    out.push_str("</tbody></table>");
    Ok(())
}

/// A table's rows onto the end of `out`, handing `out` to `flush` whenever
/// it holds 64 KiB: written straight into the page, as 100k rows through
/// `html!` would build and copy a string for every cell.
fn write_rows(
    out: &mut String,
    flush: &mut Flush<'_>,
    t: &Table,
    cols: &[usize],
    links: Links<'_>,
) -> io::Result<()> {
    for row in t.rows.iter() {
        out.push_str("<tr>");
        for (i, &c) in cols.iter().enumerate() {
            let cell = row.get(c).unwrap_or(&Cell::Empty);
            let column = &t.columns[c];
            if i == 0 {
                out.push_str("<th scope=\"row\">");
                if !linked(out, cell, column.names, links) {
                    lines(out, &cell.shown());
                }
                out.push_str("</th>");
                continue;
            }
            match cell {
                Cell::Rag(Some(r)) => {
                    out.push_str("<td class=\"rag ");
                    out.push_str(r.name());
                    out.push_str("\">");
                    out.push_str(r.word());
                }
                Cell::Rag(None) => out.push_str("<td class=\"rag\">- (dropped)"),
                _ => {
                    out.push_str(if column.align == Align::Right {
                        "<td class=\"num\">"
                    } else {
                        "<td>"
                    });
                    if !linked(out, cell, column.names, links)
                        && !super::push_unbroken_dates(out, cell)
                        && !plain_cell(out, cell)
                    {
                        lines(out, &super::unbroken(&cell.shown()));
                    }
                }
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
        if out.len() >= 64 * 1024 {
            flush(out)?;
        }
    }
    Ok(())
}

/// A number, or one line of plain text, written as `lines(unbroken(shown))`
/// writes it, without its steps: a number is its digits, and text of
/// printable ASCII with nothing to escape or neutralise and no list is
/// itself with its dates held together. False, and nothing written, for any
/// other cell (most of a pack's 100k rows are such cells).
fn plain_cell(out: &mut String, cell: &Cell) -> bool {
    match cell {
        Cell::Int(n) => out.push_str(itoa::Buffer::new().format(*n)),
        Cell::Text(s) if plain_text(s) => out.push_str(&super::unbroken(s)),
        _ => return false,
    }
    true
}

/// Printable ASCII (no line break or control), nothing HTML escapes, no `::`
/// (`neutral` would guard a line starting one) and no "- " to start a list.
fn plain_text(s: &str) -> bool {
    super::neutral::untouched_line_where(s, |c| !matches!(c, b'&' | b'<' | b'>' | b'"'))
        && !s.starts_with("- ")
}

/// Text escaped for HTML as maud escapes it; text with nothing to escape
/// (most cells) is copied whole.
struct Esc<'a>(&'a str);

impl Render for Esc<'_> {
    fn render_to(&self, out: &mut String) {
        if crate::doc::bytes_all(self.0.as_bytes(), |b| {
            !matches!(b, b'&' | b'<' | b'>' | b'"')
        }) {
            out.push_str(self.0);
        } else {
            use std::fmt::Write;
            let _ = Escaper::new(out).write_str(self.0);
        }
    }
}

/// A cell's text with links onto the end of `out`, if it names something
/// that may have a page: a ref, or the text (each item of a list) of a
/// column that names things. False, and nothing written, for any other cell.
fn linked(out: &mut String, cell: &Cell, names: Option<Names>, links: Links<'_>) -> bool {
    let link = |out: &mut String, what: Names, s: &str| match links(what, s) {
        Some(href) => html! { a href=(href) { (Esc(&shown(s))) } }.render_to(out),
        // Plain text is itself (a pack has no pages to link to, and a lead
        // or a ref on every row).
        None if plain_text(s) => out.push_str(s),
        None => Esc(&shown(s)).render_to(out),
    };
    match (cell, names) {
        (Cell::Ref(s), _) => link(out, names.unwrap_or(Names::Action), s),
        (Cell::Text(s), Some(what)) => link(out, what, s),
        (Cell::List(items), Some(what)) => {
            for (i, s) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                link(out, what, s);
            }
        }
        _ => return false,
    }
    true
}

/// A cell's text onto the end of `out`: its lines kept, a description
/// written as a list as a list.
fn lines(out: &mut String, text: &str) {
    // One line, not a list: the text itself.
    if !crate::doc::has_newline(text) && !text.ends_with('\r') && !text.starts_with("- ") {
        Esc(&shown(text)).render_to(out);
        return;
    }
    listed(text).render_to(out);
}

/// A cell's text of several lines, or a list.
fn listed(text: &str) -> Markup {
    let pieces = super::pieces(text);
    html! {
        @for (i, piece) in pieces.iter().enumerate() {
            @match piece {
                super::Piece::Line(l) => {
                    @if i > 0 && matches!(pieces[i - 1], super::Piece::Line(_)) { br; }
                    (shown(l))
                }
                super::Piece::List(items) => ul { @for item in items { li { (shown(item)) } } },
            }
        }
    }
}

fn colour(tone: Tone) -> (&'static str, &'static str) {
    // (fill, text on it)
    match tone {
        Tone::Good => ("#3a7d3a", "#fff"),
        Tone::Fair => ("#8fbf8f", "#000"),
        Tone::Bad => ("#c0392b", "#fff"),
        Tone::Neutral => ("#bdbdbd", "#000"),
    }
}

/// A stacked bar per row, each segment labelled with its number so the chart
/// reads without colour.
fn chart(c: &Chart, section: usize) -> Markup {
    let width = 680.0_f64;
    let label_w = 150.0;
    let bar_w = width - label_w - 80.0;
    let row_h = 22.0;
    let height = row_h * c.rows.len() as f64 + 30.0;
    let max = c
        .rows
        .iter()
        .map(|r| r.values.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let caption_id = format!("chart-{}", section + 1);
    let segments = |values: &[usize]| {
        let mut x = label_w;
        let mut out = Vec::new();
        for (n, s) in values.iter().zip(&c.series) {
            if *n > 0 {
                let w = bar_w * *n as f64 / max;
                out.push((x, w, *n, s));
                x += w;
            }
        }
        out
    };
    html! {
        figure {
            svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox={ "0 0 " (width) " " (height) } role="img" aria-labelledby=(caption_id) {
                @for (i, row) in c.rows.iter().enumerate() {
                    @let y = 5.0 + i as f64 * row_h;
                    text x="0" y={ (y + 13.0) } { (line(&row.label)) }
                    @for (x, w, n, s) in segments(&row.values) {
                        @let (fill, ink) = colour(s.tone);
                        rect x=(x) y=(y) width=(w) height="16" fill=(fill) stroke="#333" stroke-width="0.5" { title { (n) " " (s.name) } }
                        @if w >= 14.0 {
                            text x={ (x + w / 2.0 - 3.0) } y={ (y + 12.0) } fill=(ink) { (n) }
                        }
                    }
                    text x={ (label_w + bar_w + 6.0) } y={ (y + 13.0) } { (line(&row.note)) }
                }
                @let ly = height - 8.0;
                @for (i, s) in c.series.iter().enumerate() {
                    rect x={ (label_w + i as f64 * 110.0) } y={ (ly - 8.0) } width="10" height="10" fill=(colour(s.tone).0) stroke="#333" stroke-width="0.5" {}
                    text x={ (label_w + i as f64 * 110.0 + 14.0) } y=(ly) { (s.name) }
                }
            }
            figcaption id=(caption_id) { (line(&c.caption)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Column;

    fn render(t: Table, links: Links<'_>) -> String {
        sections(&Document::of(vec![Block::Table(t)]), links).into_string()
    }

    #[test]
    fn refs_and_named_cells_link_where_the_site_says_and_nowhere_else() {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Lead", "leads").names(Names::Lead),
            Column::new("Note", "note"),
        ]);
        t.push(vec![
            Cell::Ref("1.2.3".into()),
            Cell::List(vec!["Board Manager".into(), "Nobody <b>".into()]),
            Cell::text("Board Manager"),
        ]);
        let site = |what: Names, text: &str| match (what, text) {
            (Names::Action, "1.2.3") => Some("actions/1-2-3.html".to_string()),
            (Names::Lead, "Board Manager") => Some("leads/bm.html".to_string()),
            _ => None,
        };
        let html = render(t.clone(), &site);
        assert!(
            html.contains(r#"<th scope="row"><a href="actions/1-2-3.html">1.2.3</a></th>"#),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<td><a href="leads/bm.html">Board Manager</a>; Nobody &lt;b&gt;</td>"#
            ),
            "{html}"
        );
        // A column that names nothing is never linked, whatever its text.
        assert!(html.contains("<td>Board Manager</td>"), "{html}");
        // A plain page links nothing.
        assert!(!render(t, &|_, _| None).contains("<a "));
    }

    #[test]
    fn a_page_is_its_head_and_title_then_each_section() {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::number("N", "n"),
            Column::new("Due", "due"),
            Column::new("RAG", "rag"),
            Column::new("Text", "text"),
        ]);
        t.push(vec![
            Cell::Ref("1.2.3".into()),
            Cell::Int(7),
            Cell::Date(chrono::NaiveDate::from_ymd_opt(2017, 5, 31).unwrap()),
            Cell::Rag(Some(crate::doc::Rag::Amber)),
            Cell::text("a <b> & \"c\"\n- one\n- two"),
        ]);
        t.push(vec![
            Cell::Ref("1.2.4".into()),
            Cell::Empty,
            Cell::Empty,
            Cell::Rag(None),
        ]);
        let mut doc = Document::of(vec![
            Block::Heading("Objective <1>".into()),
            Block::Paragraph("A paragraph &".into()),
            Block::List(vec!["one".into(), "two <2>".into()]),
            Block::Table(t),
        ]);
        doc.title = Some("Title <x>".into());
        doc.subtitle = Some("as of today".into());
        doc.section("Second").paragraph("More.");
        // Rows past 64 KiB are written out as they go; a data-only table
        // is left out of the page.
        let big = Table::made(vec![Column::new("Row", "row")], 3000, |i| {
            vec![Cell::text(format!(
                "row {i} <of> many, long enough to fill"
            ))]
        });
        doc.section("Big")
            .table(big)
            .table(Table::new(vec![Column::new("Data", "data")]).show(crate::doc::Show::Data));
        let mut out = Vec::new();
        write(&doc, &mut out).unwrap();
        assert!(out.len() > 3 * 64 * 1024);
        let expected = format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Title &lt;x&gt;</title><style>{CSS}</style></head><body>\
             <header><h1>Title &lt;x&gt;</h1><p class=\"meta\">as of today</p></header>\
             {}</body></html>",
            sections(&doc, &|_, _| None).into_string()
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    /// Each kind of cell as the table's rows write it: the first a row
    /// header, numbers right-aligned, RAG with its class (and "- (dropped)"),
    /// text escaped, lines and lists kept, dates unbroken.
    #[test]
    fn rows_write_each_kind_of_cell() {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::number("N", "n"),
            Column::new("RAG", "rag"),
            Column::new("Due", "due"),
            Column::new("Text", "text"),
        ]);
        t.push(vec![
            Cell::Ref("1.2.3".into()),
            Cell::Int(7),
            Cell::Rag(Some(crate::doc::Rag::Red)),
            Cell::Date(chrono::NaiveDate::from_ymd_opt(2017, 5, 31).unwrap()),
            Cell::text("a <b> & \"c\" 'd'"),
        ]);
        t.push(vec![
            Cell::text("x"),
            Cell::Empty,
            Cell::Rag(None),
            Cell::text("from 30 Jun 2017"),
            Cell::text("Two:\n- one\n- two"),
        ]);
        let html = render(t, &|_, _| None);
        let rows = html
            .split_once("<tbody>")
            .and_then(|(_, r)| r.split_once("</tbody>"))
            .map(|(r, _)| r)
            .unwrap();
        assert_eq!(
            rows,
            "<tr><th scope=\"row\">1.2.3</th><td class=\"num\">7</td><td class=\"rag red\">Red</td>\
             <td>31\u{a0}May\u{a0}2017</td><td>a &lt;b&gt; &amp; &quot;c&quot; 'd'</td></tr>\
             <tr><th scope=\"row\">x</th><td class=\"num\"></td><td class=\"rag\">- (dropped)</td>\
             <td>from 30\u{a0}Jun\u{a0}2017</td><td>Two:<ul><li>one</li><li>two</li></ul></td></tr>"
        );
    }

    #[test]
    fn anchors_are_slugs_or_places() {
        assert_eq!(anchor(Some("RAG by priority"), 0), "rag-by-priority");
        assert_eq!(anchor(Some("By lead"), 3), "by-lead");
        assert_eq!(anchor(Some("--"), 3), "section-4");
        assert_eq!(anchor(None, 0), "section-1");
    }

    #[test]
    fn a_description_written_as_a_list_stays_a_list_in_a_cell() {
        assert_eq!(
            listed("Ideas:\nsecond\n- a <b>\n- c").into_string(),
            "Ideas:<br>second<ul><li>a &lt;b&gt;</li><li>c</li></ul>"
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A cell written by the quick path reads as the full path writes
        /// it, whatever its text; the quick path takes what it can.
        #[test]
        fn plain_cells_read_as_the_full_path_writes_them(
            text in prop::collection::vec(prop::sample::select(vec![
                "a", " ", "31", "Mar", "2024", "(1", "of", "::", ":", "- ", "-", "&", "<", "\"",
                "'", "\n", "\r", "\t", "\u{a0}", "é", "\u{1b}", "\u{202e}", "Board",
            ]), 0..8).prop_map(|p| p.concat()),
            n in any::<i64>(),
        ) {
            for cell in [Cell::text(text.as_str()), Cell::Int(n)] {
                let mut quick = String::new();
                let took = plain_cell(&mut quick, &cell);
                let mut full = String::new();
                lines(&mut full, &crate::render::unbroken(&cell.shown()));
                if took {
                    prop_assert_eq!(quick, full);
                    // A name or a ref not linked is likewise itself.
                    let mut escaped = String::new();
                    Esc(&shown(&text)).render_to(&mut escaped);
                    prop_assert!(!plain_text(&text) || escaped == text, "{:?}", text);
                } else {
                    prop_assert_eq!(quick, "");
                    prop_assert!(!plain_text(&text), "{:?}", text);
                }
            }
        }
    }
}
