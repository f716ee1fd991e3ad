//! Bytes → a section file, read by splw's plain reader and by `toml`: wherever the plain reader
//! takes a file, it must read it exactly as `toml` does, spans included.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(difference) = splw::catalogue::plain_reader_agrees(text) {
        panic!("{difference}");
    }
});
