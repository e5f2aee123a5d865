//! Chart data as files: CSV text (RFC 4180, safe to open in a spreadsheet) and
//! file names.

use chrono::{DateTime, Utc};

/// One CSV field: quoted when it holds a separator, quote or line break; a leading
/// `=`, `+`, `-`, `@`, tab or CR gets a `'` first so a spreadsheet shows it as text
/// instead of running it as a formula (recorded content is attacker-controlled).
pub fn csv_field(text: &str) -> String {
    let guarded = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if text.parse::<f64>().is_err() => format!("'{text}"),
        _ => text.to_owned(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A CSV document: a header line, then one line per row, CRLF-terminated.
pub fn csv(headers: &[String], rows: &[Vec<String>]) -> String {
    std::iter::once(headers)
        .chain(rows.iter().map(Vec::as_slice))
        .map(|cells| cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",") + "\r\n")
        .collect()
}

/// `sps-<title>-<UTC time>` with the title reduced to safe file-name characters.
pub fn file_stem(title: &str, at: DateTime<Utc>) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    format!("sps-{}-{}", if slug.is_empty() { "chart" } else { slug }, at.format("%Y%m%d-%H%M%S"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("ssh"), "ssh");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn formulas_are_defused_numbers_are_not() {
        assert_eq!(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("+1-2"), "'+1-2");
        assert_eq!(csv_field("-5"), "-5");
        assert_eq!(csv_field("-rf /"), "'-rf /");
    }

    #[test]
    fn documents_and_names() {
        let doc = csv(&["value".into(), "count".into()], &[vec!["ssh".into(), "1,234".into()], vec!["a\"b".into(), "2".into()]]);
        assert_eq!(doc, "value,count\r\nssh,\"1,234\"\r\n\"a\"\"b\",2\r\n");
        let at = "2026-11-23T10:05:09Z".parse().unwrap();
        assert_eq!(file_stem("user.gateway_username by protocol", at), "sps-user.gateway_username-by-protocol-20261123-100509");
        assert_eq!(file_stem("<script>", at), "sps-script-20261123-100509");
        assert_eq!(file_stem("Ω", at), "sps-chart-20261123-100509");
    }
}
