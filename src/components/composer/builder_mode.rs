//! Builder mode: the query as editable rows in groups.
//!
//! The rows live in a tree of signals (one per row, one item list per group) so that
//! typing into a value updates only that row: inputs are never re-created under the
//! user's fingers, and focus stays put.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use sps_query::{FieldType, Schema};

use crate::composer::builder::{Condition, End, Group, Item, Join, Literal, Op, Row, MAX_LEVELS};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Keys for `<For>` and element ids: unique for the page's lifetime.
fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// A group as signals.
#[derive(Clone)]
pub struct GroupState {
    join: ArcRwSignal<Join>,
    items: ArcRwSignal<Vec<ItemState>>,
}

#[derive(Clone)]
struct ItemState {
    id: u64,
    kind: ItemKind,
}

#[derive(Clone)]
enum ItemKind {
    Row(ArcRwSignal<Row>),
    Group(GroupState),
}

impl ItemState {
    fn new(item: &Item) -> Self {
        let kind = match item {
            Item::Row(row) => ItemKind::Row(ArcRwSignal::new(row.clone())),
            Item::Group(group) => ItemKind::Group(GroupState::new(group)),
        };
        ItemState { id: next_id(), kind }
    }
}

impl GroupState {
    /// Signals holding `group`.
    pub fn new(group: &Group) -> Self {
        GroupState {
            join: ArcRwSignal::new(group.join),
            items: ArcRwSignal::new(group.items.iter().map(ItemState::new).collect()),
        }
    }

    /// The rows as they are now (tracked: a reactive reader re-runs on every edit).
    pub fn snapshot(&self) -> Group {
        let items = self.items.with(|items| {
            items
                .iter()
                .map(|item| match &item.kind {
                    ItemKind::Row(row) => Item::Row(row.get()),
                    ItemKind::Group(group) => Item::Group(group.snapshot()),
                })
                .collect()
        });
        Group { join: self.join.get(), items }
    }
}

/// The field a new row starts on: the schema's first.
fn default_field(schema: &Schema) -> &'static str {
    schema.fields().first().map_or("", |f| f.name)
}

/// Values offered in a row's value input for `field`.
fn known_values(schema: &Schema, field: &str) -> &'static [&'static str] {
    match schema.field(field) {
        Some(def) if def.ty == FieldType::Boolean => &["true", "false"],
        Some(def) => def.values.values(),
        None => &[],
    }
}

/// The rows of a query.
#[component]
pub fn Builder(
    /// Prefix of element ids.
    id: &'static str,
    /// The fields offered.
    schema: &'static Schema,
    /// The rows.
    rows: GroupState,
) -> impl IntoView {
    view! {
        <div class="builder" role="group" aria-label="Query builder">
            {group_view(id, schema, rows, 1, None)}
        </div>
    }
}

fn group_view(
    id: &'static str,
    schema: &'static Schema,
    group: GroupState,
    level: usize,
    on_remove: Option<Callback<()>>,
) -> AnyView {
    let GroupState { join, items } = group;
    let join_read = join.clone();
    let add_items = items.clone();
    let add_row = move |_| add_items.update(|v| v.push(ItemState::new(&Item::Row(Row::new(default_field(schema))))));
    let group_items = items.clone();
    let add_group = move |_| {
        let inner = Group { join: Join::Any, items: vec![Item::Row(Row::new(default_field(schema)))] };
        group_items.update(|v| v.push(ItemState::new(&Item::Group(inner))));
    };
    let list = items.clone();
    let join_id = format!("{id}-join-{}", next_id());
    view! {
        <div class="builder-group" class:nested={level > 1} data-join=move || join_read.get().word()>
            <div class="builder-group-head">
                <label for=join_id.clone()>"Match"</label>
                <select
                    id=join_id
                    on:change:target=move |ev| {
                        join.set(if ev.target().value() == "any" { Join::Any } else { Join::All })
                    }
                >
                    <option value="all" selected=join.get_untracked() == Join::All>
                        "all (AND)"
                    </option>
                    <option value="any" selected=join.get_untracked() == Join::Any>
                        "any (OR)"
                    </option>
                </select>
                <span class="muted">"of these conditions"</span>
                {on_remove
                    .map(|remove| {
                        view! {
                            <button type="button" class="mini builder-remove-group" on:click=move |_| remove.run(())>
                                "Remove group"
                            </button>
                        }
                    })}
            </div>
            <For each=move || list.get() key=|item| item.id let:item>
                {
                    let items = items.clone();
                    let item_id = item.id;
                    let remove = Callback::new(move |()| items.update(|v| v.retain(|i| i.id != item_id)));
                    let body = match item.kind {
                        ItemKind::Row(row) => row_view(id, schema, row, item_id, remove),
                        ItemKind::Group(inner) => group_view(id, schema, inner, level + 1, Some(remove)),
                    };
                    view! { <div class="builder-item">{body}</div> }
                }
            </For>
            <div class="builder-add">
                <button type="button" class="mini" on:click=add_row>
                    "+ Condition"
                </button>
                {(level < MAX_LEVELS)
                    .then(|| {
                        view! {
                            <button type="button" class="mini" on:click=add_group>
                                "+ Group"
                            </button>
                        }
                    })}
            </div>
        </div>
    }
    .into_any()
}

fn row_view(
    id: &'static str,
    schema: &'static Schema,
    row: ArcRwSignal<Row>,
    row_id: u64,
    on_remove: Callback<()>,
) -> AnyView {
    let field = Memo::new({
        let row = row.clone();
        move |_| row.with(|r| r.field.clone())
    });
    let op = Memo::new({
        let row = row.clone();
        move |_| row.with(|r| r.condition.op())
    });
    let written = row.with_untracked(|r| r.field.clone());
    let unknown = (!written.is_empty() && schema.fields().iter().all(|f| f.name != written)).then_some(written);
    let list_id = format!("{id}-values-{row_id}");
    let set_field = row.clone();
    let set_op = row.clone();
    let values = row.clone();
    view! {
        <div class="builder-row">
            <select
                class="builder-field"
                aria-label="Field"
                on:change:target=move |ev| set_field.update(|r| r.field = ev.target().value())
            >
                <option value="" selected=move || field.get().is_empty()>
                    "(any field)"
                </option>
                {unknown
                    .map(|name| {
                        let shown = name.clone();
                        let value = name.clone();
                        view! {
                            <option value=value selected=move || field.get() == name>
                                {shown}
                            </option>
                        }
                    })}
                {schema
                    .fields()
                    .iter()
                    .map(|f| {
                        let name = f.name;
                        view! {
                            <option value=name selected=move || field.get() == name>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <select
                class="builder-op"
                aria-label="Operator"
                on:change:target=move |ev| {
                    if let Some(next) = Op::from_key(&ev.target().value()) {
                        set_op.update(|r| r.condition = r.condition.with_op(next));
                    }
                }
            >
                {Op::ALL
                    .into_iter()
                    .map(|o| {
                        view! {
                            <option value=o.key() selected=move || op.get() == o>
                                {o.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <div class="builder-values">
                {
                    let list_id = list_id.clone();
                    move || match op.get() {
                        Op::Is | Op::IsNot => literal_input(values.clone(), &list_id),
                        Op::OneOf => one_of_inputs(values.clone(), &list_id),
                        Op::Matches => pattern_input(values.clone()),
                        Op::Between => range_inputs(values.clone()),
                    }
                }
            </div>
            <datalist id=list_id>
                {move || {
                    known_values(schema, &field.get())
                        .iter()
                        .map(|v| view! { <option value=*v></option> })
                        .collect_view()
                }}
            </datalist>
            <button type="button" class="mini builder-remove" on:click=move |_| on_remove.run(())>
                "Remove"
            </button>
        </div>
    }
    .into_any()
}

/// The value of "is" and "is not".
fn literal_input(row: ArcRwSignal<Row>, list_id: &str) -> AnyView {
    let read = row.clone();
    let text = move || {
        read.with(|r| match &r.condition {
            Condition::Is(l) | Condition::IsNot(l) => l.text.clone(),
            _ => String::new(),
        })
    };
    let empty = {
        let text = text.clone();
        move || text().is_empty()
    };
    view! {
        <input
            type="text"
            class="builder-value"
            aria-label="Value"
            list=list_id.to_owned()
            spellcheck="false"
            class:needs-value=empty.clone()
            aria-invalid=move || empty().to_string()
            prop:value=text
            on:input:target=move |ev| {
                let typed = ev.target().value();
                row.update(|r| {
                    if let Condition::Is(l) | Condition::IsNot(l) = &mut r.condition {
                        *l = l.edited(&typed);
                    }
                });
            }
        />
    }
    .into_any()
}

/// The values of "is one of": one input each.
fn one_of_inputs(row: ArcRwSignal<Row>, list_id: &str) -> AnyView {
    let count = Memo::new({
        let row = row.clone();
        move |_| row.with(|r| if let Condition::OneOf(values) = &r.condition { values.len() } else { 0 })
    });
    let list_id = list_id.to_owned();
    let add = row.clone();
    view! {
        <For each=move || 0..count.get() key=|i| *i let:i>
            {
                let read = row.clone();
                let write = row.clone();
                let remove = row.clone();
                let text = move || {
                    read.with(|r| match &r.condition {
                        Condition::OneOf(values) => values.get(i).map(|l| l.text.clone()).unwrap_or_default(),
                        _ => String::new(),
                    })
                };
                let empty = {
                    let text = text.clone();
                    move || text().is_empty()
                };
                view! {
                    <span class="builder-chip">
                        <input
                            type="text"
                            class="builder-value"
                            aria-label=format!("Value {}", i + 1)
                            list=list_id.clone()
                            spellcheck="false"
                            class:needs-value=empty.clone()
                            aria-invalid=move || empty().to_string()
                            prop:value=text
                            on:input:target=move |ev| {
                                let typed = ev.target().value();
                                write
                                    .update(|r| {
                                        if let Condition::OneOf(values) = &mut r.condition {
                                            if let Some(l) = values.get_mut(i) {
                                                *l = l.edited(&typed);
                                            }
                                        }
                                    });
                            }
                        />
                        <button
                            type="button"
                            class="mini"
                            aria-label=format!("Remove value {}", i + 1)
                            disabled=move || count.get() <= 1
                            on:click=move |_| {
                                remove
                                    .update(|r| {
                                        if let Condition::OneOf(values) = &mut r.condition {
                                            if i < values.len() && values.len() > 1 {
                                                values.remove(i);
                                            }
                                        }
                                    })
                            }
                        >
                            "×"
                        </button>
                    </span>
                }
            }
        </For>
        <button
            type="button"
            class="mini"
            on:click=move |_| {
                add.update(|r| {
                    if let Condition::OneOf(values) = &mut r.condition {
                        values.push(Literal::default());
                    }
                })
            }
        >
            "+ Value"
        </button>
    }
    .into_any()
}

/// The pattern of "matches wildcard".
fn pattern_input(row: ArcRwSignal<Row>) -> AnyView {
    let read = row.clone();
    let text = move || read.with(|r| if let Condition::Matches(p) = &r.condition { p.clone() } else { String::new() });
    let empty = {
        let text = text.clone();
        move || text().is_empty()
    };
    view! {
        <input
            type="text"
            class="builder-value"
            aria-label="Wildcard pattern"
            spellcheck="false"
            placeholder="e.g. adm*  (* any text, ? one character)"
            class:needs-value=empty.clone()
            aria-invalid=move || empty().to_string()
            prop:value=text
            on:input:target=move |ev| {
                let typed = ev.target().value();
                row.update(|r| {
                    if let Condition::Matches(p) = &mut r.condition {
                        *p = typed;
                    }
                });
            }
        />
    }
    .into_any()
}

/// The ends of "between": each a value (empty: open) and whether it is included.
fn range_inputs(row: ArcRwSignal<Row>) -> AnyView {
    let end_editor = |upper: bool| {
        let read = row.clone();
        let write = row.clone();
        let flip = row.clone();
        let end = move |r: &Row| match &r.condition {
            Condition::Between { lower, upper: high } => Some(if upper { high.clone() } else { lower.clone() }),
            _ => None,
        };
        let text = move || read.with(|r| end(r).and_then(|e| e.value).unwrap_or_default());
        let inclusive = move || flip.with(|r| end(r).is_none_or(|e| e.inclusive));
        let change = move |r: &mut Row, f: &dyn Fn(&End) -> End| {
            if let Condition::Between { lower, upper: high } = &mut r.condition {
                let target = if upper { high } else { lower };
                *target = f(target);
            }
        };
        let (incl, excl, label, value_label) = if upper {
            ("to (≤)", "below (<)", "Upper end", "Upper value")
        } else {
            ("from (≥)", "above (>)", "Lower end", "Lower value")
        };
        let set_bound = write.clone();
        view! {
            <span class="builder-range-end">
                <select
                    class="builder-bound"
                    aria-label=label
                    on:change:target=move |ev| {
                        let keep = ev.target().value() == "incl";
                        set_bound
                            .update(|r| change(
                                r,
                                &|e| End {
                                    inclusive: keep,
                                    ..e.clone()
                                },
                            ));
                    }
                >
                    <option value="incl" selected=inclusive.clone()>
                        {incl}
                    </option>
                    <option value="excl" selected=move || !inclusive()>
                        {excl}
                    </option>
                </select>
                <input
                    type="text"
                    class="builder-value builder-end"
                    aria-label=value_label
                    placeholder="* (open)"
                    spellcheck="false"
                    prop:value=text
                    on:input:target=move |ev| {
                        let typed = ev.target().value();
                        write.update(|r| change(r, &|e| e.edited(&typed)));
                    }
                />
            </span>
        }
    };
    let lower = end_editor(false);
    let upper = end_editor(true);
    view! {
        {lower}
        {upper}
    }
    .into_any()
}
