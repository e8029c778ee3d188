//! `sdlint server`: a language server over standard input and output.
//!
//! Text, Markdown and HTML documents are linted when opened and on every change (the client
//! sends the whole text), with the rules and configuration `sdlint check` would use for a file
//! in the document's folder: the nearest `sdlint.toml`, loaded once per configuration file and
//! again when one changes (a watched-file event or a save). Hover on a diagnostic explains its
//! rule; a code action suppresses the rule on that line. A message that cannot be read is
//! reported on standard error and skipped.

mod convert;
mod position;
mod transport;

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionProviderCapability, DidChangeWatchedFilesRegistrationOptions,
    FileSystemWatcher, GlobPattern, Hover, HoverContents, HoverProviderCapability,
    InitializeParams, InitializeResult, MarkupContent, MarkupKind, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use sdlint::filing::{self, Prepared};
use sdlint::{Format, RuleSet};

use super::plan::{Overrides, Plan};
use super::{ConfigArgs, ExitStatus, RuleArgs};
use convert::Published;
use position::Lines;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    config: ConfigArgs,
    /// Where docs/rules.md is (a URL), for each diagnostic's link to its rule [default: the
    /// file in the sources sdlint was built from].
    #[arg(long, value_name = "URL")]
    docs_url: Option<String>,
}

/// The languages of the documents linted whatever their extension.
const LANGUAGES: [&str; 3] = ["plaintext", "markdown", "html"];

pub fn run(args: Args) -> anyhow::Result<ExitStatus> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut server = Server::new(args);
    while let Some(frame) = transport::read(&mut input)? {
        match frame {
            transport::Frame::Malformed(why) => log(&format!("skipped a message: {why}")),
            transport::Frame::Message(message) => {
                if let Some(status) = server.handle(message) {
                    return Ok(status);
                }
            }
        }
    }
    // The client went away without asking the server to exit.
    Ok(ExitStatus::Failure)
}

fn log(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "sdlint server: {message}");
}

fn send(message: impl Into<Message>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = message.into().write(&mut stdout) {
        log(&format!("cannot write to the client: {err}"));
    }
}

/// The rules and plan for the documents under one configuration file (or none).
struct Workspace {
    rules: RuleSet,
    plan: Plan,
}

struct Document {
    text: String,
    version: i32,
    path: PathBuf,
    workspace: Option<Rc<Workspace>>,
    published: Vec<Published>,
}

struct Server {
    args: Args,
    docs_url: String,
    /// By configuration file: loaded once, dropped when a configuration changes.
    workspaces: HashMap<Option<PathBuf>, Rc<Workspace>>,
    documents: HashMap<Url, Document>,
    initialized: bool,
    shutdown: bool,
    watch_files: bool,
}

impl Server {
    fn new(args: Args) -> Self {
        let docs_url = args
            .docs_url
            .clone()
            .unwrap_or_else(|| sdlint::render::RULES_URL.to_owned());
        Self {
            args,
            docs_url,
            workspaces: HashMap::new(),
            documents: HashMap::new(),
            initialized: false,
            shutdown: false,
            watch_files: false,
        }
    }

    /// Handles one message; the exit status once the client says `exit`.
    fn handle(&mut self, message: Message) -> Option<ExitStatus> {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => return self.notification(notification),
            // The only requests sent are registrations, whose answers need no action.
            Message::Response(_) => {}
        }
        None
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if !self.initialized && request.method != req::Initialize::METHOD {
            let code = ErrorCode::ServerNotInitialized as i32;
            return send(Response::new_err(id, code, "not initialized".into()));
        }
        if self.shutdown {
            let code = ErrorCode::InvalidRequest as i32;
            return send(Response::new_err(id, code, "shutting down".into()));
        }
        let response = match request.method.as_str() {
            req::Initialize::METHOD => self.initialize(id, request.params),
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Response::new_ok(id, ())
            }
            req::HoverRequest::METHOD => match serde_json::from_value(request.params) {
                Ok(params) => Response::new_ok(id, self.hover(params)),
                Err(err) => invalid_params(id, &err),
            },
            req::CodeActionRequest::METHOD => match serde_json::from_value(request.params) {
                Ok(params) => Response::new_ok(id, self.code_actions(params)),
                Err(err) => invalid_params(id, &err),
            },
            other => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("sdlint does not answer {other}"),
            ),
        };
        send(response);
    }

    fn initialize(&mut self, id: RequestId, params: serde_json::Value) -> Response {
        let params: InitializeParams = match serde_json::from_value(params) {
            Ok(params) => params,
            Err(err) => return invalid_params(id, &err),
        };
        self.initialized = true;
        self.watch_files = params
            .capabilities
            .workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let capabilities = ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        };
        Response::new_ok(
            id,
            InitializeResult {
                capabilities,
                server_info: Some(ServerInfo {
                    name: "sdlint".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
            },
        )
    }

    fn notification(&mut self, notification: Notification) -> Option<ExitStatus> {
        let method = notification.method.as_str();
        if method == note::Exit::METHOD {
            return Some(if self.shutdown {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            });
        }
        if !self.initialized || self.shutdown {
            return None;
        }
        let params = notification.params;
        let result = match method {
            note::Initialized::METHOD => {
                self.watch_configuration();
                Ok(())
            }
            note::DidOpenTextDocument::METHOD => serde_json::from_value(params).map(|p| {
                let p: lsp_types::DidOpenTextDocumentParams = p;
                let doc = p.text_document;
                if is_linted(&doc.uri, &doc.language_id) {
                    self.open(doc.uri, doc.text, doc.version);
                }
            }),
            note::DidChangeTextDocument::METHOD => serde_json::from_value(params)
                .map(|p: lsp_types::DidChangeTextDocumentParams| self.change(p)),
            note::DidCloseTextDocument::METHOD => {
                serde_json::from_value(params).map(|p: lsp_types::DidCloseTextDocumentParams| {
                    self.close(&p.text_document.uri);
                })
            }
            note::DidSaveTextDocument::METHOD => {
                serde_json::from_value(params).map(|p: lsp_types::DidSaveTextDocumentParams| {
                    if is_configuration(&p.text_document.uri) {
                        self.reload();
                    }
                })
            }
            note::DidChangeWatchedFiles::METHOD => {
                serde_json::from_value(params).map(|p: lsp_types::DidChangeWatchedFilesParams| {
                    if p.changes.iter().any(|c| is_configuration(&c.uri)) {
                        self.reload();
                    }
                })
            }
            _ => Ok(()),
        };
        if let Err(err) = result {
            log(&format!("skipped {method}: {err}"));
        }
        None
    }

    /// Asks the client to report changes to any `sdlint.toml`, when it can.
    fn watch_configuration(&self) {
        if !self.watch_files {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", sdlint::config::FILE_NAME)),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "sdlint-configuration".into(),
            method: note::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        send(Request::new(
            RequestId::from("sdlint-watch".to_owned()),
            req::RegisterCapability::METHOD.into(),
            RegistrationParams {
                registrations: vec![registration],
            },
        ));
    }

    fn open(&mut self, uri: Url, text: String, version: i32) {
        let path = uri
            .to_file_path()
            .unwrap_or_else(|()| PathBuf::from(uri.path()));
        self.documents.insert(
            uri.clone(),
            Document {
                text,
                version,
                path,
                workspace: None,
                published: Vec::new(),
            },
        );
        self.lint(&uri);
    }

    fn change(&mut self, params: lsp_types::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.documents.get_mut(&uri) else {
            return;
        };
        for change in params.content_changes {
            match change.range {
                // A client may send ranges although the server asked for the whole text.
                Some(range) => {
                    let lines = Lines::new(&doc.text);
                    let start = lines.offset(range.start);
                    let end = lines.offset(range.end).max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
                None => doc.text = change.text,
            }
        }
        doc.version = params.text_document.version;
        self.lint(&uri);
    }

    /// Forgets a closed document and lints again the open documents of its folder, which may
    /// have been of its filing.
    fn close(&mut self, uri: &Url) {
        let Some(doc) = self.documents.remove(uri) else {
            return;
        };
        publish(uri.clone(), Vec::new(), None);
        let folder = doc.path.parent();
        let neighbour = self
            .documents
            .iter()
            .filter(|(_, other)| other.path.parent() == folder)
            .map(|(other, _)| other.clone())
            .min();
        if let Some(neighbour) = neighbour {
            self.lint(&neighbour);
        }
    }

    /// Drops every loaded configuration and lints the open documents again.
    fn reload(&mut self) {
        self.workspaces.clear();
        let uris: Vec<Url> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.lint(&uri);
        }
    }

    /// The workspace for a document at `path`: loaded on first use for its configuration. A
    /// configuration or rule pack that does not load is shown to the user, and the document
    /// is linted with the built-in rules alone meanwhile.
    fn workspace(&mut self, path: &Path) -> Option<Rc<Workspace>> {
        let config_path = if self.args.config.isolated {
            None
        } else {
            self.args
                .config
                .config
                .clone()
                .or_else(|| path.parent().and_then(sdlint::config::discover))
        };
        if let Some(workspace) = self.workspaces.get(&config_path) {
            return Some(Rc::clone(workspace));
        }
        let workspace = load(&self.args.rules, config_path.as_deref()).or_else(|err| {
            show_error(&format!("sdlint: {err:#}"));
            let builtin = RuleArgs {
                rules: Vec::new(),
                no_builtin_rules: false,
            };
            load(&builtin, None)
        });
        match workspace {
            Ok(workspace) => {
                let workspace = Rc::new(workspace);
                self.workspaces.insert(config_path, Rc::clone(&workspace));
                Some(workspace)
            }
            Err(err) => {
                log(&format!("cannot load the built-in rules: {err:#}"));
                None
            }
        }
    }

    /// Lints the document at `uri` with the other open documents of its folder: the documents
    /// of one filing (a Form SD and its exhibits) are checked together, as `sdlint check` checks
    /// the files of a folder, and each one's diagnostics are published again.
    fn lint(&mut self, uri: &Url) {
        let Some(path) = self.documents.get(uri).map(|d| d.path.clone()) else {
            return;
        };
        let Some(workspace) = self.workspace(&path) else {
            return;
        };
        let together = workspace.plan.group_filings.value;
        let mut uris: Vec<Url> = if together {
            let folder = path.parent();
            self.documents
                .iter()
                .filter(|(other, doc)| *other != uri && doc.path.parent() == folder)
                .map(|(other, _)| other.clone())
                .collect()
        } else {
            Vec::new()
        };
        uris.sort();
        uris.insert(0, uri.clone());

        let mut linted: Vec<Url> = Vec::new();
        let mut prepared = Vec::new();
        let mut enabled = Vec::new();
        for other in &uris {
            let doc = &self.documents[other];
            // An empty document, say: nothing to report until it has text.
            let Ok(file) = sdlint::input::from_bytes(doc.path.clone(), doc.text.as_bytes()) else {
                continue;
            };
            match workspace.plan.enabled_for(&doc.path, &workspace.rules) {
                Ok(on) => {
                    linted.push(other.clone());
                    prepared.push(Prepared::new(file));
                    enabled.push(on);
                }
                Err(err) => log(&err.to_string()),
            }
        }
        let reports = filing::lint_all(
            prepared,
            enabled,
            together,
            &workspace.rules,
            &workspace.plan.settings,
            workspace.plan.suppressions,
        );
        let mut published: HashMap<Url, Vec<Published>> = HashMap::new();
        {
            let places = |path: &Path| {
                self.documents
                    .iter()
                    .find(|(_, doc)| doc.path == path)
                    .map(|(uri, doc)| (uri, doc.text.as_str()))
            };
            for (other, report) in linted.iter().zip(&reports) {
                let doc = &self.documents[other];
                let found = convert::diagnostics(report, &doc.text, other, &self.docs_url, &places);
                published.insert(other.clone(), found);
            }
        }
        for other in uris {
            let Some(doc) = self.documents.get_mut(&other) else {
                continue;
            };
            doc.published = published.remove(&other).unwrap_or_default();
            doc.workspace = Some(Rc::clone(&workspace));
            let diagnostics = doc.published.iter().map(|p| p.diagnostic.clone()).collect();
            publish(other, diagnostics, Some(doc.version));
        }
    }

    /// The explanation of the rules of the diagnostics at the position.
    fn hover(&self, params: lsp_types::HoverParams) -> Option<Hover> {
        let at = params.text_document_position_params;
        let doc = self.documents.get(&at.text_document.uri)?;
        let rules = &doc.workspace.as_ref()?.rules;
        let offset = Lines::new(&doc.text).offset(at.position);
        let mut shown: Vec<&Published> = Vec::new();
        for found in doc
            .published
            .iter()
            .filter(|p| p.start <= offset && offset <= p.end)
        {
            if !shown.iter().any(|s| s.rule == found.rule) {
                shown.push(found);
            }
        }
        let first = shown.first()?;
        let sections: Vec<String> = shown
            .iter()
            .filter_map(|found| {
                let index = rules.rules.iter().position(|r| r.meta.id == found.rule)?;
                sdlint::docs::rule(rules, index, None).ok()
            })
            .collect();
        if sections.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: sections.join("\n---\n\n"),
            }),
            range: Some(first.diagnostic.range),
        })
    }

    /// A suppression for each rule reported in the range, on the line where it is reported.
    fn code_actions(&self, params: lsp_types::CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let Some(doc) = self.documents.get(&uri) else {
            return Vec::new();
        };
        let lines = Lines::new(&doc.text);
        let start = lines.offset(params.range.start);
        let end = lines.offset(params.range.end);
        let mut seen: Vec<(&str, u32)> = Vec::new();
        let mut actions = Vec::new();
        for found in doc
            .published
            .iter()
            .filter(|p| p.start <= end && start <= p.end)
        {
            let key = (found.rule.as_str(), found.diagnostic.range.start.line);
            if !seen.contains(&key) {
                seen.push(key);
                let action = convert::suppression(found, &doc.text, &uri);
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
        }
        actions
    }
}

fn load(rules: &RuleArgs, config: Option<&Path>) -> anyhow::Result<Workspace> {
    let config = config.map(sdlint::config::Config::load).transpose()?;
    let set = rules.load(config.as_ref())?;
    let plan = Plan::resolve(&Overrides::default(), config, &set)?;
    Ok(Workspace { rules: set, plan })
}

fn publish(uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
    send(Notification::new(
        note::PublishDiagnostics::METHOD.into(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    ));
}

fn show_error(message: &str) {
    log(message);
    send(Notification::new(
        note::ShowMessage::METHOD.into(),
        ShowMessageParams {
            typ: MessageType::ERROR,
            message: message.to_owned(),
        },
    ));
}

fn invalid_params(id: RequestId, err: &serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, err.to_string())
}

/// Whether the document is one sdlint reads as text: by extension (one of
/// [`Format::EXTENSIONS`] but Word's, which is not edited as text), else by language.
fn is_linted(uri: &Url, language: &str) -> bool {
    match Format::from_path(Path::new(uri.path())) {
        Some(format) if format != Format::Docx => true,
        _ => LANGUAGES.contains(&language),
    }
}

/// Whether a change to the file at `uri` can change the rules or configuration.
fn is_configuration(uri: &Url) -> bool {
    let path = Path::new(uri.path());
    path.file_name()
        .is_some_and(|name| name == sdlint::config::FILE_NAME)
        || path.extension().is_some_and(|e| e == "toml")
}
