//! The base protocol over a byte stream: `Content-Length` framed JSON-RPC messages.
//!
//! lsp-server's own stdio transport ends the session at the first message it cannot read;
//! here a frame that is not a JSON-RPC message is reported and skipped, so that one bad
//! message from an editor never takes the diagnostics away.

use std::io::{self, BufRead};

use lsp_server::Message;

/// The largest message read (a filing is some hundreds of kilobytes).
const MAX_LEN: usize = 256 << 20;

/// What the next frame held.
pub enum Frame {
    Message(Message),
    /// A frame whose header or body could not be read as a message; why.
    Malformed(String),
}

/// Reads the next frame; `None` at the end of the stream.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            // Stray blank lines between frames are skipped.
            continue;
        }
        match header.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) if n <= MAX_LEN => length = Some(n),
                    _ => return Ok(Some(Frame::Malformed(format!("bad header {header:?}")))),
                }
            }
            Some(_) => {}
            None => return Ok(Some(Frame::Malformed(format!("bad header {header:?}")))),
        }
    }
    let mut body = vec![0; length.unwrap_or(0)];
    input.read_exact(&mut body)?;
    Ok(Some(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Frame::Message(message),
        Err(err) => Frame::Malformed(format!("not a JSON-RPC message: {err}")),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_are_reported_and_the_next_one_read() {
        let stream = format!(
            "{}{}Nonsense\r\n{}",
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
        );
        let mut input = stream.as_bytes();
        let mut kinds = Vec::new();
        while let Some(frame) = read(&mut input).unwrap() {
            kinds.push(match frame {
                Frame::Message(Message::Notification(n)) => n.method,
                Frame::Message(Message::Request(r)) => r.method,
                Frame::Message(Message::Response(_)) => "response".into(),
                Frame::Malformed(_) => "malformed".into(),
            });
        }
        assert_eq!(
            kinds,
            ["malformed", "initialized", "malformed", "shutdown"],
            "{kinds:?}"
        );
    }
}
