//! Recorded text turned into pieces that are safe and honest to show.
//!
//! The text comes from the recorded session: whatever the user typed or a program
//! printed. The UI renders every piece as a text node (never markup), and this module
//! makes sure nothing in it acts on the display either:
//!
//! - C0 control characters (NUL, BEL, backspace, carriage return, line feed, tab, …)
//!   and DEL become a named marker (`⟨NUL⟩ ⟨BEL⟩ ⟨BS⟩ ⟨CR⟩ ⟨LF⟩ ⟨TAB⟩ ⟨DEL⟩`): names, not
//!   Unicode's control pictures, which many fonts lack;
//! - ANSI/VT escape sequences (CSI such as `ESC [31m`, OSC such as a title or link
//!   `ESC ]0;…BEL`, and the other string sequences) become one marker each, showing
//!   the sequence (`⟨ESC⟩[31m`), so colour codes neither colour nor vanish;
//! - C1 controls, bidi embeddings/overrides/isolates/marks, zero-width and other
//!   invisible characters become a named marker such as `⟨RLO⟩` or `⟨ZWSP⟩`, so
//!   `invoice⟨RLO⟩fdp.exe` cannot pose as `invoiceexe.pdf` and `sudo⟨ZWSP⟩` not as `sudo`;
//! - runs of combining marks are capped ("Zalgo" text cannot paint over other rows).
//!
//! A marker carries a title that says what it stands for. Plain text passes through
//! unchanged (right-to-left scripts included: only the invisible *controls* of
//! direction are marked).

/// One piece of safe text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text to show as it is.
    Text(String),
    /// Something that was not shown as is: what stands in for it, and what it was.
    Marker {
        /// The visible stand-in, e.g. `⟨ESC⟩[31m` or `⟨RLO⟩`.
        shown: String,
        /// What it stands for, for a tooltip, e.g. `ESC [31m: an ANSI escape sequence (not applied)`.
        title: String,
    },
}

/// Pieces of a text cut after a number of characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limited {
    /// The pieces of the shown part.
    pub pieces: Vec<Piece>,
    /// How many characters of the input were left out (0 when all is shown).
    pub hidden_chars: usize,
}

/// Combining marks kept after one base character; the rest become one marker.
pub const MAX_COMBINING: usize = 2;
/// Longest escape sequence read as one marker (longer ones are cut into several).
const MAX_SEQUENCE_CHARS: usize = 64;

const C0_NAMES: [&str; 32] = [
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI", "DLE",
    "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
];

/// The short name and description of an invisible or direction-changing character.
fn invisible_name(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{00AD}' => ("SHY", "soft hyphen"),
        '\u{034F}' => ("CGJ", "combining grapheme joiner"),
        '\u{061C}' => ("ALM", "Arabic letter mark (direction)"),
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => ("FILLER", "Hangul filler (invisible)"),
        '\u{180E}' => ("MVS", "Mongolian vowel separator (invisible)"),
        '\u{200B}' => ("ZWSP", "zero-width space"),
        '\u{200C}' => ("ZWNJ", "zero-width non-joiner"),
        '\u{200D}' => ("ZWJ", "zero-width joiner"),
        '\u{200E}' => ("LRM", "left-to-right mark (direction)"),
        '\u{200F}' => ("RLM", "right-to-left mark (direction)"),
        '\u{2028}' => ("LS", "line separator"),
        '\u{2029}' => ("PS", "paragraph separator"),
        '\u{202A}' => ("LRE", "left-to-right embedding (direction)"),
        '\u{202B}' => ("RLE", "right-to-left embedding (direction)"),
        '\u{202C}' => ("PDF", "pop directional formatting (direction)"),
        '\u{202D}' => ("LRO", "left-to-right override (direction)"),
        '\u{202E}' => ("RLO", "right-to-left override (direction): reverses the text after it"),
        '\u{2060}' => ("WJ", "word joiner (invisible)"),
        '\u{2061}'..='\u{2064}' => ("INVISIBLE", "invisible mathematical operator"),
        '\u{2066}' => ("LRI", "left-to-right isolate (direction)"),
        '\u{2067}' => ("RLI", "right-to-left isolate (direction)"),
        '\u{2068}' => ("FSI", "first strong isolate (direction)"),
        '\u{2069}' => ("PDI", "pop directional isolate (direction)"),
        '\u{206A}'..='\u{206F}' => ("FORMAT", "deprecated formatting character (invisible)"),
        '\u{FEFF}' => ("BOM", "zero-width no-break space / byte order mark"),
        '\u{FFF9}'..='\u{FFFB}' => ("ANNOTATION", "interlinear annotation character"),
        '\u{E0000}'..='\u{E007F}' => ("TAG", "Unicode tag character (invisible text)"),
        _ => return None,
    })
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether `c` is shown as something else than itself.
fn is_special(c: char) -> bool {
    (c as u32) < 0x20 || ('\u{7F}'..='\u{9F}').contains(&c) || invisible_name(c).is_some() || is_combining(c)
}

/// The name of a C0 control or DEL.
fn c0_name(c: char) -> &'static str {
    if c == '\u{7F}' {
        "DEL"
    } else {
        C0_NAMES.get(c as usize).copied().unwrap_or("CTRL")
    }
}

/// The marker text of a C0 control or DEL: `⟨BEL⟩`.
fn c0_marker(c: char) -> String {
    format!("⟨{}⟩", c0_name(c))
}

fn c0_title(c: char) -> String {
    format!("{} (U+{:04X}): a control character, shown, not applied", c0_name(c), c as u32)
}

/// Shows `s` (the inside of an escape sequence) with its own controls named.
fn name_controls(s: &str) -> String {
    s.chars().map(|c| if (c as u32) < 0x20 || c == '\u{7F}' { c0_marker(c) } else { c.to_string() }).collect()
}

/// Reads the escape sequence starting at `chars[0]` (ESC, CSI or OSC and friends):
/// how many chars it spans and its marker. `None` for a lone ESC.
fn escape_sequence(chars: &[char]) -> Option<(usize, Piece)> {
    let first = *chars.first()?;
    // Where the body starts and which kind it is.
    let (body_at, kind) = match (first, chars.get(1).copied()) {
        ('\u{1B}', Some('[')) => (2, 'C'),
        ('\u{1B}', Some(']')) => (2, 'O'),
        ('\u{1B}', Some('P' | 'X' | '^' | '_')) => (2, 'O'),
        ('\u{1B}', Some(c)) if ('\u{20}'..='\u{7E}').contains(&c) => {
            let shown = format!("⟨ESC⟩{c}");
            return Some((
                2,
                Piece::Marker { title: format!("ESC {c}: an escape sequence, shown, not applied"), shown },
            ));
        }
        ('\u{9B}', _) => (1, 'C'),
        ('\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}', _) => (1, 'O'),
        _ => return None,
    };
    let mut end = None;
    if kind == 'C' {
        // Parameters 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E.
        let mut i = body_at;
        while i < chars.len() && i < MAX_SEQUENCE_CHARS && ('\u{30}'..='\u{3F}').contains(&chars[i]) {
            i += 1;
        }
        while i < chars.len() && i < MAX_SEQUENCE_CHARS && ('\u{20}'..='\u{2F}').contains(&chars[i]) {
            i += 1;
        }
        if chars.get(i).is_some_and(|c| ('\u{40}'..='\u{7E}').contains(c)) {
            end = Some(i + 1);
        }
    } else {
        // A string up to BEL, ST (ESC \) or C1 ST.
        let mut i = body_at;
        while i < chars.len() && i < MAX_SEQUENCE_CHARS {
            match chars[i] {
                '\u{07}' | '\u{9C}' => {
                    end = Some(i + 1);
                    break;
                }
                '\u{1B}' if chars.get(i + 1) == Some(&'\\') => {
                    end = Some(i + 2);
                    break;
                }
                '\u{1B}' => {
                    end = Some(i);
                    break;
                }
                _ => i += 1,
            }
        }
        // Unterminated (or too long): the string so far is the sequence.
        if end.is_none() && i > body_at {
            end = Some(i);
        }
    }
    let end = end?;
    let raw: String = chars[..end].iter().collect();
    let shown = match first {
        '\u{1B}' => format!("⟨ESC⟩{}", name_controls(&raw[1..])),
        c => format!("⟨U+{:04X}⟩{}", c as u32, name_controls(&raw[c.len_utf8()..])),
    };
    let what = if kind == 'C' {
        "an ANSI control sequence (colour, cursor or erase)"
    } else {
        "a terminal string sequence (e.g. a window title or a link)"
    };
    let title = format!("{}: {what}, shown, not applied", shown.replace("⟨ESC⟩", "ESC "));
    Some((end, Piece::Marker { shown, title }))
}

/// Splits `text` into safe pieces (see the module documentation).
pub fn pieces(text: &str) -> Vec<Piece> {
    limited(text, usize::MAX).pieces
}

/// Like [`pieces`], stopping after about `max_chars` characters of the input (an
/// escape sequence is never split); says how many characters were left out.
pub fn limited(text: &str, max_chars: usize) -> Limited {
    if !text.chars().any(is_special) {
        let total = text.chars().count();
        if total <= max_chars {
            let pieces = if text.is_empty() { Vec::new() } else { vec![Piece::Text(text.to_owned())] };
            return Limited { pieces, hidden_chars: 0 };
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    let mut combining = 0usize;
    let flush = |plain: &mut String, out: &mut Vec<Piece>| {
        if !plain.is_empty() {
            out.push(Piece::Text(std::mem::take(plain)));
        }
    };
    while i < chars.len() && i < max_chars {
        let c = chars[i];
        if is_combining(c) {
            combining += 1;
            if combining <= MAX_COMBINING {
                plain.push(c);
                i += 1;
                continue;
            }
            let run = chars[i..].iter().take_while(|c| is_combining(**c)).count();
            flush(&mut plain, &mut out);
            out.push(Piece::Marker {
                shown: format!("⟨+{run}⟩"),
                title: format!("{run} more combining marks on this character, not shown"),
            });
            i += run;
            continue;
        }
        combining = 0;
        if let Some((len, marker)) = escape_sequence(&chars[i..]) {
            flush(&mut plain, &mut out);
            out.push(marker);
            i += len;
            continue;
        }
        if (c as u32) < 0x20 || c == '\u{7F}' {
            flush(&mut plain, &mut out);
            out.push(Piece::Marker { shown: c0_marker(c), title: c0_title(c) });
        } else if ('\u{80}'..='\u{9F}').contains(&c) {
            flush(&mut plain, &mut out);
            out.push(Piece::Marker {
                shown: format!("⟨U+{:04X}⟩", c as u32),
                title: format!("U+{:04X}: a C1 control character, shown, not applied", c as u32),
            });
        } else if let Some((name, what)) = invisible_name(c) {
            flush(&mut plain, &mut out);
            out.push(Piece::Marker {
                shown: format!("⟨{name}⟩"),
                title: format!("{name} (U+{:04X}): {what}", c as u32),
            });
        } else {
            plain.push(c);
        }
        i += 1;
    }
    flush(&mut plain, &mut out);
    Limited { pieces: out, hidden_chars: chars.len().saturating_sub(i) }
}

/// The safe text as one string, markers inline (for tooltips, labels and tests).
pub fn flatten(text: &str) -> String {
    pieces(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t,
            Piece::Marker { shown, .. } => shown,
        })
        .collect()
}

/// A recorded value as a one-line label (chart labels, tooltips, legends, completion
/// values): markers inline, so a bidi override cannot flip the text around it and a
/// control character is not an empty box; a value with nothing visible is named.
pub fn label(value: &str) -> String {
    let shown = flatten(value);
    match (value.is_empty(), shown.trim().is_empty()) {
        (true, _) => "(empty)".to_owned(),
        (false, true) => format!("({} blank)", value.chars().count()),
        _ => shown,
    }
}

/// Whether `text` holds anything that is shown as a marker.
pub fn has_markers(text: &str) -> bool {
    text.chars().any(is_special)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn marker(shown: &str) -> Piece {
        let p = pieces(shown);
        p.into_iter().next().unwrap()
    }

    #[test]
    fn labels_show_markers_and_name_invisible_values() {
        assert_eq!(label("db-01"), "db-01");
        assert_eq!(label("invoice\u{202e}gpj.exe"), "invoice⟨RLO⟩gpj.exe");
        assert_eq!(label("\u{1b}[31mRED"), "⟨ESC⟩[31mRED");
        assert_eq!(label(""), "(empty)");
        assert_eq!(label("   "), "(3 blank)");
        assert_eq!(label("\n\n"), "⟨LF⟩⟨LF⟩");
    }

    #[test]
    fn plain_text_passes_unchanged() {
        assert_eq!(pieces("ls -la /tmp"), vec![Piece::Text("ls -la /tmp".into())]);
        assert_eq!(pieces(""), vec![]);
        // Scripts of every direction are text; markup is text too.
        for s in ["cat /home/李伟/报告.txt", "echo 'مرحبا' > /tmp/motd", "<script>alert(1)</script>", "ünïcödé ✓ 🙂"]
        {
            assert_eq!(flatten(s), s);
            assert!(!has_markers(s));
        }
    }

    #[test]
    fn controls_are_named() {
        assert_eq!(flatten("a\u{0}b\u{7}c\rd\u{8}e\tf\ng\u{7f}"), "a⟨NUL⟩b⟨BEL⟩c⟨CR⟩d⟨BS⟩e⟨TAB⟩f⟨LF⟩g⟨DEL⟩");
        let p = pieces("x\u{7}");
        assert_eq!(p[0], Piece::Text("x".into()));
        let Piece::Marker { shown, title } = &p[1] else { panic!("marker") };
        assert_eq!(shown, "⟨BEL⟩");
        assert!(title.starts_with("BEL (U+0007)"), "{title}");
    }

    #[test]
    fn ansi_sequences_are_one_inert_marker() {
        let s = "printf '\u{1b}[31mFAILED\u{1b}[0m\u{7}\r\u{8}\u{8}done\\n'";
        assert_eq!(flatten(s), "printf '⟨ESC⟩[31mFAILED⟨ESC⟩[0m⟨BEL⟩⟨CR⟩⟨BS⟩⟨BS⟩done\\n'");
        let p = pieces("\u{1b}[1;32mok");
        assert_eq!(p.len(), 2);
        let Piece::Marker { shown, title } = &p[0] else { panic!("marker") };
        assert_eq!(shown, "⟨ESC⟩[1;32m");
        assert!(title.contains("ANSI"), "{title}");
        // OSC: set the window title, and a hyperlink, both terminated.
        assert_eq!(flatten("\u{1b}]0;pwned\u{7}$ "), "⟨ESC⟩]0;pwned⟨BEL⟩$ ");
        assert_eq!(flatten("\u{1b}]8;;http://x\u{1b}\\link"), "⟨ESC⟩]8;;http://x⟨ESC⟩\\link");
        // Lone and two-character escapes; C1 CSI.
        assert_eq!(flatten("a\u{1b}"), "a⟨ESC⟩");
        assert_eq!(flatten("\u{1b}c"), "⟨ESC⟩c");
        assert_eq!(flatten("\u{9b}2J"), "⟨U+009B⟩2J");
        // An unfinished CSI shows the ESC alone and the rest as text.
        assert_eq!(flatten("\u{1b}[31"), "⟨ESC⟩[31");
        assert!(matches!(&pieces("\u{1b}[31")[0], Piece::Marker { shown, .. } if shown == "⟨ESC⟩"));
    }

    #[test]
    fn direction_and_invisible_characters_are_named() {
        assert_eq!(flatten("mv invoice\u{202e}fdp.exe /srv/share/"), "mv invoice⟨RLO⟩fdp.exe /srv/share/");
        assert_eq!(flatten("sudo\u{200b} -i"), "sudo⟨ZWSP⟩ -i");
        assert_eq!(flatten("\u{feff}x\u{2066}y\u{2069}\u{e0041}"), "⟨BOM⟩x⟨LRI⟩y⟨PDI⟩⟨TAG⟩");
        assert_eq!(flatten("a\u{85}b"), "a⟨U+0085⟩b");
        let Piece::Marker { title, .. } = marker("\u{202e}") else { panic!("marker") };
        assert!(title.contains("reverses"), "{title}");
    }

    #[test]
    fn combining_runs_are_capped() {
        let zalgo = format!("Z{}a", "\u{0336}".repeat(40));
        assert_eq!(flatten(&zalgo), "Z\u{0336}\u{0336}⟨+38⟩a");
        assert_eq!(flatten("e\u{301}"), "e\u{301}");
    }

    #[test]
    fn limits_cut_and_count() {
        let long = "A".repeat(12_000);
        let l = limited(&long, 300);
        assert_eq!(l.pieces, vec![Piece::Text("A".repeat(300))]);
        assert_eq!(l.hidden_chars, 11_700);
        let l = limited("ab\u{1b}[31mcd", 3);
        // The escape sequence starting within the limit is kept whole.
        assert_eq!(l.hidden_chars, 2);
        assert_eq!(limited("short", 300).hidden_chars, 0);
    }

    proptest! {
        #[test]
        fn no_control_or_invisible_character_survives(s in "\\PC{0,40}|[\\x00-\\x20\\x7f-\\x9f\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}a\\[\\]0-9;m]{0,60}") {
            for piece in pieces(&s) {
                if let Piece::Text(t) = piece {
                    prop_assert!(!t.chars().any(|c| (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) || invisible_name(c).is_some()), "{:?}", t);
                    prop_assert!(!t.is_empty());
                }
            }
        }

        #[test]
        fn limited_keeps_every_character_accounted_for(s in "[a-z\\x1b\\[0-9;m\\x07\u{202e}\u{0301}]{0,80}", max in 0usize..100) {
            let l = limited(&s, max);
            let total = s.chars().count();
            prop_assert!(l.hidden_chars <= total);
            if total <= max { prop_assert_eq!(l.hidden_chars, 0); }
            // Text pieces are the input's own characters, in order.
            let kept: String = l.pieces.iter().filter_map(|p| if let Piece::Text(t) = p { Some(t.as_str()) } else { None }).collect();
            let mut rest = s.chars();
            for c in kept.chars() {
                prop_assert!(rest.any(|x| x == c));
            }
        }
    }
}
