//! See `sdlint_fuzz::html`.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| sdlint_fuzz::html(text));
