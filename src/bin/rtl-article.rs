//! The `rtl-article` command-line tool. PLACEHOLDER.
fn main() {}
