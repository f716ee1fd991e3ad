//! Builds the brief into the binary: every `brief/*.toml`, in name order, as
//! `EMBEDDED: &[(&str, &str)]` (file name, text).

use std::fmt::Write;
use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo::rerun-if-changed=brief");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("brief");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|listing| {
            listing
                .filter_map(Result::ok)
                .map(|item| item.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("pub const EMBEDDED: &[(&str, &str)] = &[\n");
    for name in names {
        let path = dir.join(&name);
        let _ = writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            format!("brief/{name}"),
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(error) = fs::write(&out, code) {
        println!("cargo::error=cannot write {}: {error}", out.display());
    }
}
