//! The `rtl-article` command-line tool. PLACEHOLDER (the lead's draft is being integrated).
fn main() {}
