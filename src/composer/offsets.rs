//! Cursor positions: the browser counts UTF-16 code units, the query crate counts
//! bytes. Every crossing between the two goes through here.

/// The byte offset in `text` of the UTF-16 position `units`, clamped to the text; a
/// position inside a surrogate pair rounds down to the start of its character.
pub fn byte_of_utf16(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (byte, c) in text.char_indices() {
        seen += c.len_utf16();
        if seen > units {
            return byte;
        }
    }
    text.len()
}

/// The UTF-16 position of byte offset `byte` in `text`, rounded down to a character
/// boundary and clamped to the text.
pub fn utf16_of_byte(text: &str, byte: usize) -> usize {
    text.char_indices().take_while(|&(i, c)| i + c.len_utf8() <= byte).map(|(_, c)| c.len_utf16()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_the_identity() {
        assert_eq!(byte_of_utf16("protocol:ssh", 9), 9);
        assert_eq!(utf16_of_byte("protocol:ssh", 9), 9);
        assert_eq!(byte_of_utf16("ab", 7), 2);
        assert_eq!(utf16_of_byte("ab", 7), 2);
    }

    #[test]
    fn wide_characters() {
        // é is 2 bytes and 1 unit; 😀 is 4 bytes and 2 units.
        let text = "é😀x";
        assert_eq!(byte_of_utf16(text, 1), 2);
        assert_eq!(byte_of_utf16(text, 2), 2, "inside the surrogate pair rounds down");
        assert_eq!(byte_of_utf16(text, 3), 6);
        assert_eq!(utf16_of_byte(text, 6), 3);
        assert_eq!(utf16_of_byte(text, 4), 1, "inside a character rounds down");
    }

    proptest! {
        #[test]
        fn round_trips_on_character_boundaries(text in "\\PC{0,20}", pick in 0usize..40) {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let byte = boundaries[pick % boundaries.len()];
            prop_assert_eq!(byte_of_utf16(&text, utf16_of_byte(&text, byte)), byte);
        }
    }
}
