//! The message catalogue: every key in both languages with the same arguments, every
//! key the code uses in the catalogue with the arguments the code passes, and the same
//! bad input told in Chinese and in English at the same file, row and column, whichever
//! way the language is chosen (`--lang`, `PINGYI_LANG`, the system locale).

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use util::{Run, Workdir};

/// A catalogue: each key and the arguments (`$name`) its text uses.
type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn read_catalogue(lang: &str) -> Catalogue {
    let path = util::repo_root().join(format!("locales/{lang}.ftl"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Catalogue::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            current = None;
            continue;
        }
        let body = if line.starts_with(char::is_whitespace) {
            line
        } else {
            let (key, body) = line
                .split_once(" =")
                .unwrap_or_else(|| panic!("{lang}.ftl: not a message line: {line}"));
            assert!(
                out.insert(key.to_string(), BTreeSet::new()).is_none(),
                "{lang}.ftl: {key} is defined twice"
            );
            current = Some(key.to_string());
            body
        };
        let key = current
            .as_ref()
            .unwrap_or_else(|| panic!("{lang}.ftl: a continuation line without a key: {line}"));
        out.get_mut(key).unwrap().extend(variables(body));
    }
    out
}

/// The `$name` arguments a line of Fluent text uses.
fn variables(text: &str) -> Vec<String> {
    text.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .collect()
}

#[test]
fn every_key_has_both_languages_with_the_same_arguments() {
    let zh = read_catalogue("zh");
    let en = read_catalogue("en");
    assert!(zh.len() > 50, "the catalogue has only {} keys", zh.len());
    let zh_keys: BTreeSet<_> = zh.keys().collect();
    let en_keys: BTreeSet<_> = en.keys().collect();
    let only_zh: Vec<_> = zh_keys.difference(&en_keys).collect();
    let only_en: Vec<_> = en_keys.difference(&zh_keys).collect();
    assert!(only_zh.is_empty(), "keys only in zh.ftl: {only_zh:?}");
    assert!(only_en.is_empty(), "keys only in en.ftl: {only_en:?}");
    for (key, args) in &zh {
        assert_eq!(
            args, &en[key],
            "{key}: zh.ftl and en.ftl use different arguments"
        );
    }
}

/// One `msg!("key", name = …, other => …)` written in the source.
#[derive(Debug)]
struct Use {
    file: String,
    key: String,
    args: BTreeSet<String>,
}

/// Every `msg!` of `src/`, outside comments.
fn uses_in_source() -> Vec<Use> {
    let mut out = Vec::new();
    let mut stack = vec![util::repo_root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.extend(uses_in_file(&path));
            } else if path.extension().is_some_and(|e| e == "html") {
                out.extend(uses_in_template(&path));
            }
        }
    }
    out
}

fn uses_in_file(path: &Path) -> Vec<Use> {
    let text = std::fs::read_to_string(path).unwrap();
    // Comment lines may show the macro's form; they are not uses.
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let file = path.display().to_string();
    let mut out = Vec::new();
    for (at, _) in code.match_indices("msg!(") {
        let rest = &code[at + "msg!(".len()..];
        let Some(after_quote) = rest.trim_start().strip_prefix('"') else {
            continue; // the macro's own rules: `msg!(@args …)`
        };
        let key: String = after_quote.chars().take_while(|c| *c != '"').collect();
        let args = argument_names(&after_quote[key.len() + 1..]);
        out.push(Use {
            file: file.clone(),
            key,
            args,
        });
    }
    out
}

/// Every `t("key", name=…)` of a workbench template (`src/serve/templates/`).
fn uses_in_template(path: &Path) -> Vec<Use> {
    let text = std::fs::read_to_string(path).unwrap();
    let file = path.display().to_string();
    let mut out = Vec::new();
    for quote in ['"', '\''] {
        for (at, _) in text.match_indices(&format!("t({quote}")) {
            let rest = &text[at + 3..];
            let key: String = rest.chars().take_while(|c| *c != quote).collect();
            let args = argument_names(&rest[key.len() + 1..]);
            out.push(Use {
                file: file.clone(),
                key,
                args,
            });
        }
    }
    out
}

/// The argument names of a `msg!` call, from just after its key to its closing
/// parenthesis: identifiers followed by `=` or `=>` at the call's own depth.
fn argument_names(rest: &str) -> BTreeSet<String> {
    let c: Vec<char> = rest.chars().collect();
    let (mut depth, mut i) = (0usize, 0usize);
    let mut names = BTreeSet::new();
    let mut after_comma = false;
    while i < c.len() {
        match c[i] {
            '"' => {
                i += 1;
                while i < c.len() && c[i] != '"' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => after_comma = true,
            ch if after_comma && (ch.is_alphabetic() || ch == '_') => {
                let name: String = c[i..]
                    .iter()
                    .take_while(|x| x.is_alphanumeric() || **x == '_')
                    .collect();
                let next: String = c[i + name.chars().count()..]
                    .iter()
                    .skip_while(|x| x.is_whitespace())
                    .take(2)
                    .collect();
                // `name = …`, `name => …`, or a bare variable `name`.
                let bare = next.is_empty() || next.starts_with([',', ')']);
                if (next.starts_with('=') && next != "==") || bare {
                    names.insert(name.clone());
                }
                i += name.chars().count();
                after_comma = false;
                continue;
            }
            ch if !ch.is_whitespace() => after_comma = false,
            _ => {}
        }
        i += 1;
    }
    names
}

#[test]
fn every_key_the_code_uses_is_in_the_catalogue_with_its_arguments() {
    let zh = read_catalogue("zh");
    let uses = uses_in_source();
    assert!(uses.len() > 50, "found only {} msg! uses", uses.len());
    let mut problems = Vec::new();
    for u in &uses {
        match zh.get(&u.key) {
            None => problems.push(format!("{}: {} is not in the catalogue", u.file, u.key)),
            Some(args) if args != &u.args => problems.push(format!(
                "{}: {} is given {:?} but its texts use {:?}",
                u.file, u.key, u.args, args
            )),
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let used: BTreeSet<&str> = uses.iter().map(|u| u.key.as_str()).collect();
    // The command line's help texts (help-…) are looked up by keys made from the
    // command tree; the binary's own tests check every one is used and none missing.
    // The workbench's wordings of command-line messages are looked up in its table
    // (src/serve/wording.rs), whose own test checks they take the same arguments.
    let wording = std::fs::read_to_string(util::repo_root().join("src/serve/wording.rs")).unwrap();
    let unused: Vec<&String> = zh
        .keys()
        .filter(|k| !k.starts_with("help-") && !used.contains(k.as_str()))
        .filter(|k| !wording.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "catalogue keys no code uses: {unused:?}");
}

#[test]
fn the_scanner_reads_names_and_nested_messages() {
    let names = argument_names(r#", a = f(x, y), b => msg!("k", c = 1), d = "x, e = 2", g)"#);
    let want: BTreeSet<String> = ["a", "b", "d", "g"].iter().map(|s| s.to_string()).collect();
    assert_eq!(names, want);
}

/// A wide count table whose row 3 holds a count that is not a number in column C.
const BAD_COUNTS: &str = "单位,农村低保,城市低保\n城关镇,12,5\n东岗镇,7,1２a\n";
const EN_PLACE: &str = "c.csv, row 3, column 城市低保 (C): holds '1２a' which is not a number";
const ZH_PLACE: &str = "文件 c.csv，第 3 行，第 3 列（C 列）「城市低保」：填的是 '1２a'，不是数字";
const FRAME: [&str; 7] = [
    "frame",
    "--counts",
    "c.csv",
    "--per-unit",
    "5",
    "--out",
    "f.csv",
];

/// Runs pingyi with the language left to `env`: PINGYI_LANG and the locale variables
/// are removed first, then `env` set.
fn run_with_env(wd: &Workdir, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd: Command = wd.command(args);
    for var in ["PINGYI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        output: cmd.output().expect("run pingyi"),
    }
}

fn bad_counts() -> Workdir {
    let wd = Workdir::new();
    wd.write("c.csv", BAD_COUNTS);
    wd
}

#[test]
fn a_bad_count_is_told_in_english_under_lang_en() {
    let wd = bad_counts();
    let mut args = FRAME.to_vec();
    args.extend(["--lang", "en"]);
    let run = run_with_env(&wd, &args, &[("LANG", "zh_CN.UTF-8")]);
    run.expect_bad_input(&["error: ", EN_PLACE]);
    assert!(!run.stderr().contains("错误"), "{}", run.stderr());
    assert!(!wd.exists("f.csv"), "a refused table left an output");
}

#[test]
fn a_bad_count_is_told_in_chinese_under_lang_zh_at_the_same_cell() {
    let wd = bad_counts();
    // The global flag may stand before the subcommand or after it.
    for args in [
        [&["--lang", "zh"][..], &FRAME[..]].concat(),
        [&FRAME[..], &["--lang", "zh"][..]].concat(),
    ] {
        let run = run_with_env(&wd, &args, &[("LANG", "en_US.UTF-8")]);
        run.expect_bad_input(&["错误：", ZH_PLACE]);
        assert!(!run.stderr().contains("error:"), "{}", run.stderr());
        assert!(
            !run.stderr().contains('\u{2068}'),
            "bidi marks in {}",
            run.stderr()
        );
    }
    assert!(!wd.exists("f.csv"));
}

#[test]
fn pingyi_lang_chooses_chinese_and_the_flag_wins_over_it() {
    let wd = bad_counts();
    let run = run_with_env(
        &wd,
        &FRAME,
        &[("PINGYI_LANG", "zh"), ("LANG", "en_US.UTF-8")],
    );
    run.expect_bad_input(&["错误：", ZH_PLACE]);
    let mut args = FRAME.to_vec();
    args.extend(["--lang", "en"]);
    let run = run_with_env(&wd, &args, &[("PINGYI_LANG", "zh")]);
    run.expect_bad_input(&["error: ", EN_PLACE]);
}

#[test]
fn a_chinese_locale_chooses_chinese_when_nothing_else_does() {
    let wd = bad_counts();
    for var in ["LANG", "LC_ALL"] {
        let run = run_with_env(&wd, &FRAME, &[(var, "zh_CN.UTF-8")]);
        run.expect_bad_input(&["错误：", ZH_PLACE]);
    }
    for env in [
        &[("LANG", "en_US.UTF-8")][..],
        &[("LANG", "C")][..],
        &[][..],
    ] {
        let run = run_with_env(&wd, &FRAME, env);
        run.expect_bad_input(&["error: ", EN_PLACE]);
    }
}

#[test]
fn usage_errors_are_told_in_both_languages() {
    let wd = bad_counts();
    let both = ["--per-unit", "5", "--margin", "0.1"];
    let mut args = vec!["frame", "--counts", "c.csv", "--out", "f.csv"];
    args.extend(both);
    let en = run_with_env(&wd, &[&args[..], &["--lang", "en"]].concat(), &[]);
    en.expect_bad_input(&["error: per_unit (--per-unit) and margin (--margin) are both given"]);
    let zh = run_with_env(&wd, &[&args[..], &["--lang", "zh"]].concat(), &[]);
    zh.expect_bad_input(&["错误：同时给了 per_unit（--per-unit）和 margin（--margin）"]);
}

#[test]
fn a_missing_sheet_is_named_in_chinese() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.xlsx", "c.xlsx");
    let args = [
        "frame",
        "--counts",
        "c.xlsx",
        "--sheet",
        "第二页",
        "--per-unit",
        "5",
        "--out",
        "f.csv",
        "--lang",
        "zh",
    ];
    run_with_env(&wd, &args, &[])
        .expect_bad_input(&["错误：文件 c.xlsx：没有名为「第二页」的工作表；现有的工作表是："]);
}

/// Every file of a folder, by its path inside it.
fn files_of(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn the_example_run_writes_the_same_bytes_in_either_language() {
    let run = |env: &[(&str, &str)]| {
        let wd = util::with_example_data();
        let r = run_with_env(&wd, &["run", "--data", "data", "--out", "out"], env);
        r.expect_code(0);
        (files_of(&wd.path("out")), r.stderr())
    };
    let (en, en_err) = run(&[("PINGYI_LANG", "en")]);
    let (zh, zh_err) = run(&[("LANG", "zh_CN.UTF-8")]);
    assert!(en.len() > 20, "only {} files", en.len());
    assert_eq!(en.keys().collect::<Vec<_>>(), zh.keys().collect::<Vec<_>>());
    // The report is written for a person, in the chosen language; the file list
    // (.pingyi-run) names it with its digest. Every other output is the same.
    for (name, bytes) in &en {
        if name == "report.html" {
            assert!(
                zh[name] != *bytes,
                "the report does not follow the language"
            );
            continue;
        }
        let same = |b: &[u8]| {
            let text = String::from_utf8_lossy(b);
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.ends_with("  report.html"))
                .collect();
            kept.join("\n")
        };
        assert!(
            same(&zh[name]) == same(bytes),
            "{name} differs between English and Chinese"
        );
    }
    // What a person reads does follow the language.
    assert!(en_err.contains("warning: "), "{en_err}");
    assert!(zh_err.contains("警告："), "{zh_err}");
}

#[test]
fn the_message_language_leaves_output_headers_alone_unless_the_flag_is_given() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "c.csv");
    let base = ["frame", "--counts", "c.csv", "--per-unit", "5", "--no-bom"];
    let run = |out: &str, extra: &[&str], env: &[(&str, &str)]| {
        let args = [&base[..], &["--out", out], extra].concat();
        run_with_env(&wd, &args, env).expect_code(0);
        String::from_utf8(wd.read(out)).unwrap()
    };
    let plain = run("plain.csv", &[], &[("LANG", "en_US.UTF-8")]);
    assert!(plain.starts_with("unit,category,"), "{plain}");
    // A Chinese environment changes messages, never an output's bytes.
    assert_eq!(run("env.csv", &[], &[("PINGYI_LANG", "zh")]), plain);
    assert_eq!(run("loc.csv", &[], &[("LANG", "zh_CN.UTF-8")]), plain);
    // --lang zh on the command line also asks for Chinese headers, as it always did;
    // --headers says otherwise for one output.
    let zh = run("zh.csv", &["--lang", "zh"], &[]);
    assert!(zh.starts_with("单位,类别,总体人数,"), "{zh}");
    assert_eq!(
        run("h.csv", &["--lang", "zh", "--headers", "en"], &[]),
        plain
    );
    assert_eq!(run("h2.csv", &["--headers", "zh"], &[]), zh);
}

#[test]
fn file_errors_are_told_in_chinese_with_what_to_do() {
    let wd = Workdir::new();
    wd.copy_from_repo("data/county_counts.csv", "c.csv");
    let frame = [
        "frame",
        "--counts",
        "c.csv",
        "--per-unit",
        "5",
        "--out",
        "f.csv",
    ];
    let missing = [
        "frame",
        "--counts",
        "none.csv",
        "--per-unit",
        "5",
        "--out",
        "f.csv",
    ];
    run_with_env(&wd, &[&missing[..], &["--lang", "zh"]].concat(), &[])
        .expect_bad_input(&["错误：无法读取 none.csv：", "请确认文件存在"]);
    run_with_env(&wd, &[&missing[..], &["--lang", "en"]].concat(), &[])
        .expect_bad_input(&["error: cannot read none.csv: "]);
    run_with_env(&wd, &frame, &[]).expect_code(0);
    run_with_env(&wd, &[&frame[..], &["--lang", "zh"]].concat(), &[])
        .expect_bad_input(&["错误：f.csv 已存在；如要替换，请加 --force"]);
    run_with_env(&wd, &[&frame[..], &["--lang", "en"]].concat(), &[])
        .expect_bad_input(&["error: f.csv already exists; pass --force"]);
}
