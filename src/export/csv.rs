//! CSV (RFC 4180) for spreadsheets, safe to open.
//!
//! - Fields holding a comma, a quote, a carriage return or a line feed are quoted,
//!   quotes doubled; records end in CRLF.
//! - **Formula injection:** a spreadsheet runs a cell that starts with `=`, `+`, `-`
//!   or `@` (and, in some, a tab or carriage return) as a formula, so a recorded
//!   username such as `=HYPERLINK(…)` could act when the export is opened. Such cells
//!   get a leading `'`, which spreadsheets show as text. The guard looks past leading
//!   spaces and quotes, which some spreadsheets skip before reading a formula.
//! - The file starts with a UTF-8 byte order mark so that spreadsheets read non-ASCII
//!   names (`李伟`, `отчёты`) as UTF-8.
//!
//! Everything else is exported as recorded, control characters included: the export
//! is evidence and keeps the data exact.

/// The UTF-8 byte order mark the file starts with.
pub const BOM: &str = "\u{FEFF}";

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet could take `value` for a formula.
pub fn looks_like_formula(value: &str) -> bool {
    value.trim_start_matches([' ', '"', '\'']).starts_with(FORMULA_START) || value.starts_with(FORMULA_START)
}

/// One field, guarded against formulas and quoted when needed.
pub fn field(value: &str) -> String {
    let guarded = if looks_like_formula(value) { format!("'{value}") } else { value.to_owned() };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// One record (fields joined by commas, ended by CRLF).
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields.iter().map(|f| field(f.as_ref())).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// A CSV document built record by record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Csv {
    text: String,
    records: usize,
}

impl Csv {
    /// A document with a header record.
    pub fn with_header<S: AsRef<str>>(header: &[S]) -> Self {
        let mut csv = Csv { text: BOM.to_owned(), records: 0 };
        csv.text.push_str(&record(header));
        csv
    }

    /// Appends a record.
    pub fn push<S: AsRef<str>>(&mut self, fields: &[S]) {
        self.text.push_str(&record(fields));
        self.records += 1;
    }

    /// Records after the header.
    pub fn len(&self) -> usize {
        self.records
    }

    /// Whether there is no record after the header.
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// The document.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The document, taken.
    pub fn into_string(self) -> String {
        self.text
    }
}

/// Parses CSV the way a spreadsheet does (for tests and round trips): records of
/// fields, quotes honoured, the BOM skipped.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                any = false;
            }
            (false, c) => field.push(c),
        }
    }
    if any {
        record.push(field);
        records.push(record);
    }
    records
}

/// A file name for an export: `prefix` and a UTC timestamp, only safe characters.
pub fn file_name(prefix: &str, at: chrono::DateTime<chrono::Utc>) -> String {
    let clean: String = prefix.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("{clean}-{}.csv", at.format("%Y%m%dT%H%M%SZ"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\r"), "\"cr\r\"");
        assert_eq!(field(""), "");
        assert_eq!(field("李伟"), "李伟");
        assert_eq!(record(&["a", "b,c", ""]), "a,\"b,c\",\r\n");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("\r=1"), "\"'\r=1\"");
        assert_eq!(field("  =1"), "'  =1");
        assert_eq!(field("\"=1"), "\"'\"\"=1\"");
        assert_eq!(field("a=b"), "a=b");
        assert_eq!(field("10.0.0.1"), "10.0.0.1");
        assert_eq!(field("2026-11-23T10:00:00Z"), "2026-11-23T10:00:00Z");
    }

    #[test]
    fn documents_have_a_bom_a_header_and_crlf() {
        let mut csv = Csv::with_header(&["id", "user"]);
        assert!(csv.is_empty());
        csv.push(&["1", "alice"]);
        csv.push(&["2", "=cmd|' /C calc'!A0"]);
        assert_eq!(csv.len(), 2);
        assert_eq!(csv.as_str(), "\u{FEFF}id,user\r\n1,alice\r\n2,'=cmd|' /C calc'!A0\r\n");
        assert_eq!(parse(csv.as_str()), vec![vec!["id", "user"], vec!["1", "alice"], vec!["2", "'=cmd|' /C calc'!A0"]]);
    }

    #[test]
    fn file_names_are_safe() {
        use chrono::TimeZone;
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 10, 5, 9).unwrap();
        assert_eq!(file_name("sessions", at), "sessions-20261123T100509Z.csv");
        assert_eq!(file_name("../a b", at), "___a_b-20261123T100509Z.csv");
    }

    proptest! {
        #[test]
        fn any_row_round_trips_up_to_the_guard(cells in proptest::collection::vec("[a-z,\"\\r\\n =+@-]{0,12}", 1..6)) {
            let mut csv = Csv::with_header(&["h"]);
            csv.push(&cells);
            let parsed = parse(csv.as_str());
            prop_assert_eq!(parsed.len(), 2);
            let back: Vec<String> = parsed[1].iter().zip(&cells).map(|(got, sent)| {
                if looks_like_formula(sent) { got.strip_prefix('\'').unwrap_or(got).to_owned() } else { got.clone() }
            }).collect();
            prop_assert_eq!(back, cells.clone());
            for got in &parsed[1] {
                prop_assert!(!looks_like_formula(got) || got.starts_with('\''));
            }
        }
    }
}
