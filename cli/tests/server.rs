//! Black-box test of `dockcoach server`: the real binary, JSON-RPC over its stdin and
//! stdout with `Content-Length` framing, every wait bounded by a timeout.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_dockcoach");
const TIMEOUT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications read while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(BIN)
            .arg("server")
            .current_dir(dir)
            .env_remove("DOCKCOACH_LSP_DEBOUNCE_MS")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("every frame has a Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            backlog: Vec::new(),
            next_id: 0,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(&message.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server; answers its requests (registerCapability).
    fn recv(&mut self) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => panic!("no message from the server in time"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                assert_eq!(message["method"], "client/registerCapability", "{message}");
                let watchers =
                    &message["params"]["registrations"][0]["registerOptions"]["watchers"];
                assert!(watchers.to_string().contains(".hadolint.yaml"), "{message}");
                let id = message["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                continue;
            }
            return message;
        }
    }

    /// Sends a request and returns the whole response message (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(&json!(id))
    }

    fn response(&mut self, id: &Value) -> Value {
        loop {
            let message = self.recv();
            if message.get("id") == Some(id) && message.get("method").is_none() {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> (Option<i64>, Vec<Value>) {
        let found = self.backlog.iter().position(|m| is_publish(m, uri));
        let message = match found {
            Some(i) => self.backlog.remove(i),
            None => loop {
                let message = self.recv();
                if is_publish(&message, uri) {
                    break message;
                }
                self.backlog.push(message);
            },
        };
        let params = &message["params"];
        (
            params["version"].as_i64(),
            params["diagnostics"].as_array().unwrap().clone(),
        )
    }

    fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        panic!("the server did not exit in time");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_publish(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:?}"))
}

/// Byte offset of an LSP position in an ASCII text.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + character
}

/// Applies a code action's edit for `uri` to `text`.
fn apply(text: &str, action: &Value, uri: &str) -> String {
    let mut edits = action["edit"]["changes"][uri].as_array().unwrap().clone();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(text, &e["range"]["start"])));
    let mut text = text.to_string();
    for edit in edits {
        let start = offset(&text, &edit["range"]["start"]);
        let end = offset(&text, &edit["range"]["end"]);
        text.replace_range(start..end, edit["newText"].as_str().unwrap());
    }
    text
}

fn action<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains(title))
        .unwrap_or_else(|| panic!("no action `{title}` in {actions:#?}"))
}

#[test]
fn the_language_server_lints_fixes_hovers_and_follows_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let root_uri = format!("file://{}", root.display());
    let uri = format!("{root_uri}/Dockerfile");
    let mut text = "FROM alpine:3.20\nADD app.py /app/\n".to_string();
    let mut client = Client::start(&root);

    // initialize: incremental sync, hover, code actions with the fix-all kind.
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "w"}],
            "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
            "initializationOptions": {"debounceMs": 10},
        }),
    );
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "{init}");
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(caps["hoverProvider"], true, "{init}");
    assert!(
        caps["codeActionProvider"]["codeActionKinds"]
            .to_string()
            .contains("source.fixAll.dockcoach"),
        "{init}"
    );
    assert_eq!(init["result"]["serverInfo"]["name"], "dockcoach");
    client.notify("initialized", json!({}));

    // didOpen: diagnostics with exact ranges, codes, severities and rule links.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}}),
    );
    let (version, diagnostics) = client.diagnostics(&uri);
    assert_eq!(version, Some(1));
    let add = find(&diagnostics, "DL3020");
    assert_eq!(
        add["range"],
        json!({"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 3}})
    );
    assert_eq!(add["severity"], 1);
    assert_eq!(add["source"], "dockcoach");
    // The default rule link is a path in the repository, which an editor cannot open,
    // unless the build set an absolute one (DOCKCOACH_RULES_URL).
    if let Some(href) = add["codeDescription"]["href"].as_str() {
        assert!(href.contains("://") && href.contains("DL3020"), "{add}");
    }
    assert!(!codes(&diagnostics).contains(&"DL4000".to_string()));

    // didChange (incremental): a MAINTAINER line appended makes DL4000 appear.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
                "text": "MAINTAINER me\n",
            }],
        }),
    );
    text.push_str("MAINTAINER me\n");
    let (version, diagnostics) = client.diagnostics(&uri);
    assert_eq!(version, Some(2));
    let maintainer = find(&diagnostics, "DL4000");
    assert_eq!(
        maintainer["range"]["start"],
        json!({"line": 2, "character": 0})
    );
    assert!(codes(&diagnostics).contains(&"DL3020".to_string()));

    // Hover on a finding shows the rule's docs; on a keyword, the keyword.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 1}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("DL3020"), "{value}");
    assert!(value.contains("## What it does"), "{value}");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("**FROM**"), "{value}");

    // Code actions: the fix, applied, gives the fixed text; the ignore comment silences.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
            "context": {"diagnostics": []},
        }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let fix = action(&actions, "Replace `ADD` with `COPY`");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(
        apply(&text, fix, &uri),
        "FROM alpine:3.20\nCOPY app.py /app/\nMAINTAINER me\n"
    );
    let ignore = action(&actions, "Ignore `DL3020` for this instruction");
    let ignored = apply(&text, ignore, &uri);
    assert_eq!(
        ignored,
        "FROM alpine:3.20\n# dockcoach ignore=DL3020\nADD app.py /app/\nMAINTAINER me\n"
    );
    // Unsafe fixes say so.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 16}},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(titles.iter().any(|t| t.ends_with("(unsafe)")), "{titles:?}");
    assert!(
        actions.iter().all(|a| a["kind"] == "quickfix"),
        "{titles:?}"
    );
    // Fix all (source.fixAll) applies every safe fix.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.dockcoach");
    let fixed = apply(&text, &actions[0], &uri);
    assert!(fixed.contains("\nCOPY app.py /app/\n"), "{fixed}");
    assert!(
        fixed.contains("LABEL org.opencontainers.image.authors=\"me\""),
        "{fixed}"
    );
    assert!(
        fixed.starts_with("FROM alpine:3.20\n"),
        "unsafe fixes stay out: {fixed}"
    );

    // The ignore comment, sent as a full-text change, silences DL3020.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": ignored}]}),
    );
    let (version, diagnostics) = client.diagnostics(&uri);
    assert_eq!(version, Some(3));
    assert!(!codes(&diagnostics).contains(&"DL3020".to_string()));
    assert!(codes(&diagnostics).contains(&"DL4000".to_string()));

    // A config file appears: the diagnostics follow it.
    std::fs::write(root.join(".hadolint.yaml"), "ignored:\n  - DL4000\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root_uri}/.hadolint.yaml"), "type": 1}]}),
    );
    let (_, diagnostics) = client.diagnostics(&uri);
    assert!(
        !codes(&diagnostics).contains(&"DL4000".to_string()),
        "{diagnostics:?}"
    );
    assert!(!diagnostics.is_empty());
    // `dockcoach.toml` (it wins over `.hadolint.yaml`) sets where rule links point.
    std::fs::write(
        root.join("dockcoach.toml"),
        "rules-url = \"https://example.org/rules/{code}.html\"\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root_uri}/dockcoach.toml"), "type": 1}]}),
    );
    let (_, diagnostics) = client.diagnostics(&uri);
    assert_eq!(
        find(&diagnostics, "DL4000")["codeDescription"]["href"],
        "https://example.org/rules/DL4000.html"
    );
    // A broken config saved in the editor (`.dockcoach.toml` wins over `dockcoach.toml`):
    // the editor is told, and the defaults apply.
    std::fs::write(root.join(".dockcoach.toml"), "ignored = [\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": format!("{root_uri}/.dockcoach.toml")}}),
    );
    let (_, diagnostics) = client.diagnostics(&uri);
    assert!(
        codes(&diagnostics).contains(&"DL4000".to_string()),
        "{diagnostics:?}"
    );
    let warning = client
        .backlog
        .iter()
        .find(|m| m["method"] == "window/showMessage")
        .unwrap_or_else(|| panic!("no showMessage in {:?}", client.backlog));
    assert_eq!(warning["params"]["type"], 2);
    assert!(
        warning["params"]["message"]
            .as_str()
            .unwrap()
            .contains(".dockcoach.toml"),
        "{warning}"
    );

    // Bad input gets errors and the server keeps going.
    client.send_raw("{not json");
    let error = client.response(&Value::Null);
    assert_eq!(error["error"]["code"], -32700, "{error}");
    let unknown = client.request("dockcoach/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = client.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}}),
    );
    assert!(hover["result"]["contents"]["value"].is_string(), "{hover}");

    // shutdown, then exit: exit code 0.
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(0));
}

#[test]
fn exit_without_shutdown_is_an_error_and_other_files_are_not_linted() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    let before = client.request("textDocument/hover", json!({}));
    assert_eq!(before["error"]["code"], -32002, "{before}");
    let init = client.request("initialize", json!({"capabilities": {}}));
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    client.notify("initialized", json!({}));
    let readme = "file:///tmp/README.md";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": readme, "languageId": "markdown", "version": 1, "text": "FROM x\n"}}),
    );
    let named = "file:///tmp/app.Dockerfile";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": named, "languageId": "plaintext", "version": 1, "text": "FROM ubuntu\n"}}),
    );
    let (_, diagnostics) = client.diagnostics(named);
    assert!(codes(&diagnostics).contains(&"DL3006".to_string()));
    assert!(
        !client.backlog.iter().any(|m| is_publish(m, readme)),
        "a Markdown file got diagnostics"
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(1));
}

#[test]
fn edits_are_debounced_and_reads_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let uri = format!("file://{}/Containerfile", root.display());
    let mut client = Client::start(&root);
    client.request(
        "initialize",
        json!({"capabilities": {}, "initializationOptions": {"debounceMs": 400}}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": "FROM alpine:3.20\n"}}),
    );
    let (version, _) = client.diagnostics(&uri);
    assert_eq!(version, Some(1), "opening publishes at once");
    let started = Instant::now();
    for (version, text) in [(2, "ADD a /a\n"), (3, "MAINTAINER me\n")] {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": version - 1, "character": 0}, "end": {"line": version - 1, "character": 0}},
                    "text": text,
                }],
            }),
        );
    }
    // A read during the debounce sees the latest text at once.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 1}}),
    );
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "the hover waited"
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("DL4000"), "{value}");
    assert!(!client.backlog.iter().any(|m| is_publish(m, &uri)));
    // One publish, for the last version, after the debounce.
    let (version, diagnostics) = client.diagnostics(&uri);
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(version, Some(3));
    assert!(codes(&diagnostics).contains(&"DL3020".to_string()));
    assert!(codes(&diagnostics).contains(&"DL4000".to_string()));
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(0));
}

#[test]
fn hostile_input_gets_errors_and_the_server_survives() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let uri = format!("file://{}/Dockerfile", root.display());
    let mut client = Client::start(&root);
    client.request(
        "initialize",
        json!({"capabilities": {}, "initializationOptions": {"debounceMs": 0}}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\nRUN echo 😀 x\n"}}),
    );
    client.diagnostics(&uri);
    // Ranges past the end, reversed, and inside a surrogate pair.
    for (version, range) in [
        (
            2,
            json!({"start": {"line": 99, "character": 99}, "end": {"line": 0, "character": 4}}),
        ),
        (
            3,
            json!({"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 11}}),
        ),
        (
            4,
            json!({"start": {"line": 0, "character": 4294967295u32}, "end": {"line": 4294967295u32, "character": 0}}),
        ),
    ] {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": "é"}]}),
        );
        let (published, _) = client.diagnostics(&uri);
        assert_eq!(published, Some(version));
    }
    let far = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4294967295u32, "character": 4294967295u32}}),
    );
    assert!(far.get("error").is_none(), "{far}");
    let unknown_doc = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": "file:///nowhere/Dockerfile"},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        }),
    );
    assert_eq!(unknown_doc["result"], json!([]), "{unknown_doc}");
    // Bad params on a notification: logged, no answer.
    client.notify("textDocument/didOpen", json!({"textDocument": 5}));
    // A string id is echoed; a method that is not a string is an invalid request.
    client.send(&json!({"jsonrpc": "2.0", "id": "abc", "method": "nope"}));
    let error = client.response(&json!("abc"));
    assert_eq!(error["error"]["code"], -32601, "{error}");
    client.send(&json!({"jsonrpc": "2.0", "id": 77, "method": 5}));
    let error = client.response(&json!(77));
    assert_eq!(error["error"]["code"], -32600, "{error}");
    // Invalid UTF-8 and a non-object body.
    let body = b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\"}";
    write!(client.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
    client.stdin.write_all(body).unwrap();
    client.stdin.flush().unwrap();
    let error = client.response(&Value::Null);
    assert_eq!(error["error"]["code"], -32700, "{error}");
    client.send_raw("[1, 2]");
    let error = client.response(&Value::Null);
    assert_eq!(error["error"]["code"], -32600, "{error}");
    // Still alive and consistent.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    assert!(
        client
            .backlog
            .iter()
            .any(|m| m["method"] == "window/logMessage"
                && m["params"]["message"].as_str().unwrap().contains("didOpen")),
        "the bad didOpen was logged: {:?}",
        client.backlog
    );
    client.request("shutdown", Value::Null);
    let after = client.request("textDocument/hover", json!({}));
    assert_eq!(after["error"]["code"], -32600, "{after}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(0));
}

#[test]
fn positions_are_utf16_unless_the_client_offers_only_another_encoding() {
    let text = "FROM alpine:3.20\nRUN echo \"é😀\" && sudo ls\n";
    for (offered, kind, character) in [
        (json!(null), "utf-16", 18),
        (json!(["utf-16", "utf-8"]), "utf-16", 18),
        (json!(["utf-8"]), "utf-8", 21),
        (json!(["utf-32"]), "utf-32", 17),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut client = Client::start(dir.path());
        let init = client.request(
            "initialize",
            json!({"capabilities": {"general": {"positionEncodings": offered}}}),
        );
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], kind);
        client.notify("initialized", json!({}));
        let uri = "untitled:Untitled-1";
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}}),
        );
        let (_, diagnostics) = client.diagnostics(uri);
        let sudo = find(&diagnostics, "DL3004");
        assert_eq!(
            sudo["range"]["start"],
            json!({"line": 1, "character": character}),
            "{kind}"
        );
        client.request("shutdown", Value::Null);
        client.notify("exit", Value::Null);
        assert_eq!(client.wait_exit(), Some(0));
    }
}

#[test]
fn each_workspace_folder_has_its_own_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for name in ["a", "b"] {
        std::fs::create_dir_all(root.join(name).join("sub")).unwrap();
    }
    std::fs::write(root.join("a/.hadolint.yaml"), "ignored: [DL3020]\n").unwrap();
    std::fs::write(root.join("b/sub/.hadolint.yaml"), "ignored: [DL3006]\n").unwrap();
    let folder = |name: &str| format!("file://{}/{name}", root.display());
    let mut client = Client::start(&root);
    client.request(
        "initialize",
        json!({
            "capabilities": {},
            "workspaceFolders": [{"uri": folder("a"), "name": "a"}, {"uri": folder("b"), "name": "b"}],
            "initializationOptions": {"debounceMs": 0},
        }),
    );
    client.notify("initialized", json!({}));
    let text = "FROM ubuntu\nADD x /x\n";
    let mut found = Vec::new();
    // b/sub's config is not b's: `dockcoach lint` run in b would not read it either.
    for path in ["a/sub/Dockerfile", "b/sub/Dockerfile"] {
        let uri = format!("file://{}/{path}", root.display());
        client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}}),
        );
        let (_, diagnostics) = client.diagnostics(&uri);
        let mut codes = codes(&diagnostics);
        codes.retain(|c| c == "DL3020" || c == "DL3006");
        found.push(codes);
    }
    assert_eq!(found, [vec!["DL3006"], vec!["DL3006", "DL3020"]]);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(0));
}
