//! Logins as SPS does them: `GET /api/authentication` with Basic credentials sets a
//! `session_id` cookie, and every audit request needs that cookie. A login expires
//! after a period without requests (20 minutes on SPS).
//!
//! The cookie has the appliance's shape, as One Identity's Power BI connector's tests
//! record it: `session_id=<40 hex>; expires=<HTTP date>; HttpOnly; Max-Age=43200;
//! Path=/; Secure`. `Secure` is left out only for a plain-HTTP listener on loopback
//! (the sim's usual place), where a browser would not send it back otherwise.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Utc};

/// Name of the login cookie.
pub const COOKIE: &str = "session_id";

/// The cookie's `Max-Age`, as an appliance sends it: 12 hours (the login itself
/// expires sooner when idle, on the server).
pub const COOKIE_MAX_AGE_SECONDS: i64 = 43_200;

/// The accepted account and the live logins.
#[derive(Debug)]
pub struct Logins {
    user: String,
    password: String,
    idle_timeout: Duration,
    secure_cookie: bool,
    live: Mutex<HashMap<String, Instant>>,
}

/// The outcome of checking a request's cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginCheck {
    /// A live login; its idle timer restarts.
    Valid {
        /// Seconds left before it expires.
        remaining_seconds: u64,
    },
    /// No cookie, an unknown one, or an expired one.
    Invalid,
}

impl Logins {
    /// Accepts `user` / `password`; logins expire after `idle_timeout` unused.
    pub fn new(user: impl Into<String>, password: impl Into<String>, idle_timeout: Duration) -> Self {
        Logins {
            user: user.into(),
            password: password.into(),
            idle_timeout,
            secure_cookie: true,
            live: Mutex::new(HashMap::new()),
        }
    }

    /// Leaves `Secure` off the cookie: for a plain-HTTP listener on loopback only.
    pub fn for_plain_http_on_loopback(self) -> Self {
        Logins { secure_cookie: false, ..self }
    }

    /// The `Set-Cookie` value of a login with `token`, issued at `now`.
    pub fn set_cookie(&self, token: &str, now: DateTime<Utc>) -> String {
        let expires = now + chrono::TimeDelta::seconds(COOKIE_MAX_AGE_SECONDS);
        let secure = if self.secure_cookie { "; Secure" } else { "" };
        format!(
            "{COOKIE}={token}; expires={}; HttpOnly; Max-Age={COOKIE_MAX_AGE_SECONDS}; Path=/{secure}",
            expires.format("%a, %d %b %Y %H:%M:%S GMT")
        )
    }

    /// Checks an `Authorization: Basic …` header value; on success returns a new
    /// login token for the cookie.
    pub fn log_in(&self, authorization: &str) -> Option<String> {
        let encoded = authorization.strip_prefix("Basic ")?.trim();
        let decoded = String::from_utf8(STANDARD.decode(encoded).ok()?).ok()?;
        let (user, password) = decoded.split_once(':')?;
        if user != self.user || password != self.password {
            return None;
        }
        let token: String = (0..40).map(|_| char::from_digit(fastrand::u32(..16), 16).unwrap_or('0')).collect();
        self.table().insert(token.clone(), Instant::now());
        Some(token)
    }

    /// Checks the token of a request's cookie and restarts its idle timer.
    pub fn check(&self, token: Option<&str>) -> LoginCheck {
        let Some(token) = token else { return LoginCheck::Invalid };
        let mut live = self.table();
        let now = Instant::now();
        match live.get_mut(token) {
            Some(last) if now.duration_since(*last) < self.idle_timeout => {
                *last = now;
                LoginCheck::Valid { remaining_seconds: self.idle_timeout.as_secs() }
            }
            Some(_) => {
                live.remove(token);
                LoginCheck::Invalid
            }
            None => LoginCheck::Invalid,
        }
    }

    /// Ends every login, as if each had expired (fault injection and tests).
    pub fn expire_all(&self) {
        self.table().clear();
    }

    /// The idle timeout, reported as `remaining_seconds` after a login.
    pub fn idle_timeout(&self) -> Duration {
        self.idle_timeout
    }

    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<String, Instant>> {
        // A panic while holding the lock leaves a usable table: recover it.
        self.live.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').filter_map(|pair| pair.trim().split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(user: &str, password: &str) -> String {
        format!("Basic {}", STANDARD.encode(format!("{user}:{password}")))
    }

    #[test]
    fn login_gives_a_token_that_then_checks() {
        let logins = Logins::new("admin", "p:ss wörd", Duration::from_secs(60));
        let token = logins.log_in(&basic("admin", "p:ss wörd")).unwrap();
        assert_eq!(token.len(), 40);
        assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(logins.check(Some(&token)), LoginCheck::Valid { remaining_seconds: 60 });
        logins.expire_all();
        assert_eq!(logins.check(Some(&token)), LoginCheck::Invalid);
    }

    #[test]
    fn bad_credentials_and_headers_are_refused() {
        let logins = Logins::new("admin", "demo", Duration::from_secs(60));
        assert_eq!(logins.log_in(&basic("admin", "wrong")), None);
        assert_eq!(logins.log_in(&basic("root", "demo")), None);
        assert_eq!(logins.log_in("Bearer abc"), None);
        assert_eq!(logins.log_in("Basic !!!"), None);
        assert_eq!(logins.check(None), LoginCheck::Invalid);
        assert_eq!(logins.check(Some("0000")), LoginCheck::Invalid);
    }

    #[test]
    fn idle_logins_expire() {
        let logins = Logins::new("a", "b", Duration::from_millis(1));
        let token = logins.log_in(&basic("a", "b")).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(logins.check(Some(&token)), LoginCheck::Invalid);
    }

    #[test]
    fn the_cookie_has_the_appliances_shape() {
        let logins = Logins::new("a", "b", Duration::from_secs(60));
        let token = logins.log_in(&basic("a", "b")).unwrap();
        let now = "2022-12-02T14:27:48Z".parse().unwrap();
        assert_eq!(
            logins.set_cookie(&token, now),
            format!(
                "session_id={token}; expires=Sat, 03 Dec 2022 02:27:48 GMT; HttpOnly; Max-Age=43200; Path=/; Secure"
            )
        );
        let loopback = Logins::new("a", "b", Duration::from_secs(60)).for_plain_http_on_loopback();
        assert!(loopback.set_cookie(&token, now).ends_with("; Max-Age=43200; Path=/"));
    }

    #[test]
    fn cookie_values_are_found_among_others() {
        assert_eq!(cookie_value("a=1; session_id=abc; b=2", COOKIE), Some("abc"));
        assert_eq!(cookie_value("session_idx=1", COOKIE), None);
        assert_eq!(cookie_value("", COOKIE), None);
    }
}
