//! A progress bar for long reads: drawn on standard error only when it is a terminal
//! and only once the work has taken more than a moment; silent otherwise.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::{Message, msg};

/// How long work runs before its bar appears.
const DELAY: Duration = Duration::from_millis(800);

/// Progress through a known number of bytes.
pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    shown: AtomicBool,
    terminal: bool,
    position: AtomicU64,
}

impl Progress {
    /// A bar labelled `label` (a catalogue message, shown in the chosen language).
    pub fn new(total: u64, label: Message) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(&template()) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.render());
        Progress {
            bar,
            start: Instant::now(),
            shown: AtomicBool::new(false),
            terminal: std::io::stderr().is_terminal(),
            position: AtomicU64::new(0),
        }
    }

    /// Bytes done so far.
    pub fn done(&self) -> u64 {
        self.position.load(Ordering::Relaxed)
    }

    pub fn set(&self, position: u64) {
        self.position.store(position, Ordering::Relaxed);
        if self.terminal && !self.shown.load(Ordering::Relaxed) && self.start.elapsed() > DELAY {
            self.shown.store(true, Ordering::Relaxed);
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_position(position);
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The bar's layout, its time-left words in the chosen language.
fn template() -> String {
    let left = msg!("progress-eta-left", eta = "{eta}").render();
    format!("{{msg}} [{{bar:30}}] {{bytes}}/{{total_bytes}} ({{bytes_per_sec}}, {left})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_label_and_the_time_left_come_from_the_catalogue() {
        let label = msg!("progress-reading-rosters");
        assert_eq!(label.render_in(Lang::Zh), "正在读取名册");
        assert_eq!(label.render_in(Lang::En), "reading rosters");
        let left = msg!("progress-eta-left", eta = "{eta}");
        assert_eq!(left.render_in(Lang::Zh), "剩余 {eta}");
        assert!(template().contains("{eta} left"), "{}", template());
        let bar = Progress::new(10, msg!("progress-reading-rosters"));
        assert_eq!(bar.bar.message(), "reading rosters");
    }
}
