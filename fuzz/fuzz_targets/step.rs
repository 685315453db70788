//! Fuzzes the STEP reader of twingraph-ifc (`step::read`: records, values, escapes,
//! header, data sections, instance index and reference check): any bytes must give a
//! result or a positioned error, never a panic, a hang or an out-of-memory.
#![no_main]

#[allow(dead_code)]
#[path = "../../crates/twingraph-ifc/src/error.rs"]
mod error;
#[allow(dead_code, unused_imports)]
#[path = "../../crates/twingraph-ifc/src/step/mod.rs"]
mod step;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match step::read(data) {
        Ok((header, parsed)) => {
            // Every reference resolves once the reader accepted the file.
            for e in &parsed.entities {
                for a in &e.args {
                    a.for_each_ref(&mut |r| assert!(parsed.get(r).is_some()));
                }
                let _ = parsed.type_name(e);
            }
            let _ = header.schemas.len();
        }
        Err(e) => {
            // Errors render (with their position).
            let _ = e.to_string();
        }
    }
});
