//! Fuzzes the output neutraliser (src/render/neutral.rs): whatever the text,
//! what comes out holds no control character a terminal obeys (line breaks
//! only, and only where the caller keeps them), no bidi override, no line
//! starting a GitHub Actions workflow command, no CSV cell starting a
//! formula; and neutralising twice changes nothing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lscb::render::neutral::{block, csv_cell, line};

fn obeyed(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}')
}

fn no_command(s: &str) {
    for l in s.split('\n') {
        assert!(!l.trim_start().starts_with("::"), "{l:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let one = line(text);
    assert!(!one.contains('\n'));
    assert!(!one.chars().any(obeyed), "{one:?}");
    no_command(&one);
    assert_eq!(line(&one), one);

    let many = block(text);
    assert!(!many.chars().any(obeyed), "{many:?}");
    no_command(&many);
    assert_eq!(block(&many), many);

    let cell = csv_cell(text);
    assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
    assert!(!cell.chars().any(obeyed), "{cell:?}");
});
