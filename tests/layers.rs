//! The floors of the code: no import cycle between top-level modules (io, frame, draw,
//! audit, score, provenance, report, synth, rate, error, commands, …), none between the files of
//! `commands/`, and no stage module importing the command layer (`commands`).
//!
//! Run it alone with `cargo test --test layers`. It reads every `src/**/*.rs` as text
//! (comments and string literals removed), collects `crate::…`, `pingyi::…`, `super::…`,
//! `self::…` paths and `use child::…` lines, follows `pub use` re-exports to the module
//! that defines the item, and prints every offending edge with its file and line.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

/// A module's path inside the crate: `["io", "counts"]`; the crate root is `[]`.
type ModPath = Vec<String>;

/// One reference from a file to a module, where it was written.
#[derive(Debug, Clone)]
struct Edge {
    from: ModPath,
    to: ModPath,
    file: String,
    line: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Open,
    Close,
    Semi,
    Comma,
    Star,
    Other,
}

/// Splits Rust source into the tokens this check needs, with their line numbers;
/// comments, strings and character literals are dropped.
fn lex(src: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let count_lines = |from: usize, to: usize| c[from..to].iter().filter(|&&x| x == '\n').count();
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && c.get(i + 1) == Some(&'*') {
            let (start, mut depth) = (i, 0usize);
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            line += count_lines(start, i.min(c.len()));
        } else if ch == '"' {
            let start = i;
            i = skip_string(&c, i);
            line += count_lines(start, i.min(c.len()));
        } else if ch == '\'' {
            // A character literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if c.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let raw = matches!(word.as_str(), "r" | "br" | "cr");
            let prefixed = matches!(word.as_str(), "b" | "c");
            if raw && matches!(c.get(i), Some('"') | Some('#')) {
                let mut hashes = 0;
                while c.get(i) == Some(&'#') {
                    hashes += 1;
                    i += 1;
                }
                if c.get(i) == Some(&'"') {
                    let s = i;
                    i += 1;
                    loop {
                        if i >= c.len() {
                            break;
                        }
                        if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
                            i += 1 + hashes;
                            break;
                        }
                        i += 1;
                    }
                    line += count_lines(s, i.min(c.len()));
                }
            } else if prefixed && c.get(i) == Some(&'"') {
                let s = i;
                i = skip_string(&c, i);
                line += count_lines(s, i.min(c.len()));
            } else if word == "b" && c.get(i) == Some(&'\'') {
                // A byte literal: let the next round skip it as a character.
            } else {
                out.push((Tok::Ident(word), line));
            }
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push((Tok::PathSep, line));
            i += 2;
        } else {
            let t = match ch {
                '{' => Tok::Open,
                '}' => Tok::Close,
                ';' => Tok::Semi,
                ',' => Tok::Comma,
                '*' => Tok::Star,
                _ => Tok::Other,
            };
            out.push((t, line));
            i += 1;
        }
    }
    out
}

/// The index just past a `"…"` string starting at `i`.
fn skip_string(c: &[char], mut i: usize) -> usize {
    i += 1;
    while i < c.len() {
        match c[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// A path as written, before it is resolved: its first segment and the rest.
#[derive(Debug)]
struct RawPath {
    segments: Vec<String>,
    line: usize,
    /// The inline modules (`mod tests { … }`) the path was written in.
    inline: ModPath,
    /// Written in a `use` item (so a bare first segment may name a child module).
    in_use: bool,
    /// A `pub use` (or `pub(crate) use`): the names it brings in are re-exported.
    reexport: bool,
}

/// Reads the paths out of one file's tokens.
fn paths(toks: &[(Tok, usize)]) -> Vec<RawPath> {
    let mut out = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let ident = |k: usize| match toks.get(k) {
        Some((Tok::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    };
    while i < toks.len() {
        match &toks[i].0 {
            Tok::Open => {
                depth += 1;
                i += 1;
                continue;
            }
            Tok::Close => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            _ => {}
        }
        let here: ModPath = inline.iter().map(|(n, _)| n.clone()).collect();
        if ident(i) == Some("mod") {
            if let (Some(name), Some((Tok::Open, _))) = (ident(i + 1), toks.get(i + 2)) {
                inline.push((name.to_string(), depth + 1));
                depth += 1;
                i += 3;
                continue;
            }
        }
        if ident(i) == Some("use") {
            let reexport = i > 0
                && (ident(i - 1) == Some("pub")
                    || (matches!(toks[i - 1].0, Tok::Other)
                        && i >= 4
                        && ident(i - 4) == Some("pub")));
            let mut j = i + 1;
            if matches!(toks.get(j), Some((Tok::PathSep, _))) {
                j += 1;
            }
            let mut found = Vec::new();
            j = use_tree(toks, j, Vec::new(), &mut found);
            for (segments, line) in found {
                out.push(RawPath {
                    segments,
                    line,
                    inline: here.clone(),
                    in_use: true,
                    reexport,
                });
            }
            i = j;
            continue;
        }
        let starts_path = matches!(ident(i), Some("crate" | "pingyi" | "super" | "self"))
            && matches!(toks.get(i + 1), Some((Tok::PathSep, _)))
            && !(i > 0 && matches!(toks[i - 1].0, Tok::PathSep));
        if starts_path {
            let line = toks[i].1;
            let mut segments = vec![ident(i).unwrap_or_default().to_string()];
            let mut j = i + 1;
            while matches!(toks.get(j), Some((Tok::PathSep, _))) {
                match ident(j + 1) {
                    Some(s) => segments.push(s.to_string()),
                    None => break,
                }
                j += 2;
            }
            out.push(RawPath {
                segments,
                line,
                inline: here,
                in_use: false,
                reexport: false,
            });
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// Reads one `use` tree from `j`, pushing every full path it names; returns the index
/// after the tree.
fn use_tree(
    toks: &[(Tok, usize)],
    mut j: usize,
    prefix: Vec<String>,
    found: &mut Vec<(Vec<String>, usize)>,
) -> usize {
    let mut path = prefix;
    loop {
        match toks.get(j) {
            Some((Tok::Ident(s), line)) => {
                let line = *line;
                if s == "as" {
                    // `x as y`: the alias does not change what is imported.
                    j += 2;
                    continue;
                }
                if s == "self"
                    && !path.is_empty()
                    && !matches!(toks.get(j + 1), Some((Tok::PathSep, _)))
                {
                    found.push((path.clone(), line));
                    return j + 1;
                }
                path.push(s.clone());
                j += 1;
                if matches!(toks.get(j), Some((Tok::PathSep, _))) {
                    j += 1;
                    continue;
                }
                found.push((path, line));
                return j;
            }
            Some((Tok::Star, line)) => {
                found.push((path, *line));
                return j + 1;
            }
            Some((Tok::Open, _)) => {
                j += 1;
                loop {
                    match toks.get(j) {
                        Some((Tok::Close, _)) => return j + 1,
                        Some((Tok::Comma, _)) => j += 1,
                        None => return j,
                        _ => {
                            let before = j;
                            j = use_tree(toks, j, path.clone(), found);
                            if j == before {
                                j += 1;
                            }
                        }
                    }
                }
            }
            _ => return j,
        }
    }
}

/// The crate's modules, each with the file that holds it.
struct Crate {
    files: BTreeMap<ModPath, String>,
    raw: BTreeMap<ModPath, Vec<RawPath>>,
}

fn module_of(rel: &Path) -> ModPath {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib") {
        parts.push(stem.to_string());
    }
    parts
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn read_crate(src: &Path) -> Crate {
    let mut files = Vec::new();
    walk(src, &mut files);
    let mut krate = Crate {
        files: BTreeMap::new(),
        raw: BTreeMap::new(),
    };
    for f in files {
        let rel = f.strip_prefix(src).expect("inside src");
        let module = module_of(rel);
        let text =
            fs::read_to_string(&f).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
        let name = format!("src/{}", rel.display());
        krate.raw.insert(module.clone(), paths(&lex(&text)));
        krate.files.insert(module, name);
    }
    krate
}

impl Crate {
    /// Turns a path written in `module` into an absolute one, or `None` when it names
    /// something outside the crate (std, serde, …).
    fn absolute(&self, module: &ModPath, p: &RawPath) -> Option<Vec<String>> {
        let mut base: Vec<String> = module.iter().chain(p.inline.iter()).cloned().collect();
        let mut segs = p.segments.iter().peekable();
        match segs.peek().map(|s| s.as_str()) {
            Some("crate" | "pingyi") => {
                segs.next();
                base.clear();
            }
            Some("super") => {
                while segs.peek().map(|s| s.as_str()) == Some("super") {
                    segs.next();
                    base.pop()?;
                }
            }
            Some("self") => {
                segs.next();
            }
            Some(first) if p.in_use => {
                // A bare `use x::…` names a child module of this one, or an extern crate.
                let mut child = base.clone();
                child.push(first.to_string());
                if !self.files.contains_key(&child) {
                    return None;
                }
            }
            _ => return None,
        }
        base.extend(segs.cloned());
        Some(base)
    }

    /// The longest prefix of `path` that is a module of the crate, and the item after it.
    fn split<'a>(&self, path: &'a [String]) -> (ModPath, Option<&'a String>) {
        for n in (0..=path.len()).rev() {
            if self.files.contains_key(&path[..n]) {
                return (path[..n].to_vec(), path.get(n));
            }
        }
        (Vec::new(), path.first())
    }

    /// For each module, the items it re-exports with `pub use`, and where they come from.
    fn reexports(&self) -> BTreeMap<ModPath, BTreeMap<String, Vec<String>>> {
        let mut out: BTreeMap<ModPath, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        for (module, raws) in &self.raw {
            for p in raws.iter().filter(|p| p.reexport && p.inline.is_empty()) {
                if let Some(abs) = self.absolute(module, p) {
                    if let Some(name) = abs.last() {
                        out.entry(module.clone())
                            .or_default()
                            .insert(name.clone(), abs.clone());
                    }
                }
            }
        }
        out
    }

    /// Every reference from a module to another, re-exports followed to the module that
    /// defines the item.
    fn edges(&self) -> Vec<Edge> {
        let reexports = self.reexports();
        let mut out = Vec::new();
        for (module, raws) in &self.raw {
            for p in raws {
                let Some(mut abs) = self.absolute(module, p) else {
                    continue;
                };
                let mut target;
                let mut hops = 0;
                loop {
                    let (m, item) = self.split(&abs);
                    target = m.clone();
                    let next = item.and_then(|i| reexports.get(&m).and_then(|r| r.get(i)));
                    match next {
                        Some(n) if !p.reexport || m != *module => {
                            if hops > 16 || *n == abs {
                                break;
                            }
                            abs = n.clone();
                            hops += 1;
                        }
                        _ => break,
                    }
                }
                let seen = out
                    .iter()
                    .any(|e: &Edge| e.to == target && e.line == p.line && e.from == *module);
                if target != *module && !seen {
                    out.push(Edge {
                        from: module.clone(),
                        to: target,
                        file: self.files[module].clone(),
                        line: p.line,
                    });
                }
            }
        }
        out
    }
}

fn top(m: &ModPath) -> String {
    m.first().cloned().unwrap_or_else(|| "crate".to_string())
}

fn name(m: &ModPath) -> String {
    if m.is_empty() {
        "crate".to_string()
    } else {
        m.join("::")
    }
}

/// The strongly connected groups of more than one node (Tarjan's algorithm).
fn cycles(nodes: &BTreeSet<String>, adj: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        adj: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on: BTreeSet<String>,
        out: Vec<Vec<String>>,
    }
    fn visit(s: &mut State, v: &str) {
        let n = s.index.len();
        s.index.insert(v.to_string(), n);
        s.low.insert(v.to_string(), n);
        s.stack.push(v.to_string());
        s.on.insert(v.to_string());
        let next: Vec<String> = s
            .adj
            .get(v)
            .map(|x| x.iter().cloned().collect())
            .unwrap_or_default();
        for w in next {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let lw = s.low[&w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on.contains(&w) {
                let iw = s.index[&w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(&w);
                let done = w == v;
                group.push(w);
                if done {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.out.push(group);
            }
        }
    }
    let mut s = State {
        adj,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in nodes {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// A shortest loop through `start` inside `group`, as a list of nodes.
fn one_loop(
    start: &str,
    group: &BTreeSet<String>,
    adj: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let mut prev: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = VecDeque::from([start.to_string()]);
    while let Some(v) = queue.pop_front() {
        for w in adj
            .get(&v)
            .into_iter()
            .flatten()
            .filter(|w| group.contains(*w))
        {
            if w == start {
                let mut path = vec![v.clone()];
                while let Some(p) = prev.get(path.last().expect("non-empty")) {
                    path.push(p.clone());
                }
                path.reverse();
                path.push(start.to_string());
                return path;
            }
            if !prev.contains_key(w) && w != start {
                prev.insert(w.clone(), v.clone());
                queue.push_back(w.clone());
            }
        }
    }
    vec![start.to_string()]
}

/// Describes every cycle among the nodes `key` maps edges onto; empty when none.
fn report_cycles(
    edges: &[Edge],
    key: impl Fn(&ModPath) -> Option<String>,
    what: &str,
) -> Vec<String> {
    let mut nodes = BTreeSet::new();
    let mut adj: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut at: BTreeMap<(String, String), Vec<&Edge>> = BTreeMap::new();
    for e in edges {
        let (Some(a), Some(b)) = (key(&e.from), key(&e.to)) else {
            continue;
        };
        if a == b {
            continue;
        }
        nodes.insert(a.clone());
        nodes.insert(b.clone());
        adj.entry(a.clone()).or_default().insert(b.clone());
        at.entry((a, b)).or_default().push(e);
    }
    let mut out = Vec::new();
    for group in cycles(&nodes, &adj) {
        let set: BTreeSet<String> = group.iter().cloned().collect();
        let mut text = format!(
            "{what} cycle among {{{}}}, e.g. {}:",
            group.join(", "),
            one_loop(&group[0], &set, &adj).join(" → ")
        );
        for ((a, b), es) in at
            .iter()
            .filter(|((a, b), _)| set.contains(a) && set.contains(b))
        {
            text.push_str(&format!("\n    {a} → {b}"));
            for e in es {
                text.push_str(&format!(
                    "\n        {}:{}  ({} uses {})",
                    e.file,
                    e.line,
                    name(&e.from),
                    name(&e.to)
                ));
            }
        }
        out.push(text);
    }
    out
}

/// Everything wrong with the floors of the crate whose sources are under `src`.
fn problems(src: &Path) -> Vec<String> {
    let krate = read_crate(src);
    let edges = krate.edges();
    let mut out = report_cycles(&edges, |m| Some(top(m)), "module");
    out.extend(report_cycles(
        &edges,
        |m| (m.first().map(String::as_str) == Some("commands")).then(|| name(m)),
        "commands file",
    ));
    // The web workbench (`serve`) sits above the command layer: it may call commands,
    // and only the binary (main, cli) may call it.
    let command_layer = ["commands", "serve", "main", "cli"];
    let front_ends = ["main", "cli"];
    let mut upward = String::new();
    for e in &edges {
        let (from, to) = (top(&e.from), top(&e.to));
        let below_commands = !command_layer.contains(&from.as_str()) && to == "commands";
        let below_serve = !front_ends.contains(&from.as_str()) && from != "serve" && to == "serve";
        if from != "crate" && (below_commands || below_serve) {
            upward.push_str(&format!(
                "\n    {}:{}  ({} uses {})",
                e.file,
                e.line,
                name(&e.from),
                name(&e.to)
            ));
        }
    }
    if !upward.is_empty() {
        out.push(format!(
            "stage modules import the command layer (commands) or the workbench (serve):{upward}"
        ));
    }
    out
}

/// The top-level modules floor by floor, lowest first: each uses only modules on lower
/// floors. Meaningful only when there is no cycle.
fn floors(src: &Path) -> Vec<Vec<String>> {
    let mut below: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in read_crate(src).files.keys().filter(|m| !m.is_empty()) {
        below.entry(top(m)).or_default();
    }
    for e in read_crate(src).edges() {
        let (a, b) = (top(&e.from), top(&e.to));
        if a != b && b != "crate" && a != "crate" {
            below.entry(a).or_default().insert(b);
        }
    }
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    while placed.len() < below.len() {
        let floor: Vec<String> = below
            .iter()
            .filter(|(m, uses)| !placed.contains(*m) && uses.is_subset(&placed))
            .map(|(m, _)| m.clone())
            .collect();
        if floor.is_empty() {
            break;
        }
        placed.extend(floor.iter().cloned());
        out.push(floor);
    }
    out
}

#[test]
fn no_import_cycles_and_no_stage_imports_the_command_layer() {
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    let src = root.join("src");
    let found = problems(&src);
    assert!(
        found.is_empty(),
        "{} problem(s) with the floors of src/:\n\n{}\n",
        found.len(),
        found.join("\n\n")
    );
    // Shown with `cargo test --test layers -- --nocapture`.
    for (i, floor) in floors(&src).iter().enumerate() {
        println!("floor {i}: {}", floor.join(", "));
    }
}

/// Writes a small crate to a temporary folder, so the checker itself can be checked.
fn fake_crate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (path, text) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().expect("has a parent")).expect("folder");
        fs::write(p, text).expect("write");
    }
    dir
}

#[test]
fn the_checker_finds_a_cycle_through_a_reexport_and_a_nested_use() {
    let dir = fake_crate(&[
        ("lib.rs", "pub mod a;\npub mod b;\npub mod commands;\n"),
        ("a/mod.rs", "pub mod inner;\npub use inner::Thing;\n"),
        (
            "a/inner.rs",
            "pub struct Thing;\nfn f() { let _ = crate::b::helper(); }\n",
        ),
        (
            "b.rs",
            "use crate::{\n    a::Thing,\n};\npub fn helper() {}\n",
        ),
        ("commands/mod.rs", "pub mod x;\npub mod y;\n"),
        ("commands/x.rs", "use super::y::Y;\npub struct X;\n"),
        (
            "commands/y.rs",
            "pub struct Y;\nfn g() -> super::x::X { todo!() }\n",
        ),
    ]);
    let found = problems(dir.path());
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("module cycle among {a, b}"),
        "{}",
        found[0]
    );
    assert!(found[0].contains("src/a/inner.rs:2"), "{}", found[0]);
    assert!(
        found[0].contains("src/b.rs:2  (b uses a::inner)"),
        "{}",
        found[0]
    );
    assert!(
        found[1].contains("commands file cycle among {commands::x, commands::y}"),
        "{}",
        found[1]
    );
}

#[test]
fn the_checker_finds_a_stage_importing_the_command_layer_and_ignores_text() {
    let dir = fake_crate(&[
        ("lib.rs", "pub mod commands;\npub mod frame;\n"),
        ("commands/mod.rs", "pub fn run() {}\n"),
        (
            "frame.rs",
            "//! crate::commands::nothing in a comment\npub struct Frame;\nconst S: &str = \"crate::commands::x\";\nconst R: &str = r#\"crate::commands::\"y\"#;\nfn f<'a>(_: &'a str) -> char { '\"' }\nfn g() { crate::commands::run(); }\n",
        ),
    ]);
    let found = problems(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("stage modules import the command layer"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("src/frame.rs:6  (frame uses commands)"),
        "{}",
        found[0]
    );
    assert!(
        !found[0].contains("frame.rs:1") && !found[0].contains("frame.rs:3"),
        "{}",
        found[0]
    );
}

#[test]
fn the_checker_accepts_a_crate_without_cycles() {
    let dir = fake_crate(&[
        ("lib.rs", "pub mod io;\npub mod frame;\npub use io::Cell;\n"),
        (
            "io/mod.rs",
            "pub mod cell;\npub use cell::Cell;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
        ),
        ("io/cell.rs", "pub struct Cell;\nuse super::Cell as C;\n"),
        (
            "frame.rs",
            "use crate::Cell;\nuse crate::io::{self, cell::Cell as D};\n",
        ),
    ]);
    assert_eq!(problems(dir.path()), Vec::<String>::new());
    let floors = floors(dir.path());
    assert_eq!(floors, [vec!["io".to_string()], vec!["frame".to_string()]]);
}
