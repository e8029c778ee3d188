//! See `sdlint_fuzz::rules`.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| sdlint_fuzz::rules(text));
