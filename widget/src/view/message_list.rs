use super::message_row::MessageRow;
use crate::chat::Chat;
use leptos::html;
use leptos::prelude::*;
use salam_core::state::Event;
use wasm_bindgen::{closure::Closure, JsCast};

/// The conversation log. Rows are keyed by the message's stable key (its
/// client id or server id), so a status change never rebuilds a row and
/// screen readers hear each message once.
#[component]
pub fn MessageList() -> impl IntoView {
    let chat = expect_context::<Chat>();
    // Keys never change, and the state bumps `layout` whenever a row is
    // added, removed or moved; the key list is rebuilt only then, not on
    // every keystroke or status change, and at most once a frame: a page
    // of history arrives as fifty messages, and is diffed and drawn once.
    let layout = Memo::new(move |_| chat.with(|s| s.layout));
    let shown = RwSignal::new(layout.get_untracked());
    let frame_pending = StoredValue::new(false);
    let log = NodeRef::<html::Div>::new();
    super::effect(Box::new(move || {
        if layout.get() != shown.get_untracked() && !frame_pending.get_value() {
            frame_pending.set_value(true);
            request_animation_frame(move || {
                frame_pending.try_set_value(false);
                if let Some(now) = layout.try_get_untracked() {
                    shown.try_set(now);
                }
            });
        }
    }));
    // The log is laid out in pages: one per page of history loaded, and the
    // newest one, which takes every new message. A new message updates the
    // newest page only; the browser skips the pages out of view.
    let uppers = move || {
        // `.get()`, not `.track()`: tracking does not refresh a stale memo.
        let _ = shown.get();
        chat.peek(|s| s.pages().iter().copied().chain([u64::MAX]).collect::<Vec<_>>())
    };

    // Where the visitor is: at the newest message (then new ones are
    // followed), or reading an earlier one, remembered as the row at the top
    // and its offset from the top of the log's content. When the layout
    // moves that row (a page of history above, a page drawn for the first
    // time as it comes near), the log scrolls by as much, before the frame
    // is painted (from the ResizeObserver) or before the visitor's scroll is
    // taken as their new place. The browser's own anchoring is off
    // (salam.css): it picked rows of a page still arriving.
    let near_bottom = StoredValue::new(true);
    let anchor: StoredValue<Option<(web_sys::Element, f64)>, LocalStorage> = StoredValue::new_local(None);
    let rows = NodeRef::<html::Div>::new();
    let undo_shift = move |el: &web_sys::HtmlElement| {
        if let Some((row, was)) = anchor.try_get_value().flatten().filter(|(row, _)| row.is_connected()) {
            let now = content_offset(el, &row);
            if (now - was).abs() >= 1.0 {
                el.set_scroll_top(el.scroll_top() + (now - was).round() as i32);
                anchor.try_set_value(Some((row, now)));
            }
        }
    };
    let keep_place = move || {
        // `try_`: the observer can report the log's removal after the view
        // is gone.
        let Some(el) = log.try_get_untracked().flatten() else { return };
        if near_bottom.try_get_value() == Some(true) {
            el.set_scroll_top(el.scroll_height());
        } else {
            undo_shift(&el);
        }
    };
    rows.on_load(move |rows| {
        let on_resize = Closure::<dyn FnMut()>::new(keep_place);
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&rows);
        }
        // Lives as long as the page: a few bytes once per mount.
        on_resize.forget();
    });

    // Near the top: fetch the page before (the nudge off 0 lets the next
    // scroll to the top fire again).
    let load_earlier_if_at_top = move |el: &web_sys::HtmlElement| {
        let has_earlier = chat.peek(|s| s.has_earlier());
        if has_earlier && el.scroll_top() < 64 {
            if el.scroll_top() == 0 {
                el.set_scroll_top(1);
            }
            chat.dispatch(Event::LoadEarlier);
        }
    };
    let on_scroll = move |_| {
        if let Some(el) = log.get_untracked() {
            if !near_bottom.get_value() {
                undo_shift(&el);
            }
            let bottom = el.scroll_height() - el.scroll_top() - el.client_height() < 48;
            near_bottom.set_value(bottom);
            let top_row = rows.get_untracked().filter(|_| !bottom).and_then(|r| reading(&el, &r));
            anchor.set_value(top_row.map(|row| {
                let at = content_offset(&el, &row);
                (row, at)
            }));
            load_earlier_if_at_top(&el);
        }
    };

    view! {
        <div
            class="salam-log"
            role="log"
            aria-label=move || chat.i18n.t("log-label")
            aria-relevant="additions"
            tabindex="0"
            node_ref=log
            on:scroll=on_scroll
        >
            // Hidden by the stylesheet once there is a row.
            <p class="salam-empty">{move || chat.i18n.t("log-empty")}</p>
            <div node_ref=rows>
                <For each=uppers key=|upper| *upper let:upper>
                    <LogPage upper=upper shown=shown />
                </For>
            </div>
        </div>
    }
}

/// The rows with sequence numbers from the page boundary below `upper` up
/// to `upper` (`u64::MAX`: the newest page, with the unsequenced rows).
#[component]
fn LogPage(upper: u64, shown: RwSignal<u64>) -> impl IntoView {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let chat = expect_context::<Chat>();
    // An older page's rows change only with its place in the log; the newest
    // page's rows can also move within it (an acknowledged message takes its
    // place), so only it is read again on every change.
    let range = std::sync::Arc::new([AtomicUsize::new(usize::MAX), AtomicUsize::new(0)]);
    let keys = Memo::new_owning(move |previous: Option<Vec<String>>| {
        let _ = shown.get();
        chat.peek(|s| {
            let lower = s.pages().iter().rev().find(|&&b| b < upper).copied().unwrap_or(0);
            let rows = s.rows_between(lower, upper);
            let (start, end) = (range[0].swap(rows.start, Relaxed), range[1].swap(rows.end, Relaxed));
            let same_place = (start, end) == (rows.start, rows.end);
            match previous {
                Some(keys) if same_place && upper != u64::MAX => (keys, false),
                previous => {
                    let keys: Vec<String> =
                        s.messages.get(rows).unwrap_or_default().iter().map(|m| m.key.clone()).collect();
                    let changed = previous.as_ref() != Some(&keys);
                    (keys, changed)
                }
            }
        })
    });
    view! {
        <div class="salam-page">
            <For each=move || keys.get() key=|k| k.clone() let:key>
                <MessageRow key=key />
            </For>
        </div>
    }
}

/// The first row that starts in view, found by halving: the pages, then
/// the rows of one page (thousands of rows must not be measured on every
/// scroll event). Not a row cut by the edge: the rest of a page still
/// arriving goes in below that one.
fn reading(log: &web_sys::HtmlElement, pages: &web_sys::Element) -> Option<web_sys::Element> {
    let top = log.get_bounding_client_rect().top();
    let mut page = first(pages.children(), top, true);
    while let Some(p) = page {
        // A page not drawn yet (content-visibility) has an estimated height
        // its rows overflow: their places are not where they will be.
        let drawn = p.last_element_child().is_some_and(|last| {
            last.get_bounding_client_rect().bottom() <= p.get_bounding_client_rect().bottom() + 1.0
        });
        if drawn {
            if let Some(row) = first(p.children(), top, false) {
                return Some(row);
            }
        }
        page = p.next_element_sibling();
    }
    None
}

/// Where `row` is in the log's content: its distance from the content's
/// top, whatever the scroll position.
fn content_offset(log: &web_sys::HtmlElement, row: &web_sys::Element) -> f64 {
    row.get_bounding_client_rect().top() - log.get_bounding_client_rect().top() + f64::from(log.scroll_top())
}

/// The first element of `list` (laid out top to bottom) whose bottom, or
/// top, is below `edge`.
fn first(list: web_sys::HtmlCollection, edge: f64, by_bottom: bool) -> Option<web_sys::Element> {
    let (mut lo, mut hi) = (0, list.length());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let rect = list.item(mid)?.get_bounding_client_rect();
        let above = if by_bottom { rect.bottom() <= edge } else { rect.top() < edge };
        if above {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    list.item(lo)
}
