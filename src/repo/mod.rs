//! Diesel queries, one module per area. Repositories know tables, never HTTP.

pub mod assessment;
pub mod cadres;
pub mod changes;
pub mod clients;
pub mod council;
pub mod exchange;
pub mod fragment;
pub mod funds;
pub mod groups;
pub mod hiring;
pub mod idempotency;
pub mod life;
pub mod registry;
pub mod search;
pub mod staffing;

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

/// Orders a boxed list query by a `RecordSort` and starts it after the cursor's row: keyset
/// pagination on (key, id), so that deep pages cost what the first does and no row is repeated
/// or skipped when rows are added meanwhile. `$name` and `$code` are the text columns the
/// name and code orders use; a list without a code passes its name twice (its sort enum has no
/// code order).
macro_rules! keyset {
    ($q:expr, $w:expr, $id:expr, $name:expr, $code:expr) => {{
        use $crate::service::page::RecordSort;
        let q = $q.limit($w.limit + 1);
        let after = $w.after.clone();
        let key = after
            .as_ref()
            .and_then(|s| s.key.clone())
            .unwrap_or_default();
        match ($w.sort, after) {
            (RecordSort::Id, None) => q.order($id.asc()),
            (RecordSort::Id, Some(s)) => q.order($id.asc()).filter($id.gt(s.id)),
            (RecordSort::IdDesc, None) => q.order($id.desc()),
            (RecordSort::IdDesc, Some(s)) => q.order($id.desc()).filter($id.lt(s.id)),
            (RecordSort::Name, None) => q.order(($name.asc(), $id.asc())),
            (RecordSort::Name, Some(s)) => q
                .order(($name.asc(), $id.asc()))
                .filter($name.gt(key.clone()).or($name.eq(key).and($id.gt(s.id)))),
            (RecordSort::NameDesc, None) => q.order(($name.desc(), $id.desc())),
            (RecordSort::NameDesc, Some(s)) => q
                .order(($name.desc(), $id.desc()))
                .filter($name.lt(key.clone()).or($name.eq(key).and($id.lt(s.id)))),
            (RecordSort::Code, None) => q.order(($code.asc(), $id.asc())),
            (RecordSort::Code, Some(s)) => q
                .order(($code.asc(), $id.asc()))
                .filter($code.gt(key.clone()).or($code.eq(key).and($id.gt(s.id)))),
            (RecordSort::CodeDesc, None) => q.order(($code.desc(), $id.desc())),
            (RecordSort::CodeDesc, Some(s)) => q
                .order(($code.desc(), $id.desc()))
                .filter($code.lt(key.clone()).or($code.eq(key).and($id.lt(s.id)))),
        }
    }};
}
pub(crate) use keyset;
