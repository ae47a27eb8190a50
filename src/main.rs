//! The `pingyi` binary: parse the command line, call the library, map errors to the
//! documented exit codes (0 ok, 1 internal fault, 2 bad input or usage, 3 verification
//! failed).

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::{AuditCommand, Cli, Command, LangArg, SeedCommand};
use pingyi::commands::{self, OutputOptions};
use pingyi::error::{Error, Result};
use pingyi::frame::settings::FrameSettings;
use pingyi::frame::{FramePlan, size};
use pingyi::io::Lang;
use pingyi::io::write::{OutputFormat, WriteOptions, render};

/// mimalloc returns the draw's freed scan buffers for reuse across threads, where the
/// system allocator's per-thread arenas kept them (about 90 MB more at 10M rows).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The scan settings a draw was given.
fn draw_scan(args: &cli::DrawArgs) -> pingyi::draw::scan::ScanOptions {
    pingyi::draw::scan::ScanOptions {
        threads: args.threads,
        chunk_bytes: args.chunk_kib.max(1) * 1024,
        sort_buffer: args.sort_buffer.max(1),
    }
}

/// The `--lang` given on the command line, which is also the default header language.
static LANG_FLAG: std::sync::OnceLock<LangArg> = std::sync::OnceLock::new();

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Some(l) = cli.lang {
        let _ = LANG_FLAG.set(l);
        pingyi::i18n::set_language(lang(l));
    }
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Write { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Every message is masked here, whatever built it: a sheet or column name,
            // a flag's value or a path may hold an ID number or a phone.
            let text = pingyi::i18n::error_line(e.message()).render();
            eprintln!("{}", pingyi::privacy::mask_personal(&text));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn lang(l: LangArg) -> Lang {
    match l {
        LangArg::En => Lang::En,
        LangArg::Zh => Lang::Zh,
    }
}

/// The header language of an output: its --headers, else the global --lang, else English.
fn header_lang(how: &cli::WriteArgs) -> Lang {
    how.headers
        .or_else(|| LANG_FLAG.get().copied())
        .map(lang)
        .unwrap_or(Lang::En)
}

/// Prints to stdout; a closed pipe (`pingyi … | head`) ends quietly.
fn print_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| Error::write(std::path::Path::new("<stdout>"), e))
}

fn warn(warnings: &[String]) {
    for w in warnings {
        let text = pingyi::i18n::warning_line(w.as_str()).render();
        eprintln!("{}", pingyi::privacy::mask_personal(&text));
    }
}

fn dispatch(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Run(args) => {
            let results = commands::run::run_pipeline(&args.data, &args.out, args.force)?;
            let mut text = String::new();
            for level in &results {
                warn(&level.notes);
                warn(&level.frame.warnings);
                text.push_str(&format!("\n{} — {}\n", level.name, level.title));
                text.push_str(&pingyi::report::frame_summary(&level.frame));
                text.push('\n');
                if let Some(report) = &level.draw {
                    warn(&report.draw.warnings);
                    text.push_str(&pingyi::report::draw_summary(&report.draw));
                    text.push('\n');
                    let q =
                        pingyi::report::quality_summary(&report.draw.quality, &report.quality_path);
                    text.push_str(&q);
                    text.push('\n');
                }
                if let Some(tally) = &level.tally {
                    text.push_str("audit (30% verification):\n");
                    text.push_str(&pingyi::report::tally_summary(&tally.units));
                    text.push('\n');
                }
                if let Some(calls) = &level.calls {
                    text.push_str(&format!(
                        "call log: {} calls, reserves used in order and only for lost respondents\n",
                        calls.calls
                    ));
                }
                if let Some(score) = &level.score {
                    warn(&score.notes);
                    text.push_str("scores and ranking:\n");
                    text.push_str(&pingyi::report::score_summary(&score.units));
                    text.push('\n');
                }
                for p in &level.outputs {
                    text.push_str(&format!("  wrote {}\n", p.display()));
                }
            }
            if let Some(last) = results.last().and_then(|l| l.outputs.last()) {
                let root = commands::run::verify_root(&args.data, &args.out);
                text.push_str(&format!(
                    "\n核查任一输出（重新推导并比对）/ to check any output (re-derived and compared):\n  \
                     pingyi verify --chain --root {} {}\n",
                    root.display(),
                    last.display()
                ));
            }
            print_stdout(text.as_bytes())
        }
        Command::Frame(args) => {
            let plan = FramePlan::from_settings(&frame_settings(&args))?;
            let out = output_options(&args.output);
            let counts = commands::counts::load_counts(&args.counts, args.sheet.as_deref())?;
            let frame = commands::frame::write_frame(&counts, &plan, &out)?;
            warn(&frame.warnings);
            let summary = pingyi::report::frame_summary(&frame);
            print_stdout(format!("{summary}\nwrote {}\n", out.path.display()).as_bytes())
        }
        Command::Size(args) => {
            FramePlan::from_settings(&FrameSettings {
                margin: Some(args.margin),
                confidence: Some(args.confidence),
                p: Some(args.p),
                ..FrameSettings::default()
            })?;
            let n = size::sample_size(args.population, args.margin, args.confidence, args.p);
            print_stdout(format!("{n}\n").as_bytes())
        }
        Command::Draw(args) => {
            let scan = draw_scan(&args);
            let output = args
                .out
                .clone()
                .map(|out| output_options_for(out, &args.how));
            let emit_sql = args.emit_sql.clone();
            let opts = commands::draw::DrawOptions {
                frame: args.frame,
                inputs: commands::draw::RosterInputs {
                    rosters: args.roster,
                    sheet: args.sheet,
                    id_column: args.id_column,
                    scan,
                },
                rules: commands::draw::DrawRules {
                    seed: args.seed,
                    take_all_short: args.take_all_short,
                    allow_count_mismatch: args.allow_count_mismatch,
                },
                allow_edited_frame: args.allow_edited_frame,
                commitment: args.commitment,
            };
            if let Some(engine) = emit_sql {
                let dialect = engine.parse().map_err(Error::Usage)?;
                return print_stdout(commands::draw::draw_sql(&opts, dialect)?.as_bytes());
            }
            let out = output.ok_or_else(|| Error::Usage("give --out (or --emit-sql)".into()))?;
            let report = commands::draw::write_draw(&opts, &out)?;
            warn(&report.draw.warnings);
            let text = format!(
                "{}\n{}\nwrote {}\n",
                pingyi::report::draw_summary(&report.draw),
                pingyi::report::quality_summary(&report.draw.quality, &report.quality_path),
                out.path.display()
            );
            print_stdout(text.as_bytes())
        }
        Command::Audit(args) => match args.command {
            AuditCommand::Select(a) => {
                let out = output_options(&a.output);
                let opts = commands::audit::SelectOptions {
                    sample: a.sample,
                    seed: a.seed,
                    rate: a.rate.parse().map_err(Error::Usage)?,
                    id_column: a.id_column,
                    sheet: a.sheet,
                };
                let report = commands::audit::write_selection(&opts, &out)?;
                let text = format!(
                    "{}\nwrote {}\n",
                    pingyi::report::selection_summary(&report.selection),
                    out.path.display()
                );
                print_stdout(text.as_bytes())
            }
            AuditCommand::Tally(a) => {
                let out = output_options(&a.output);
                let rules = pingyi::audit::tally::TallyRules {
                    per_case: a.per_case,
                    cap: a.cap,
                    recheck_at: a.recheck_at,
                    ..pingyi::audit::tally::TallyRules::default()
                };
                rules.validate().map_err(Error::Usage)?;
                let opts = commands::audit::TallyOptions {
                    checklist: a.checklist,
                    manifest: a.manifest,
                    sheet: a.sheet,
                    partial: a.partial,
                    rules,
                };
                let report = commands::audit::write_tally(&opts, &out)?;
                let text = format!(
                    "{}\nwrote {}\n",
                    pingyi::report::tally_summary(&report.units),
                    out.path.display()
                );
                print_stdout(text.as_bytes())
            }
        },
        Command::Verify(args) => {
            if let (Some(log), Some(sample)) = (&args.calls, &args.sample) {
                return verify_calls(log, sample, args.id_column.as_deref());
            }
            let verdicts = match (&args.manifest, &args.sample) {
                (Some(m), None) => {
                    let opts = commands::verify::VerifyOptions {
                        root: args.root.clone(),
                        seed: args.seed.clone(),
                        commitment: args.commitment.clone(),
                    };
                    commands::verify::verify_target(m, args.chain, &opts)?
                }
                (None, Some(sample)) => {
                    let (Some(frame), Some(seed)) = (args.frame.clone(), args.seed.clone()) else {
                        return Err(Error::Usage(
                            "--sample needs --roster, --frame and --seed (or --calls LOG)".into(),
                        ));
                    };
                    let inputs = commands::draw::RosterInputs {
                        rosters: args.roster.clone(),
                        sheet: None,
                        id_column: args.id_column.clone(),
                        scan: Default::default(),
                    };
                    let rules = commands::draw::DrawRules {
                        seed,
                        take_all_short: false,
                        allow_count_mismatch: false,
                    };
                    vec![commands::verify::check_sample(
                        sample, &frame, &inputs, &rules,
                    )?]
                }
                _ => {
                    return Err(Error::Usage(
                        "give a MANIFEST, or --sample with --roster/--frame/--seed, or --calls with --sample"
                            .into(),
                    ));
                }
            };
            let mut text = String::new();
            for v in &verdicts {
                let v = v.masked();
                if v.ok() {
                    text.push_str(&format!("OK {} — {}\n", v.manifest.display(), v.summary));
                } else {
                    text.push_str(&format!("DIFFERS {}\n", v.manifest.display()));
                    for d in &v.differences {
                        text.push_str(&format!("  - {d}\n"));
                    }
                }
                for n in &v.notes {
                    text.push_str(&format!("  note: {n}\n"));
                }
            }
            print_stdout(text.as_bytes())?;
            let failed = verdicts.iter().filter(|v| !v.ok()).count();
            if failed > 0 {
                return Err(Error::Verification(format!(
                    "{failed} of {} manifests do not match their inputs and outputs",
                    verdicts.len()
                )));
            }
            Ok(())
        }
        Command::Score(args) => {
            let out = output_options(&args.output);
            let facing = args.unit_facing.map(|path| OutputOptions {
                path,
                ..out.clone()
            });
            let opts = commands::score::ScoreOptions {
                responses: args.responses,
                units: args.units,
                scheme: args.scheme,
                inspection: args.inspection,
                findings: args.findings,
                disqualified: args.disqualified,
                weighted_sample: if args.weighted {
                    Some(args.sample.ok_or_else(|| {
                        Error::Usage("--weighted needs --sample (the draw's sample file)".into())
                    })?)
                } else {
                    None
                },
            };
            let report = commands::score::write_score(&opts, &out, facing.as_ref())?;
            warn(&report.notes);
            let text = format!(
                "{}\nwrote {}\n",
                pingyi::report::score_summary(&report.units),
                out.path.display()
            );
            print_stdout(text.as_bytes())
        }
        Command::Seed(args) => match args.command {
            SeedCommand::Commit(a) => {
                let rosters = commands::draw::RosterInputs {
                    rosters: a.roster,
                    sheet: None,
                    id_column: a.id_column,
                    scan: Default::default(),
                };
                let frame_manifest = pingyi::provenance::manifest::manifest_path(&a.frame);
                let mut inputs = vec![a.frame.as_path(), frame_manifest.as_path()];
                inputs.extend(rosters.rosters.iter().map(|r| r.as_path()));
                commands::output::refuse_overwriting_inputs(std::slice::from_ref(&a.out), &inputs)?;
                commands::output::check_output_plain(&a.out, a.force)?;
                let dir = commands::output::manifest_dir(&a.out);
                let c = commands::draw::commitment(&a.frame, &rosters, &dir)?;
                let mut bytes =
                    serde_json::to_vec_pretty(&c).map_err(|e| Error::Internal(e.to_string()))?;
                bytes.push(b'\n');
                pingyi::io::write::write_atomic(&a.out, &bytes, a.force)?;
                print_stdout(format!("{}wrote {}\n", c.announcement(), a.out.display()).as_bytes())
            }
            SeedCommand::New => {
                let seed = pingyi::draw::ticket::fresh_seed()?;
                print_stdout(format!("{seed}\n").as_bytes())
            }
        },
        Command::Synth(args) => {
            let out = output_options(&args.output);
            let counts = commands::counts::load_counts(&args.counts, None)?;
            let plant = pingyi::synth::Planted {
                invalid_id_numbers: args.plant_problems,
                shared_phone: if args.plant_problems > 0 { 3 } else { 0 },
                repeated_id_number: args.plant_problems > 0,
            };
            commands::synth::write_synth(&counts, &args.seed, plant, &out)?;
            print_stdout(format!("wrote {}\n", out.path.display()).as_bytes())
        }
        Command::Counts(args) => {
            let counts = commands::counts::load_counts(&args.file, args.sheet.as_deref())?;
            match args.out {
                Some(path) => {
                    commands::counts::write_counts(&counts, &output_options_for(path, &args.how))
                }
                None => {
                    let write = WriteOptions {
                        bom: false,
                        lang: header_lang(&args.how),
                    };
                    let bytes = render(&[counts.table.to_table()], OutputFormat::Csv, write)?;
                    print_stdout(&bytes)
                }
            }
        }
    }
}

/// `pingyi verify --calls LOG --sample SAMPLE`.
fn verify_calls(
    log: &std::path::Path,
    sample: &std::path::Path,
    id_column: Option<&str>,
) -> Result<()> {
    let report = commands::calls::check_calls(log, sample, id_column)?;
    let mut text = String::new();
    for b in &report.breaches {
        text.push_str(&format!("  - {b}\n"));
    }
    for (unit, n) in &report.not_recipient {
        text.push_str(&format!(
            "  finding: {unit}: {n} respondents were not recipients (false-recipient findings)\n"
        ));
    }
    if report.breaches.is_empty() {
        text.insert_str(
            0,
            &format!(
                "OK {}: {} calls, reserves used in order and only for lost respondents\n",
                log.display(),
                report.calls
            ),
        );
        return print_stdout(pingyi::privacy::mask_personal(&text).as_bytes());
    }
    text.insert_str(0, &format!("DIFFERS {}\n", log.display()));
    print_stdout(pingyi::privacy::mask_personal(&text).as_bytes())?;
    Err(Error::Verification(format!(
        "{} breaches of the reserve rules",
        report.breaches.len()
    )))
}

fn output_options(args: &cli::OutputArgs) -> OutputOptions {
    output_options_for(args.out.clone(), &args.how)
}

fn output_options_for(path: std::path::PathBuf, how: &cli::WriteArgs) -> OutputOptions {
    OutputOptions {
        path,
        force: how.force,
        write: WriteOptions {
            lang: header_lang(how),
            bom: !how.no_bom,
        },
    }
}

/// The frame flags as settings; [`FramePlan::from_settings`] checks them before any
/// file is opened.
fn frame_settings(args: &cli::FrameArgs) -> FrameSettings {
    FrameSettings {
        per_unit: args.per_unit,
        margin: args.margin,
        confidence: Some(args.confidence),
        p: Some(args.p),
        method: Some(args.method.clone()),
        min_per_stratum: Some(args.min_per_stratum),
        reserve_rate: args.reserve_rate.clone(),
        reserves: args.reserves,
    }
}
