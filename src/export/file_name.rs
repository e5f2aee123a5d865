//! File names of exports.

use chrono::{DateTime, Utc};

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
    fn names_are_safe_and_dated() {
        let at = "2026-11-23T10:05:09Z".parse().unwrap();
        assert_eq!(
            file_stem("user.gateway_username by protocol", at),
            "sps-user.gateway_username-by-protocol-20261123-100509"
        );
        assert_eq!(file_stem("<script>", at), "sps-script-20261123-100509");
        assert_eq!(file_stem("Ω", at), "sps-chart-20261123-100509");
    }
}
