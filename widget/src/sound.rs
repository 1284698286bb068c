//! The optional reply chime (`sound: true`): two short notes made with Web
//! Audio, so no audio file is fetched. Browsers let a page make sound only
//! after the visitor has interacted with it; before that this is silent.

use std::cell::RefCell;
use wasm_bindgen::JsValue;

thread_local! {
    /// One context for the page: browsers limit how many a page may open.
    static CONTEXT: RefCell<Option<web_sys::AudioContext>> = const { RefCell::new(None) };
}

/// Plays the chime, or nothing if the browser will not.
pub fn chime() {
    let _ = CONTEXT.with(|c| -> Result<(), JsValue> {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(web_sys::AudioContext::new()?);
        }
        let Some(ctx) = c.as_ref() else { return Ok(()) };
        // Suspended until the visitor has interacted with the page.
        let _ = ctx.resume();
        let now = ctx.current_time();
        for (i, freq) in [880.0_f32, 1318.5].into_iter().enumerate() {
            let start = now + i as f64 * 0.12;
            let osc = ctx.create_oscillator()?;
            osc.frequency().set_value(freq);
            let gain = ctx.create_gain()?;
            let level = gain.gain();
            level.set_value_at_time(0.0, start)?;
            level.linear_ramp_to_value_at_time(0.12, start + 0.01)?;
            level.exponential_ramp_to_value_at_time(0.001, start + 0.25)?;
            osc.connect_with_audio_node(&gain)?;
            gain.connect_with_audio_node(&ctx.destination())?;
            osc.start_with_when(start)?;
            osc.stop_with_when(start + 0.3)?;
        }
        Ok(())
    });
}
