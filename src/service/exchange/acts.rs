//! What is done to an exchange: `start` (planned → active), `complete` (active → completed,
//! on its last day or earlier) and `cancel` (planned or active → cancelled, freeing the time
//! EXCH-OVERLAP held for it).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::records::load;
use super::views::Exchange;
use super::{ensure_recorder, record};
use crate::domain::exchange::ExchangeAct;
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::repo::changes::Op;
use crate::repo::exchange::exchanges as repo;
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"act": "complete", "on": "2027-07-15", "note": "学年交流期满"}))]
pub struct ExchangeActInput {
    #[schema(required = true, value_type = Option<ExchangeAct>)]
    pub act: Option<String>,
    /// For `complete`: the last day (today by default), on or after the first day; an earlier
    /// day than the planned end ends the exchange early.
    pub on: Option<NaiveDate>,
    /// Why, at most 2000 characters.
    pub note: Option<String>,
}

pub async fn act(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: ExchangeActInput,
) -> ApiResult<Exchange> {
    let mut c = Checks::new();
    let act = c
        .required("act", input.act)
        .and_then(|a| c.enum_code("act", &a, ExchangeAct::parse, ExchangeAct::codes()));
    let note = c.optional_text("note", input.note, 2000);
    if input.on.is_some() && act.is_some_and(|a| a != ExchangeAct::Complete) {
        c.push(
            "on",
            "只有结束交流时填写日期。",
            "Only `complete` takes a day.",
        );
    }
    c.finish()?;
    let act = act.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, x) = load(conn, &ctx, id)?;
            ensure_recorder(&ctx, &g)?;
            if let Some(m) = &if_match {
                m.check(x.version)?;
            }
            let to = act.next(x.status).ok_or_else(|| {
                ApiError::conflict_of(
                    Conflict::ExchangeStatus,
                    format!(
                        "交流状态为“{}”，不能“{}”。",
                        x.status.label_zh(),
                        act.label_zh()
                    ),
                    format!(
                        "The exchange is {}; it cannot {}.",
                        x.status.as_str(),
                        act.as_str()
                    ),
                )
            })?;
            let ends_on = match act {
                ExchangeAct::Complete => {
                    let on = input.on.unwrap_or_else(crate::domain::clock::today);
                    if on < x.starts_on {
                        return Err(ApiError::validation(vec![FieldError::new(
                            "on",
                            "结束日期不能早于交流开始日期。",
                            "The last day is on or after the exchange's first day.",
                        )]));
                    }
                    Some(x.ends_on.map_or(on, |e| e.min(on)))
                }
                _ => x.ends_on,
            };
            let now = crate::repo::now();
            // Moved by another request meanwhile: `412` for a client that named its version,
            // else the act no longer applies (writers are serialised, so this is defensive).
            let row = repo::step(conn, x.id, x.version, x.status, to, ends_on, note, now)?
                .ok_or_else(|| match &if_match {
                    Some(_) => stale(x.version + 1),
                    None => ApiError::conflict_of(
                        Conflict::ExchangeStatus,
                        "交流已被其他操作修改，请重新读取。",
                        "The exchange was changed by another request; read it again.",
                    ),
                })?;
            let before = Exchange::from(x);
            let after = Exchange::from(row);
            record(
                conn,
                &ctx,
                &g.county_code,
                Op::Updated,
                "exchange",
                after.id.to_string(),
                None,
                &format!("exchange.{}", act.as_str()),
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}
