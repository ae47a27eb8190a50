//! What every request must pass before a handler sees it: a `Host` that names this
//! server (a page of another site that rebinds its name to 127.0.0.1 is refused), and
//! for a request that changes something, an `Origin` (or `Referer`) of this server.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::i18n::{Lang, msg};

use super::jobs::AppState;
use super::pages::lang_of;

/// The names under which this server may be reached: the bound address and localhost.
pub fn allowed_hosts(port: u16) -> Vec<String> {
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .map(|h| format!("{h}:{port}"))
        .collect()
}

/// Refuses a foreign `Host`, and a state-changing request from another origin.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = lang_of(req.headers(), req.uri().query());
    let hosts = allowed_hosts(state.bound.port());
    if !host_ok(req.headers(), &hosts) {
        return refuse(lang, msg!("serve-refused-host"));
    }
    let safe = matches!(*req.method(), Method::GET | Method::HEAD);
    if !safe && !origin_ok(req.headers(), &hosts) {
        return refuse(lang, msg!("serve-refused-origin"));
    }
    let mut response = next.run(req).await;
    harden(response.headers_mut());
    response
}

/// Whether the `Host` header is one of `hosts` (case-insensitive).
fn host_ok(headers: &HeaderMap, hosts: &[String]) -> bool {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| hosts.iter().any(|a| a.eq_ignore_ascii_case(h.trim())))
}

/// Whether the request comes from a page of this server: its `Origin`, else its
/// `Referer`, names one of `hosts` over http. A request with neither is refused.
fn origin_ok(headers: &HeaderMap, hosts: &[String]) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let same = |url: &str| {
        let rest = url.strip_prefix("http://").unwrap_or("");
        let authority = rest.split('/').next().unwrap_or("");
        hosts.iter().any(|a| a.eq_ignore_ascii_case(authority))
    };
    match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) => same(origin) && !origin.trim_start_matches("http://").contains('/'),
        (None, Some(referer)) => same(referer),
        (None, None) => false,
    }
}

/// Headers every answer carries: no framing by other sites, no sniffing, nothing
/// loaded from elsewhere, no referrer sent out.
fn harden(headers: &mut HeaderMap) {
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, header::HeaderValue::from_static(v));
    };
    set(headers, "x-frame-options", "DENY");
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "same-origin");
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(
            headers,
            "content-security-policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
        );
    }
}

/// A 403 answer with the reason in the page language.
fn refuse(lang: Lang, message: crate::i18n::Message) -> Response {
    (StatusCode::FORBIDDEN, message.render_in(lang)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_this_servers_names_pass_as_host() {
        let hosts = allowed_hosts(8080);
        assert!(host_ok(
            &headers(&[(header::HOST, "127.0.0.1:8080")]),
            &hosts
        ));
        assert!(host_ok(
            &headers(&[(header::HOST, "LOCALHOST:8080")]),
            &hosts
        ));
        assert!(!host_ok(
            &headers(&[(header::HOST, "evil.example:8080")]),
            &hosts
        ));
        assert!(!host_ok(
            &headers(&[(header::HOST, "127.0.0.1:8081")]),
            &hosts
        ));
        assert!(!host_ok(&HeaderMap::new(), &hosts));
    }

    #[test]
    fn a_foreign_origin_or_referer_is_refused() {
        let hosts = allowed_hosts(80);
        let ok = |pairs: &[(header::HeaderName, &str)]| origin_ok(&headers(pairs), &hosts);
        assert!(ok(&[(header::ORIGIN, "http://127.0.0.1:80")]));
        assert!(!ok(&[(header::ORIGIN, "http://evil.example")]));
        assert!(!ok(&[(header::ORIGIN, "null")]));
        assert!(!ok(&[(header::ORIGIN, "https://127.0.0.1:80")]));
        assert!(ok(&[(header::REFERER, "http://localhost:80/counts")]));
        assert!(!ok(&[(
            header::REFERER,
            "http://127.0.0.1:80.evil.example/"
        )]));
        assert!(!ok(&[]));
    }
}
