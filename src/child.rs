//! Children splw starts and does not wait for (a browser, the process serving a copy): each is
//! waited for on a thread of its own, so that it is reaped when it ends and no zombie stays
//! behind in a long browse; if splw ends first, the system takes the child over.

use std::process::Child;

/// Waits for `child` on a thread of its own.
pub fn reap(mut child: Child) {
    std::thread::spawn(move || {
        let _ = child.wait();
    });
}
