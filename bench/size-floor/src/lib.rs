//! Size probes for the playground's page weight, built by `scripts/size-floor.sh` for
//! wasm32 with the playground's `web` profile. Each feature links one part on its own,
//! so the script can report what the parts cost before any playground UI is written.

/// The core: every entry point the playground calls, behind one export.
#[cfg(feature = "core")]
pub mod core_probe {
    use dockcoach_core::config::{parse_dockcoach_toml, parse_hadolint_yaml, to_dockcoach_toml};
    use dockcoach_core::fix::apply_fix;
    use dockcoach_core::knowledge::ci::{Platform, Scanner, pipeline};
    use dockcoach_core::{Applicability, Settings, check, fix, rules};

    /// Runs operation `op` on `len` bytes at `ptr` and returns the length of its answer.
    ///
    /// # Safety
    /// `ptr` must point at `len` readable bytes.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn probe(op: u32, ptr: *const u8, len: usize) -> usize {
        // SAFETY: the caller promises `len` readable bytes at `ptr`.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
        run(op, &String::from_utf8_lossy(bytes))
    }

    /// Runs operation `op` on `text` and returns the length of its answer.
    pub fn run(op: u32, text: &str) -> usize {
        let settings = parse_dockcoach_toml(text).unwrap_or_default();
        let answer: String = match op {
            0 => check(text, &settings)
                .iter()
                .map(|d| format!("{} {}\n", d.code(), d.message))
                .collect(),
            1 => fix(text, &settings, Applicability::Unsafe).output,
            2 => rules::rules()
                .iter()
                .map(|r| r.docs() + &r.section("Example").unwrap_or_default())
                .collect(),
            3 => to_dockcoach_toml(&parse_hadolint_yaml(text).unwrap_or_default()),
            4 => {
                pipeline(Platform::Github, Scanner::Trivy)
                    + &pipeline(Platform::Gitlab, Scanner::Grype)
            }
            _ => check(text, &Settings::default())
                .first()
                .and_then(|d| d.fix.as_ref())
                .and_then(|f| apply_fix(text, f))
                .unwrap_or_default(),
        };
        answer.len()
    }
}

/// A minimal Yew app: a counter of the characters in a textarea; with the `core` feature
/// too, it also shows the length of the core's answer, so both share one std.
#[cfg(all(feature = "yew-app", target_arch = "wasm32"))]
pub mod yew_probe {
    use yew::prelude::*;

    #[function_component(Probe)]
    fn probe() -> Html {
        let text = use_state(String::new);
        let oninput = {
            let text = text.clone();
            Callback::from(move |e: InputEvent| {
                text.set(
                    e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                        .value(),
                )
            })
        };
        let onclick = {
            let text = text.clone();
            Callback::from(move |_| text.set(String::new()))
        };
        html! {
            <main>
                <textarea value={(*text).clone()} {oninput} />
                <button type="button" {onclick}>{"Clear"}</button>
                <p>{format!("{} characters", text.chars().count())}</p>
                <p>{core_answer(&text)}</p>
            </main>
        }
    }

    #[cfg(feature = "core")]
    fn core_answer(text: &str) -> usize {
        let op = text.len() as u32 % 6;
        crate::core_probe::run(op, text)
    }

    #[cfg(not(feature = "core"))]
    fn core_answer(_: &str) -> usize {
        0
    }

    #[wasm_bindgen::prelude::wasm_bindgen(start)]
    pub fn start() {
        yew::Renderer::<Probe>::new().render();
    }
}
