//! See `sdlint_fuzz::docx`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sdlint_fuzz::docx(data));
