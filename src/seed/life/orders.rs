//! Rectification orders (责令整改, §2.4.4): the bureau issues one, the member reports on it (and
//! the bureau may find the report not rectified), or lets the deadline pass unanswered and loses
//! its membership (REVOKE: a refusal to rectify).

use chrono::Days;

use super::clock;
use super::look::Place;
use super::scenes::{Fate, Order};
use super::LifeTally;
use crate::domain::life::ExitReason;
use crate::seed::groups::walk::failed;
use crate::service::life::exits::{self, ExitOutcome, ExitRequest};
use crate::service::life::rectification::{self, NewOrder};
use crate::service::life::rectification_steps::{self, OrderRejection, OrderResponse};
use crate::service::life::today;
use crate::service::AppState;

pub async fn order(
    state: &AppState,
    p: &Place,
    o: &Order,
    tally: &mut LifeTally,
) -> Result<(), String> {
    let deadline = today()
        .checked_add_days(Days::new(o.days))
        .ok_or("a deadline past the calendar")?;
    let input = NewOrder {
        school_id: Some(p.school_id),
        violation: Some(o.violation.into()),
        deadline: Some(deadline),
    };
    let issued = rectification::create(state, &p.bureau, p.group_id, input)
        .await
        .map_err(|e| failed("the bureau issues a rectification order", e))?;
    tally.orders += 1;
    match o.fate {
        Fate::Issued => {}
        Fate::Responded(text) => {
            let input = OrderResponse {
                response: Some(text.into()),
            };
            rectification_steps::respond(state, &p.own, issued.id, None, input)
                .await
                .map_err(|e| failed("the member reports on the order", e))?;
        }
        Fate::NotRectified { response, reason } => {
            let input = OrderResponse {
                response: Some(response.into()),
            };
            rectification_steps::respond(state, &p.own, issued.id, None, input)
                .await
                .map_err(|e| failed("the member reports on the order", e))?;
            let input = OrderRejection {
                reason: Some(reason.into()),
            };
            rectification_steps::reject(state, &p.bureau, issued.id, None, input)
                .await
                .map_err(|e| failed("the bureau finds the report not rectified", e))?;
        }
        Fate::Revoked(note) => {
            clock::let_deadline_pass(state, issued.id).await?;
            let request = ExitRequest {
                reason: Some(ExitReason::Revoked.as_str().into()),
                note: Some(note.into()),
                new_group: None,
            };
            let outcome = exits::exit(state, &p.bureau, p.group_id, p.school_id, None, request)
                .await
                .map_err(|e| failed("the bureau revokes the membership", e))?;
            if !matches!(outcome, ExitOutcome::Revoked(_)) {
                return Err("the bureau revokes the membership: not revoked".into());
            }
            tally.exits += 1;
        }
    }
    Ok(())
}
