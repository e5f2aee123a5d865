//! "Did you mean" for mistyped field names.

use crate::schema::Schema;

/// Up to three field names close to `name`, best first: the same name in another letter
/// case, a field whose last part is `name` (`gateway_username` → `user.gateway_username`),
/// then small edit distances on the whole name or its last part.
pub(crate) fn similar_fields(name: &str, schema: &Schema) -> Vec<String> {
    let wanted = name.to_lowercase();
    let limit = match wanted.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut scored: Vec<(usize, &str)> = schema
        .fields()
        .iter()
        .filter_map(|field| {
            let candidate = field.name.to_lowercase();
            let last = candidate.rsplit('.').next().unwrap_or(&candidate);
            let score = if candidate == wanted {
                0
            } else if last == wanted {
                1
            } else {
                let whole = edit_distance(&wanted, &candidate);
                let tail = edit_distance(&wanted, last) + 1;
                let best = whole.min(tail);
                if best > limit {
                    return None;
                }
                best + 1
            };
            Some((score, field.name))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, name)| name.to_owned()).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn suggestions() {
        let sessions = Schema::sessions();
        assert_eq!(similar_fields("protocl", sessions), ["protocol"]);
        assert_eq!(similar_fields("Protocol", sessions), ["protocol"]);
        assert_eq!(similar_fields("gateway_username", sessions)[0], "user.gateway_username");
        assert_eq!(similar_fields("user.gateway_usernme", sessions)[0], "user.gateway_username");
        assert!(similar_fields("zzzzzz", sessions).is_empty());
        assert_eq!(similar_fields("chanels_id", Schema::events()), ["channels_id"]);
    }
}
