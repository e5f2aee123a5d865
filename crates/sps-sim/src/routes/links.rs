//! The `meta` of list answers: where this page is and links to the others, as in the
//! reference pages' alerts sample (`first`, `last`, `next`, `previous`, `null` at
//! the ends; `?limit=…&offset=…` after the request's other parameters).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};

use crate::store::Page;

/// Characters that stay as they are in a path segment (RFC 3986 "unreserved").
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `/api/audit/sessions/<id>` with the id percent-encoded as one segment.
pub fn session_href(id: &str) -> String {
    format!("/api/audit/sessions/{}", utf8_percent_encode(id, PATH_SEGMENT))
}

/// Where a list lives and the parameters its links repeat.
pub struct ListLinks<'a> {
    /// The list's path.
    pub href: String,
    /// The resource above it.
    pub parent: String,
    /// The request's parameters other than `limit` and `offset`, in order.
    pub params: Vec<(&'a str, &'a str)>,
    /// The largest offset the list serves (sessions: 10000).
    pub max_offset: Option<u32>,
}

impl ListLinks<'_> {
    /// The `meta` of `page`.
    pub fn meta<T>(&self, page: &Page<T>, remaining_seconds: Option<u64>) -> Value {
        let limit = u64::from(page.limit.max(1));
        let offset = u64::from(page.offset);
        let reachable = |o: u64| self.max_offset.is_none_or(|max| o <= u64::from(max));
        let mut last = page.match_count.saturating_sub(1) / limit * limit;
        if let Some(max) = self.max_offset {
            last = last.min(u64::from(max) / limit * limit);
        }
        let next = Some(offset + limit).filter(|o| *o < page.match_count && reachable(*o));
        let previous = (offset > 0).then(|| offset.saturating_sub(limit));
        let mut meta = Map::new();
        meta.insert("href".into(), json!(self.href));
        meta.insert("parent".into(), json!(self.parent));
        meta.insert("first".into(), json!(self.link(limit, 0)));
        meta.insert("last".into(), json!(self.link(limit, last)));
        meta.insert("next".into(), json!(next.map(|o| self.link(limit, o))));
        meta.insert("previous".into(), json!(previous.map(|o| self.link(limit, o))));
        meta.insert("limit".into(), json!(limit));
        meta.insert("offset".into(), json!(offset));
        meta.insert("match_count".into(), json!(page.match_count));
        if let Some(seconds) = remaining_seconds {
            meta.insert("remaining_seconds".into(), json!(seconds));
        }
        Value::Object(meta)
    }

    fn link(&self, limit: u64, offset: u64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in &self.params {
            query.append_pair(key, value);
        }
        query.append_pair("limit", &limit.to_string());
        query.append_pair("offset", &offset.to_string());
        format!("{}?{}", self.href, query.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(match_count: u64, limit: u32, offset: u32) -> Page<()> {
        Page { items: Vec::new(), match_count, limit, offset }
    }

    #[test]
    fn links_like_the_reference_sample() {
        let links =
            ListLinks { href: "/api/x/alerts".into(), parent: "/api/x".into(), params: vec![], max_offset: None };
        let meta = links.meta(&page(3, 500, 0), Some(600));
        assert_eq!(meta["first"], "/api/x/alerts?limit=500&offset=0");
        assert_eq!(meta["last"], "/api/x/alerts?limit=500&offset=0");
        assert_eq!((meta["next"].clone(), meta["previous"].clone()), (Value::Null, Value::Null));
        assert_eq!((meta["match_count"].clone(), meta["remaining_seconds"].clone()), (json!(3), json!(600)));
    }

    #[test]
    fn middle_pages_link_both_ways_and_keep_the_query() {
        let links =
            ListLinks { href: "/s".into(), parent: "/".into(), params: vec![("q", "a b&c")], max_offset: Some(10_000) };
        let meta = links.meta(&page(1012, 500, 500), None);
        assert_eq!(meta["next"], "/s?q=a+b%26c&limit=500&offset=1000");
        assert_eq!(meta["previous"], "/s?q=a+b%26c&limit=500&offset=0");
        assert_eq!(meta["last"], "/s?q=a+b%26c&limit=500&offset=1000");
        let capped = links.meta(&page(1_000_000, 500, 10_000), None);
        assert_eq!(capped["next"], Value::Null);
        assert_eq!(capped["last"], "/s?q=a+b%26c&limit=500&offset=10000");
        assert!(meta.get("remaining_seconds").is_none());
        assert_eq!(session_href("a/b c"), "/api/audit/sessions/a%2Fb%20c");
    }
}
