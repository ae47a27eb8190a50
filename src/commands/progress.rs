//! A progress bar for long reads: drawn on standard error only when it is a terminal
//! and only once the work has taken more than a moment; silent otherwise. The read
//! running now can also be asked for ([`current`]), by a front end that polls it.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
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
    position: Arc<AtomicU64>,
}

/// The long read running now: what it reads, its bytes in all, and its bytes done.
struct Current {
    label: Message,
    total: u64,
    position: Arc<AtomicU64>,
}

/// The read [`current`] reports: the latest started and not yet finished.
static CURRENT: Mutex<Option<Current>> = Mutex::new(None);

/// The long read running now, if any: what it reads, bytes done and bytes in all.
pub fn current() -> Option<(Message, u64, u64)> {
    let current = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
    current
        .as_ref()
        .map(|c| (c.label.clone(), c.position.load(Ordering::Relaxed), c.total))
}

impl Progress {
    /// A bar labelled `label` (a catalogue message, shown in the chosen language).
    pub fn new(total: u64, label: Message) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(&template()) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.render());
        let position = Arc::new(AtomicU64::new(0));
        *CURRENT.lock().unwrap_or_else(|p| p.into_inner()) = Some(Current {
            label,
            total,
            position: position.clone(),
        });
        Progress {
            bar,
            start: Instant::now(),
            shown: AtomicBool::new(false),
            terminal: std::io::stderr().is_terminal(),
            position,
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
        let mut current = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
        if current
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(&c.position, &self.position))
        {
            *current = None;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
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

    /// Also: the read running now can be asked for until it finishes.
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
        drop(bar);
        // (in the same test: a bar started elsewhere at the same time would be the
        // read running now)
        let bar = Progress::new(1000, msg!("progress-reading-rosters"));
        bar.set(250);
        let (label, done, total) = current().expect("a read running");
        assert_eq!(
            (label.key(), done, total),
            (Some("progress-reading-rosters"), 250, 1000)
        );
        drop(bar);
        assert!(current().is_none());
    }
}
