//! The demand of a third of the council's seats for an extraordinary council meeting
//! (MEETING-DEMAND), which lets seat holders convene one without the chair.

use std::collections::BTreeSet;

use super::rules::check_demand;
use crate::db::DbConnection;
use crate::domain::council::Body;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::repo::council::seats;
use crate::repo::groups::group::GroupRow;
use crate::service::checks::Checks;
use crate::service::Ctx;

pub(crate) fn forbidden() -> ApiError {
    ApiError::new(
        ErrorKind::Forbidden,
        "会议由理事长召集；理事会临时会议也可由三分之一以上理事会席位持有人提议召开。",
        "The chair convenes meetings; an extraordinary council meeting may also be demanded by \
         a third of the council's seat holders.",
    )
}

/// MEETING-DEMAND: the named seats are active council seats (else `422`), the caller's own
/// seat among them when a seat holder posts (else `403`), and a third of all (else `409`).
pub(crate) fn check_demanded(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    named: &[i64],
) -> ApiResult<Vec<i64>> {
    let council = seats::active(conn, g.id, Body::Council.as_str())?;
    let distinct: BTreeSet<i64> = named.iter().copied().collect();
    let unknown: Vec<String> = distinct
        .iter()
        .filter(|id| !council.iter().any(|s| s.id == **id))
        .map(i64::to_string)
        .collect();
    if !unknown.is_empty() {
        let mut c = Checks::new();
        c.push(
            "demanded_by",
            format!("以下不是本集团理事会的现任席位：{}。", unknown.join("、")),
            format!(
                "Not active council seats of this group: {}.",
                unknown.join(", ")
            ),
        );
        c.finish()?;
    }
    if let Some(person) = ctx.principal.person_id() {
        let own = council
            .iter()
            .any(|s| s.person_id == person && distinct.contains(&s.id));
        if !own {
            return Err(forbidden());
        }
    }
    let seats_count = u32::try_from(council.len()).unwrap_or(u32::MAX);
    let named_count = u32::try_from(distinct.len()).unwrap_or(u32::MAX);
    check_demand(seats_count, named_count)?;
    Ok(distinct.into_iter().collect())
}
