//! Query text drawn as coloured spans: plain text nodes only (Leptos escapes them),
//! never markup made from the query. Keyed, so a keystroke re-creates only the
//! spans it changed.

use leptos::prelude::*;

use crate::composer::overlay::Piece;

/// The pieces as one `<span>` each.
pub fn painted(pieces: Memo<Vec<Piece>>) -> impl IntoView {
    view! {
        <For each=move || pieces.get() key=|p| (p.css.clone(), p.text.clone(), p.nth) let:piece>
            <span class=piece.css>{piece.text}</span>
        </For>
    }
}
