//! Paths of the API's resources, shared by the client and the stand-in server so
//! both encode a session id the same way.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters that stay as they are in a path segment (RFC 3986 "unreserved").
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `text` percent-encoded as one path segment: `/`, `?`, `#`, `%` and `..` stay
/// inside it.
pub fn segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// `/audit/sessions/<id>` (under the API's base), the id one segment.
pub fn session_path(id: &str) -> String {
    format!("/audit/sessions/{}", segment(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_one_segment() {
        assert_eq!(session_path("1"), "/audit/sessions/1");
        assert_eq!(session_path("a/b?c#d e%"), "/audit/sessions/a%2Fb%3Fc%23d%20e%25");
        assert_eq!(session_path("../x"), "/audit/sessions/..%2Fx");
        assert_eq!(segment("svc-1.a_b~"), "svc-1.a_b~");
        assert_eq!(segment("αβ"), "%CE%B1%CE%B2");
    }
}
