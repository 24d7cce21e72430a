//! The appointer's decision after its inspection (考察任命), and the filing of a vice or
//! executive principal with the county organisation/personnel department (备案), which the
//! county bureau records.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::effect::{current_membership, take_effect};
use super::views::Nomination;
use super::{load, path, record, today};
use crate::domain::auth::Role;
use crate::domain::cadres::{
    check_nomination, next, takes_effect, Appointer, AppointmentDecision, NominationAct,
    NominationFacts,
};
use crate::error::{ApiError, ApiResult};
use crate::repo::cadres::nominations::{self as repo, day, NominationRow, NominationStep};
use crate::repo::changes::Op;
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "appoint", "appointment_ref": "都教任〔2026〕3号", "appointed_on": "2026-03-20"}))]
pub struct AppointmentInput {
    /// `appoint` (the default) or `decline`.
    #[schema(value_type = Option<AppointmentDecision>)]
    pub decision: Option<String>,
    /// The appointment document's reference; required to appoint.
    pub appointment_ref: Option<String>,
    /// The appointment's date, not before the office meeting's decision nor after today
    /// (China Standard Time); required to appoint.
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub appointed_on: Option<NaiveDate>,
    /// The reasons for declining: required to decline, refused otherwise; at most 2000
    /// characters.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"filing_ref": "都组干备〔2026〕7号", "filed_on": "2026-03-27"}))]
pub struct FilingInput {
    /// The filing's reference at the organisation/personnel department.
    #[schema(required = true)]
    pub filing_ref: Option<String>,
    /// Not before the appointment nor after today (China Standard Time).
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub filed_on: Option<NaiveDate>,
}

/// `403` unless the caller is the post's appointer: the county bureau (its county is the
/// group's, or the nomination would be `404`), or the member school's own administrator.
fn ensure_appointer(ctx: &Ctx, n: &NominationRow, who: Appointer) -> ApiResult<()> {
    let p = &ctx.principal;
    let ok = match who {
        Appointer::CountyBureau => p.role == Role::CountyBureau,
        Appointer::MemberSchool => p.role == Role::SchoolAdmin && p.school == Some(n.school_id),
    };
    if ok {
        return Ok(());
    }
    Err(ApiError::forbidden(
        format!("该职务由{}考察任命。", who.label_zh()),
        format!("This post is appointed by {}.", who.label_en()),
    ))
}

/// A document's date: not in the future, not before `earliest`.
fn check_date(c: &mut Checks, field: &str, d: NaiveDate, earliest: Option<NaiveDate>) {
    if d > today() {
        c.push(
            field,
            "日期不能晚于今天。",
            "The date cannot be in the future.",
        );
    }
    if let Some(e) = earliest.filter(|e| d < *e) {
        c.push(
            field,
            format!("日期不能早于 {e}。"),
            format!("The date cannot be before {e}."),
        );
    }
}

fn reference(c: &mut Checks, field: &str, v: Option<String>) -> Option<String> {
    c.required(field, v).map(|r| c.text(field, &r, 1, 100))
}

pub async fn appoint(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: AppointmentInput,
) -> ApiResult<Nomination> {
    let mut c = Checks::new();
    let decision = match input.decision {
        None => Some(AppointmentDecision::Appoint),
        Some(v) => c.enum_code(
            "decision",
            &v,
            AppointmentDecision::parse,
            AppointmentDecision::codes(),
        ),
    };
    let note = c.optional_text("note", input.note, 2000);
    let (reference, on) = match decision {
        Some(AppointmentDecision::Appoint) => {
            if note.is_some() {
                // The note field holds the chair's note, or the reasons of an ended path.
                c.push(
                    "note",
                    "仅在不予任命时填写理由。",
                    "A note gives the reasons for declining only.",
                );
            }
            (
                reference(&mut c, "appointment_ref", input.appointment_ref),
                c.required("appointed_on", input.appointed_on),
            )
        }
        Some(AppointmentDecision::Decline) => {
            if note.is_none() {
                c.push(
                    "note",
                    "不予任命须说明理由。",
                    "Declining must give its reasons.",
                );
            }
            (None, None)
        }
        None => (None, None),
    };
    c.finish()?;
    let decision = decision.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, n) = load(conn, &ctx, id)?;
            ensure_appointer(&ctx, &n, path(&n)?.appointer)?;
            if let Some(m) = &if_match {
                m.check(n.version)?;
            }
            let post = n.post;
            let (act, action) = match decision {
                AppointmentDecision::Appoint => (NominationAct::Appoint, "appoint"),
                AppointmentDecision::Decline => (NominationAct::Decline, "decline"),
            };
            let to = next(post, n.status, act)?;
            if act == NominationAct::Appoint {
                let m = current_membership(conn, &g, n.school_id)?;
                // Checked again: the member may have stayed on as a collaborative one since it
                // was nominated for (§2.4.4), and then keeps its own management.
                check_nomination(&NominationFacts {
                    post,
                    terms: m.terms,
                    school_is_core: false,
                    nominee_is_legal_rep: false,
                })?;
            }
            let mut c = Checks::new();
            if let Some(d) = on {
                check_date(
                    &mut c,
                    "appointed_on",
                    d,
                    n.office_decided_at.map(|t| t.date()),
                );
            }
            c.finish()?;
            let s = NominationStep {
                status: to,
                appointed_by: Some(ctx.principal.sub.clone()),
                appointed_at: on.map(day),
                appointment_ref: reference.clone(),
                note: note.clone(),
                ..Default::default()
            };
            let after = repo::step(conn, n.id, n.version, n.status, &s, crate::repo::now())?
                .ok_or_else(|| stale(n.version + 1))?;
            if takes_effect(post, to) {
                take_effect(conn, &ctx, &g, &after, post)?;
            }
            let before = Nomination::from_row(n);
            let after = Nomination::from_row(after);
            record(conn, &ctx, &g, Op::Updated, action, Some(&before), &after)?;
            Ok(after)
        })
        .await
}

pub async fn file(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: FilingInput,
) -> ApiResult<Nomination> {
    let mut c = Checks::new();
    let reference = reference(&mut c, "filing_ref", input.filing_ref);
    let on = c.required("filed_on", input.filed_on);
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, n) = load(conn, &ctx, id)?;
            crate::service::groups::access::ensure_role(
                &ctx,
                Role::CountyBureau,
                "备案由县级教育行政部门报组织人事部门后登记。",
                "The county bureau records the filing with the personnel department.",
            )?;
            if let Some(m) = &if_match {
                m.check(n.version)?;
            }
            let post = n.post;
            let to = next(post, n.status, NominationAct::File)?;
            current_membership(conn, &g, n.school_id)?;
            let mut c = Checks::new();
            if let Some(d) = on {
                check_date(&mut c, "filed_on", d, n.appointed_at.map(|t| t.date()));
            }
            c.finish()?;
            let s = NominationStep {
                status: to,
                filed_at: on.map(day),
                filing_ref: reference.clone(),
                ..Default::default()
            };
            let after = repo::step(conn, n.id, n.version, n.status, &s, crate::repo::now())?
                .ok_or_else(|| stale(n.version + 1))?;
            if takes_effect(post, to) {
                take_effect(conn, &ctx, &g, &after, post)?;
            }
            let before = Nomination::from_row(n);
            let after = Nomination::from_row(after);
            record(conn, &ctx, &g, Op::Updated, "file", Some(&before), &after)?;
            Ok(after)
        })
        .await
}
