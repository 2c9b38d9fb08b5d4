//! Any bytes as a conformance case: it deserializes or not, and runs to a verdict, never a panic.
#![no_main]

use card_lifecycle_spec::Case;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(case) = serde_json::from_slice::<Case>(data) {
        let _ = case.run();
    }
});
