//! `pingyi serve`, the local web workbench, through the real binary: a foreign `Host`
//! and a foreign `Origin` are refused, an upload's name never becomes a path, an upload
//! over the limit is refused with a message, and nothing outside the workspace changes;
//! then the bundled example from count table to ranking in Debian's chromium
//! (tests/python/serve_browser.py), every download compared with `pingyi run`'s bytes.

mod util;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use util::Workdir;

/// A running `pingyi serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `pingyi serve --workspace WS --port 0 --no-open` and reads the address it
/// prints first.
fn start(workspace: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pingyi"))
        .args(["serve", "--workspace"])
        .arg(workspace)
        .args(["--port", "0", "--no-open"])
        .args(extra)
        .env("PINGYI_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start pingyi serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .trim()
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap_or_else(|_| panic!("no address in {line:?}"));
    Server { child, port }
}

/// An HTTP answer: the status, the headers (lower-case names) and the body.
struct Answer {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `head` (request line and headers, without the blank line) and `body` over a
/// fresh connection, and reads the whole answer.
fn send(port: u16, head: &str, body: &[u8]) -> Answer {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{head}\r\nConnection: close\r\n");
    if !body.is_empty() || head.starts_with("POST") {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Answer {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// A multipart body with one file field.
fn multipart(field: &str, filename: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----pingyi-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A POST of `body` to `path` with the workbench's own Host and the given Origin.
fn post(port: u16, path: &str, origin: &str, content_type: &str, body: &[u8]) -> Answer {
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nContent-Type: {content_type}"
    );
    send(port, &head, body)
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    out
}

/// A work folder with a workspace `ws/` inside, a neighbour file beside it, and the
/// server on the workspace.
fn setup(extra: &[&str]) -> (Workdir, Server) {
    let wd = Workdir::new();
    wd.write("neighbour.txt", "left alone");
    let server = start(&wd.path("ws"), extra);
    (wd, server)
}

fn counts_csv() -> Vec<u8> {
    std::fs::read(util::repo_root().join("data/county_counts.csv")).unwrap()
}

#[test]
fn a_foreign_host_is_refused_and_the_workbenchs_own_names_are_served() {
    let (_wd, server) = setup(&[]);
    let port = server.port;
    let get = |host: &str| send(port, &format!("GET /counts HTTP/1.1\r\nHost: {host}"), b"");
    let foreign = get(&format!("attacker.example:{port}"));
    assert_eq!(foreign.status, 403, "{}", foreign.text());
    assert!(
        foreign.text().contains("不是本机工作台"),
        "{}",
        foreign.text()
    );
    let foreign_en = send(
        port,
        &format!("GET /counts?lang=en HTTP/1.1\r\nHost: attacker.example:{port}"),
        b"",
    );
    assert_eq!(foreign_en.status, 403);
    assert!(foreign_en.text().contains("does not name this workbench"));
    assert_eq!(get(&format!("127.0.0.1:{}", port + 1)).status, 403);
    let own = get(&format!("127.0.0.1:{port}"));
    assert_eq!(own.status, 200);
    let page = own.text();
    for landmark in ["<header>", "<nav", "<main", "<label for=\"counts\">"] {
        assert!(page.contains(landmark), "the page lacks {landmark}");
    }
    assert_eq!(get(&format!("localhost:{port}")).status, 200);
    let en = send(
        port,
        &format!("GET /counts?lang=en HTTP/1.1\r\nHost: localhost:{port}"),
        b"",
    );
    assert!(en.text().contains("Count table file"));
    assert!(en.headers["set-cookie"].starts_with("lang=en"));
    assert!(
        get(&format!("127.0.0.1:{port}"))
            .text()
            .contains("数量表文件")
    );
}

#[test]
fn a_post_from_another_origin_changes_nothing() {
    let (wd, server) = setup(&[]);
    let before = snapshot(wd.root());
    let (ct, body) = multipart("counts", "数量表.csv", &counts_csv());
    for origin in ["http://attacker.example", "null", "http://127.0.0.1:1"] {
        let a = post(server.port, "/counts", origin, &ct, &body);
        assert_eq!(a.status, 403, "{origin}: {}", a.text());
    }
    // neither Origin nor Referer: refused too
    let head = format!(
        "POST /counts HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: {ct}",
        server.port
    );
    assert_eq!(send(server.port, &head, &body).status, 403);
    assert_eq!(snapshot(wd.root()), before);
    assert!(!wd.exists("ws/inputs/counts.csv"));
}

#[test]
fn an_upload_named_to_climb_out_is_refused_or_stored_under_the_servers_name() {
    let (wd, server) = setup(&[]);
    let origin = format!("http://127.0.0.1:{}", server.port);
    let outside = |snap: &BTreeMap<PathBuf, Vec<u8>>| -> BTreeMap<PathBuf, Vec<u8>> {
        let ws = wd.path("ws");
        snap.iter()
            .filter(|(p, _)| !p.starts_with(&ws))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect()
    };
    let parent = wd.root().parent().unwrap().to_path_buf();
    let names_before: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let before = outside(&snapshot(wd.root()));
    let (ct, body) = multipart("counts", "../../x", &counts_csv());
    let a = post(server.port, "/counts?lang=en", &origin, &ct, &body);
    assert_eq!(a.status, 422, "{}", a.text());
    assert!(a.text().contains("is not a table file"), "{}", a.text());
    let a = post(server.port, "/counts", &origin, &ct, &body);
    assert_eq!(a.status, 422);
    assert!(a.text().contains("不是表格文件"), "{}", a.text());
    let (ct, body) = multipart("counts", "../../x.csv", &counts_csv());
    let a = post(server.port, "/counts", &origin, &ct, &body);
    assert_eq!(a.status, 303, "{}", a.text());
    assert_eq!(outside(&snapshot(wd.root())), before);
    let names_after: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        names_after
            .iter()
            .all(|n| names_before.contains(n) || n.to_string_lossy().starts_with(".tmp"))
    );
    assert!(!parent.join("x.csv").exists() && !parent.join("x").exists());
    // stored under the server's name, shown under the clerk's
    assert_eq!(wd.read("ws/inputs/counts.csv"), counts_csv());
    let page = send(
        server.port,
        &format!("GET /counts HTTP/1.1\r\nHost: 127.0.0.1:{}", server.port),
        b"",
    );
    assert!(page.text().contains("x.csv"));
    assert!(!page.text().contains("../"));
    // and nothing is left in the incoming folder
    let incoming = snapshot(&wd.path("ws/.pingyi-serve/incoming"));
    assert!(incoming.is_empty(), "{incoming:?}");
}

#[test]
fn an_upload_over_the_limit_is_refused_with_a_message() {
    let (wd, server) = setup(&["--max-upload-mib", "1"]);
    let origin = format!("http://127.0.0.1:{}", server.port);
    let big = vec![b'a'; 3 * 1024 * 1024];
    let (ct, body) = multipart("counts", "数量表.csv", &big);
    let a = post(server.port, "/counts?lang=en", &origin, &ct, &body);
    assert_eq!(a.status, 413, "{}", a.text());
    assert!(a.text().contains("1 MB limit"), "{}", a.text());
    assert!(a.text().contains("--max-upload-mib 4"), "{}", a.text());
    assert!(!wd.exists("ws/inputs/counts.csv"));
    assert!(snapshot(&wd.path("ws/.pingyi-serve/incoming")).is_empty());
}

#[test]
fn an_upload_cut_short_is_refused_in_chinese() {
    let (wd, server) = setup(&[]);
    let origin = format!("http://127.0.0.1:{}", server.port);
    let (ct, body) = multipart("counts", "数量表.csv", &counts_csv());
    let cut = &body[..body.len() - 40];
    let a = post(server.port, "/counts?lang=zh", &origin, &ct, cut);
    assert!(a.status >= 400, "{}", a.text());
    let text = a.text();
    let shown = text
        .split_once("上传没有完成")
        .and_then(|(_, rest)| rest.split_once("</p>"))
        .map_or("", |(told, _)| told);
    assert!(!shown.is_empty(), "{text}");
    assert!(util::english_in(shown).is_empty(), "English in: {shown}");
    assert!(!wd.exists("ws/inputs/counts.csv"));
}

#[test]
fn a_download_carries_its_chinese_name_and_only_offered_files_are_served() {
    let (wd, server) = setup(&[]);
    let port = server.port;
    let origin = format!("http://127.0.0.1:{port}");
    let (ct, body) = multipart("counts", "数量表.csv", &counts_csv());
    assert_eq!(post(port, "/counts", &origin, &ct, &body).status, 303);
    let form = "margin=0.1&confidence=0.95&min_per_stratum=3&reserve_rate=0.3";
    let (ct, body) = fields(form);
    assert_eq!(post(port, "/frame/save", &origin, &ct, &body).status, 303);
    wait_idle(port);
    assert!(
        wd.exists("ws/out/county/frame.xlsx"),
        "{}",
        String::from_utf8_lossy(&wd.read("ws/pingyi.toml"))
    );
    let get = |path: &str| {
        send(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}"),
            b"",
        )
    };
    let a = get("/download?f=out/county/frame.xlsx");
    assert_eq!(a.status, 200);
    assert_eq!(a.body, wd.read("ws/out/county/frame.xlsx"));
    assert!(
        a.headers["content-disposition"]
            .contains("filename*=UTF-8''%E6%A0%B7%E6%9C%AC%E6%A1%86.xlsx"),
        "{:?}",
        a.headers
    );
    for refused in [
        "/download?f=pingyi.toml",
        "/download?f=out/county/../../pingyi.toml",
        "/download?f=/etc/passwd",
        "/download?f=out/county/frame.xlsx.manifest.json",
    ] {
        assert_eq!(get(refused).status, 404, "{refused}");
    }
    // the frame is what `pingyi run` writes from the workspace
    let reference = wd.path("reference");
    wd.ok(&["run", "--data", "ws", "--out", "reference"]);
    assert_eq!(
        std::fs::read(reference.join("county/frame.xlsx")).unwrap(),
        wd.read("ws/out/county/frame.xlsx")
    );
}

/// A multipart body of text fields from `a=1&b=2`.
fn fields(pairs: &str) -> (String, Vec<u8>) {
    let boundary = "----pingyi-test-boundary";
    let mut body = String::new();
    for kv in pairs.split('&') {
        let (k, v) = kv.split_once('=').unwrap();
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

/// Waits until `/status` says no work runs (at most a minute).
fn wait_idle(port: u16) {
    for _ in 0..600 {
        let a = send(
            port,
            &format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}"),
            b"",
        );
        if a.text().contains("\"running\":false") {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the work did not end");
}

#[test]
fn chromium_walks_the_example_from_count_table_to_ranking_with_the_clis_bytes() {
    let chromium = Path::new("/usr/bin/chromium").exists();
    let required = std::env::var("PINGYI_REQUIRE_EXTERNAL").as_deref() == Ok("1");
    if !chromium || !util::external("python3", &["-c", "import playwright.sync_api"]) {
        assert!(
            !required,
            "chromium and playwright are required (PINGYI_REQUIRE_EXTERNAL=1)"
        );
        eprintln!("skipped: /usr/bin/chromium or playwright not found");
        return;
    }
    let wd = util::with_example_data();
    // the reference: the command line on the example, in Chinese as the pages are
    wd.ok(&["--lang", "zh", "run", "--data", "data", "--out", "out"]);
    let server = start(&wd.path("ws"), &[]);
    let shots = wd.path("shots");
    std::fs::create_dir_all(&shots).unwrap();
    let returns = split_filled(&wd);
    let script = util::repo_root().join("tests/python/serve_browser.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(format!("http://127.0.0.1:{}", server.port))
        .arg(wd.path("data"))
        .arg(wd.path("ws"))
        .arg(&shots)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stdout:\n{stdout}\nstderr:\n{stderr}");
    // every download is what `pingyi run` wrote for the same inputs
    let mut compared = 0;
    for line in stdout.lines().filter_map(|l| l.strip_prefix("download: ")) {
        let (rel, saved) = line.split_once('\t').unwrap();
        let name = Path::new(rel).file_name().unwrap().to_str().unwrap();
        let reference = wd.path("out/county").join(name);
        let reference = if reference.exists() {
            reference
        } else {
            wd.path("out").join(name)
        };
        if name == "seed_commitment.json" || name == "report.html" {
            continue; // the report names the workspace's inputs; checked below
        }
        let mut mine = std::fs::read(saved).unwrap();
        if name.ends_with(".quality.csv") {
            // the findings name the roster by its path: the workspace's stored copy
            let text = String::from_utf8(mine).unwrap();
            mine = text
                .replace("../../inputs/roster-1.csv", "../../data/county_roster.csv")
                .into_bytes();
        }
        assert_eq!(
            mine,
            std::fs::read(&reference).unwrap(),
            "{rel} differs from pingyi run's {}",
            reference.display()
        );
        compared += 1;
    }
    assert!(
        compared >= 10,
        "only {compared} downloads compared:\n{stdout}"
    );
    // the tally over the two returns, uploaded one by one, again, and at once in the
    // other order, is `pingyi audit tally`'s over the same two files
    assert!(stdout.contains("returns: tallied"), "{stdout}");
    tally_is_the_clis(&wd, &returns);
    // and the command line, run on the workspace the pages made, writes every file again
    // byte for byte: manifests and report too
    drop(server);
    let mine = snapshot(&wd.path("ws/out"));
    // (the workspace spelled as the server spells it: the data-quality findings' digest
    // in the draw's manifest follows the spelling of the roster's path)
    let ws = wd.path("ws").canonicalize().unwrap();
    let (data, out) = (
        ws.display().to_string(),
        ws.join("out").display().to_string(),
    );
    wd.ok(&["--lang", "zh", "run", "--data", &data, "--out", &out]);
    let again = snapshot(&wd.path("ws/out"));
    assert_eq!(mine.len(), again.len());
    for (p, bytes) in &mine {
        if p.ends_with(".pingyi-run") {
            continue; // the run's own record of its folder, not an output
        }
        assert!(
            bytes == &again[p],
            "{} differs from pingyi run's",
            p.display()
        );
    }
    for page in [
        "counts", "frame", "draw", "audit", "score", "verify", "report",
    ] {
        assert!(
            shots.join(format!("{page}.png")).exists(),
            "no screenshot of {page}"
        );
    }
    if let Some(keep) = std::env::var_os("PINGYI_SERVE_SHOTS") {
        // every screenshot kept in a folder of one's choosing, to look at
        std::fs::create_dir_all(&keep).unwrap();
        for e in std::fs::read_dir(&shots).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "png") {
                std::fs::copy(e.path(), Path::new(&keep).join(e.file_name())).unwrap();
            }
        }
    }
    if std::env::var_os("PINGYI_KEEP_SCREENSHOT").is_some() {
        std::fs::copy(
            shots.join("score.png"),
            util::repo_root().join("docs/serve.png"),
        )
        .unwrap();
    }
}

/// The example's filled checklist split by township into two CSV files (its first
/// townships, and the rest, rows in reverse order), as township offices return them:
/// `shots/returns_a.csv` and `shots/returns_b.csv`.
fn split_filled(wd: &Workdir) -> [String; 2] {
    let filled = wd.path("data/county_audit_filled.xlsx");
    let (grid, _) = pingyi::io::read_grid_path(&filled, None).unwrap();
    let header = grid
        .rows
        .iter()
        .position(|r| r.iter().any(|c| c == "乡镇"))
        .expect("a header with 乡镇");
    let head = grid.rows[header].clone();
    let unit = head.iter().position(|c| c == "乡镇").unwrap();
    let rows: Vec<Vec<String>> = grid.rows[header + 1..]
        .iter()
        .filter(|r| r.get(unit).is_some_and(|u| !u.trim().is_empty()))
        .map(|r| {
            let mut r = r.clone();
            r.resize(head.len(), String::new());
            r
        })
        .collect();
    let mut units: Vec<&str> = rows.iter().map(|r| r[unit].as_str()).collect();
    units.dedup();
    let first = &units[..units.len() / 2];
    let (mut a, b): (Vec<_>, Vec<_>) = rows
        .iter()
        .cloned()
        .partition(|r| first.contains(&r[unit].as_str()));
    a.reverse();
    let names = ["shots/returns_a.csv", "shots/returns_b.csv"];
    util::write_csv(wd, names[0], &head, &a);
    util::write_csv(wd, names[1], &head, &b);
    names.map(String::from)
}

/// The workspace's tally is, byte for byte, `pingyi audit tally` over `returns`.
fn tally_is_the_clis(wd: &Workdir, returns: &[String; 2]) {
    let manifest = "ws/out/county/audit_checklist.xlsx.manifest.json";
    for ext in ["csv", "xlsx"] {
        let out = format!("cli_tally.{ext}");
        wd.ok(&[
            "audit",
            "tally",
            "--checklist",
            &returns[1],
            "--checklist",
            &returns[0],
            "--manifest",
            manifest,
            "--out",
            &out,
        ]);
        assert!(
            wd.read(&out) == wd.read(&format!("ws/out/county/audit_tally.{ext}")),
            "the workbench's audit_tally.{ext} is not pingyi audit tally's"
        );
    }
}

#[test]
fn a_long_draw_shows_the_bytes_read_and_refuses_a_second_request_politely() {
    // a county of about 600 000 recipients: its roster takes a moment to read
    let wd = util::big_county(600_000, "progress", &["--margin", "0.1"]);
    let server = start(&wd.path("ws"), &[]);
    let port = server.port;
    let origin = format!("http://127.0.0.1:{port}");
    let upload = |path: &str, field: &str, name: &str| {
        let (ct, body) = multipart(field, name, &wd.read(name));
        let a = post(port, path, &origin, &ct, &body);
        assert_eq!(a.status, 303, "{path}: {}", a.text());
        wait_idle(port);
    };
    upload("/counts", "counts", "counts.csv");
    let (ct, body) = fields("margin=0.1&confidence=0.95&min_per_stratum=3&reserve_rate=0.3");
    assert_eq!(post(port, "/frame/save", &origin, &ct, &body).status, 303);
    wait_idle(port);
    upload("/draw/rosters", "rosters", "roster.csv");
    let (ct, body) = fields("seed=x");
    assert_eq!(post(port, "/draw/commit", &origin, &ct, &body).status, 303);
    wait_idle(port);
    // the draw, watched from another connection
    let watcher = std::thread::spawn(move || watch(port));
    std::thread::sleep(Duration::from_millis(50));
    let (ct, body) = fields("seed=20260615");
    let drawn = post(port, "/draw/seed?lang=en", &origin, &ct, &body);
    assert!([303, 409].contains(&drawn.status), "{}", drawn.text());
    wait_idle(port);
    let (statuses, refused) = watcher.join().unwrap();
    let roster = wd.read("roster.csv").len() as u64;
    let read: Vec<&(u64, u64, String)> = statuses.iter().filter(|s| s.1 == roster).collect();
    assert!(
        !read.is_empty(),
        "no status told the roster's {roster} bytes: {statuses:?}"
    );
    assert!(read.iter().all(|s| s.0 <= s.1 && s.2.contains("MB read")));
    let refused = refused.expect("no second request was refused while the draw ran");
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(refused.text().contains("Other work is running"));
    assert!(wd.exists("ws/out/county/sample.xlsx"));
}

/// Polls `/status` until work has run and ended (at most two minutes): every status
/// seen while it ran as (bytes done, bytes in all, text), and the answer to a second
/// request sent while it ran.
fn watch(port: u16) -> (Vec<(u64, u64, String)>, Option<Answer>) {
    let (mut seen, mut refused, mut ran) = (Vec::new(), None, false);
    for _ in 0..12000 {
        let a = send(
            port,
            &format!("GET /status?lang=en HTTP/1.1\r\nHost: 127.0.0.1:{port}"),
            b"",
        );
        let s: serde_json::Value = serde_json::from_slice(&a.body).unwrap();
        if s["running"] != true {
            if ran {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        ran = true;
        let n = |k: &str| s[k].as_u64().unwrap_or(0);
        seen.push((
            n("done"),
            n("total"),
            s["text"].as_str().unwrap_or("").to_string(),
        ));
        // Sent while the first half of the roster is read, so that the work is still
        // running when the request arrives, however fast the rest of it goes.
        let early = n("total") > 0 && n("done") * 2 < n("total");
        if refused.is_none() && early {
            let (ct, body) = fields("audit_seed=1");
            let origin = format!("http://127.0.0.1:{port}");
            refused = Some(post(port, "/audit/seed?lang=en", &origin, &ct, &body));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (seen, refused)
}

#[test]
fn a_run_over_a_folder_of_returns_with_townships_pending_writes_its_report() {
    // what the workbench runs after the first township's checklist comes back
    let wd = util::with_example_data();
    let [first, _] = split_filled(&wd);
    std::fs::create_dir_all(wd.path("data/returns")).unwrap();
    std::fs::copy(wd.path(&first), wd.path("data/returns/a.csv")).unwrap();
    let toml = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    let toml = toml.replace(
        "audit_results = \"county_audit_filled.xlsx\"",
        "audit_results = \"returns\"",
    );
    wd.write("data/pingyi.toml", toml);
    wd.ok(&["run", "--data", "data", "--out", "out"]);
    let (head, rows) = util::read_csv(&wd, "out/county/audit_tally.csv");
    let flag = head.iter().position(|h| h == "flag").unwrap();
    let pending = rows.iter().filter(|r| r[flag] == "not returned").count();
    assert!(pending > 0 && pending < rows.len(), "{rows:?}");
    let report = String::from_utf8(wd.read("out/report.html")).unwrap();
    assert!(report.contains("chart-audit-county"));
}

/// The example county drawn in a workspace `ws/` through the workbench's forms, the
/// server left running on it.
fn drawn_example(wd: &Workdir) -> Server {
    wd.copy_from_repo("data/county_counts.csv", "counts.csv");
    wd.copy_from_repo("data/county_roster.csv", "roster.csv");
    let server = start(&wd.path("ws"), &[]);
    let port = server.port;
    let origin = format!("http://127.0.0.1:{port}");
    let send_form = |path: &str, (ct, body): (String, Vec<u8>)| {
        let a = post(port, path, &origin, &ct, &body);
        assert_eq!(a.status, 303, "{path}: {}", a.text());
        wait_idle(port);
    };
    send_form(
        "/counts",
        multipart("counts", "counts.csv", &wd.read("counts.csv")),
    );
    send_form(
        "/frame/save",
        fields("margin=0.1&confidence=0.95&min_per_stratum=3&reserve_rate=0.3"),
    );
    send_form(
        "/draw/rosters",
        multipart("rosters", "roster.csv", &wd.read("roster.csv")),
    );
    send_form("/draw/commit", fields("seed=x"));
    send_form("/draw/seed", fields("seed=20260615"));
    assert!(wd.exists("ws/out/county/sample.xlsx"));
    server
}

/// The problem shown on page `step` in `lang`, its tags taken out.
fn problem_on(port: u16, step: &str, lang: &str) -> String {
    let page = send(
        port,
        &format!("GET /{step}?lang={lang} HTTP/1.1\r\nHost: 127.0.0.1:{port}"),
        b"",
    )
    .text();
    let start = page.find("class=\"problem\"").expect("no problem shown");
    let end = page[start..].find("</p>").map_or(page.len(), |e| start + e);
    let mut text = String::new();
    let mut in_tag = false;
    for c in page[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn a_refused_audit_speaks_of_the_pages_steps_and_buttons_not_of_commands() {
    let wd = Workdir::new();
    let server = drawn_example(&wd);
    let port = server.port;
    let origin = format!("http://127.0.0.1:{port}");
    // a returned checklist before any was made, then one that is not a checklist
    let upload_roster = || {
        let (ct, body) = multipart("checklist", "returned.csv", &wd.read("roster.csv"));
        assert_eq!(
            post(port, "/audit/checklist", &origin, &ct, &body).status,
            303
        );
        wait_idle(port);
    };
    upload_roster();
    page_speaks_its_own_words(
        port,
        &[("zh", "生成核查清单"), ("en", "Make the checklist")],
    );
    let (ct, body) = fields("audit_seed=20260701");
    assert_eq!(post(port, "/audit/seed", &origin, &ct, &body).status, 303);
    wait_idle(port);
    upload_roster();
    page_speaks_its_own_words(port, &[("zh", "抽查"), ("en", "Audit")]);
    // the checklist made, returned without its result column
    let made = String::from_utf8(wd.read("ws/out/county/audit_checklist.csv")).unwrap();
    assert!(made.contains(",result,"), "{made}");
    let returned = made.replacen(",result,", ",outcome,", 1);
    let (ct, body) = multipart("checklist", "returned.csv", returned.as_bytes());
    assert_eq!(
        post(port, "/audit/checklist", &origin, &ct, &body).status,
        303
    );
    wait_idle(port);
    page_speaks_its_own_words(
        port,
        &[
            ("zh", "“抽查”页下载的核查清单"),
            ("en", "downloaded from the Audit page"),
        ],
    );
}

/// The problem on the audit page names `needle` in each language and no command,
/// flag or key of pingyi.toml.
fn page_speaks_its_own_words(port: u16, needles: &[(&str, &str)]) {
    for (lang, needle) in needles {
        let shown = problem_on(port, "audit", lang);
        assert!(shown.contains(needle), "{lang}: {shown}");
        for words in ["pingyi", "audit select", "--", "audit_", "[county]"] {
            assert!(!shown.contains(words), "{lang}: {words} in {shown}");
        }
    }
}

#[test]
fn rosters_committed_to_cannot_be_replaced() {
    // After the commitment (printed, perhaps announced) and the draw, another roster
    // would make the next step draw again from rosters nobody committed to.
    let wd = Workdir::new();
    let server = drawn_example(&wd);
    let port = server.port;
    let origin = format!("http://127.0.0.1:{port}");
    let before = snapshot(&wd.path("ws"));
    let other = String::from_utf8(wd.read("roster.csv")).unwrap();
    let other = other.replacen("QS00", "QS99", 3);
    let (ct, body) = multipart("rosters", "roster.csv", other.as_bytes());
    assert_eq!(post(port, "/draw/rosters", &origin, &ct, &body).status, 303);
    wait_idle(port);
    assert_eq!(snapshot(&wd.path("ws")), before, "the workspace changed");
    assert!(problem_on(port, "draw", "zh").contains("名册已不能更换"));
    assert!(problem_on(port, "draw", "en").contains("can no longer be replaced"));
    // The same roster again is no replacement: nothing changes, nothing is refused.
    let (ct, body) = multipart("rosters", "roster.csv", &wd.read("roster.csv"));
    assert_eq!(post(port, "/draw/rosters", &origin, &ct, &body).status, 303);
    wait_idle(port);
    assert_eq!(snapshot(&wd.path("ws")), before, "the workspace changed");
}

#[test]
fn a_frame_number_out_of_range_is_shown_at_its_field_and_a_preview_keeps_its_numbers() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "counts.csv");
    let server = start(&wd.path("ws"), &[]);
    let port = server.port;
    let origin = format!("http://127.0.0.1:{port}");
    let send_form = |path: &str, (ct, body): (String, Vec<u8>)| {
        assert_eq!(post(port, path, &origin, &ct, &body).status, 303);
        wait_idle(port);
    };
    send_form(
        "/counts",
        multipart("counts", "counts.csv", &wd.read("counts.csv")),
    );
    let page = |lang: &str| {
        send(
            port,
            &format!("GET /frame?lang={lang} HTTP/1.1\r\nHost: 127.0.0.1:{port}"),
            b"",
        )
        .text()
    };
    for (field, bad) in [
        ("confidence", "1.5"),
        ("reserve_rate", "-0.3"),
        ("margin", "0"),
    ] {
        let mut numbers = [
            ("margin", "0.1"),
            ("confidence", "0.95"),
            ("min_per_stratum", "3"),
            ("reserve_rate", "0.3"),
        ];
        numbers.iter_mut().find(|(f, _)| *f == field).unwrap().1 = bad;
        let form: Vec<String> = numbers.iter().map(|(f, v)| format!("{f}={v}")).collect();
        send_form("/frame/preview", fields(&form.join("&")));
        let html = page("zh");
        let input = &html[html.find(&format!("id=\"{field}\"")).unwrap()..];
        let input = &input[..input.find('>').unwrap()];
        assert!(input.contains("aria-invalid=\"true\""), "{field}: {input}");
        assert!(
            input.contains(&format!("value=\"{bad}\"")),
            "{field}: {input}"
        );
        // the problem is placed right after its own field, before the next label
        let after = &html[html.find(&format!("id=\"{field}\"")).unwrap()..];
        let problem = after.find(&format!("id=\"problem-{field}\"")).unwrap();
        assert!(after[..problem].matches("<label").count() == 0, "{field}");
    }
    // A preview shows the numbers it was made with, and saving them saves those.
    send_form(
        "/frame/preview",
        fields("margin=0.08&confidence=0.9&min_per_stratum=4&reserve_rate=0.2"),
    );
    let html = page("zh");
    for v in [
        "value=\"0.08\"",
        "value=\"0.9\"",
        "value=\"4\"",
        "value=\"0.2\"",
    ] {
        assert!(html.contains(v), "{v} not shown after the preview");
    }
    assert!(
        !wd.exists("ws/out/county/frame.xlsx"),
        "a preview wrote the frame"
    );
}
