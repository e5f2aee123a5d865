//! Attacker-controlled text on screen: text nodes only, control characters and
//! escape sequences as visible inert markers (see [`crate::text::safe`]), long
//! text cut with a button that shows the rest. Marked parts (the words a search
//! found) are `<mark>` elements around the same text nodes.

use leptos::prelude::*;

use crate::format;
use crate::text::alert_match::{limited_runs, Highlight, MarkedText};
use crate::text::safe::{limited, Piece};
use crate::text::terms::Terms;

fn piece_view(piece: Piece) -> AnyView {
    match piece {
        Piece::Text(t) => t.into_any(),
        Piece::Marker { shown, title } => view! {
            <span class="ctl" title=title>
                {shown}
            </span>
        }
        .into_any(),
    }
}

fn marked_view(m: MarkedText) -> AnyView {
    let runs = m
        .runs
        .into_iter()
        .map(|(pieces, marked)| {
            let pieces = pieces.into_iter().map(piece_view).collect_view();
            if marked {
                view! { <mark class="found">{pieces}</mark> }.into_any()
            } else {
                pieces.into_any()
            }
        })
        .collect_view();
    view! { <span class="untrusted">{runs}</span> }.into_any()
}

/// Recorded text, shown safely. With `limit`, at most that many characters show
/// until the user asks for the rest; with `marks`, the words they find are marked.
#[component]
pub fn SafeText(
    /// The text as recorded.
    #[prop(into)]
    text: String,
    /// Characters shown before "show all".
    #[prop(optional)]
    limit: Option<usize>,
    /// What to mark in it.
    #[prop(optional)]
    marks: Option<Terms>,
) -> impl IntoView {
    let (expanded, set_expanded) = signal(false);
    let ranges = marks.map(|m| m.find(&text)).unwrap_or_default();
    let text = StoredValue::new(text);
    move || {
        let max = if expanded.get() { usize::MAX } else { limit.unwrap_or(usize::MAX) };
        let cut = text.with_value(|t| limited_runs(t, &ranges, max));
        let more = (cut.hidden_chars > 0).then(|| {
            view! {
                <button
                    type="button"
                    class="more"
                    on:click=move |ev| {
                        ev.stop_propagation();
                        set_expanded.set(true);
                    }
                >
                    {format!("… show {} more characters", format::count(cut.hidden_chars as u64))}
                </button>
            }
        });
        view! {
            {marked_view(cut)}
            {more}
        }
    }
}

/// Recorded text cut to `limit` characters without a button (one-line cells; the
/// full text is in the detail view). Says how much was cut.
pub fn clipped(text: &str, limit: usize) -> impl IntoView {
    let cut = limited(text, limit);
    let rest = (cut.hidden_chars > 0).then(|| {
        view! { <span class="clipped">{format!(" … +{} chars", format::count(cut.hidden_chars as u64))}</span> }
    });
    view! {
        <span class="untrusted">{cut.pieces.into_iter().map(piece_view).collect_view()}</span>
        {rest}
    }
}

/// Like [`clipped`], with the words `terms` find marked. Only the shown start of the
/// text is searched.
pub fn clipped_marked(text: &str, terms: &Terms, limit: usize) -> impl IntoView {
    // Room for a word that starts before the cut; the cut itself is `limited_runs`'.
    let searched = text.char_indices().nth(limit.saturating_add(64)).map_or(text, |(i, _)| &text[..i]);
    let cut = limited_runs(text, &terms.find(searched), limit);
    let rest = (cut.hidden_chars > 0).then(|| {
        view! { <span class="clipped">{format!(" … +{} chars", format::count(cut.hidden_chars as u64))}</span> }
    });
    view! {
        {marked_view(cut)}
        {rest}
    }
}

/// Text with the parts a pattern matched emphasised (`<mark>`), markers kept.
pub fn highlighted(h: Highlight) -> impl IntoView {
    let runs = h
        .runs
        .into_iter()
        .map(|(text, matched)| {
            let pieces = limited(&text, usize::MAX).pieces.into_iter().map(piece_view).collect_view();
            if matched {
                view! { <mark>{pieces}</mark> }.into_any()
            } else {
                pieces.into_any()
            }
        })
        .collect_view();
    view! { <span class="untrusted">{runs}</span> }
}
