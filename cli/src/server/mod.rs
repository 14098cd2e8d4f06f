//! `dockcoach server`: a Language Server Protocol server over stdio.
//!
//! One thread reads frames ([`transport`]); the main thread owns the documents, answers
//! requests at once and publishes diagnostics when a document's debounce has run out
//! (100 ms by default; `initializationOptions.debounceMs` or the
//! `DOCKCOACH_LSP_DEBOUNCE_MS` environment variable change it). Linting a document takes
//! about a millisecond, so there is no worker pool: reads (hover, code actions) lint the
//! current text themselves when its last lint is stale.
//!
//! Configuration is found as `dockcoach lint` finds it when run in the document's
//! workspace folder (or, outside every folder, in the document's directory), and read
//! again when a config file or `.dockerignore` changes (watched files, or a save in the
//! editor).

mod features;
mod transport;

use crate::discover;
use dockcoach_core::{Diagnostic, LineCol, LineIndex, Parsed, PositionEncoding, Settings};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};
use transport::Incoming;

const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(100);

/// Runs the server until `exit`; the process exit code (0 after `shutdown`, else 1).
pub fn run() -> i32 {
    let (to_server, from_reader) = mpsc::channel();
    let reader = std::thread::Builder::new()
        .name("dockcoach-lsp-reader".to_string())
        .spawn(move || transport::read_loop(io::stdin().lock(), &to_server));
    if reader.is_err() {
        eprintln!("dockcoach: could not start the server's reader thread");
        return 2;
    }
    let stdout = io::stdout();
    let mut server = Server::new(stdout.lock());
    server.main_loop(&from_reader)
}

/// An open document.
struct Doc {
    uri: lsp::Uri,
    version: i32,
    text: String,
    /// The file, for `file:` URIs.
    path: Option<PathBuf>,
    /// When its diagnostics are due (set by edits, cleared when published).
    due: Option<Instant>,
    /// The lint of the current text, computed at most once per text.
    analysis: Option<Rc<Analysis>>,
}

/// What a lint of a document's current text says.
pub struct Analysis {
    pub parsed: Parsed,
    pub diagnostics: Vec<Diagnostic>,
    pub settings: Rc<Settings>,
}

struct Server<W: Write> {
    out: W,
    encoding: PositionEncoding,
    initialized: bool,
    shut_down: bool,
    debounce: Duration,
    folders: Vec<PathBuf>,
    docs: HashMap<String, Doc>,
    /// Settings per directory the config search starts from (the defaults when the file
    /// could not be read; the editor was told why).
    configs: HashMap<PathBuf, Rc<Settings>>,
    next_request: i32,
    watch_dynamically: bool,
}

impl<W: Write> Server<W> {
    fn new(out: W) -> Self {
        let debounce = std::env::var("DOCKCOACH_LSP_DEBOUNCE_MS")
            .ok()
            .and_then(|ms| ms.trim().parse::<u64>().ok())
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
        Server {
            out,
            encoding: PositionEncoding::Utf16,
            initialized: false,
            shut_down: false,
            debounce,
            folders: Vec::new(),
            docs: HashMap::new(),
            configs: HashMap::new(),
            next_request: 0,
            watch_dynamically: false,
        }
    }

    fn main_loop(&mut self, incoming: &mpsc::Receiver<Incoming>) -> i32 {
        loop {
            let next = match self.next_due() {
                Some(due) => incoming.recv_timeout(due.saturating_duration_since(Instant::now())),
                None => incoming.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match next {
                Ok(Incoming::Message(message)) => {
                    let id = match &message {
                        Message::Request(request) => Some(request.id.clone()),
                        _ => None,
                    };
                    // A bug must not take the editor's server down: the request gets an
                    // error (the panic message went to stderr, the client's log) and the
                    // server goes on.
                    match panic::catch_unwind(AssertUnwindSafe(|| self.handle(message))) {
                        Ok(Some(code)) => return code,
                        Ok(None) => {}
                        Err(_) => {
                            if let Some(id) = id {
                                self.respond_error(
                                    id,
                                    ErrorCode::InternalError,
                                    "internal error in dockcoach (please report it)".to_string(),
                                );
                            }
                        }
                    }
                }
                Ok(Incoming::Malformed { code, message }) => {
                    let written = transport::write_null_id_error(&mut self.out, code, &message);
                    self.write_result(written);
                }
                Ok(Incoming::InvalidRequest { id, message }) => {
                    self.respond_error(id, ErrorCode::InvalidRequest, message);
                }
                Ok(Incoming::Eof) | Err(RecvTimeoutError::Disconnected) => {
                    // The client went away without `exit`.
                    return 1;
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            if panic::catch_unwind(AssertUnwindSafe(|| self.publish_due())).is_err() {
                self.log(
                    lsp::MessageType::ERROR,
                    "internal error in dockcoach while linting (please report it)",
                );
            }
        }
    }

    fn next_due(&self) -> Option<Instant> {
        self.docs.values().filter_map(|d| d.due).min()
    }

    fn publish_due(&mut self) {
        let now = Instant::now();
        let mut due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(k, _)| k.clone())
            .collect();
        due.sort();
        for key in due {
            self.publish(&key);
        }
    }

    /// Handles one message; `Some(code)` ends the server.
    fn handle(&mut self, message: Message) -> Option<i32> {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return Some(if self.shut_down { 0 } else { 1 });
                }
                self.notification(notification);
            }
            // Answers to our own requests (client/registerCapability) need nothing.
            Message::Response(_) => {}
        }
        None
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        if self.shut_down {
            return self.respond_error(
                id,
                ErrorCode::InvalidRequest,
                format!("`{method}` after shutdown"),
            );
        }
        if !self.initialized && method != "initialize" {
            return self.respond_error(
                id,
                ErrorCode::ServerNotInitialized,
                format!("`{method}` before initialize"),
            );
        }
        let result = match method.as_str() {
            "initialize" if self.initialized => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            )),
            "initialize" => parse(params).map(|p| self.initialize(p)),
            "shutdown" => {
                self.shut_down = true;
                Ok(serde_json::Value::Null)
            }
            "textDocument/hover" => parse(params).map(|p| self.hover(&p)),
            "textDocument/codeAction" => parse(params).map(|p| self.code_actions(&p)),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method `{method}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response));
    }

    fn notification(&mut self, notification: Notification) {
        if !self.initialized || self.shut_down {
            return;
        }
        let Notification { method, params } = notification;
        let handled = match method.as_str() {
            "initialized" => {
                self.register_watchers();
                Ok(())
            }
            "textDocument/didOpen" => parse(params).map(|p| self.did_open(p)),
            "textDocument/didChange" => parse(params).map(|p| self.did_change(p)),
            "textDocument/didSave" => parse::<lsp::DidSaveTextDocumentParams>(params).map(|p| {
                if is_config_uri(&p.text_document.uri) {
                    self.reload_config();
                }
            }),
            "textDocument/didClose" => parse(params).map(|p| self.did_close(&p)),
            "workspace/didChangeWatchedFiles" => parse::<lsp::DidChangeWatchedFilesParams>(params)
                .map(|p| {
                    if p.changes.iter().any(|c| is_config_uri(&c.uri)) {
                        self.reload_config();
                    }
                }),
            "workspace/didChangeConfiguration" => {
                self.reload_config();
                Ok(())
            }
            "workspace/didChangeWorkspaceFolders" => {
                parse::<lsp::DidChangeWorkspaceFoldersParams>(params).map(|p| {
                    let removed: Vec<PathBuf> = (p.event.removed.iter())
                        .filter_map(|f| uri_to_path(&f.uri))
                        .collect();
                    self.folders.retain(|f| !removed.contains(f));
                    self.folders
                        .extend(p.event.added.iter().filter_map(|f| uri_to_path(&f.uri)));
                    self.reload_config();
                })
            }
            // `$/cancelRequest`, `$/setTrace` and anything unknown: nothing to do (a
            // notification gets no answer).
            _ => Ok(()),
        };
        if let Err((_, message)) = handled {
            self.log(lsp::MessageType::WARNING, &format!("{method}: {message}"));
        }
    }

    fn initialize(&mut self, params: lsp::InitializeParams) -> serde_json::Value {
        self.initialized = true;
        if let Some(ms) = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("debounceMs"))
            .and_then(serde_json::Value::as_u64)
        {
            self.debounce = Duration::from_millis(ms);
        }
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.clone())
            .unwrap_or_default();
        let (encoding, kind) = negotiate_encoding(&offered);
        self.encoding = encoding;
        if let Some(folders) = &params.workspace_folders {
            self.folders = folders.iter().filter_map(|f| uri_to_path(&f.uri)).collect();
        }
        #[allow(deprecated)]
        if self.folders.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(uri_to_path)
        {
            self.folders.push(root);
        }
        self.watch_dynamically = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(kind),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![
                        lsp::CodeActionKind::QUICKFIX,
                        lsp::CodeActionKind::new(features::FIX_ALL_KIND),
                    ]),
                    resolve_provider: Some(false),
                    ..Default::default()
                },
            )),
            workspace: Some(lsp::WorkspaceServerCapabilities {
                workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(lsp::OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        };
        let result = lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "dockcoach".to_string(),
                version: Some(dockcoach_core::version().to_string()),
            }),
        };
        serde_json::to_value(result).unwrap_or(serde_json::Value::Null)
    }

    /// Asks the client to tell us about config files (and `.dockerignore` files) that change.
    fn register_watchers(&mut self) {
        if !self.watch_dynamically {
            return;
        }
        let names = discover::CONFIG_NAMES.join(",");
        let watchers = [
            format!("**/{{{names}}}"),
            "**/.dockerignore".to_string(),
            "**/*.dockerignore".to_string(),
        ]
        .into_iter()
        .map(|glob| lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::String(glob),
            kind: None,
        })
        .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "dockcoach-config-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("dockcoach-{}", self.next_request));
        let request = Request::new(id, "client/registerCapability".to_string(), params);
        self.send(Message::Request(request));
    }

    fn did_open(&mut self, params: lsp::DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = uri_to_path(&item.uri);
        let name = uri_file_name(&item.uri);
        let is_dockerfile = item.language_id.eq_ignore_ascii_case("dockerfile")
            || name.as_deref().is_some_and(discover::is_dockerfile_name);
        if !is_dockerfile {
            return;
        }
        let key = item.uri.as_str().to_string();
        self.docs.insert(
            key.clone(),
            Doc {
                uri: item.uri,
                version: item.version,
                text: item.text,
                path,
                due: None,
                analysis: None,
            },
        );
        self.publish(&key);
    }

    fn did_change(&mut self, params: lsp::DidChangeTextDocumentParams) {
        let encoding = self.encoding;
        let due = Instant::now() + self.debounce;
        let Some(doc) = self.docs.get_mut(params.text_document.uri.as_str()) else {
            return;
        };
        for change in params.content_changes {
            match change.range {
                Some(range) => {
                    let index = LineIndex::new(&doc.text);
                    let start = offset(&doc.text, &index, range.start, encoding);
                    let end = offset(&doc.text, &index, range.end, encoding);
                    let (start, end) = (start.min(end), start.max(end));
                    doc.text.replace_range(start..end, &change.text);
                }
                None => doc.text = change.text,
            }
        }
        doc.version = params.text_document.version;
        doc.analysis = None;
        doc.due = Some(due);
    }

    fn did_close(&mut self, params: &lsp::DidCloseTextDocumentParams) {
        if let Some(doc) = self.docs.remove(params.text_document.uri.as_str()) {
            let params = lsp::PublishDiagnosticsParams {
                uri: doc.uri,
                diagnostics: Vec::new(),
                version: None,
            };
            self.notify("textDocument/publishDiagnostics", params);
        }
    }

    /// Forgets every config and lints every open document again, now.
    fn reload_config(&mut self) {
        self.configs.clear();
        let mut keys: Vec<String> = self.docs.keys().cloned().collect();
        keys.sort();
        for key in keys {
            if let Some(doc) = self.docs.get_mut(&key) {
                doc.analysis = None;
            }
            self.publish(&key);
        }
    }

    /// Lints a document (if its lint is stale) and publishes its diagnostics.
    fn publish(&mut self, key: &str) {
        // Not due any more, even if linting fails.
        if let Some(doc) = self.docs.get_mut(key) {
            doc.due = None;
        }
        let Some(analysis) = self.analysis(key) else {
            return;
        };
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        let diagnostics = analysis
            .diagnostics
            .iter()
            .map(|d| features::to_lsp_diagnostic(&analysis, d, self.encoding))
            .collect();
        let params = lsp::PublishDiagnosticsParams {
            uri: doc.uri.clone(),
            diagnostics,
            version: Some(doc.version),
        };
        self.notify("textDocument/publishDiagnostics", params);
    }

    /// The lint of a document's current text.
    fn analysis(&mut self, key: &str) -> Option<Rc<Analysis>> {
        let doc = self.docs.get(key)?;
        if let Some(analysis) = &doc.analysis {
            return Some(analysis.clone());
        }
        let path = doc.path.clone();
        let settings = self.settings_for(path.as_deref());
        let doc = self.docs.get_mut(key)?;
        let parsed = dockcoach_core::parse(&doc.text);
        let diagnostics = dockcoach_core::lint(&parsed, &settings);
        let analysis = Rc::new(Analysis {
            parsed,
            diagnostics,
            settings,
        });
        doc.analysis = Some(analysis.clone());
        Some(analysis)
    }

    /// The settings for a document: its workspace folder's config (found as
    /// `dockcoach lint` finds it from there), plus the `.dockerignore` that applies.
    fn settings_for(&mut self, path: Option<&Path>) -> Rc<Settings> {
        let folder = path.and_then(|p| {
            self.folders
                .iter()
                .filter(|f| p.starts_with(f))
                .max_by_key(|f| f.as_os_str().len())
        });
        let start = match (folder, path) {
            (Some(folder), _) => Some(folder.clone()),
            (None, Some(path)) => path.parent().map(Path::to_path_buf),
            (None, None) => self.folders.first().cloned(),
        };
        let base = match &start {
            Some(start) => match self.configs.get(start) {
                Some(settings) => settings.clone(),
                None => {
                    let settings = Rc::new(self.load_config(start));
                    self.configs.insert(start.clone(), settings.clone());
                    settings
                }
            },
            None => Rc::new(Settings::default()),
        };
        match path.and_then(read_dockerignore) {
            Some(text) => {
                let mut settings = (*base).clone();
                settings.dockerignore = Some(text);
                Rc::new(settings)
            }
            None => base,
        }
    }

    fn load_config(&mut self, start: &Path) -> Settings {
        let Some(path) = discover::find_config(start) else {
            return Settings::default();
        };
        let loaded = std::fs::read_to_string(&path)
            .map_err(|err| discover::io_message(&err))
            .and_then(|text| crate::lint::parse_config(&path, &text).map_err(|e| e.to_string()));
        match loaded {
            Ok(settings) => settings,
            Err(why) => {
                let message = format!(
                    "dockcoach: {}: {why}; linting with the default settings",
                    path.display()
                );
                self.notify(
                    "window/showMessage",
                    lsp::ShowMessageParams {
                        typ: lsp::MessageType::WARNING,
                        message,
                    },
                );
                Settings::default()
            }
        }
    }

    fn hover(&mut self, params: &lsp::HoverParams) -> serde_json::Value {
        let at = &params.text_document_position_params;
        let key = at.text_document.uri.as_str();
        let Some(analysis) = self.analysis(key) else {
            return serde_json::Value::Null;
        };
        let hover = features::hover(&analysis, at.position, self.encoding);
        serde_json::to_value(hover).unwrap_or(serde_json::Value::Null)
    }

    fn code_actions(&mut self, params: &lsp::CodeActionParams) -> serde_json::Value {
        let uri = &params.text_document.uri;
        let Some(analysis) = self.analysis(uri.as_str()) else {
            return serde_json::Value::Array(Vec::new());
        };
        let actions = features::code_actions(&analysis, uri, params, self.encoding);
        serde_json::to_value(actions).unwrap_or(serde_json::Value::Array(Vec::new()))
    }

    fn log(&mut self, typ: lsp::MessageType, message: &str) {
        let params = lsp::LogMessageParams {
            typ,
            message: message.to_string(),
        };
        self.notify("window/logMessage", params);
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        let notification = Notification::new(method.to_string(), params);
        self.send(Message::Notification(notification));
    }

    fn respond_error(&mut self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        )));
    }

    fn send(&mut self, message: Message) {
        let written = transport::write_message(&mut self.out, &message);
        self.write_result(written);
    }

    fn write_result(&mut self, written: io::Result<()>) {
        if written.is_err() {
            // The client is gone; the reader sees the end of the input and stops us.
            eprintln!("dockcoach: could not write to the client");
        }
    }
}

/// Reads a request's or notification's params; an error is the client's (InvalidParams).
fn parse<T: DeserializeOwned>(params: serde_json::Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params)
        .map_err(|err| (ErrorCode::InvalidParams, format!("invalid params: {err}")))
}

/// UTF-16 unless the client offers only other encodings.
fn negotiate_encoding(
    offered: &[lsp::PositionEncodingKind],
) -> (PositionEncoding, lsp::PositionEncodingKind) {
    let utf16 = (PositionEncoding::Utf16, lsp::PositionEncodingKind::UTF16);
    if offered.is_empty() || offered.contains(&lsp::PositionEncodingKind::UTF16) {
        return utf16;
    }
    for kind in offered {
        if *kind == lsp::PositionEncodingKind::UTF8 {
            return (PositionEncoding::Utf8, kind.clone());
        }
        if *kind == lsp::PositionEncodingKind::UTF32 {
            return (PositionEncoding::Utf32, kind.clone());
        }
    }
    utf16
}

/// An LSP position as a byte offset; a character past the end of its line means the
/// end of the line (before the line break), as the protocol says.
pub fn offset(
    text: &str,
    index: &LineIndex,
    position: lsp::Position,
    encoding: PositionEncoding,
) -> usize {
    let line = position.line as usize;
    if line >= index.line_count() {
        return text.len();
    }
    let at = LineCol {
        line: position.line.saturating_add(1),
        column: position.character.saturating_add(1),
    };
    let offset = index.offset(text, at, encoding);
    let start = index.line_start(line);
    let next = index.line_start(line + 1).min(text.len());
    let line_text = text.get(start..next).unwrap_or("");
    let content = line_text
        .strip_suffix("\r\n")
        .or_else(|| line_text.strip_suffix('\n'))
        .unwrap_or(line_text);
    offset.min(start + content.len())
}

/// A byte offset as an LSP position.
pub fn position(
    text: &str,
    index: &LineIndex,
    offset: usize,
    encoding: PositionEncoding,
) -> lsp::Position {
    let at = index.line_col(text, offset, encoding);
    lsp::Position {
        line: at.line.saturating_sub(1),
        character: at.column.saturating_sub(1),
    }
}

/// The file a `file:` URI names (percent-decoded), or `None` for other schemes.
fn uri_to_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://host/path`: the path starts at the first `/`.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `/C:/Users/...` on Windows.
    let bytes = decoded.as_bytes();
    if cfg!(windows)
        && bytes.len() >= 3
        && bytes.get(2) == Some(&b':')
        && bytes.get(1).is_some_and(u8::is_ascii_alphabetic)
    {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// The last segment of a URI's path, percent-decoded (also for `untitled:` URIs).
fn uri_file_name(uri: &lsp::Uri) -> Option<String> {
    let text = uri.as_str();
    let text = text.split(['?', '#']).next().unwrap_or(text);
    let last = text.rsplit(['/', ':']).next()?;
    percent_decode(last)
}

fn is_config_uri(uri: &lsp::Uri) -> bool {
    uri_file_name(uri).is_some_and(|name| {
        discover::CONFIG_NAMES.contains(&name.as_str())
            || name == ".dockerignore"
            || name.ends_with(".dockerignore")
    })
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `.dockerignore` BuildKit would use for the Dockerfile at `path`:
/// `<Dockerfile>.dockerignore`, else `.dockerignore` beside it (as `dockcoach lint`).
fn read_dockerignore(path: &Path) -> Option<String> {
    let mut own = path.as_os_str().to_owned();
    own.push(".dockerignore");
    std::fs::read_to_string(PathBuf::from(own))
        .ok()
        .or_else(|| std::fs::read_to_string(path.parent()?.join(".dockerignore")).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> lsp::Uri {
        text.parse()
            .unwrap_or_else(|_| panic!("bad test URI {text}"))
    }

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            uri_to_path(&uri("file:///home/a%20b/Dockerfile")),
            Some(PathBuf::from("/home/a b/Dockerfile"))
        );
        assert_eq!(uri_to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(
            uri_file_name(&uri("file:///x/app.Dockerfile")).as_deref(),
            Some("app.Dockerfile")
        );
        assert!(is_config_uri(&uri("file:///x/.hadolint.yaml")));
        assert!(!is_config_uri(&uri("file:///x/Dockerfile")));
    }

    #[test]
    fn positions_past_the_line_end_clamp_before_the_break() {
        let text = "FROM a\r\nRUN 😀 x\n";
        let index = LineIndex::new(text);
        let at = |line, character| {
            offset(
                text,
                &index,
                lsp::Position { line, character },
                PositionEncoding::Utf16,
            )
        };
        assert_eq!(at(0, 99), 6);
        assert_eq!(at(1, 6), text.len() - 3);
        assert_eq!(at(1, 7), text.len() - 2);
        assert_eq!(at(1, 8), text.len() - 1);
        assert_eq!(at(1, 9), text.len() - 1);
        assert_eq!(at(9, 0), text.len());
        let x = text.len() - 2;
        assert_eq!(
            position(text, &index, x, PositionEncoding::Utf16),
            lsp::Position {
                line: 1,
                character: 7
            }
        );
    }
}
