//! Maps the settings panel's controls (a rule on/off, a severity override) onto the
//! core's [`Settings`], so that the panel, `dockcoach.toml` and share links agree.

use dockcoach_core::rules::level;
use dockcoach_core::settings::Level;
use dockcoach_core::{RuleMeta, Settings, Severity};

/// Whether a rule runs under `settings`.
pub fn enabled(settings: &Settings, meta: &RuleMeta) -> bool {
    matches!(level(meta, settings), Level::On(_))
}

/// The severity override the user set for a rule, if any.
pub fn severity_override(settings: &Settings, meta: &RuleMeta) -> Option<Severity> {
    settings
        .overrides
        .iter()
        .find(|(id, _)| meta.matches(id))
        .and_then(|(_, l)| match l {
            Level::On(s) => Some(*s),
            Level::Off => None,
        })
}

fn forget(settings: &mut Settings, meta: &RuleMeta) -> Option<Severity> {
    let kept = severity_override(settings, meta);
    settings.ignored.retain(|id| !meta.matches(id));
    settings.overrides.retain(|id, _| !meta.matches(id));
    kept
}

/// Switches a rule on or off, keeping its severity override.
pub fn set_enabled(settings: &mut Settings, meta: &RuleMeta, on: bool) {
    let kept = forget(settings, meta);
    match (on, kept) {
        (true, Some(s)) => {
            settings
                .overrides
                .insert(meta.code.to_string(), Level::On(s));
        }
        (true, None) if !meta.default_enabled => {
            settings
                .overrides
                .insert(meta.code.to_string(), Level::On(meta.severity));
        }
        (true, None) => {}
        (false, Some(s)) => {
            settings.ignored.push(meta.code.to_string());
            settings
                .overrides
                .insert(meta.code.to_string(), Level::On(s));
        }
        (false, None) => {
            if meta.default_enabled {
                settings.ignored.push(meta.code.to_string());
            }
        }
    }
}

/// Sets (or with `None`, clears) a rule's severity override, keeping it on or off.
pub fn set_severity(settings: &mut Settings, meta: &RuleMeta, severity: Option<Severity>) {
    let on = enabled(settings, meta);
    forget(settings, meta);
    if let Some(s) = severity {
        settings
            .overrides
            .insert(meta.code.to_string(), Level::On(s));
    }
    if !on {
        set_enabled(settings, meta, false);
    } else if severity.is_none() && !meta.default_enabled {
        set_enabled(settings, meta, true);
    }
}

/// A comma- or newline-separated list as the settings keep it.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split([',', '\n', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use dockcoach_core::config::{parse_dockcoach_toml, to_dockcoach_toml};
    use dockcoach_core::rules;

    #[test]
    fn every_rule_toggles_and_overrides_cleanly() {
        for meta in rules::rules() {
            let mut s = Settings::default();
            let default_on = enabled(&s, meta);
            set_enabled(&mut s, meta, !default_on);
            assert_eq!(enabled(&s, meta), !default_on, "{}", meta.code);
            set_severity(&mut s, meta, Some(Severity::Style));
            assert_eq!(enabled(&s, meta), !default_on, "{}", meta.code);
            assert_eq!(severity_override(&s, meta), Some(Severity::Style));
            set_enabled(&mut s, meta, default_on);
            assert_eq!(enabled(&s, meta), default_on);
            assert_eq!(severity_override(&s, meta), Some(Severity::Style));
            set_severity(&mut s, meta, None);
            assert_eq!(s, Settings::default(), "{}", meta.code);
        }
    }

    #[test]
    fn panel_settings_round_trip_through_dockcoach_toml() {
        let mut s = Settings::default();
        let metas = rules::rules();
        set_enabled(&mut s, metas[1], false);
        set_severity(&mut s, metas[2], Some(Severity::Error));
        s.trusted_registries = parse_list("docker.io, ghcr.io\nquay.io");
        assert_eq!(s.trusted_registries.len(), 3);
        let back = parse_dockcoach_toml(&to_dockcoach_toml(&s)).unwrap();
        assert_eq!(back, s);
        assert!(!enabled(&back, metas[1]));
    }
}
