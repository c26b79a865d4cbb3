//! Running the `rtl-article` binary in a test: arguments, standard input,
//! the whole output (`#[path = "common/cli.rs"] mod cli;`).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run the CLI with `args`, `stdin` written to it (from a thread: the CLI
/// may stop reading early, at a size limit, which closes the pipe; that is
/// not a test failure).
pub fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rtl-article"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.unwrap_or("").to_string();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
