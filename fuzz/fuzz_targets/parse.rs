//! See `sdlint_fuzz::parse`.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| sdlint_fuzz::parse(text));
