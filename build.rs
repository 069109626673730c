//! Embeds every rule pack under `rules/` in the binary, so adding a pack is
//! adding a data file.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    files.sort();
    // Rule packs (metadata and patterns) and, apart, the privacy
    // classifier's dictionaries (`rules/privacy/*.toml` but `meta.toml`).
    let mut packs = String::from("pub static RULE_PACKS: &[(&str, &str)] = &[\n");
    let mut dictionaries = String::from("pub static PRIVACY_DICTIONARIES: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let rel = file
            .strip_prefix(&rules)
            .expect("under rules/")
            .to_string_lossy()
            .replace('\\', "/");
        let entry = format!(
            "    ({rel:?}, include_str!({:?})),\n",
            file.display().to_string()
        );
        if rel.starts_with("privacy/") && rel != "privacy/meta.toml" {
            dictionaries.push_str(&entry);
        } else {
            packs.push_str(&entry);
        }
    }
    packs.push_str("];\n");
    dictionaries.push_str("];\n");
    let code = packs + &dictionaries;
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("rule_packs.rs");
    fs::write(out, code).expect("write rule_packs.rs");
}
