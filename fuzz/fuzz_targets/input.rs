//! See `sdlint_fuzz::input`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sdlint_fuzz::input(data));
