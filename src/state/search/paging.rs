//! Paging within the API's limits. The API lists at most 500 sessions per request
//! and ignores offsets above 10,000 ([`MAX_OFFSET`]): [`Paging`] says which pages
//! can be reached and what to tell the user when the result is larger, and
//! [`export_chunks`] splits an export into requests the API serves.

use crate::format;

/// The largest offset the sessions list honours.
pub const MAX_OFFSET: u64 = 10_000;
/// The largest page the sessions list serves.
pub const MAX_LIMIT: u32 = 500;
/// Page sizes offered.
pub const PAGE_SIZES: [u32; 5] = [25, 50, 100, 250, 500];
/// Page size of a fresh search.
pub const DEFAULT_PAGE_SIZE: u32 = 50;
/// Most rows the "export all" CSV fetches.
pub const EXPORT_MAX_ROWS: u64 = 10_000;
/// Rows per request of the export.
pub const EXPORT_CHUNK: u32 = 500;

/// Page arithmetic within the API's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// How many sessions match (`_count`).
    pub total: u64,
    /// Rows per page.
    pub size: u32,
}

impl Paging {
    /// The last page whose offset the API honours.
    pub fn last_reachable_page(size: u32) -> u32 {
        let size = u64::from(size.max(1));
        (MAX_OFFSET / size + 1).min(u64::from(u32::MAX)) as u32
    }

    /// Pages of the whole result (at least 1).
    pub fn page_count(&self) -> u32 {
        let size = u64::from(self.size.max(1));
        self.total.div_ceil(size).clamp(1, u64::from(u32::MAX)) as u32
    }

    /// Pages that can be shown.
    pub fn reachable_pages(&self) -> u32 {
        self.page_count().min(Self::last_reachable_page(self.size))
    }

    /// Rows that can be shown.
    pub fn reachable_rows(&self) -> u64 {
        self.total.min(u64::from(Self::last_reachable_page(self.size)) * u64::from(self.size.max(1)))
    }

    /// Whether part of the result lies beyond the window.
    pub fn beyond_window(&self) -> bool {
        self.reachable_rows() < self.total
    }

    /// First and last row (1-based) of `page` when it holds `rows` rows; `None` when empty.
    pub fn rows_of(&self, page: u32, rows: usize) -> Option<(u64, u64)> {
        let first = u64::from(page.saturating_sub(1)) * u64::from(self.size) + 1;
        (rows > 0).then(|| (first, first + rows as u64 - 1))
    }

    /// The page buttons around `current`: page numbers, `None` for a gap.
    pub fn buttons(&self, current: u32) -> Vec<Option<u32>> {
        let last = self.reachable_pages();
        let current = current.clamp(1, last);
        let mut pages: Vec<u32> = vec![1, last];
        for p in current.saturating_sub(2)..=current.saturating_add(2) {
            pages.push(p);
        }
        pages.retain(|p| (1..=last).contains(p));
        pages.sort_unstable();
        pages.dedup();
        let mut out = Vec::new();
        for (i, p) in pages.iter().enumerate() {
            if i > 0 && *p > pages[i - 1] + 1 {
                // A gap of one page is shown as the page itself.
                if *p == pages[i - 1] + 2 {
                    out.push(Some(pages[i - 1] + 1));
                } else {
                    out.push(None);
                }
            }
            out.push(Some(*p));
        }
        out
    }

    /// What to tell the user when the result passes the API's window.
    pub fn window_note(&self) -> Option<String> {
        self.beyond_window().then(|| {
            format!(
                "{} sessions match, but SPS lists only the first {} of a search (it ignores offsets above {}). \
                 To see the rest, narrow the time range or the query, or reverse the sort order to page from the other end.",
                format::count(self.total),
                format::count(self.reachable_rows()),
                format::count(MAX_OFFSET)
            )
        })
    }
}

/// The requests of an export of up to [`EXPORT_MAX_ROWS`] rows: `(offset, limit)`.
pub fn export_chunks(total: u64) -> Vec<(u32, u32)> {
    let rows = total.min(EXPORT_MAX_ROWS);
    let chunk = u64::from(EXPORT_CHUNK);
    (0..rows.div_ceil(chunk))
        .map(|i| {
            let offset = i * chunk;
            (offset as u32, (rows - offset).min(chunk) as u32)
        })
        .collect()
}

/// What to say when SPS listed items the table cannot show (no session id): they
/// are left out, the others shown.
pub fn unreadable_note(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("SPS listed one item without a session id on this page; it is left out.".into()),
        n => Some(format!("SPS listed {n} items without a session id on this page; they are left out.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paging_within_the_window() {
        let p = Paging { total: 5_000, size: 50 };
        assert_eq!((p.page_count(), p.reachable_pages(), p.beyond_window()), (100, 100, false));
        assert_eq!(p.window_note(), None);
        assert_eq!(p.rows_of(3, 50), Some((101, 150)));
        assert_eq!(p.rows_of(1, 0), None);

        let big = Paging { total: 123_456, size: 50 };
        assert_eq!(Paging::last_reachable_page(50), 201);
        assert_eq!((big.page_count(), big.reachable_pages(), big.reachable_rows()), (2470, 201, 10_050));
        assert!(big.beyond_window());
        let note = big.window_note().unwrap();
        assert!(note.contains("123,456") && note.contains("10,050") && note.contains("reverse the sort"), "{note}");

        let odd = Paging { total: 20_000, size: 30 };
        assert_eq!(Paging::last_reachable_page(30), 334);
        assert_eq!(odd.reachable_rows(), 10_020);
        assert_eq!(Paging { total: 0, size: 50 }.page_count(), 1);
        assert_eq!(Paging::last_reachable_page(500), 21);
        assert_eq!(Paging::last_reachable_page(1), 10_001);
    }

    #[test]
    fn page_buttons_show_the_ends_and_the_neighbourhood() {
        let p = Paging { total: 1_000, size: 50 };
        assert_eq!(p.buttons(1), vec![Some(1), Some(2), Some(3), None, Some(20)]);
        assert_eq!(p.buttons(10), vec![Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(20)]);
        assert_eq!(p.buttons(5), vec![Some(1), Some(2), Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(20)]);
        assert_eq!(p.buttons(99), vec![Some(1), None, Some(18), Some(19), Some(20)]);
        assert_eq!(Paging { total: 10, size: 50 }.buttons(1), vec![Some(1)]);
    }

    #[test]
    fn export_chunks_stay_within_the_api() {
        assert_eq!(export_chunks(0), vec![]);
        assert_eq!(export_chunks(1), vec![(0, 1)]);
        assert_eq!(export_chunks(1_234), vec![(0, 500), (500, 500), (1000, 234)]);
        let all = export_chunks(1_000_000);
        assert_eq!(all.len(), 20);
        assert_eq!(all.iter().map(|(_, l)| u64::from(*l)).sum::<u64>(), EXPORT_MAX_ROWS);
        assert!(all.iter().all(|(o, l)| u64::from(*o) <= MAX_OFFSET && *l <= MAX_LIMIT));
    }

    #[test]
    fn unreadable_items_are_counted_in_words() {
        assert_eq!(unreadable_note(0), None);
        assert!(unreadable_note(1).unwrap().contains("one item"));
        assert!(unreadable_note(3).unwrap().contains("3 items"));
    }

    proptest! {
        #[test]
        fn reachable_pages_have_honoured_offsets(total in 0u64..5_000_000, size in 1u32..=500) {
            let p = Paging { total, size };
            let last = p.reachable_pages();
            prop_assert!(u64::from(last - 1) * u64::from(size) <= MAX_OFFSET);
            prop_assert!(p.reachable_rows() <= total);
            prop_assert_eq!(p.beyond_window(), p.reachable_rows() < total);
            for b in p.buttons(last / 2 + 1).into_iter().flatten() {
                prop_assert!(b >= 1 && b <= last);
            }
        }
    }
}
