//! The `pingyi` binary: parse the command line, call the library, map errors to the
//! documented exit codes (0 ok, 1 internal fault, 2 bad input or usage, 3 verification
//! failed).

mod cli;

use std::io::Write;
use std::process::ExitCode;

use cli::{AuditCommand, Cli, Command, SeedCommand};
use pingyi::commands::{self, Outcome};
use pingyi::error::{Error, Result};

/// mimalloc returns the draw's freed scan buffers for reuse across threads, where the
/// system allocator's per-thread arenas kept them (about 90 MB more at 10M rows).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_t` of mimalloc 3, which
/// the Rust bindings do not name; a test below checks it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 50 ms, not mimalloc 3's default second:
/// a draw's last phases free and allocate in quick turns (the sort's buffers, the
/// records read again, the sample and its report made side by side), and memory kept
/// for a second added up to about 40 MB of peak RSS at 10M rows, with no measurable
/// gain in time.
/// A delay set in the environment (mimalloc's own variables) is left as it is.
fn tune_allocator() {
    if PURGE_DELAY_VARIABLES
        .iter()
        .any(|v| std::env::var_os(v).is_some())
    {
        return;
    }
    // SAFETY: sets a plain integer option of the allocator this binary links, before
    // any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 50) };
}

/// The environment variables mimalloc reads its purge delay from.
const PURGE_DELAY_VARIABLES: [&str; 2] = ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"];

fn main() -> ExitCode {
    tune_allocator();
    let cli = match cli::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    if let Some(l) = cli.lang {
        let _ = cli::LANG_FLAG.set(l);
        pingyi::i18n::set_language(l.into());
    }
    match dispatch(cli).and_then(finish) {
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

/// Shows what a command left: its warnings (masked) on stderr, its summary on stdout;
/// a failed check (verify) is the error that decides the exit code.
fn finish(outcome: Outcome) -> Result<()> {
    warn(&outcome.warnings);
    print_stdout(outcome.summary.as_bytes())?;
    outcome.failure.map_or(Ok(()), Err)
}

/// Runs the subcommand the flags name, under the masking policy its flags choose.
fn dispatch(cli: Cli) -> Result<Outcome> {
    if let Some(policy) = cli
        .command
        .mask()
        .map(cli::MaskArgs::policy)
        .transpose()?
        .flatten()
    {
        pingyi::privacy::set_policy(policy);
    }
    match cli.command {
        Command::Run(args) => commands::run::run(&args.options()),
        Command::Frame(args) => commands::frame::run(&args.options()),
        Command::Size(args) => commands::size::run(&args.options()),
        Command::Draw(args) => {
            let emit_sql = args.emit_sql.clone();
            let (opts, out) = args.options();
            commands::draw::run(&opts, out.as_ref(), emit_sql.as_deref())
        }
        Command::Audit(args) => match args.command {
            AuditCommand::Select(a) => {
                let (opts, out) = a.options()?;
                commands::audit_select::run(&opts, &out)
            }
            AuditCommand::Tally(a) => {
                let (opts, out) = a.options()?;
                commands::audit_tally::run(&opts, &out)
            }
        },
        Command::Verify(args) => match (&args.calls, &args.sample) {
            (Some(log), Some(sample)) => {
                commands::calls::run(log, sample, args.id_column.as_deref())
            }
            _ => commands::verify::run(&args.target()?, &args.options()),
        },
        Command::Score(args) => {
            let (opts, out, facing) = args.options()?;
            commands::score::run(&opts, &out, facing.as_ref())
        }
        Command::Seed(args) => match args.command {
            SeedCommand::Commit(a) => {
                commands::seed_commit::commit(&a.frame, &a.rosters(), &a.out, a.force)
            }
            SeedCommand::New => commands::seed::run(),
        },
        Command::Synth(args) => commands::synth::run(&args.options()),
        Command::Counts(args) => commands::counts::run(&args.options()),
        Command::Report(args) => commands::report::run(&args.options(), &args.out, args.force),
        Command::Serve(args) => pingyi::serve::serve(&args.options()).map(|()| Outcome::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // mimalloc 3's purge delay defaults to 1000 ms, and no other option's default
        // is 1000: a shifted enum would read another option here. (Unless the
        // environment sets it.)
        if super::PURGE_DELAY_VARIABLES
            .iter()
            .any(|v| std::env::var_os(v).is_some())
        {
            return;
        }
        // SAFETY: reads an integer option of the linked allocator.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
