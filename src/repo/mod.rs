//! Diesel queries, one module per area. Repositories know tables, never HTTP.

pub mod cadres;
pub mod changes;
pub mod clients;
pub mod council;
pub mod groups;
pub mod idempotency;
pub mod life;
pub mod registry;

use chrono::{NaiveDateTime, Utc};

/// Now, in UTC with microseconds, set in Rust so that both backends store the same precision.
pub fn now() -> NaiveDateTime {
    let t = Utc::now().naive_utc();
    t.with_nanosecond_micro()
}

trait MicroPrecision {
    fn with_nanosecond_micro(self) -> Self;
}

impl MicroPrecision for NaiveDateTime {
    fn with_nanosecond_micro(self) -> Self {
        use chrono::Timelike;
        let micros = self.nanosecond() / 1_000 * 1_000;
        self.with_nanosecond(micros).unwrap_or(self)
    }
}
