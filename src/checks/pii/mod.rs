//! Personal identifiers found as values (`pii/*` rules), reported only when
//! their checksum holds.

pub mod validate;
