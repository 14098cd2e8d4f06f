//! The app state, every action that changes it, and the one reducer that applies them.

use crate::editor_contract::Range;
use crate::service::{self, Analysis, Fixed};
use dockcoach_core::{Applicability, Settings};
use std::rc::Rc;
use yew::Reducible;

/// Which page is shown (from the URL fragment: `#rules`, `#rules/CODE`).
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Playground,
    Rules,
    Rule(String),
    /// `#ci`: the pipeline generator (lint and scan in CI).
    Ci,
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        if hash == "ci" {
            return Route::Ci;
        }
        match hash.strip_prefix("rules") {
            Some("") | Some("/") => Route::Rules,
            Some(rest) if rest.starts_with('/') => {
                Route::Rule(crate::share::percent_decode(&rest[1..]))
            }
            _ => Route::Playground,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NoticeKind {
    Error,
    Info,
}

/// A message above the editor (a broken share link, a copied link...).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn error(text: impl Into<String>) -> Option<Notice> {
        Some(Notice {
            kind: NoticeKind::Error,
            text: text.into(),
        })
    }

    pub fn info(text: impl Into<String>) -> Option<Notice> {
        Some(Notice {
            kind: NoticeKind::Info,
            text: text.into(),
        })
    }
}

/// A range to show in the editor; `rev` changes on every request so the same finding
/// can be selected twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    pub rev: u64,
    pub range: Range,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The Dockerfile in the editor.
    pub text: Rc<str>,
    /// Bumped whenever the app (not the user typing) changes `text`, so the editor
    /// takes it over.
    pub editor_rev: u64,
    pub settings: Rc<Settings>,
    pub unsafe_fixes: bool,
    pub analysis: Rc<Analysis>,
    /// The fixed Dockerfile for the current text, kept up to date while its panel is open.
    pub fixed: Option<Rc<Fixed>>,
    /// Texts to go back to (newest last).
    pub undo: Vec<Rc<str>>,
    pub route: Route,
    pub notice: Option<Notice>,
    pub selection: Option<Selection>,
    pub theme: String,
}

impl AppState {
    pub fn new(text: String, settings: Settings, unsafe_fixes: bool, route: Route) -> Self {
        let analysis = Rc::new(service::analyze(&text, &settings));
        AppState {
            text: Rc::from(text),
            editor_rev: 0,
            settings: Rc::new(settings),
            unsafe_fixes,
            analysis,
            fixed: None,
            undo: Vec::new(),
            route,
            notice: None,
            selection: None,
            theme: "system".into(),
        }
    }

    pub fn mode(&self) -> Applicability {
        if self.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        }
    }

    fn relint(&mut self) {
        self.analysis = Rc::new(service::analyze(&self.text, &self.settings));
        if self.fixed.is_some() {
            self.refix();
        }
    }

    fn refix(&mut self) {
        self.fixed = Some(Rc::new(service::fix_all(
            &self.text,
            &self.settings,
            self.mode(),
        )));
    }

    /// Replaces the text on the app's behalf, remembering the old one for Undo.
    fn replace_text(&mut self, text: String, undoable: bool) {
        if *self.text == *text {
            return;
        }
        if undoable {
            self.undo.push(self.text.clone());
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.text = Rc::from(text);
        self.editor_rev += 1;
        self.relint();
    }
}

const MAX_UNDO: usize = 50;

pub enum Action {
    /// The user changed the text in the editor.
    Edited(String),
    /// Load a text (an example, a rule's example), undoably.
    Load(String),
    /// Apply one finding's fix.
    FixOne(usize),
    /// Open the fixed view (fix all).
    FixAll,
    CloseFixed,
    /// Put the fixed Dockerfile into the editor.
    ApplyFixed,
    Undo,
    SetUnsafe(bool),
    SetSettings(Settings),
    Route(Route),
    Notice(Option<Notice>),
    /// Show a finding's range in the editor.
    Select(usize),
    SetTheme(String),
    /// Back to the first-visit state (the autosave is cleared by the app).
    Reset,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edited(text) => {
                if *s.text == *text {
                    return self;
                }
                s.text = Rc::from(text);
                s.relint();
            }
            Action::Load(text) => {
                s.route = Route::Playground;
                s.replace_text(text, true);
            }
            Action::FixOne(index) => match service::fix_one(&s.text, &s.analysis, index) {
                Some(text) => {
                    s.replace_text(text, true);
                    s.notice = None;
                }
                None => {
                    s.notice = Notice::error("That fix no longer applies to the current text.");
                }
            },
            Action::FixAll => s.refix(),
            Action::CloseFixed => s.fixed = None,
            Action::ApplyFixed => {
                if let Some(fixed) = s.fixed.clone()
                    && *fixed.input == *s.text
                {
                    s.replace_text(fixed.output.clone(), true);
                }
            }
            Action::Undo => {
                if let Some(text) = s.undo.pop() {
                    s.text = text;
                    s.editor_rev += 1;
                    s.relint();
                }
            }
            Action::SetUnsafe(on) => {
                s.unsafe_fixes = on;
                if s.fixed.is_some() {
                    s.refix();
                }
            }
            Action::SetSettings(settings) => {
                s.settings = Rc::new(settings);
                s.relint();
            }
            Action::Route(route) => s.route = route,
            Action::Notice(notice) => s.notice = notice,
            Action::Select(index) => {
                let Some(f) = s.analysis.findings.get(index) else {
                    return self;
                };
                let rev = s.selection.as_ref().map_or(1, |sel| sel.rev + 1);
                s.selection = Some(Selection {
                    rev,
                    range: Range {
                        line: f.line,
                        column: f.column,
                        end_line: f.end_line,
                        end_column: f.end_column,
                    },
                });
            }
            Action::SetTheme(theme) => s.theme = theme,
            Action::Reset => {
                let theme = s.theme.clone();
                let rev = s.editor_rev + 1;
                s = AppState::new(
                    crate::examples::default_text().to_string(),
                    Settings::default(),
                    false,
                    Route::Playground,
                );
                s.editor_rev = rev;
                s.theme = theme;
                s.notice = Notice::info("Reset: the saved text and settings were cleared.");
            }
        }
        Rc::new(s)
    }
}
