//! Per-test time limit: a thread that cancels the evaluation's token when time runs out.

use oxigraph::sparql::CancellationToken;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// Cancels `token` after `limit` unless dropped first.
pub(crate) struct Watchdog {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// Starts the timer.
    pub(crate) fn start(token: CancellationToken, limit: Duration) -> Self {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(limit) {
                token.cancel();
            }
        });
        Self {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        // Dropping the sender wakes the thread up with `Disconnected`.
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancels_only_after_the_limit() {
        let token = CancellationToken::new();
        drop(Watchdog::start(token.clone(), Duration::from_secs(60)));
        assert!(
            !token.is_cancelled(),
            "dropping the watchdog must not cancel"
        );
        let _watchdog = Watchdog::start(token.clone(), Duration::from_millis(10));
        std::thread::sleep(Duration::from_millis(200));
        assert!(token.is_cancelled());
    }
}
