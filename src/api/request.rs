//! Query strings of the audit endpoints. Values are percent-encoded by the
//! client; this module decides which parameters are sent and how they are spelled.

use sps_api::StatsParams;

/// Path of the login endpoint, relative to the API base.
pub const LOGIN_PATH: &str = "/authentication";

/// Path of the stats endpoint, relative to the API base.
pub const STATS_PATH: &str = "/audit/sessions/stats";

/// The query pairs of a stats request; empty optional values are left out.
pub fn stats_query(p: &StatsParams) -> Vec<(&'static str, String)> {
    let mut q = vec![("field", p.field.clone())];
    let optional = [
        ("sub_fields", p.sub_fields.clone()),
        ("size", p.size.map(|s| s.to_string())),
        ("q", p.q.clone()),
        ("start", p.start.clone()),
        ("end", p.end.clone()),
        ("content", p.content.clone()),
    ];
    q.extend(optional.into_iter().filter_map(|(k, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (k, v))));
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_only_what_is_set() {
        let p = StatsParams {
            field: "user.gateway_username".into(),
            sub_fields: Some("protocol".into()),
            size: Some(5),
            q: Some("   ".into()),
            start: Some("2026-11-22T10:00:00Z".into()),
            ..StatsParams::default()
        };
        assert_eq!(
            stats_query(&p),
            vec![
                ("field", "user.gateway_username".to_string()),
                ("sub_fields", "protocol".into()),
                ("size", "5".into()),
                ("start", "2026-11-22T10:00:00Z".into()),
            ]
        );
    }
}
