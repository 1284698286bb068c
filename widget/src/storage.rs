//! Storage that never throws: `localStorage`, else `sessionStorage`, else
//! memory. Reading `window.localStorage` itself throws a `SecurityError`
//! when cookies are blocked or in a sandboxed iframe, and `setItem` throws
//! `QuotaExceededError` when storage is full; either way the widget keeps
//! working with what it holds in memory.

use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsValue;

thread_local! {
    static MEMORY: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

fn area(name: &str) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    // Reflect, not `window.local_storage()`: the getter itself may throw.
    let value = js_sys::Reflect::get(&window, &JsValue::from_str(name)).ok()?;
    if value.is_null() || value.is_undefined() {
        return None;
    }
    Some(wasm_bindgen::JsCast::unchecked_into(value))
}

fn areas() -> impl Iterator<Item = web_sys::Storage> {
    ["localStorage", "sessionStorage"].into_iter().filter_map(area)
}

/// The stored value, from the first area that answers.
pub fn get(key: &str) -> Option<String> {
    for s in areas() {
        if let Ok(v) = s.get_item(key) {
            return v;
        }
    }
    MEMORY.with(|m| m.borrow().get(key).cloned())
}

/// Stores a value in the first area that accepts it, and in memory.
/// Returns whether it reached a persistent area.
pub fn set(key: &str, value: &str) -> bool {
    MEMORY.with(|m| m.borrow_mut().insert(key.to_string(), value.to_string()));
    areas().any(|s| s.set_item(key, value).is_ok())
}

/// Forgets a value everywhere it may be.
pub fn remove(key: &str) {
    MEMORY.with(|m| m.borrow_mut().remove(key));
    for s in areas() {
        let _ = s.remove_item(key);
    }
}
