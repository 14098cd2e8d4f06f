//! JSON-RPC over stdio with `Content-Length` framing, read by a thread of its own.
//!
//! `lsp_server`'s own stdio transport ends the connection on the first malformed
//! message; an editor's server must answer it with an error and keep going, so the
//! framing is read here and each frame is judged on its own.

use lsp_server::{Message, RequestId};
use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::Sender;

/// The largest message body read into memory (a 1 MiB Dockerfile is far below it).
const MAX_BODY: usize = 64 * 1024 * 1024;
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// What the reader thread hands the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Not JSON, or JSON that is no JSON-RPC message: answered with `id: null`.
    Malformed {
        code: i32,
        message: String,
    },
    /// A request with an id whose shape is wrong (e.g. `method` is not a string).
    InvalidRequest {
        id: RequestId,
        message: String,
    },
    /// Standard input closed or failed.
    Eof,
}

/// Reads frames until EOF, sending each as an [`Incoming`]; stops when the server is gone.
pub fn read_loop(input: impl BufRead, to_server: &Sender<Incoming>) {
    let mut input = input;
    loop {
        let incoming = match read_frame(&mut input) {
            Ok(Some(Ok(body))) => judge(&body),
            Ok(Some(Err(message))) => Incoming::Malformed {
                code: lsp_server::ErrorCode::ParseError as i32,
                message,
            },
            Ok(None) | Err(_) => {
                let _ = to_server.send(Incoming::Eof);
                return;
            }
        };
        let is_exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if to_server.send(incoming).is_err() || is_exit {
            return;
        }
    }
}

/// One frame's body, `Ok(Some(Err(why)))` for a frame whose header is unusable, or
/// `Ok(None)` at the end of the input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    let mut saw_header = false;
    loop {
        line.clear();
        let mut raw = Vec::new();
        // Header lines are short; a longer one is read in pieces (memory stays bounded).
        if input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut raw)?
            == 0
        {
            return Ok(None);
        }
        line.push_str(&String::from_utf8_lossy(&raw));
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between frames are skipped.
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = trimmed.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("invalid Content-Length header `{}`", value.trim())),
            );
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(why)) => return Ok(Some(Err(why))),
        None => return Ok(Some(Err("missing Content-Length header".to_string()))),
    };
    if length > MAX_BODY {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Err(format!(
            "message of {length} bytes is larger than the limit of {MAX_BODY}"
        ))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(Ok(body)))
}

/// Classifies one body.
fn judge(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(err) => {
            return Incoming::Malformed {
                code: lsp_server::ErrorCode::ParseError as i32,
                message: format!("parse error: {err}"),
            };
        }
    };
    if !value.is_object() {
        return Incoming::Malformed {
            code: lsp_server::ErrorCode::InvalidRequest as i32,
            message: "invalid request: a message must be a JSON object".to_string(),
        };
    }
    let id = value.get("id").cloned();
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(err) => {
            let message = format!("invalid request: {err}");
            match id.and_then(|id| serde_json::from_value::<RequestId>(id).ok()) {
                Some(id) => Incoming::InvalidRequest { id, message },
                None => Incoming::Malformed {
                    code: lsp_server::ErrorCode::InvalidRequest as i32,
                    message,
                },
            }
        }
    }
}

/// Writes one message as a frame.
pub fn write_message(out: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(out)?;
    out.flush()
}

/// Writes an error response whose request id is unknown (`"id": null`).
pub fn write_null_id_error(out: &mut impl Write, code: i32, message: &str) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": code, "message": message },
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let (tx, rx) = std::sync::mpsc::channel();
        read_loop(io::Cursor::new(input.as_bytes().to_vec()), &tx);
        rx.try_iter()
            .map(|incoming| match incoming {
                Incoming::Message(Message::Request(r)) => format!("request {}", r.method),
                Incoming::Message(Message::Notification(n)) => {
                    format!("notification {}", n.method)
                }
                Incoming::Message(Message::Response(_)) => "response".to_string(),
                Incoming::Malformed { code, .. } => format!("malformed {code}"),
                Incoming::InvalidRequest { id, .. } => format!("invalid {id}"),
                Incoming::Eof => "eof".to_string(),
            })
            .collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_do_not_end_the_stream() {
        let input = [
            frame("{not json"),
            frame("[1]"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":5}"#),
            "Content-Length: x\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"never read"}"#),
        ]
        .concat();
        assert_eq!(
            frames(&input),
            [
                "malformed -32700",
                "malformed -32600",
                "invalid 7",
                "malformed -32700",
                "request shutdown",
                "notification exit",
            ]
        );
    }

    #[test]
    fn a_huge_header_line_is_skipped() {
        let input = format!(
            "X-Junk: {}\r\n{}",
            "a".repeat(100_000),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#)
        );
        assert_eq!(frames(&input), ["notification exit"]);
    }

    #[test]
    fn a_truncated_body_is_the_end() {
        assert_eq!(frames("Content-Length: 10\r\n\r\n{}"), ["eof"]);
        assert_eq!(frames(""), ["eof"]);
    }
}
