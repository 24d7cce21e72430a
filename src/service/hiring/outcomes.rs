//! Each teacher's outcome in a round and its later steps (HIRE-TWO-WAY): `hired`, or
//! `not_hired` → `transfer_training` → `reassigned` | `contract_ended`. Every step records its
//! reason, date, deciding body and document, and moves the teacher's current post in the
//! registry in the same transaction.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::rounds::filled;
use super::views::{methods_of, HiringOutcome, HiringStep};
use super::{check_date, ensure_open, is_member, load as load_round, own_school, record};
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::hiring::{
    check_scores, check_title, employment_after, next, takes_post, weighted_total_centi,
    DecidingBody, OutcomeStatus, Scores, StepRefusal,
};
use crate::domain::registry::PersonKind;
use crate::domain::rules::Conflict;
use crate::domain::staffing::PostLevel;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Op};
use crate::repo::groups::group::GroupRow;
use crate::repo::hiring::outcomes::{
    self as repo, NewOutcomeRow, OutcomeFilter, OutcomeRow, StepRow,
};
use crate::repo::hiring::rounds::{self as rounds, PostRow, RoundRow};
use crate::repo::registry::persons;
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::registry::persons::{change as person_change, Person};
use crate::service::{stale, AppState, Ctx, IfMatch};

/// A hire's scores, 0 to 100 each.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"ethics": 90, "ability": 80, "performance": 70, "contribution": 60}))]
pub struct ScoresInput {
    pub ethics: i32,
    pub ability: i32,
    pub performance: i32,
    pub contribution: i32,
}

/// What every step says: the decision, its reason, date, deciding body and document.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "person_id": 12, "status": "hired", "post_id": 3,
    "scores": {"ethics": 90, "ability": 80, "performance": 70, "contribution": 60},
    "reason": "竞聘考核综合排名第一。", "decided_on": "2026-08-28", "deciding_body": "office_meeting",
    "document_ref": "集团办〔2026〕12号"
}))]
pub struct NewHiringOutcome {
    /// The teacher: a staff member whose school is the group's core or a current member.
    #[schema(required = true)]
    pub person_id: Option<i64>,
    /// `hired` or `not_hired` (an outcome starts there; anything else is `409 HIRE-TWO-WAY`).
    #[schema(required = true, value_type = OutcomeStatus)]
    pub status: Option<String>,
    /// The post of the round the teacher is hired to: required for `hired`, refused otherwise.
    pub post_id: Option<i64>,
    /// The four criteria scores: required for `hired`, refused otherwise.
    pub scores: Option<ScoresInput>,
    /// 1 to 2000 characters.
    #[schema(required = true)]
    pub reason: Option<String>,
    /// Not before the round opened nor after today (China Standard Time).
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub decided_on: Option<NaiveDate>,
    #[schema(required = true, value_type = DecidingBody)]
    pub deciding_body: Option<String>,
    /// The decision's document reference, 1 to 100 characters.
    #[schema(required = true)]
    pub document_ref: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "status": "reassigned", "post_id": 4, "reason": "转岗培训合格，安置到小学科学教师岗位。",
    "decided_on": "2026-12-01", "deciding_body": "office_meeting", "document_ref": "集团办〔2026〕20号"
}))]
pub struct StepInput {
    /// `transfer_training` after `not_hired`; `reassigned` or `contract_ended` after it.
    #[schema(required = true, value_type = OutcomeStatus)]
    pub status: Option<String>,
    /// The post of the round the teacher is reassigned to: required for `reassigned`, refused
    /// otherwise.
    pub post_id: Option<i64>,
    #[schema(required = true)]
    pub reason: Option<String>,
    /// Not before the previous step nor after today (China Standard Time).
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub decided_on: Option<NaiveDate>,
    #[schema(required = true, value_type = DecidingBody)]
    pub deciding_body: Option<String>,
    #[schema(required = true)]
    pub document_ref: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutcomeQuery {
    /// Any of these statuses.
    #[serde(default)]
    pub status: Vec<OutcomeStatus>,
    #[param(example = 12)]
    pub person_id: Option<i64>,
    /// Outcomes of this school's teachers, or filling its posts.
    #[param(example = 2)]
    pub school_id: Option<i64>,
}

/// A step's fields, validated.
struct Decision {
    to: OutcomeStatus,
    post_id: Option<i64>,
    scores: Option<Scores>,
    reason: String,
    decided_on: NaiveDate,
    deciding_body: DecidingBody,
    document_ref: String,
}

#[allow(clippy::too_many_arguments)]
fn decision(
    c: &mut Checks,
    status: Option<String>,
    post_id: Option<i64>,
    scores: Option<ScoresInput>,
    reason: Option<String>,
    decided_on: Option<NaiveDate>,
    deciding_body: Option<String>,
    document_ref: Option<String>,
) -> Option<Decision> {
    let to = c
        .required("status", status)
        .and_then(|v| c.enum_code("status", &v, OutcomeStatus::parse, OutcomeStatus::codes()));
    let reason = c
        .required("reason", reason)
        .map(|v| c.text("reason", &v, 1, 2000));
    let decided_on = c.required("decided_on", decided_on);
    let deciding_body = c.required("deciding_body", deciding_body).and_then(|v| {
        c.enum_code(
            "deciding_body",
            &v,
            DecidingBody::parse,
            DecidingBody::codes(),
        )
    });
    let document_ref = c
        .required("document_ref", document_ref)
        .map(|v| c.text("document_ref", &v, 1, 100));
    let scores = scores.map(|s| Scores {
        ethics: s.ethics,
        ability: s.ability,
        performance: s.performance,
        contribution: s.contribution,
    });
    if let Some(to) = to {
        if takes_post(to) {
            c.required("post_id", post_id);
        } else if post_id.is_some() {
            c.push(
                "post_id",
                "只有聘用或转岗安置才指定岗位。",
                "Only a hire or a reassignment names a post.",
            );
        }
        if to == OutcomeStatus::Hired {
            match &scores {
                None => c.push(
                    "scores",
                    "聘用须记录师德、能力、业绩、贡献四项得分。",
                    "A hire records the four criteria scores.",
                ),
                Some(s) => {
                    if let Err(m) = check_scores(s) {
                        c.push("scores", m.zh, m.en);
                    }
                }
            }
        } else if scores.is_some() {
            c.push(
                "scores",
                "只有聘用记录考核得分。",
                "Only a hire records scores.",
            );
        }
    }
    Some(Decision {
        to: to?,
        post_id,
        scores,
        reason: reason?,
        decided_on: decided_on?,
        deciding_body: deciding_body?,
        document_ref: document_ref?,
    })
}

fn refusal(r: StepRefusal) -> ApiError {
    match r {
        StepRefusal::OutOfOrder(v) => ApiError::from(v),
        StepRefusal::Finished(s) => ApiError::conflict_of(
            Conflict::HiringOutcomeFinal,
            format!("该聘用结果已办结（{}）。", s.label_zh()),
            format!("The outcome has ended ({}).", s.label_en()),
        ),
    }
}

/// The post a hire or reassignment fills: of this round (else `422`), its school still in the
/// group (`409 not_a_member`), vacant (`409 post_filled`), and fitting the teacher's title
/// (`409 HIRE-TWO-WAY`).
fn post_for(
    conn: &mut DbConnection,
    g: &GroupRow,
    r: &RoundRow,
    post_id: i64,
    title_code: Option<&str>,
) -> ApiResult<PostRow> {
    let post = rounds::find_post(conn, post_id)?.filter(|p| p.round_id == r.id);
    let Some(post) = post else {
        let mut c = Checks::new();
        c.push("post_id", "不是本轮的岗位。", "Not a post of this round.");
        c.finish()?;
        return Err(ApiError::internal());
    };
    if !is_member(conn, g, post.school_id)? {
        return Err(ApiError::conflict_of(
            Conflict::NotAMember,
            "设岗学校已不是本集团成员，不能聘用到该岗位。",
            "The post's school is no longer a member of the group; nobody is hired to it.",
        ));
    }
    if let Some(o) = repo::filling(conn, post.id)? {
        return Err(filled(o));
    }
    let grade = match title_code {
        Some(code) => repo::title_grade(conn, code)?.and_then(|g| PostLevel::parse(&g)),
        None => None,
    };
    check_title(post.category, post.level, grade)?;
    Ok(post)
}

/// A unique index refused the write: the post was filled, or the teacher given an outcome, by
/// a request that committed first.
fn unique_refusal(e: diesel::result::Error) -> ApiError {
    use diesel::result::{DatabaseErrorKind as K, Error as E};
    match &e {
        E::DatabaseError(K::UniqueViolation, info) => {
            let named = format!(
                "{} {}",
                info.message(),
                info.constraint_name().unwrap_or("")
            );
            if named.contains("post") {
                ApiError::conflict_of(
                    Conflict::PostFilled,
                    "该岗位刚被另一请求聘用或安置。",
                    "Another request filled the post first.",
                )
            } else {
                exists()
            }
        }
        _ => ApiError::from(e),
    }
}

fn exists() -> ApiError {
    ApiError::conflict_of(
        Conflict::HiringOutcomeExists,
        "该教职工在本轮已有聘用结果。",
        "The teacher already has an outcome in this round.",
    )
}

/// Writes the step, moves the teacher's post in the registry, and audits both.
fn apply(
    conn: &mut DbConnection,
    ctx: &Ctx,
    outcome: &OutcomeRow,
    d: &Decision,
) -> ApiResult<HiringStep> {
    let now = crate::repo::now();
    let step = repo::insert_step(
        conn,
        &StepRow {
            id: 0,
            outcome_id: outcome.id,
            status: d.to,
            post_id: d.post_id,
            reason: d.reason.clone(),
            decided_on: d.decided_on,
            deciding_body: d.deciding_body,
            document_ref: d.document_ref.clone(),
            recorded_by: ctx.principal.sub.clone(),
            recorded_at: now,
        },
    )?;
    let person = persons::find(conn, outcome.person_id)?.ok_or_else(ApiError::internal)?;
    let subjects: Vec<String> = persons::subjects_of(conn, &[person.id])?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let before = Person::from_row(person.clone(), subjects.clone(), false);
    let post = if takes_post(d.to) { d.post_id } else { None };
    let updated = repo::set_person_post(conn, &person, post, employment_after(d.to), now)?
        .ok_or_else(|| stale(person.version + 1))?;
    let after = Person::from_row(updated, subjects, false);
    changes::record(
        conn,
        &ctx.audit_actor(),
        person_change(
            Op::Updated,
            "person.hiring",
            &after,
            Some(&before),
            Some(&after),
        ),
    )?;
    Ok(HiringStep::from_row(step))
}

fn shown(conn: &mut DbConnection, o: OutcomeRow) -> ApiResult<HiringOutcome> {
    let steps = repo::steps_of(conn, &[o.id])?
        .into_iter()
        .map(HiringStep::from_row)
        .collect();
    Ok(HiringOutcome::from_row(o, steps))
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    round_id: i64,
    input: NewHiringOutcome,
) -> ApiResult<HiringOutcome> {
    ctx.require(Permission::GroupsLead)?;
    let mut c = Checks::new();
    let person_id = c.required("person_id", input.person_id);
    let d = decision(
        &mut c,
        input.status,
        input.post_id,
        input.scores,
        input.reason,
        input.decided_on,
        input.deciding_body,
        input.document_ref,
    );
    c.finish()?;
    let (Some(person_id), Some(d)) = (person_id, d) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, r) = load_round(conn, &ctx, round_id)?;
            access::ensure_chair(&ctx, &g)?;
            ensure_open(&r)?;
            next(None, d.to).map_err(refusal)?;
            let mut c = Checks::new();
            // A person of another county is reported as absent: its existence is not revealed.
            let person = persons::find(conn, person_id)?.filter(|p| p.county_code == g.county_code);
            match &person {
                None => c.push(
                    "person_id",
                    "本县没有该人员。",
                    "No such person in the group's county.",
                ),
                Some(p) if p.kind != PersonKind::Staff => c.push(
                    "person_id",
                    "学生家长不是教职工。",
                    "A parent is not staff.",
                ),
                Some(p) if !is_member(conn, &g, p.school_id)? => c.push(
                    "person_id",
                    "该教职工的人事关系不在本集团的成员学校。",
                    "The teacher's personnel record is not at a member school of this group.",
                ),
                Some(_) => {}
            }
            check_date(&mut c, "decided_on", d.decided_on, Some(r.opened_on));
            c.finish()?;
            let person = person.ok_or_else(ApiError::internal)?;
            if repo::of_person(conn, r.id, person.id)?.is_some() {
                return Err(exists());
            }
            let mut total = None;
            if let Some(post_id) = d.post_id {
                let post = post_for(conn, &g, &r, post_id, person.title_code.as_deref())?;
                let method = methods_of(&r)
                    .into_iter()
                    .find(|m| m.category == post.category)
                    .ok_or_else(ApiError::internal)?;
                total = d
                    .scores
                    .map(|s| weighted_total_centi(&method.weights(), &s));
            }
            let now = crate::repo::now();
            let row = repo::insert(
                conn,
                &NewOutcomeRow {
                    round_id: r.id,
                    group_id: g.id,
                    person_id: person.id,
                    school_id: person.school_id,
                    status: d.to,
                    post_id: d.post_id,
                    ethics_score: d.scores.map(|s| s.ethics),
                    ability_score: d.scores.map(|s| s.ability),
                    performance_score: d.scores.map(|s| s.performance),
                    contribution_score: d.scores.map(|s| s.contribution),
                    weighted_total_centi: total,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )
            .map_err(unique_refusal)?;
            let step = apply(conn, &ctx, &row, &d)?;
            let o = HiringOutcome::from_row(row, vec![step]);
            let action = if d.to == OutcomeStatus::Hired {
                "hire"
            } else {
                "not_hire"
            };
            record(
                conn,
                &ctx,
                &g,
                Op::Created,
                "hiring_outcome",
                action,
                o.id,
                None,
                &o,
            )?;
            Ok(o)
        })
        .await
}

/// The outcome, its round and group, or `404` outside the caller's scope (a member school's
/// administrator sees its own teachers' outcomes and those filling its posts).
fn load(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> ApiResult<(GroupRow, RoundRow, OutcomeRow)> {
    let o = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let (g, r) = load_round(conn, ctx, o.round_id)?;
    if let Some(s) = own_school(ctx, &g) {
        let post_school = match o.post_id {
            Some(p) => rounds::find_post(conn, p)?.map(|p| p.school_id),
            None => None,
        };
        if o.school_id != s && post_school != Some(s) {
            return Err(ApiError::not_found());
        }
    }
    Ok((g, r, o))
}

pub async fn step(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: StepInput,
) -> ApiResult<HiringOutcome> {
    ctx.require(Permission::GroupsLead)?;
    let mut c = Checks::new();
    let d = decision(
        &mut c,
        input.status,
        input.post_id,
        None,
        input.reason,
        input.decided_on,
        input.deciding_body,
        input.document_ref,
    );
    c.finish()?;
    let d = d.ok_or_else(ApiError::internal)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, r, o) = load(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if let Some(m) = &if_match {
                m.check(o.version)?;
            }
            next(Some(o.status), d.to).map_err(refusal)?;
            let last = repo::steps_of(conn, &[o.id])?.last().map(|s| s.decided_on);
            let mut c = Checks::new();
            check_date(
                &mut c,
                "decided_on",
                d.decided_on,
                last.or(Some(r.opened_on)),
            );
            c.finish()?;
            if let Some(post_id) = d.post_id {
                let person = persons::find(conn, o.person_id)?.ok_or_else(ApiError::internal)?;
                post_for(conn, &g, &r, post_id, person.title_code.as_deref())?;
            }
            let before = shown(conn, o.clone())?;
            let post = if takes_post(d.to) { d.post_id } else { None };
            let after = repo::step(conn, &o, d.to, post, crate::repo::now())
                .map_err(unique_refusal)?
                .ok_or_else(|| stale(o.version + 1))?;
            apply(conn, &ctx, &after, &d)?;
            let after = shown(conn, after)?;
            let action = match d.to {
                OutcomeStatus::TransferTraining => "transfer_training",
                OutcomeStatus::Reassigned => "reassign",
                _ => "end_contract",
            };
            record(
                conn,
                &ctx,
                &g,
                Op::Updated,
                "hiring_outcome",
                action,
                after.id,
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<HiringOutcome> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (_, _, o) = load(conn, &ctx, id)?;
            shown(conn, o)
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    round_id: i64,
    q: OutcomeQuery,
    page: PageQuery,
) -> ApiResult<Page<HiringOutcome>> {
    ctx.require(Permission::GroupsRead)?;
    let w = page.window()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (g, r) = load_round(conn, &ctx, round_id)?;
            let own = own_school(&ctx, &g);
            if own.is_some() && q.school_id.is_some() && q.school_id != own {
                return Ok(Page::empty());
            }
            let filter = OutcomeFilter {
                status: q.status,
                person_id: q.person_id,
                school_id: own.or(q.school_id),
            };
            let rows = repo::list(conn, r.id, &filter, w.after_id, w.limit + 1)?;
            let ids: Vec<i64> = rows.iter().map(|o| o.id).collect();
            let mut steps = repo::steps_of(conn, &ids)?;
            Ok(paginate(
                rows,
                w,
                |o| o.id,
                |o| {
                    let mine = steps
                        .extract_if(.., |s| s.outcome_id == o.id)
                        .map(HiringStep::from_row)
                        .collect();
                    HiringOutcome::from_row(o, mine)
                },
            ))
        })
        .await
}
