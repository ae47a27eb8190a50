//! The command line in the clerk's language, through the binary: `--help` of the top
//! level and of a subcommand, clap's parse errors (an unknown flag, a bad value, a
//! missing argument or command) in Chinese and in English with the flag named and exit
//! code 2, the language chosen by `--lang`, `PINGYI_LANG`, the system locale or the
//! `lang` key of pingyi.toml, in that order.

mod util;

use std::process::Command;

use util::{Run, Workdir};

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

/// Runs pingyi under an English locale, whatever the machine's.
fn run(wd: &Workdir, args: &[&str]) -> Run {
    run_with_env(wd, args, &[("LANG", "en_US.UTF-8")])
}

fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "lacks {n:?}:\n{text}");
    }
}

fn assert_lacks(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(!text.contains(n), "holds {n:?}:\n{text}");
    }
}

/// English words of clap's own that must not show in a Chinese help or error.
const CLAP_ENGLISH: [&str; 9] = [
    "Usage",
    "Options:",
    "Commands:",
    "Arguments:",
    "Print help",
    "Print version",
    "[default:",
    "[possible values",
    "error:",
];

#[test]
fn top_level_help_is_chinese_under_lang_zh() {
    let wd = Workdir::new();
    for args in [
        &["--lang", "zh", "--help"][..],
        &["--help", "--lang=zh"][..],
    ] {
        let r = run(&wd, args);
        r.expect_code(0);
        let out = r.stdout();
        assert_has(
            &out,
            &[
                "用法：pingyi [选项] <命令>",
                "命令:",
                "选项:",
                "从「pingyi run」开始",
                "把调查样本分配到各单位 × 各类别（抽样样本框）",
                "显示帮助",
                "显示版本号",
            ],
        );
        assert_lacks(&out, &CLAP_ENGLISH);
        assert_lacks(&out, &["sampling frames, draws", "Allocate the survey"]);
    }
}

#[test]
fn subcommand_help_is_chinese_under_lang_zh() {
    let wd = Workdir::new();
    let r = run(&wd, &["--lang", "zh", "frame", "--help"]);
    r.expect_code(0);
    let out = r.stdout();
    assert_has(
        &out,
        &[
            "用法：pingyi frame [选项] --counts <数量表> --out <结果文件>",
            "每个单位的样本量来自 --per-unit",
            "服务对象类别和数量表",
            "--margin 的置信水平 [默认：0.95]",
            "[可选：en, zh]",
            "示例：pingyi frame --counts",
        ],
    );
    assert_lacks(&out, &CLAP_ENGLISH);
    assert_lacks(&out, &["The count table", "Confidence level"]);
    // A sub-subcommand, -h, and `help` as a command.
    for args in [
        &["--lang", "zh", "audit", "select", "-h"][..],
        &["--lang", "zh", "audit", "help", "select"][..],
    ] {
        let r = run(&wd, args);
        r.expect_code(0);
        assert_has(
            &r.stdout(),
            &["从已收集的样本中随机抽出要核查的记录", "抽查种子"],
        );
        assert_lacks(&r.stdout(), &CLAP_ENGLISH);
    }
}

#[test]
fn help_is_english_under_lang_en() {
    let wd = Workdir::new();
    let r = run_with_env(
        &wd,
        &["frame", "--help", "--lang", "en"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    r.expect_code(0);
    let out = r.stdout();
    assert_has(
        &out,
        &[
            "Usage: pingyi frame [OPTIONS] --counts <COUNTS> --out <OUT>",
            "Options:",
            "The count table (服务对象类别和数量表)",
            "Confidence level for --margin [default: 0.95]",
            "[possible values: en, zh]",
        ],
    );
    assert_lacks(&out, &["用法", "选项:", "数量表：CSV"]);
}

#[test]
fn pingyi_lang_and_the_locale_choose_the_help_language_and_the_flag_wins() {
    let wd = Workdir::new();
    let zh = "用法：pingyi size [选项]";
    let en = "Usage: pingyi size [OPTIONS]";
    for env in [
        &[("PINGYI_LANG", "zh"), ("LANG", "en_US.UTF-8")][..],
        &[("LANG", "zh_CN.UTF-8")][..],
        &[("LC_ALL", "zh_CN.UTF-8")][..],
    ] {
        let r = run_with_env(&wd, &["size", "--help"], env);
        r.expect_code(0);
        assert_has(&r.stdout(), &[zh, "总体数 N"]);
    }
    for env in [
        &[("PINGYI_LANG", "en"), ("LANG", "zh_CN.UTF-8")][..],
        &[("LANG", "C")][..],
        &[][..],
    ] {
        let r = run_with_env(&wd, &["size", "--help"], env);
        assert_has(&r.stdout(), &[en, "The population N"]);
    }
    let r = run_with_env(
        &wd,
        &["size", "--help", "--lang", "en"],
        &[("PINGYI_LANG", "zh")],
    );
    assert_has(&r.stdout(), &[en]);
    let r = run_with_env(
        &wd,
        &["--lang", "zh", "size", "--help"],
        &[("PINGYI_LANG", "en")],
    );
    assert_has(&r.stdout(), &[zh]);
}

#[test]
fn an_unknown_flag_is_named_in_both_languages() {
    let wd = Workdir::new();
    let args = [
        "frame", "--counts", "c.csv", "--methd", "equal", "--out", "f.csv",
    ];
    let en = run(&wd, &args);
    en.expect_bad_input(&[
        "error: unexpected argument '--methd'",
        "tip: did you mean '--method'?",
        "Usage: pingyi frame [OPTIONS]",
        "run 'pingyi frame --help'",
    ]);
    let zh = run(&wd, &[&["--lang", "zh"][..], &args[..]].concat());
    zh.expect_bad_input(&[
        "错误：无法识别的参数「--methd」",
        "提示：是否想用「--method」？",
        "用法：pingyi frame [选项]",
        "详细说明请运行「pingyi frame --help」",
    ]);
    assert_lacks(&zh.stderr(), &CLAP_ENGLISH);
    assert!(!wd.exists("f.csv"));
}

#[test]
fn an_unknown_command_is_named_in_both_languages() {
    let wd = Workdir::new();
    run(&wd, &["frmae"]).expect_bad_input(&[
        "error: there is no command 'frmae'",
        "did you mean 'frame'?",
    ]);
    let zh = run(&wd, &["--lang", "zh", "frmae"]);
    zh.expect_bad_input(&["错误：没有「frmae」这个命令", "是否想用「frame」？"]);
    assert_lacks(&zh.stderr(), &CLAP_ENGLISH);
}

#[test]
fn bad_values_are_named_with_their_flag_in_both_languages() {
    let wd = Workdir::new();
    let base = ["frame", "--counts", "c.csv", "--out", "f.csv"];
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["--margin", "abc"],
            "invalid value for --margin <MARGIN>: 'abc' is not a number",
            "--margin <误差界> 的值不对：「abc」不是数字",
        ),
        (
            &["--per-unit", "-5"],
            "invalid value for --per-unit <PER_UNIT>: '-5' is not a whole number",
            "--per-unit <人数> 的值不对：「-5」不是 0 或更大的整数",
        ),
        (
            &["--reserve-rate", "lots"],
            "'lots' is not a rate",
            "--reserve-rate <比例> 的值不对：「lots」不是比例",
        ),
        (
            &["--method", "best", "--per-unit", "5"],
            "unknown allocation method 'best'",
            "没有「best」这种分配方法",
        ),
        (
            &["--headers", "fr"],
            "--headers <HEADERS> does not take 'fr'; give one of: en, zh",
            "--headers <语言> 不接受「fr」；请从这些值中选一个：en, zh",
        ),
    ];
    for (flags, en, zh) in cases {
        let args = [&base[..], flags].concat();
        run(&wd, &args).expect_bad_input(&["error: ", en]);
        let r = run(&wd, &[&args[..], &["--lang", "zh"][..]].concat());
        r.expect_bad_input(&["错误：", zh]);
        assert_lacks(&r.stderr(), &CLAP_ENGLISH);
    }
    let tally = ["audit", "tally", "--checklist", "c.xlsx", "--out", "t.csv"];
    let cap = [&tally[..], &["--cap=-1"][..]].concat();
    run(&wd, &cap).expect_bad_input(&["--cap <CAP>", "-1 is negative"]);
    let r = run(&wd, &[&cap[..], &["--lang", "zh"][..]].concat());
    r.expect_bad_input(&["--cap <分值> 的值不对：-1 是负数"]);
    for (flag, en, zh) in [
        (
            "--per-case=NaN",
            "'NaN' is not a number",
            "--per-case <分值> 的值不对：「NaN」不是数字；请写成小数",
        ),
        (
            "--recheck-at=1.5",
            "1.5 is not between 0 and 1",
            "--recheck-at <比例> 的值不对：1.5 不在 0 到 1 之间",
        ),
    ] {
        let args = [&tally[..], &[flag][..]].concat();
        run(&wd, &args).expect_bad_input(&["error: ", en]);
        run(&wd, &[&args[..], &["--lang", "zh"][..]].concat()).expect_bad_input(&["错误：", zh]);
    }
    let select = [
        "audit", "select", "--sample", "s.csv", "--seed", "x", "--rate", "a30", "--out", "c.csv",
    ];
    run(&wd, &select).expect_bad_input(&["--rate <RATE>", "'a30' is not a rate"]);
    run(&wd, &[&select[..], &["--lang", "zh"][..]].concat())
        .expect_bad_input(&["--rate <比例> 的值不对：「a30」不是比例"]);
    assert!(!wd.exists("f.csv") && !wd.exists("t.csv") && !wd.exists("c.csv"));
}

#[test]
fn missing_arguments_and_commands_are_told_in_both_languages() {
    let wd = Workdir::new();
    run(&wd, &["frame", "--counts", "c.csv"])
        .expect_bad_input(&["error: these required arguments were not given: --out <OUT>"]);
    let r = run(&wd, &["--lang", "zh", "frame", "--counts", "c.csv"]);
    r.expect_bad_input(&["错误：缺少必须给出的参数：--out <结果文件>"]);
    let r = run(&wd, &["--lang", "zh", "draw", "--frame"]);
    r.expect_bad_input(&["错误：--frame <抽样框> 后面要给一个值"]);
    // A command without its subcommand shows its help, on stderr, with exit code 2.
    let r = run(&wd, &["--lang", "zh", "audit"]);
    r.expect_code(2);
    assert_has(
        &r.stderr(),
        &["用法：pingyi audit [选项] <命令>", "select", "tally"],
    );
    assert_lacks(&r.stderr(), &CLAP_ENGLISH);
}

#[test]
fn flag_combinations_the_commands_refuse_are_told_in_both_languages() {
    let wd = Workdir::new();
    let args = [
        "score",
        "--responses",
        "a.csv",
        "--scheme",
        "county",
        "--out",
        "s.csv",
    ];
    let weighted = [&args[..], &["--weighted"][..]].concat();
    // clap itself refuses --weighted without --sample.
    run(&wd, &weighted).expect_bad_input(&["--sample"]);
    let r = run(&wd, &[&weighted[..], &["--lang", "zh"][..]].concat());
    r.expect_bad_input(&["错误：缺少必须给出的参数：--sample"]);
    run(&wd, &["verify"]).expect_bad_input(&["error: give a MANIFEST, or --sample"]);
    run(&wd, &["--lang", "zh", "verify"])
        .expect_bad_input(&["错误：请给出一个清单文件（MANIFEST）"]);
    run(&wd, &["--lang", "zh", "verify", "--sample", "s.csv"])
        .expect_bad_input(&["错误：--sample 需要同时给出 --roster、--frame 和 --seed"]);
}

#[test]
fn an_id_number_typed_as_a_flag_value_is_masked() {
    let wd = Workdir::new();
    let id = "11010519491231002X";
    for lang in ["en", "zh"] {
        let r = run(
            &wd,
            &[
                "--lang", lang, "frame", "--counts", "c.csv", "--out", "f.csv", "--margin", id,
            ],
        );
        r.expect_code(2);
        assert_lacks(&r.stderr(), &[id]);
    }
}

/// The example's data folder with `lang = …` put at the top of its pingyi.toml, and
/// its seeds cut so that the run stops at once, before any output.
fn config_with_lang(lang: &str) -> Workdir {
    let wd = util::with_example_data();
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    let cut = config.find("[seeds]").unwrap();
    wd.write(
        "data/pingyi.toml",
        format!("lang = \"{lang}\"\n{}", &config[..cut]),
    );
    wd
}

#[test]
fn pingyi_toml_lang_chooses_the_language_after_the_flag_and_pingyi_lang() {
    let zh_error = "错误：文件 data/pingyi.toml";
    let zh_text = "没有抽样种子；请加上 draw = \"…\"";
    let en_text = "error: data/pingyi.toml";
    let wd = config_with_lang("zh");
    // Over an English locale, or none, the file's lang decides.
    for env in [&[("LANG", "en_US.UTF-8")][..], &[][..]] {
        run_with_env(&wd, &["run"], env).expect_bad_input(&[zh_error, zh_text]);
    }
    // PINGYI_LANG and --lang win over the file.
    run_with_env(&wd, &["run"], &[("PINGYI_LANG", "en")])
        .expect_bad_input(&[en_text, "no draw seed"]);
    run_with_env(&wd, &["run", "--lang", "en"], &[("LANG", "zh_CN.UTF-8")])
        .expect_bad_input(&[en_text, "no draw seed"]);
    // lang = "en" wins over a Chinese locale; PINGYI_LANG=zh over the file.
    let wd = config_with_lang("en");
    run_with_env(&wd, &["run"], &[("LANG", "zh_CN.UTF-8")])
        .expect_bad_input(&[en_text, "no draw seed"]);
    run_with_env(&wd, &["run"], &[("PINGYI_LANG", "zh")]).expect_bad_input(&[zh_error, zh_text]);
    assert!(!wd.exists("out"));
}

#[test]
fn pingyi_toml_lang_also_tells_the_files_own_errors_and_a_bad_lang_is_refused() {
    let wd = util::with_example_data();
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    let bad_margin = config.replacen("margin = 0.05 ", "margin = 5 ", 1);
    assert_ne!(bad_margin, config);
    wd.write("data/pingyi.toml", format!("lang = \"zh\"\n{bad_margin}"));
    run_with_env(&wd, &["run"], &[("LANG", "en_US.UTF-8")])
        .expect_bad_input(&["错误：文件 data/pingyi.toml：[city]"]);
    let bad_method = config.replacen("method = \"proportional\"", "method = \"best\"", 1);
    wd.write("data/pingyi.toml", format!("lang = \"zh\"\n{bad_method}"));
    run_with_env(&wd, &["run"], &[("LANG", "en_US.UTF-8")]).expect_bad_input(&[
        "错误：文件 data/pingyi.toml：[city]",
        "没有「best」这种分配方法",
    ]);
    let bad_rate = config.replacen("reserve_rate = \"0.3\"", "reserve_rate = \"lots\"", 1);
    wd.write("data/pingyi.toml", format!("lang = \"zh\"\n{bad_rate}"));
    run_with_env(&wd, &["run"], &[("LANG", "en_US.UTF-8")]).expect_bad_input(&[
        "[city]",
        "reserve_rate",
        "「lots」不是比例",
    ]);
    wd.write("data/pingyi.toml", format!("lang = \"fr\"\n{config}"));
    run_with_env(&wd, &["run"], &[("LANG", "en_US.UTF-8")])
        .expect_bad_input(&["data/pingyi.toml", "lang"]);
    assert!(!wd.exists("out"));
}

#[test]
fn pingyi_toml_lang_gives_a_chinese_summary_and_leaves_the_outputs_alone() {
    let wd = util::with_example_data();
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    wd.write("data/pingyi.toml", format!("lang = \"zh\"\n{config}"));
    let r = run_with_env(&wd, &["run"], &[("LANG", "en_US.UTF-8")]);
    r.expect_code(0);
    assert_has(&r.stderr(), &["警告："]);
    assert_lacks(&r.stderr(), &["warning: "]);
    // Headers follow --headers or --lang only, never the message language.
    let frame = String::from_utf8(wd.read("out/county/frame.csv")).unwrap();
    let first = frame
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    assert!(
        first.is_ascii(),
        "headers changed with pingyi.toml lang: {first}"
    );
}

#[test]
fn an_empty_seed_is_refused_in_both_languages() {
    let wd = Workdir::new();
    let args = [
        "draw", "--frame", "f.csv", "--roster", "r.csv", "--seed", "  ", "--out", "s.csv",
    ];
    run(&wd, &args).expect_bad_input(&["error: the seed is empty", "--seed"]);
    let r = run(&wd, &[&args[..], &["--lang", "zh"][..]].concat());
    r.expect_bad_input(&["错误：种子是空的；请用 --seed 给出"]);
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_missing_file_is_told_without_the_operating_systems_english() {
    let wd = Workdir::new();
    let args = [
        "frame",
        "--counts",
        "none.csv",
        "--per-unit",
        "5",
        "--out",
        "f.csv",
    ];
    run(&wd, &args).expect_bad_input(&["error: cannot read none.csv: no such file or folder"]);
    let r = run(&wd, &[&args[..], &["--lang", "zh"][..]].concat());
    r.expect_bad_input(&["错误：无法读取 none.csv：找不到这个文件或文件夹。请确认文件存在"]);
    assert_lacks(&r.stderr(), &["os error", "No such file"]);
}

#[test]
fn a_frame_edited_by_hand_is_told_in_both_languages() {
    let wd = util::example_county();
    let frame = String::from_utf8(wd.read("frame.csv")).unwrap();
    let edited = frame.replacen(
        "城关镇,rural_dibao,1008,30,9",
        "城关镇,rural_dibao,1008,26,9",
        1,
    );
    assert_ne!(edited, frame, "the example frame changed; pick another row");
    wd.write("frame.csv", edited);
    let args = [
        "draw",
        "--frame",
        "frame.csv",
        "--roster",
        "roster.csv",
        "--seed",
        "s",
        "--out",
        "s.csv",
    ];
    run(&wd, &args).expect_bad_input(&[
        "error: frame.csv: differs from what its manifest",
        "(edited by hand?) in: 城关镇 / rural_dibao",
    ]);
    let r = run(&wd, &[&args[..], &["--lang", "zh"][..]].concat());
    r.expect_bad_input(&[
        "错误：文件 frame.csv：与其清单文件",
        "被手工改过？",
        "城关镇 / rural_dibao",
    ]);
    assert!(!wd.exists("s.csv"));
}

#[test]
fn a_repeated_flag_and_a_stray_word_are_told_in_both_languages() {
    let wd = Workdir::new();
    let twice = [
        "frame", "--counts", "a.csv", "--counts", "b.csv", "--out", "f.csv",
    ];
    run(&wd, &twice).expect_bad_input(&["error: --counts <COUNTS> is given more than once"]);
    run(&wd, &[&twice[..], &["--lang", "zh"][..]].concat())
        .expect_bad_input(&["错误：--counts <数量表> 给了不止一次；只能给一次"]);
    let stray = ["seed", "new", "extra"];
    run(&wd, &stray).expect_bad_input(&["error: unexpected word 'extra'"]);
    run(&wd, &[&stray[..], &["--lang", "zh"][..]].concat())
        .expect_bad_input(&["错误：多出来的「extra」：这个命令不需要它"]);
    assert!(!wd.exists("f.csv"));
}

#[test]
fn a_configuration_toml_cannot_read_is_told_at_its_line_in_both_languages() {
    let wd = util::with_example_data();
    let config = String::from_utf8(wd.read("data/pingyi.toml")).unwrap();
    let line = 1 + config
        .lines()
        .position(|l| l.starts_with("reserve_rate = \"0.3\""))
        .unwrap();
    let bad = config.replacen("reserve_rate = \"0.3\"", "reserve_rate = true", 1);
    wd.write("data/pingyi.toml", &bad);
    let en =
        format!("data/pingyi.toml, row {line}: is not a valid configuration: a rate is a decimal");
    run(&wd, &["run"]).expect_bad_input(&[&en]);
    let zh = format!("文件 data/pingyi.toml，第 {} 行", line + 1);
    wd.write("data/pingyi.toml", format!("lang = \"zh\"\n{bad}"));
    let r = run(&wd, &["run"]);
    r.expect_bad_input(&[&zh, "不是有效的配置文件：比例要写成小数"]);
    assert_lacks(&r.stderr(), &["TOML parse error", "a rate is"]);
    assert!(!wd.exists("out"));
}
