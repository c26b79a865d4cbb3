//! PLACEHOLDER — owner replaces.
