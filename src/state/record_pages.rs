//! Blocks of a long record list (a session's events) fetched by `limit`/`offset`
//! as the table scrolls: which blocks the visible rows need, which are missing,
//! and which to forget so memory stays bounded however far the analyst scrolls.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

/// How many records the list has, as far as the answers tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    /// The server said (`meta.match_count`), or a short page ended the list.
    Exact(u64),
    /// Full pages so far: at least this many.
    AtLeast(u64),
}

impl Total {
    /// From one answer: its `match_count`, the requested offset and limit, and
    /// how many items came back. A `match_count` is trusted when it covers the items
    /// given; one that counts fewer than were given (an alerts list may disagree
    /// with its items) yields to them, and so does a missing one (an appliance's
    /// events list has none): a short page ends the list, a full one says there is
    /// at least one more.
    pub fn from_answer(match_count: Option<u64>, offset: u64, limit: u64, items: usize) -> Total {
        let seen = offset + items as u64;
        match match_count {
            Some(n) if n >= seen => Total::Exact(n),
            _ if (items as u64) < limit => Total::Exact(seen),
            _ => Total::AtLeast(seen + 1),
        }
    }

    /// `12 alerts`, or `500+ alerts` while the end is not known.
    pub fn counted(self, noun: &str) -> String {
        match self {
            Total::Exact(n) => format!("{} {noun}", crate::format::count(n)),
            Total::AtLeast(n) => format!("{}+ {noun}", crate::format::count(n.saturating_sub(1))),
        }
    }

    /// The rows to lay out.
    pub fn rows(self) -> u64 {
        match self {
            Total::Exact(n) | Total::AtLeast(n) => n,
        }
    }

    /// The better of two estimates (exact beats at-least; larger at-least wins).
    pub fn merge(self, other: Total) -> Total {
        match (self, other) {
            (Total::Exact(a), _) => Total::Exact(a),
            (_, Total::Exact(b)) => Total::Exact(b),
            (Total::AtLeast(a), Total::AtLeast(b)) => Total::AtLeast(a.max(b)),
        }
    }
}

/// Loaded blocks of `size` records, at most `capacity` of them kept.
#[derive(Debug, Clone)]
pub struct Blocks<T> {
    size: u64,
    capacity: usize,
    loaded: HashMap<u64, Vec<T>>,
    recent: VecDeque<u64>,
}

impl<T> Blocks<T> {
    /// No block loaded yet.
    pub fn new(size: u64, capacity: usize) -> Self {
        Blocks { size: size.max(1), capacity: capacity.max(1), loaded: HashMap::new(), recent: VecDeque::new() }
    }

    /// Records per block.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The block holding row `row`.
    pub fn block_of(&self, row: u64) -> u64 {
        row / self.size
    }

    /// The blocks rows `rows` fall in.
    pub fn blocks_for(&self, rows: Range<u64>) -> Range<u64> {
        if rows.start >= rows.end {
            return 0..0;
        }
        self.block_of(rows.start)..self.block_of(rows.end - 1) + 1
    }

    /// The blocks of `rows` not loaded and not in `pending`, nearest the start first.
    pub fn missing(&self, rows: Range<u64>, pending: &[u64]) -> Vec<u64> {
        self.blocks_for(rows).filter(|b| !self.loaded.contains_key(b) && !pending.contains(b)).collect()
    }

    /// Whether block `block` is loaded.
    pub fn has(&self, block: u64) -> bool {
        self.loaded.contains_key(&block)
    }

    /// Row `row`, when its block is loaded.
    pub fn get(&self, row: u64) -> Option<&T> {
        let block = self.loaded.get(&self.block_of(row))?;
        block.get((row % self.size) as usize)
    }

    /// Stores block `block`, then forgets the least recently stored blocks beyond
    /// the capacity, never those of `keep` (the ones on screen).
    pub fn insert(&mut self, block: u64, records: Vec<T>, keep: Range<u64>) {
        self.loaded.insert(block, records);
        self.recent.retain(|b| *b != block);
        self.recent.push_back(block);
        let mut i = 0;
        while self.loaded.len() > self.capacity && i < self.recent.len() {
            let candidate = self.recent[i];
            if keep.contains(&candidate) {
                i += 1;
                continue;
            }
            self.recent.remove(i);
            self.loaded.remove(&candidate);
        }
    }

    /// The first loaded row whose record satisfies `found`.
    pub fn find(&self, found: impl Fn(&T) -> bool) -> Option<u64> {
        let mut blocks: Vec<&u64> = self.loaded.keys().collect();
        blocks.sort_unstable();
        blocks.into_iter().find_map(|b| {
            let records = &self.loaded[b];
            records.iter().position(&found).map(|i| b * self.size + i as u64)
        })
    }

    /// How many blocks are loaded.
    pub fn loaded(&self) -> usize {
        self.loaded.len()
    }

    /// Forgets every block.
    pub fn clear(&mut self) {
        self.loaded.clear();
        self.recent.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_from_answers() {
        assert_eq!(Total::from_answer(Some(100_000), 0, 500, 500), Total::Exact(100_000));
        assert_eq!(Total::from_answer(None, 1000, 500, 12), Total::Exact(1012));
        assert_eq!(Total::from_answer(None, 1000, 500, 500), Total::AtLeast(1501));
        // A count that disagrees with the items: more than shown is believed, fewer is not.
        assert_eq!(Total::from_answer(Some(3), 0, 10, 2), Total::Exact(3));
        assert_eq!(Total::from_answer(Some(0), 0, 10, 2), Total::Exact(2));
        assert_eq!(Total::from_answer(Some(4), 10, 10, 10), Total::AtLeast(21));
        assert_eq!(Total::Exact(1234).counted("alerts"), "1,234 alerts");
        assert_eq!(Total::AtLeast(21).counted("alerts"), "20+ alerts");
        assert_eq!(Total::AtLeast(10).merge(Total::AtLeast(20)), Total::AtLeast(20));
        assert_eq!(Total::AtLeast(10).merge(Total::Exact(5)), Total::Exact(5));
        assert_eq!(Total::Exact(7).merge(Total::AtLeast(50)).rows(), 7);
    }

    #[test]
    fn blocks_for_rows() {
        let b: Blocks<u64> = Blocks::new(500, 4);
        assert_eq!(b.blocks_for(0..26), 0..1);
        assert_eq!(b.blocks_for(490..520), 0..2);
        assert_eq!(b.blocks_for(73_190..73_221), 146..147);
        assert_eq!(b.blocks_for(5..5), 0..0);
        assert_eq!(b.missing(490..1001, &[1]), vec![0, 2]);
    }

    #[test]
    fn rows_come_from_loaded_blocks_and_old_blocks_are_forgotten() {
        let mut b = Blocks::new(10, 3);
        for block in 0..5u64 {
            b.insert(block, (block * 10..block * 10 + 10).collect(), block..block + 1);
        }
        assert_eq!(b.loaded(), 3);
        assert_eq!(b.get(0), None, "block 0 was forgotten");
        assert_eq!(b.get(47), Some(&47));
        // Blocks on screen are kept even when they are the oldest.
        let mut b = Blocks::new(10, 2);
        b.insert(0, vec![0; 10], 0..1);
        b.insert(1, vec![1; 10], 0..1);
        b.insert(2, vec![2; 10], 0..1);
        assert!(b.has(0) && !b.has(1) && b.has(2));
        assert_eq!(b.find(|v| *v == 2), Some(20));
        // A short last block.
        b.insert(7, vec![9, 9, 9], 7..8);
        assert_eq!(b.get(72), Some(&9));
        assert_eq!(b.get(73), None);
        b.clear();
        assert_eq!(b.loaded(), 0);
    }
}
