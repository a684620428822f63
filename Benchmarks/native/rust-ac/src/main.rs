//! Peer: Rust `aho-corasick` (Debian's librust-aho-corasick-dev, 0.7 API), single thread.
//!
//! Automaton: MatchKind::LeftmostLongest, ASCII case-insensitive, DFA. From any position it yields the
//! leftmost occurrence and the longest label there, ignoring word boundaries. We accept it when it passes the
//! boundary rule. Otherwise (exact repair): if its start is valid, the labels that are proper prefixes of it
//! (precomputed, longest first) are tried at the same start; if one ends validly it is counted and the search
//! resumes after it, else the search resumes at the next valid start after it (the next position whose
//! previous byte is a non-word byte). This is the standard task exactly. Cost of the emulation: labels such
//! as "c", "r", "go" occur inside most words, so the search is restarted about once per word.
//!
//! Usage: rust-ac-count --labels FILE --corpus FILE [--threads N]; prints "label<TAB>count" sorted by
//! lower-cased label bytes and, as the last line of stderr, the JSON stats line.
use aho_corasick::{AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let Some((&f, rest)) = s.split_first() {
        if is_ws(f) { s = rest } else { break }
    }
    while let Some((&l, rest)) = s.split_last() {
        if is_ws(l) { s = rest } else { break }
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut labels_path = None;
    let mut corpus_path = None;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--labels" => { labels_path = args.get(i + 1).cloned(); i += 2 }
            "--corpus" => { corpus_path = args.get(i + 1).cloned(); i += 2 }
            "--threads" => { i += 2 }
            "--version" => { println!("aho-corasick 0.7 (Debian)"); return }
            other => { eprintln!("unknown argument {other}"); std::process::exit(2) }
        }
    }
    let (Some(lp), Some(cp)) = (labels_path, corpus_path) else {
        eprintln!("usage: rust-ac-count --labels FILE --corpus FILE [--threads N]");
        std::process::exit(2)
    };
    let raw = std::fs::read(&lp).expect("read labels");
    let mut labels: Vec<Vec<u8>> = raw
        .split(|&b| b == b'\n')
        .map(|l| trim(l).to_ascii_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    labels.sort();
    labels.dedup();
    let corpus = std::fs::read(&cp).expect("read corpus");

    let t0 = Instant::now();
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .dfa(true)
        .build(&labels);
    let index: HashMap<&[u8], u32> = labels.iter().enumerate().map(|(i, l)| (l.as_slice(), i as u32)).collect();
    let prefixes: Vec<Vec<(u32, u32)>> = labels
        .iter()
        .map(|l| (1..l.len()).rev().filter_map(|k| index.get(&l[..k]).map(|&p| (p, k as u32))).collect())
        .collect();
    let build = t0.elapsed().as_secs_f64();

    let t1 = Instant::now();
    let hay = corpus.as_slice();
    let n = hay.len();
    let mut counts = vec![0u64; labels.len()];
    let mut pos = 0usize;
    while pos < n {
        let Some(m) = ac.find(&hay[pos..]) else { break };
        let (s, e, pid) = (pos + m.start(), pos + m.end(), m.pattern());
        let start_ok = s == 0 || !is_word(hay[s - 1]);
        if start_ok && (e == n || !is_word(hay[e])) {
            counts[pid] += 1;
            pos = e;
            continue;
        }
        // nothing valid at s: resume at the next position whose previous byte is a non-word byte
        pos = s + 1;
        while pos < n && is_word(hay[pos - 1]) {
            pos += 1;
        }
        if start_ok {
            for &(p2, k) in &prefixes[pid] {
                let e2 = s + k as usize;
                if e2 == n || !is_word(hay[e2]) {
                    counts[p2 as usize] += 1;
                    pos = e2;
                    break;
                }
            }
        }
    }
    let scan = t1.elapsed().as_secs_f64();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut total = 0u64;
    for (l, &c) in labels.iter().zip(&counts) {
        if c > 0 {
            out.write_all(l).unwrap();
            writeln!(out, "\t{c}").unwrap();
            total += c;
        }
    }
    out.flush().unwrap();
    eprintln!(
        "{{\"labels\": {}, \"build_seconds\": {:.6}, \"automaton_bytes\": {}, \"scan_seconds\": {:.6}, \"bytes\": {}, \"mb_per_s\": {:.3}, \"threads\": 1, \"matches\": {}}}",
        labels.len(), build, ac.heap_bytes(), scan, n, n as f64 / 1e6 / scan, total
    );
}
