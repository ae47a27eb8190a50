//! The routes: a page per step (GET), a form action per step (POST, multipart), the
//! status the pages poll, downloads, the report, and the embedded assets. Every
//! request passes the guard first; a POST while work runs is refused with 409.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::i18n::{Lang, msg};

use super::jobs::{AppState, Running, StepResult};
use super::pages::{self, ResultView, lang_of};
use super::steps;
use super::upload::{Form, receive};

/// The workbench's routes behind the guard, with the upload limit.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/counts") }))
        .route("/status", get(status))
        // no icon: an empty answer rather than a 404 in the browser's console
        .route(
            "/favicon.ico",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        )
        .route("/download", get(download))
        .route("/report/view", get(report_view))
        .route("/assets/{name}", get(asset))
        .route("/{step}", get(page))
        .route("/{step}", post(action))
        .route("/{step}/{what}", post(action_on))
        .layer(DefaultBodyLimit::max(
            state.max_upload_mib.saturating_mul(1024 * 1024),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            super::guard::guard,
        ))
        .with_state(state)
}

/// A step's page; `?lang=` also sets the language cookie.
async fn page(
    State(state): State<AppState>,
    UrlPath(step): UrlPath<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let lang = lang_of(&headers, uri.query());
    let Some(step) = known(&step) else {
        return (
            StatusCode::NOT_FOUND,
            msg!("serve-not-found").render_in(lang),
        )
            .into_response();
    };
    let html = render_step(&state, step, lang);
    let mut response = html_response(StatusCode::OK, html);
    if uri.query().is_some_and(|q| q.contains("lang=")) {
        let code = if lang == Lang::En { "en" } else { "zh" };
        let cookie = format!("lang={code}; Path=/; SameSite=Strict");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    response
}

/// The step named by a path, as a static name.
fn known(step: &str) -> Option<&'static str> {
    pages::STEPS.iter().map(|(s, _)| *s).find(|s| *s == step)
}

fn html_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// Renders a step's page: its last result, the work running, and the workspace.
fn render_step(state: &AppState, step: &'static str, lang: Lang) -> String {
    let (result, running) = {
        let shared = state.shared();
        (shared.results.get(step).cloned(), shared.running.clone())
    };
    let running_view = running.map(|r| running_text(&r, lang));
    let result = result.map(|r| ResultView::of(&r, lang));
    let workspace = super::view::workspace(&state.ws, step, lang);
    let extra = minijinja::context! { result => result, running => running_view, ws => workspace };
    pages::render(step, lang, extra)
}

/// "Working on …, n s" in the page language, with the bytes read of the long read
/// running now (the command layer's progress).
fn running_text(r: &Running, lang: Lang) -> String {
    let title = pages::STEPS
        .iter()
        .find(|(s, _)| *s == r.step)
        .map(|(_, k)| crate::i18n::Message::new(k).render_in(lang))
        .unwrap_or_default();
    let seconds = r.started.elapsed().as_secs();
    let mut text = msg!("serve-running", step = title, seconds).render_in(lang);
    if let Some((what, done, total)) = crate::commands::progress::current() {
        text.push(' ');
        text.push_str(&progress_text(what, done, total).render_in(lang));
    }
    text
}

/// "reading rosters: 12.5 of 100.0 MB (12%)".
fn progress_text(what: crate::i18n::Message, done: u64, total: u64) -> crate::i18n::Message {
    let mb = |n: u64| format!("{:.1}", n as f64 / (1024.0 * 1024.0));
    let percent = (done.min(total) * 100).checked_div(total).unwrap_or(0);
    msg!(
        "serve-progress",
        what => what,
        done = mb(done),
        total = mb(total),
        percent
    )
}

/// `/status`: whether work runs, for the pages' polling.
async fn status(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let lang = lang_of(&headers, uri.query());
    let body = match state.busy() {
        Some(r) => {
            let (done, total) = crate::commands::progress::current()
                .map_or((0, 0), |(_, done, total)| (done, total));
            serde_json::json!({"running": true, "step": r.step, "text": running_text(&r, lang),
                "done": done, "total": total})
        }
        None => serde_json::json!({"running": false}),
    };
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_TYPE, "application/json"),
        ],
        body.to_string(),
    )
        .into_response()
}

/// `POST /{step}`: the step's form.
async fn action(
    state: State<AppState>,
    step: UrlPath<String>,
    headers: HeaderMap,
    uri: Uri,
    mp: Multipart,
) -> Response {
    let what = step.0.clone();
    dispatch(state, &step.0, &what, &headers, &uri, mp).await
}

/// `POST /{step}/{what}`: one of a step's forms.
async fn action_on(
    state: State<AppState>,
    UrlPath((step, what)): UrlPath<(String, String)>,
    headers: HeaderMap,
    uri: Uri,
    mp: Multipart,
) -> Response {
    dispatch(state, &step, &what, &headers, &uri, mp).await
}

/// Refuses while work runs, receives the form, starts the step's work, and sends the
/// browser back to the step's page.
async fn dispatch(
    State(state): State<AppState>,
    step: &str,
    what: &str,
    headers: &HeaderMap,
    uri: &Uri,
    mp: Multipart,
) -> Response {
    let lang = lang_of(headers, uri.query());
    let Some(step) = known(step) else {
        return (
            StatusCode::NOT_FOUND,
            msg!("serve-not-found").render_in(lang),
        )
            .into_response();
    };
    if let Some(r) = state.busy() {
        return busy(&state, step, &r, lang);
    }
    let form = match receive(&state.ws.incoming(), mp, state.max_upload_mib).await {
        Ok(f) => f,
        Err(refused) => {
            let field = steps::first_field(step);
            let result = StepResult::problem(field, refused.message);
            state.shared().results.insert(step, result);
            return html_response(refused.status, render_step(&state, step, lang));
        }
    };
    let Some(work) = work_for(step, what, form) else {
        return (
            StatusCode::NOT_FOUND,
            msg!("serve-not-found").render_in(lang),
        )
            .into_response();
    };
    match state.start(step, lang, work).await {
        Ok(()) => Redirect::to(&format!("/{step}")).into_response(),
        Err(r) => busy(&state, step, &r, lang),
    }
}

/// The polite refusal of a second request while one runs.
fn busy(state: &AppState, step: &'static str, r: &Running, lang: Lang) -> Response {
    let _ = state;
    let text = msg!("serve-busy", running = running_text(r, lang)).render_in(lang);
    let extra = minijinja::context! { refused => text };
    html_response(StatusCode::CONFLICT, pages::render(step, lang, extra))
}

type Work = Box<dyn FnOnce(&super::Workspace) -> StepResult + Send>;

/// The work of form `what` of `step`.
fn work_for(step: &str, what: &str, form: Form) -> Option<Work> {
    let seed = |name: &str| form.text(name);
    Some(match (step, what) {
        ("counts", "counts") => Box::new(move |ws| steps::counts(ws, form)),
        ("frame", "preview") => {
            let input = steps::FrameInput::from_form(&form);
            Box::new(move |ws| steps::frame_preview(ws, input))
        }
        ("frame", "save") => {
            let input = steps::FrameInput::from_form(&form);
            Box::new(move |ws| steps::frame_save(ws, input))
        }
        ("draw", "rosters") => Box::new(move |ws| steps::rosters(ws, form)),
        ("draw", "commit") => Box::new(steps::commit),
        ("draw", "seed") => {
            let s = seed("seed");
            Box::new(move |ws| steps::draw(ws, s))
        }
        ("audit", "seed") => {
            let s = seed("audit_seed");
            Box::new(move |ws| steps::audit_seed(ws, s))
        }
        ("audit", "checklist") => Box::new(move |ws| steps::checklist(ws, form)),
        ("audit", "clear") => Box::new(steps::clear_returns),
        ("audit", "remove") => {
            let stored = form.text("file");
            Box::new(move |ws| steps::remove_return(ws, stored))
        }
        ("score", "score") => Box::new(move |ws| steps::score(ws, form)),
        ("verify", "verify") => Box::new(move |ws| steps::verify(ws, form)),
        _ => return None,
    })
}

#[derive(serde::Deserialize)]
struct DownloadQuery {
    f: String,
}

/// `/download?f=out/county/frame.xlsx`: one of the offered files, under its Chinese name.
async fn download(
    State(state): State<AppState>,
    Query(q): Query<DownloadQuery>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let lang = lang_of(&headers, uri.query());
    let Some(path) = state.ws.offered(&q.f) else {
        return (
            StatusCode::NOT_FOUND,
            msg!("serve-not-found").render_in(lang),
        )
            .into_response();
    };
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return (
            StatusCode::NOT_FOUND,
            msg!("serve-not-found").render_in(lang),
        )
            .into_response();
    };
    let name = super::workspace::download_name(&path);
    let disposition = content_disposition(&name);
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266).
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"._-~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// `/report/view`: the workspace's report, as `pingyi run` wrote it.
async fn report_view(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let lang = lang_of(&headers, uri.query());
    match tokio::fs::read(state.ws.out().join("report.html")).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response(),
        Err(_) => (
            StatusCode::NOT_FOUND,
            msg!("serve-no-report").render_in(lang),
        )
            .into_response(),
    }
}

/// The embedded style sheet and script.
async fn asset(UrlPath(name): UrlPath<String>) -> Response {
    match name.as_str() {
        "style.css" => (
            [(header::CONTENT_TYPE, "text/css")],
            include_str!("assets/style.css"),
        )
            .into_response(),
        "app.js" => (
            [(header::CONTENT_TYPE, "text/javascript")],
            include_str!("assets/app.js"),
        )
            .into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_text_tells_the_bytes_read_of_the_read_running_now() {
        let what = msg!("progress-reading-rosters");
        let text = progress_text(what.clone(), 3 * 1024 * 1024, 12 * 1024 * 1024);
        assert_eq!(
            text.render_in(Lang::En),
            "reading rosters: 3.0 of 12.0 MB read (25%)"
        );
        assert_eq!(
            text.render_in(Lang::Zh),
            "正在读取名册：已读 3.0 / 12.0 MB（25%）"
        );
        assert!(
            progress_text(what, 0, 0)
                .render_in(Lang::En)
                .ends_with("(0%)")
        );
    }

    #[test]
    fn a_download_keeps_its_chinese_name() {
        assert_eq!(
            content_disposition("样本框.xlsx"),
            "attachment; filename=\"___.xlsx\"; filename*=UTF-8''%E6%A0%B7%E6%9C%AC%E6%A1%86.xlsx"
        );
    }
}
