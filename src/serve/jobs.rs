//! One piece of work at a time: a step runs on a blocking thread (never on the thread
//! that answers requests), the pages ask `/status` how it goes, and a second request
//! that would change the workspace while one runs is refused (409), not queued.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::i18n::{Lang, Message};

use super::Workspace;

/// A table shown on a page: a header, rows, and an optional total row.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TableView {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total: Option<Vec<String>>,
}

/// A refused input, shown next to the field that sent it, with the sheet around the
/// cell it names where it has one.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The form field the input came from.
    pub field: &'static str,
    pub message: Message,
    /// The sheet as read (the first rows), and the 0-based (row, column) of the cell.
    pub grid: Option<(TableView, Option<(usize, usize)>)>,
}

/// What a step left for its page.
#[derive(Debug, Clone, Default)]
pub struct StepResult {
    /// The command's summary (already masked and rendered).
    pub summary: String,
    pub warnings: Vec<String>,
    /// Tables to show (counts as read, a frame preview, …), with their titles.
    pub tables: Vec<(Message, TableView)>,
    /// Charts (SVG made by the report's chart code).
    pub charts: Vec<String>,
    pub problem: Option<Problem>,
    /// A commitment's text to print, or a verdict, shown large.
    pub notice: Option<String>,
    /// The notice tells of something wrong (shown in red).
    pub alarm: bool,
    /// What was typed into the form's fields, shown in them again (the numbers a
    /// preview was made with, or those a refused step was given).
    pub typed: BTreeMap<&'static str, String>,
}

impl StepResult {
    /// A result that is only a problem.
    pub fn problem(field: &'static str, message: Message) -> StepResult {
        StepResult {
            problem: Some(Problem {
                field,
                message,
                grid: None,
            }),
            ..StepResult::default()
        }
    }
}

/// The work running now.
#[derive(Debug, Clone)]
pub struct Running {
    pub step: &'static str,
    pub started: Instant,
}

/// What the server shares between requests.
#[derive(Default)]
pub struct Shared {
    pub running: Option<Running>,
    pub results: BTreeMap<&'static str, StepResult>,
}

/// The server's state: the workspace, the bound address, and the work.
#[derive(Clone)]
pub struct AppState {
    pub ws: Workspace,
    pub bound: SocketAddr,
    /// The largest request body accepted, in MiB.
    pub max_upload_mib: usize,
    shared: Arc<Mutex<Shared>>,
}

impl AppState {
    pub fn new(ws: Workspace, bound: SocketAddr, max_upload_mib: usize) -> AppState {
        AppState {
            ws,
            bound,
            max_upload_mib,
            shared: Arc::new(Mutex::new(Shared::default())),
        }
    }

    /// The shared state (a poisoned lock is taken as it is: every write is whole).
    pub fn shared(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether work runs now.
    pub fn busy(&self) -> Option<Running> {
        self.shared().running.clone()
    }

    /// Starts `work` for `step` on a blocking thread in `lang`, and waits for it a
    /// moment (a short step's page then shows its result at once). Refused (returns
    /// the work running) when work already runs.
    pub async fn start<F>(&self, step: &'static str, lang: Lang, work: F) -> Result<(), Running>
    where
        F: FnOnce(&Workspace) -> StepResult + Send + 'static,
    {
        {
            let mut shared = self.shared();
            if let Some(r) = &shared.running {
                return Err(r.clone());
            }
            shared.running = Some(Running {
                step,
                started: Instant::now(),
            });
        }
        let state = self.clone();
        let handle = tokio::task::spawn_blocking(move || {
            crate::i18n::set_language(lang);
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&state.ws)));
            let result = outcome
                .unwrap_or_else(|_| StepResult::problem("", crate::i18n::msg!("serve-internal")));
            let mut shared = state.shared();
            shared.results.insert(step, result);
            shared.running = None;
        });
        let _ = tokio::time::timeout(Duration::from_secs(3), handle).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_request_while_work_runs_is_refused_not_queued() {
        // (in English: the work sets the language of the whole process, and the other
        // unit tests read English texts)
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let state = AppState::new(ws, "127.0.0.1:1".parse().unwrap(), 1);
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (release, wait) = std::sync::mpsc::channel::<()>();
        rt.block_on(async {
            let first = state.start("draw", Lang::En, move |_| {
                let _ = wait.recv();
                StepResult::default()
            });
            assert!(first.await.is_ok());
            assert_eq!(state.busy().map(|r| r.step), Some("draw"));
            let second = state
                .start("audit", Lang::Zh, |_| StepResult::default())
                .await;
            assert_eq!(second.map_err(|r| r.step), Err("draw"));
        });
        release.send(()).unwrap();
        for _ in 0..100 {
            if state.busy().is_none() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(state.busy().is_none());
        assert!(state.shared().results.contains_key("draw"));
        assert!(!state.shared().results.contains_key("audit"));
    }
}
