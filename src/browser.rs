//! Opening an address in the user's browser, for `open` and browse's Ctrl-O. The address is held
//! to the rule for addresses (`address::check`) once more, and given to the opener as one
//! argument, exactly as shown: an opener can never take it for a path.
//!
//! On Linux and the BSDs, the opener is the first command of `$BROWSER` that starts (a list
//! separated by `:`, each command's `%s` taken by the address, else the address last, as git and
//! Python's webbrowser read it), else `xdg-open`. splw waits a little to see whether it fails, and
//! never for ever: a browser started in the foreground runs on. On macOS and Windows, the system's
//! own call (Launch Services, ShellExecute), through the webbrowser crate, which takes only http
//! and https URLs.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::address;
use crate::catalogue::Entry;
use crate::text::thousands;

/// Where the search for a work with no known address goes.
const SEARCH: &str = "https://duckduckgo.com/?q=";

/// The longest search, in characters, before it is percent-encoded.
const SEARCH_CHARS_AT_MOST: usize = 400;

/// Characters a query keeps as they are: the rest is percent-encoded.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Where a work is reached: its own page, or a search for it.
pub enum Address {
    /// The DOI's resolver, or the page the brief (or a checked record) gives.
    Work(String),
    /// A web search for the exact title and source.
    Search(String),
}

/// The work's own address, or else a search for it. Only https and http addresses come from the
/// brief, as `check` requires them; a search is built here, its words percent-encoded.
pub fn address(entry: &Entry) -> Address {
    if let Some(link) = entry.link() {
        return Address::Work(link);
    }
    let mut words = format!("\"{}\"", entry.title);
    if let Some(source) = entry.source.as_deref().or(entry.journal.as_deref()) {
        words.push(' ');
        words.push_str(source);
    }
    // No search engine reads further, and a brief's title can be megabytes long.
    if let Some((cut, _)) = words.char_indices().nth(SEARCH_CHARS_AT_MOST) {
        words.truncate(cut);
    }
    Address::Search(format!("{SEARCH}{}", utf8_percent_encode(&words, QUERY)))
}

/// The longest address a browser can be given here: one argument on Linux (the kernel's
/// MAX_ARG_STRLEN, 128 KiB with its NUL); a whole command line on Windows; a generous bound
/// elsewhere.
pub const LONGEST: usize = if cfg!(windows) {
    32_000
} else if cfg!(target_os = "linux") {
    128 * 1024 - 1
} else {
    256 * 1024
};

/// How long an opener has to fail before it is taken to have started the browser.
#[cfg(not(any(windows, target_os = "macos")))]
const FAILS_WITHIN: std::time::Duration = std::time::Duration::from_secs(2);

/// Why a browser could not be opened, in words that follow "could not open a browser: ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// Longer than `LONGEST` bytes: nothing was started.
    TooLong(usize),
    /// The address fails the rule for addresses: nothing was started.
    Refused(String),
    /// No opener could be started, or it failed.
    Opener(String),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::TooLong(length) => write!(
                f,
                "the address is {} bytes long, more than a browser can be given here (at most {})",
                thousands(*length),
                thousands(LONGEST)
            ),
            Failed::Refused(why) => write!(f, "the address {why}"),
            Failed::Opener(why) => f.write_str(why),
        }
    }
}

/// Opens `address` in the browser: it must pass the rule for addresses and fit the platform.
pub fn open(address: &str) -> Result<(), Failed> {
    if address.len() > LONGEST {
        return Err(Failed::TooLong(address.len()));
    }
    address::check(address).map_err(Failed::Refused)?;
    launch(address)
}

#[cfg(any(windows, target_os = "macos"))]
fn launch(address: &str) -> Result<(), Failed> {
    // The `hardened` feature: the crate refuses anything but an http or https URL, which the
    // address, having passed the rule, is (and is read as the same string).
    webbrowser::open(address).map_err(|e| Failed::Opener(crate::text::io_error(&e)))
}

/// The commands to try, each a program and its arguments, the address among them.
#[cfg(not(any(windows, target_os = "macos")))]
fn openers(browser: Option<&str>, address: &str) -> Vec<Vec<String>> {
    let Some(browser) = browser.filter(|b| !b.trim().is_empty()) else {
        return vec![vec!["xdg-open".into(), address.into()]];
    };
    browser
        .split(':')
        .filter(|command| !command.trim().is_empty())
        .map(|command| {
            let mut given = false;
            let mut words: Vec<String> = command
                .split_whitespace()
                .map(|word| {
                    given |= word.contains("%s");
                    word.replace("%s", address)
                })
                .collect();
            if !given {
                words.push(address.into());
            }
            words
        })
        .collect()
}

#[cfg(not(any(windows, target_os = "macos")))]
fn launch(address: &str) -> Result<(), Failed> {
    use std::process::{Command, Stdio};
    let browser = std::env::var("BROWSER").ok();
    let mut missing = Vec::new();
    for words in openers(browser.as_deref(), address) {
        let [program, arguments @ ..] = words.as_slice() else {
            continue;
        };
        let started = Command::new(program)
            .args(arguments)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let mut child = match started {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                missing.push(format!("`{program}`"));
                continue;
            }
            Err(e) => {
                let why = crate::text::io_error(&e);
                return Err(Failed::Opener(format!(
                    "`{program}` could not be started: {why}"
                )));
            }
        };
        return watch(&mut child, program).inspect(|()| crate::child::reap(child));
    }
    Err(Failed::Opener(format!(
        "{} not found: install xdg-utils, or name a browser in BROWSER",
        missing.join(" or ")
    )))
}

/// Whether the opener failed within `FAILS_WITHIN`; one still running then is the browser.
#[cfg(not(any(windows, target_os = "macos")))]
fn watch(child: &mut std::process::Child, program: &str) -> Result<(), Failed> {
    let start = std::time::Instant::now();
    while start.elapsed() < FAILS_WITHIN {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(Failed::Opener(format!("`{program}` failed ({status})")));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_long_and_refused_addresses_start_nothing() {
        let long = format!("https://example.org/{}", "a".repeat(LONGEST));
        assert_eq!(open(&long), Err(Failed::TooLong(long.len())));
        assert!(Failed::TooLong(200_000).to_string().starts_with(
            "the address is 200,000 bytes long, more than a browser can be given here (at most "
        ));
        assert_eq!(
            open("https://x|/../../etc/passwd"),
            Err(Failed::Refused(
                "is not an address a browser can read (invalid international domain name)".into()
            ))
        );
        assert!(matches!(
            open("file:///etc/passwd"),
            Err(Failed::Refused(_))
        ));
    }

    #[cfg(not(any(windows, target_os = "macos")))]
    #[test]
    fn browser_lists_commands_and_the_address_is_one_argument() {
        let address = "https://example.org/a b";
        assert_eq!(openers(None, address), [["xdg-open", address]]);
        assert_eq!(openers(Some(" "), address), [["xdg-open", address]]);
        assert_eq!(
            openers(Some("firefox --new-tab:chromium %s --incognito"), address),
            [
                vec!["firefox", "--new-tab", address],
                vec!["chromium", address, "--incognito"]
            ]
        );
    }
}
