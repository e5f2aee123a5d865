//! Auto-refresh timing: the interval, stretched while refreshes keep failing.

/// Shortest and longest auto-refresh interval, in seconds (URL and `config.json`).
pub const REFRESH_BOUNDS: (u32, u32) = (5, 3600);

/// The longest a failing refresh backs off to, in seconds (or the interval, if longer).
pub const MAX_BACKOFF_SECONDS: u32 = 300;

/// Seconds until the next refresh after `failures` failed rounds in a row:
/// the interval, doubled per failure, capped at five minutes (or the interval).
pub fn next_delay_seconds(interval: u32, failures: u32) -> u32 {
    let cap = interval.max(MAX_BACKOFF_SECONDS);
    let factor = 1u32.checked_shl(failures.min(16)).unwrap_or(u32::MAX);
    interval.saturating_mul(factor).min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(next_delay_seconds(10, 0), 10);
        assert_eq!(next_delay_seconds(10, 1), 20);
        assert_eq!(next_delay_seconds(10, 3), 80);
        assert_eq!(next_delay_seconds(10, 6), 300);
        assert_eq!(next_delay_seconds(10, 1000), 300);
        assert_eq!(next_delay_seconds(3600, 5), 3600);
        assert_eq!(next_delay_seconds(5, 31), 300);
    }
}
