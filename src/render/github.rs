//! GitHub Actions workflow commands (`::error file=…,line=…::message`), escaped
//! as the Actions toolkit escapes them, so no data can end a command early or
//! start another.

use std::io::{self, Write};

use super::neutral;
use crate::doc::{Annotation, Level};

/// The toolkit's `escapeData`: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The toolkit's `escapeProperty`: as `escapeData`, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(annotations: &[Annotation], out: &mut impl Write) -> io::Result<()> {
    for a in annotations {
        let command = match a.level {
            Level::Notice => "notice",
            Level::Warning => "warning",
            Level::Error => "error",
        };
        let mut props = Vec::new();
        if let Some(f) = &a.file {
            props.push(format!("file={}", escape_property(&neutral::line(f))));
        }
        if let Some(l) = a.line {
            props.push(format!("line={l}"));
        }
        if let Some(l) = a.end_line {
            props.push(format!("endLine={l}"));
        }
        if let Some(c) = a.column {
            props.push(format!("col={c}"));
        }
        if let Some(t) = &a.title {
            props.push(format!("title={}", escape_property(&neutral::line(t))));
        }
        let props = if props.is_empty() {
            String::new()
        } else {
            format!(" {}", props.join(","))
        };
        // Data in the message is shown, not obeyed; its line breaks (and the
        // help line lscb adds) are escaped as the toolkit escapes them.
        writeln!(
            out,
            "::{command}{props}::{}",
            escape_data(&neutral::block(&a.message))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn annotations_carry_their_place() {
        let a = Annotation {
            level: Level::Error,
            file: Some("plan/a,b.toml".into()),
            line: Some(2),
            column: Some(8),
            message: "E006 unknown-lead: x\n::error::injected".into(),
            ..Annotation::default()
        };
        let n = Annotation {
            level: Level::Notice,
            message: "summary".into(),
            ..Annotation::default()
        };
        let mut out = Vec::new();
        write(&[a, n], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=plan/a%2Cb.toml,line=2,col=8::E006 unknown-lead: x%0A\\::error::injected\n::notice::summary\n"
        );
    }
}
