//! `sdlint server` driven as an editor would: a scripted client session over the binary's
//! standard input and output.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::root;
use serde_json::{Value, json};

/// How long the client waits for any one answer.
const PATIENCE: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
}

impl Client {
    fn start(cwd: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sdlint"))
            .arg("server")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Self {
            child,
            stdin,
            messages,
            next_id: 0,
        }
    }

    fn write_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let message = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.write_raw(message.to_string().as_bytes());
    }

    /// Sends a request and waits for its answer, leaving what came before it aside.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.write_raw(message.to_string().as_bytes());
        loop {
            let message = self.next();
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
        }
    }

    fn next(&self) -> Value {
        self.messages
            .recv_timeout(PATIENCE)
            .expect("the server answers in time")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn open(client: &mut Client, path: &Path, text: &str) -> Vec<Value> {
    let uri = uri(path);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    client.diagnostics(&uri)
}

fn change(client: &mut Client, path: &Path, version: u32, text: &str) -> Vec<Value> {
    let uri = uri(path);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version },
                "contentChanges": [ { "text": text } ] }),
    );
    client.diagnostics(&uri)
}

fn initialize(client: &mut Client) {
    let answer = client.request(
        "initialize",
        json!({ "capabilities": {}, "processId": null, "rootUri": null }),
    );
    let capabilities = &answer["result"]["capabilities"];
    assert_eq!(capabilities["textDocumentSync"]["change"], 1, "{answer}");
    assert_eq!(capabilities["hoverProvider"], true);
    client.notify("initialized", json!({}));
}

fn shut_down(mut client: Client) {
    let answer = client.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null, "{answer}");
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn an_editor_session() {
    let mut client = Client::start(root());
    initialize(&mut client);

    // A draft with findings: each with its rule, a link to its docs and its places.
    let draft = root().join("tests/fixtures/inputs/formats/draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let diagnostics = open(&mut client, &draft, &text);
    let found = codes(&diagnostics);
    for rule in ["SD-SIG-005", "SD-EXH-003", "XF-011", "CMR-SMELT-005"] {
        assert!(found.contains(&rule), "{rule} in {found:?}");
    }
    let claim = diagnostics.iter().find(|d| d["code"] == "XF-011").unwrap();
    assert_eq!(claim["source"], "sdlint");
    assert_eq!(claim["severity"], 1);
    assert!(
        claim["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#xf-011")
    );
    assert_eq!(
        claim["relatedInformation"].as_array().map(Vec::len),
        Some(1)
    );

    // Hover on a diagnostic explains its rule.
    let signature = diagnostics
        .iter()
        .find(|d| d["code"] == "SD-SIG-005")
        .unwrap()
        .clone();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri(&draft) },
                "position": signature["range"]["start"] }),
    );
    let explanation = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(explanation.starts_with("## SD-SIG-005"), "{explanation}");
    assert!(explanation.contains("**How to fix:**"));

    // The code action suppresses the rule on its line; applied, the finding goes.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri(&draft) }, "range": signature["range"],
                "context": { "diagnostics": [signature] } }),
    );
    let action = &actions["result"][0];
    assert_eq!(action["kind"], "quickfix", "{actions}");
    let edit = &action["edit"]["changes"][uri(&draft)][0];
    assert_eq!(
        edit["newText"],
        "<!-- sdlint-disable-next-line SD-SIG-005 -- reason -->\n"
    );
    let line = edit["range"]["start"]["line"].as_u64().unwrap() as usize;
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let comment = edit["newText"].as_str().unwrap();
    lines.insert(line, comment);
    let suppressed = change(&mut client, &draft, 2, &lines.concat());
    assert!(!codes(&suppressed).contains(&"SD-SIG-005"));

    // A clean filing; without its signature date, SD-SIG-005 appears.
    let clean = root().join("tests/fixtures/inputs/clean.md");
    let text = std::fs::read_to_string(&clean).unwrap();
    assert_eq!(codes(&open(&mut client, &clean, &text)), Vec::<&str>::new());
    let undated = text.replace("May 22, 2024\n", "");
    assert_ne!(undated, text);
    assert_eq!(
        codes(&change(&mut client, &clean, 2, &undated)),
        ["SD-SIG-005"]
    );

    // A malformed message is skipped; the session goes on.
    client.write_raw(b"{ not json");
    assert_eq!(
        codes(&change(&mut client, &clean, 3, &text)),
        Vec::<&str>::new()
    );

    shut_down(client);
}

#[test]
fn the_configuration_of_the_documents_folder_applies_and_is_reloaded() {
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("server-config");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("sdlint.toml");
    std::fs::write(&config, "ignore = [\"SD-SIG-005\"]\n").unwrap();
    let mut client = Client::start(&dir);
    initialize(&mut client);

    let text = std::fs::read_to_string(root().join("tests/fixtures/inputs/clean.md"))
        .unwrap()
        .replace("May 22, 2024\n", "");
    let draft = dir.join("draft.md");
    assert_eq!(codes(&open(&mut client, &draft, &text)), Vec::<&str>::new());

    std::fs::write(&config, "ignore = []\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [ { "uri": uri(&config), "type": 2 } ] }),
    );
    assert_eq!(codes(&client.diagnostics(&uri(&draft))), ["SD-SIG-005"]);

    shut_down(client);
}

#[test]
fn the_open_documents_of_a_filing_are_checked_together() {
    let folder = root().join("tests/fixtures/filings/with-audit");
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).unwrap();
    let (form, report, audit) = (
        folder.join("form-sd.md"),
        folder.join("ex1-01.md"),
        folder.join("ex1-02.md"),
    );
    let mut client = Client::start(root());
    initialize(&mut client);

    // The Form SD alone: the report it names is not open, so it is missing from the filing.
    let alone = open(&mut client, &form, &read("form-sd.md"));
    assert_eq!(codes(&alone), ["XF-004", "SD-EXH-004"]);
    let message = alone[1]["message"].as_str().unwrap();
    assert!(message.contains("(form-sd.md)"), "{message}");

    // With the report open beside it, both are one filing: the Form SD's finding goes; the
    // report's claim still wants its audit report.
    let report_text = read("ex1-01.md");
    assert_eq!(
        codes(&open(&mut client, &report, &report_text)),
        ["CMR-IPSA-001"]
    );
    assert_eq!(codes(&client.diagnostics(&uri(&form))), Vec::<&str>::new());
    assert_eq!(
        codes(&open(&mut client, &audit, &read("ex1-02.md"))),
        Vec::<&str>::new()
    );
    // The other documents' diagnostics come in the order of their names.
    assert_eq!(
        codes(&client.diagnostics(&uri(&report))),
        Vec::<&str>::new()
    );
    assert_eq!(codes(&client.diagnostics(&uri(&form))), Vec::<&str>::new());

    // A report of another year than the cover's: found in the report, the cover's year as the
    // related place in the other document.
    let other_year = report_text.replacen("December 31, 2023", "December 31, 2022", 1);
    let changed = change(&mut client, &report, 2, &other_year);
    let mismatch = changed
        .iter()
        .find(|d| d["code"] == "XF-001")
        .unwrap_or_else(|| panic!("XF-001 in {changed:?}"));
    let related = mismatch["relatedInformation"].as_array().unwrap();
    assert!(
        related.iter().any(|r| r["location"]["uri"] == uri(&form)),
        "{related:?}"
    );

    // Closed, the report leaves the filing again.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri(&report) } }),
    );
    assert_eq!(
        codes(&client.diagnostics(&uri(&report))),
        Vec::<&str>::new()
    );
    assert_eq!(codes(&client.diagnostics(&uri(&audit))), Vec::<&str>::new());
    assert_eq!(
        codes(&client.diagnostics(&uri(&form))),
        ["XF-004", "SD-EXH-004"]
    );

    shut_down(client);
}
