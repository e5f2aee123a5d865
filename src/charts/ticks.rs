//! "Nice" axis ticks for counts: 1, 2 or 5 times a power of ten.

/// Tick values from 0 covering `max` with about `target` steps; the last tick is
/// at or above `max`, so it doubles as the axis end.
pub fn count_ticks(max: u64, target: usize) -> Vec<u64> {
    let max = max.max(1);
    let target = target.max(1) as u64;
    let raw = max.div_ceil(target);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10].into_iter().map(|m| magnitude.saturating_mul(m)).find(|s| *s >= raw).unwrap_or(raw);
    let steps = max.div_ceil(step);
    (0..=steps).map(|i| i.saturating_mul(step)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(count_ticks(0, 5), vec![0, 1]);
        assert_eq!(count_ticks(7, 5), vec![0, 2, 4, 6, 8]);
        assert_eq!(count_ticks(10, 5), vec![0, 2, 4, 6, 8, 10]);
        assert_eq!(count_ticks(93, 4), vec![0, 50, 100]);
        assert_eq!(count_ticks(12_345, 5), vec![0, 5_000, 10_000, 15_000]);
    }

    #[test]
    fn ticks_hold_for_any_maximum() {
        for max in (0..2_000).chain([u32::MAX as u64, u64::MAX / 3]) {
            let t = count_ticks(max, 5);
            assert_eq!(t[0], 0);
            assert!(*t.last().unwrap() >= max.max(1), "{max}: {t:?}");
            assert!(t.len() <= 12, "{max}: {t:?}");
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{max}: {t:?}");
        }
    }
}
