//! `pingyi serve`: the local web workbench. One workspace folder (a data folder with its
//! `pingyi.toml`, the inputs under names the server chooses, and `out/` as `pingyi run`
//! writes it); pages that walk a clerk through the plan's steps and call the very
//! commands the command line calls. It sits above the command layer; nothing below
//! imports it.

mod check;
mod guard;
mod jobs;
mod mask;
mod pages;
mod routes;
mod steps;
mod upload;
mod view;
mod wording;
mod workspace;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use crate::error::{Error, Result};

pub use workspace::Workspace;

/// The largest request body accepted by default, in MiB (a roster of several million
/// rows fits).
pub const MAX_UPLOAD_MIB: usize = 512;

/// A `pingyi serve` request.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The workspace folder (created if missing).
    pub workspace: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Open the browser on the first page.
    pub open: bool,
    /// The largest request body accepted, in MiB.
    pub max_upload_mib: usize,
}

/// Binds 127.0.0.1, prints the address on stdout, and serves until the process ends.
pub fn serve(opts: &ServeOptions) -> Result<()> {
    let ws = Workspace::open(&opts.workspace)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(e.to_string()))?;
    runtime.block_on(async move {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, opts.port));
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            Error::usage(crate::i18n::msg!("serve-bind", reason => crate::i18n::io_reason(&e)))
        })?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::Internal(e.to_string()))?;
        announce(bound, &ws, opts.open);
        let app = routes::router(jobs::AppState::new(ws, bound, opts.max_upload_mib));
        axum::serve(listener, app)
            .await
            .map_err(|e| Error::Internal(e.to_string()))
    })
}

/// Tells where the workbench listens (the first line of stdout is the address, for
/// scripts), and opens the browser there unless asked not to.
fn announce(bound: SocketAddr, ws: &Workspace, open: bool) {
    use std::io::Write;
    let url = format!("http://{bound}/");
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{url}");
    let text = crate::i18n::msg!(
        "serve-listening",
        url = url,
        workspace = ws.root().display()
    );
    let _ = writeln!(out, "{}", text.render());
    let _ = out.flush();
    if open {
        open_browser(&url);
    }
}

/// Starts the system's browser on `url`; a machine without one is not an error.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", "", url])
    } else if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else {
        ("xdg-open", vec![url])
    };
    let _ = std::process::Command::new(program.0)
        .args(&program.1)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
