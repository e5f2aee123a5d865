//! The warning a page shows above its content when parts of its URL could not be
//! used, listing what was wrong with each and so what was used instead.

use leptos::prelude::*;

use crate::state::view::Problem;

/// "Parts of this link could not be used: …", or nothing when all of it was used.
#[component]
pub fn UrlProblems(
    /// The problems of the current URL.
    #[prop(into)]
    problems: Signal<Vec<Problem>>,
) -> impl IntoView {
    move || {
        let problems = problems.get();
        (!problems.is_empty()).then(|| {
            view! {
                <div class="banner banner-warning" role="alert">
                    <strong>"Parts of this link could not be used: "</strong>
                    <ul>{problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}
