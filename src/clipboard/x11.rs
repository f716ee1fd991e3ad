//! The X11 clipboard, owned by splw's background process (ICCCM, section 2: selections). It
//! offers exactly the formats it serves, which arboard's owner does not (it advertises
//! `text/plain;charset=utf-8` and `SAVE_TARGETS`, then refuses them):
//!
//! - `TARGETS` and `TIMESTAMP`, which ICCCM asks every owner for;
//! - the text as `UTF8_STRING` and `text/plain;charset=utf-8`;
//! - the HTML flavour, where there is one, as `text/html`.
//!
//! A value larger than the server takes in one request goes by the INCR protocol, a piece each
//! time the reader deletes the last. The owner ends when another program takes the clipboard, when
//! the connection breaks, or (through the watchdog) when the display stops answering.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use x11rb::connection::{Connection, RequestConnection};
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    Atom, AtomEnum, ChangeWindowAttributesAux, ConnectionExt, CreateWindowAux, EventMask, PropMode,
    Property, SELECTION_NOTIFY_EVENT, SelectionNotifyEvent, SelectionRequestEvent, Timestamp,
    Window, WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

use super::{Copy, Watchdog};

/// How often the display is asked whether it is still there, while the copy is served.
const PING_EVERY: Duration = Duration::from_secs(20);

/// How long a reader may take to ask for the next piece of a large value.
const PIECE_WAITS_AT_MOST: Duration = Duration::from_secs(10);

/// The atoms the owner speaks in.
struct Atoms {
    clipboard: Atom,
    targets: Atom,
    timestamp: Atom,
    utf8_string: Atom,
    text_plain_utf8: Atom,
    text_html: Atom,
    incr: Atom,
    /// A property of the owner's own window, written once to learn the server's time.
    stamp: Atom,
}

impl Atoms {
    fn new(conn: &RustConnection) -> Result<Atoms, String> {
        let intern = |name: &str| -> Result<Atom, String> {
            let cookie = conn.intern_atom(false, name.as_bytes()).map_err(to_text)?;
            Ok(cookie.reply().map_err(to_text)?.atom)
        };
        Ok(Atoms {
            clipboard: intern("CLIPBOARD")?,
            targets: intern("TARGETS")?,
            timestamp: intern("TIMESTAMP")?,
            utf8_string: intern("UTF8_STRING")?,
            text_plain_utf8: intern("text/plain;charset=utf-8")?,
            text_html: intern("text/html")?,
            incr: intern("INCR")?,
            stamp: intern("SPLW_CLIPBOARD_TIME")?,
        })
    }
}

fn to_text(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// A large value being sent in pieces to one reader's property.
struct Transfer {
    target: Atom,
    data: Arc<Vec<u8>>,
    sent: usize,
    last: Instant,
}

/// Takes the clipboard with `copy` on the display DISPLAY names, calls `ready`, and serves it.
pub fn serve(copy: &Copy, watchdog: &Watchdog, ready: impl FnOnce()) -> Result<(), String> {
    let (conn, screen) =
        x11rb::connect(None).map_err(|e| format!("cannot reach the display: {e}"))?;
    let conn = Arc::new(conn);
    let atoms = Atoms::new(&conn)?;
    let root = conn.setup().roots.get(screen).ok_or("no screen")?.root;
    let window = conn.generate_id().map_err(to_text)?;
    let aux = CreateWindowAux::new().event_mask(EventMask::PROPERTY_CHANGE);
    let class = WindowClass::INPUT_OUTPUT;
    conn.create_window(0, window, root, 0, 0, 1, 1, 0, class, 0, &aux)
        .map_err(to_text)?;
    // A real timestamp for taking the selection (ICCCM 2.1): the server's, from a property
    // change on the owner's own window.
    conn.change_property8(PropMode::APPEND, window, atoms.stamp, AtomEnum::STRING, &[])
        .map_err(to_text)?;
    conn.flush().map_err(to_text)?;
    let time = loop {
        match conn.wait_for_event().map_err(to_text)? {
            Event::PropertyNotify(event) if event.window == window => break event.time,
            _ => {}
        }
    };
    conn.set_selection_owner(window, atoms.clipboard, time)
        .map_err(to_text)?;
    let owner = conn.get_selection_owner(atoms.clipboard).map_err(to_text)?;
    if owner.reply().map_err(to_text)?.owner != window {
        return Err("another program kept the clipboard".into());
    }
    ready();
    watchdog.taken();
    watchdog.answered();

    let mut offered: Vec<(Atom, Arc<Vec<u8>>)> = Vec::new();
    let text = Arc::new(copy.text.clone().into_bytes());
    offered.push((atoms.utf8_string, Arc::clone(&text)));
    offered.push((atoms.text_plain_utf8, text));
    if let Some(html) = &copy.html {
        offered.push((atoms.text_html, Arc::new(html.clone().into_bytes())));
    }
    let owner = Owner {
        conn: Arc::clone(&conn),
        atoms,
        time,
        offered,
        // Room for the request's own header, within what the server takes at once.
        piece: conn
            .maximum_request_bytes()
            .saturating_sub(64)
            .clamp(1024, 8 << 20),
    };

    // Events come on a thread of their own, so that this one can wait with a timeout.
    let (events, incoming) = mpsc::channel();
    let reading = Arc::clone(&conn);
    std::thread::spawn(move || {
        loop {
            let event = reading.wait_for_event();
            let failed = event.is_err();
            if events.send(event).is_err() || failed {
                return;
            }
        }
    });
    let mut transfers: HashMap<(Window, Atom), Transfer> = HashMap::new();
    let mut pinged = Instant::now();
    loop {
        match incoming.recv_timeout(Duration::from_secs(1)) {
            Ok(Ok(event)) => {
                watchdog.answered();
                match event {
                    // Something else was copied: the copy is no longer splw's to give.
                    Event::SelectionClear(event) if event.selection == owner.atoms.clipboard => {
                        return Ok(());
                    }
                    Event::SelectionRequest(request) => {
                        owner.answer(&request, &mut transfers).map_err(to_text)?;
                    }
                    Event::PropertyNotify(event) if event.state == Property::DELETE => {
                        owner
                            .next_piece(&mut transfers, (event.window, event.atom))
                            .map_err(to_text)?;
                    }
                    _ => {}
                }
            }
            // The connection broke: the display is gone.
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        // A reader that stopped asking for pieces is given up.
        transfers.retain(|_, transfer| transfer.last.elapsed() < PIECE_WAITS_AT_MOST);
        if pinged.elapsed() >= PING_EVERY {
            pinged = Instant::now();
            // Answered, the watchdog is told; unanswered, it ends the process.
            let answer = conn.get_input_focus().map_err(to_text)?.reply();
            if answer.is_err() {
                return Ok(());
            }
            watchdog.answered();
        }
    }
}

/// The owner of the clipboard, and what it offers.
struct Owner {
    conn: Arc<RustConnection>,
    atoms: Atoms,
    time: Timestamp,
    /// Each format offered, with its value.
    offered: Vec<(Atom, Arc<Vec<u8>>)>,
    /// The largest piece of a value sent in one request.
    piece: usize,
}

impl Owner {
    /// Answers a reader's request: the value in its property, or none.
    fn answer(
        &self,
        request: &SelectionRequestEvent,
        transfers: &mut HashMap<(Window, Atom), Transfer>,
    ) -> Result<(), x11rb::errors::ConnectionError> {
        let conn = &*self.conn;
        // An obsolete reader names no property: the target is the property (ICCCM 2.2).
        let property = match request.property {
            0 => request.target,
            property => property,
        };
        let before_owned = request.time != x11rb::CURRENT_TIME && request.time < self.time;
        let served = if request.selection != self.atoms.clipboard || before_owned {
            false
        } else if request.target == self.atoms.targets {
            let mut targets = vec![self.atoms.targets, self.atoms.timestamp];
            targets.extend(self.offered.iter().map(|(target, _)| *target));
            conn.change_property32(
                PropMode::REPLACE,
                request.requestor,
                property,
                AtomEnum::ATOM,
                &targets,
            )?;
            true
        } else if request.target == self.atoms.timestamp {
            conn.change_property32(
                PropMode::REPLACE,
                request.requestor,
                property,
                AtomEnum::INTEGER,
                &[self.time],
            )?;
            true
        } else if let Some((target, data)) = self.offered.iter().find(|(t, _)| *t == request.target)
        {
            if data.len() <= self.piece {
                conn.change_property8(
                    PropMode::REPLACE,
                    request.requestor,
                    property,
                    *target,
                    data,
                )?;
            } else {
                // INCR (ICCCM 2.7.2): the size first; a piece each time the reader deletes it.
                let aux = ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE);
                conn.change_window_attributes(request.requestor, &aux)?;
                let size = u32::try_from(data.len()).unwrap_or(u32::MAX);
                conn.change_property32(
                    PropMode::REPLACE,
                    request.requestor,
                    property,
                    self.atoms.incr,
                    &[size],
                )?;
                let transfer = Transfer {
                    target: *target,
                    data: Arc::clone(data),
                    sent: 0,
                    last: Instant::now(),
                };
                transfers.insert((request.requestor, property), transfer);
            }
            true
        } else {
            // Not offered (MULTIPLE, STRING, an image…): refused, as TARGETS says.
            false
        };
        let event = SelectionNotifyEvent {
            response_type: SELECTION_NOTIFY_EVENT,
            sequence: 0,
            time: request.time,
            requestor: request.requestor,
            selection: request.selection,
            target: request.target,
            property: if served { property } else { x11rb::NONE },
        };
        conn.send_event(false, request.requestor, EventMask::NO_EVENT, event)?;
        conn.flush()
    }

    /// The next piece of a value sent by INCR, once the reader has taken the last; an empty
    /// piece says it is all sent.
    fn next_piece(
        &self,
        transfers: &mut HashMap<(Window, Atom), Transfer>,
        at: (Window, Atom),
    ) -> Result<(), x11rb::errors::ConnectionError> {
        let Some(transfer) = transfers.get_mut(&at) else {
            return Ok(());
        };
        let end = (transfer.sent + self.piece).min(transfer.data.len());
        let piece = &transfer.data[transfer.sent..end];
        let done = piece.is_empty();
        self.conn
            .change_property8(PropMode::REPLACE, at.0, at.1, transfer.target, piece)?;
        transfer.sent = end;
        transfer.last = Instant::now();
        if done {
            transfers.remove(&at);
            // The reader's events are its own again.
            let aux = ChangeWindowAttributesAux::new().event_mask(EventMask::NO_EVENT);
            self.conn.change_window_attributes(at.0, &aux)?;
        }
        self.conn.flush()
    }
}
