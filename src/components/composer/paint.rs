//! Query text drawn as coloured spans: plain text nodes only (Leptos escapes them),
//! never markup made from the query.

use leptos::prelude::*;

use crate::composer::highlight::Segment;

/// `text` as one `<span>` per segment.
pub fn painted(text: &str, segments: &[Segment]) -> impl IntoView {
    segments
        .iter()
        .map(|segment| {
            let piece = segment.span.text(text).to_owned();
            view! { <span class=segment.css_class()>{piece}</span> }
        })
        .collect_view()
}
