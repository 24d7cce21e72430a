//! Recording an exchange: the fields (`422`), then in one transaction the group's state
//! (GROUP-STATE), where it may go and who may be sent (EXCH-SCOPE), the plan it cites, and the
//! teacher's other exchanges (EXCH-OVERLAP), before the record and its change are written.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::views::Exchange;
use super::{ensure_recorder, record};
use crate::db::DbConnection;
use crate::domain::exchange::overlap::{self, Overbooked};
use crate::domain::exchange::scope::{self, check_group_exchanges, Proposed};
use crate::domain::exchange::{ExchangeKind, ExchangeStatus, PersonnelRelation, PlanStatus};
use crate::domain::hiring::EmploymentStatus;
use crate::domain::registry::PersonKind;
use crate::domain::rules::{Rule, RuleViolation};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::exchange::exchanges::{self as repo, ExchangeRow, Filter, NewExchangeRow};
use crate::repo::exchange::plans;
use crate::repo::groups::group::GroupRow;
use crate::repo::registry::{lookups, persons, schools};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "person_id": 12, "kind": "backbone_dispatch", "to_school_id": 3, "subject_codes": ["13"],
    "relation": "retained", "starts_on": "2026-09-01", "ends_on": "2027-07-15", "plan_id": 2
}))]
pub struct NewExchange {
    /// The teacher (staff of a school of the group).
    #[schema(required = true)]
    pub person_id: Option<i64>,
    #[schema(required = true, value_type = Option<ExchangeKind>)]
    pub kind: Option<String>,
    /// The sending school; the teacher's school of record when left out.
    pub from_school_id: Option<i64>,
    #[schema(required = true)]
    pub to_school_id: Option<i64>,
    /// Subject codes (`/vocabularies/subjects`) taught at the receiving school, at most 10;
    /// at least one for a backbone dispatch and for cross-school teaching.
    #[serde(default)]
    pub subject_codes: Vec<String>,
    /// The share of the teacher's time, 1 to 100 (default 100); below 100 only for
    /// `cross_school_teaching`.
    pub share_percent: Option<i32>,
    /// `retained` (default) or `transferred`.
    #[schema(value_type = Option<PersonnelRelation>)]
    pub relation: Option<String>,
    /// The teacher asked to move (主动交流); `false` by default.
    #[serde(default)]
    pub voluntary: bool,
    #[schema(required = true)]
    pub starts_on: Option<NaiveDate>,
    /// The last day, on or after `starts_on`; open-ended when left out.
    pub ends_on: Option<NaiveDate>,
    /// The group's annual plan it carries out (EXCH-PLAN).
    pub plan_id: Option<i64>,
    /// `planned` (default), or `active` / `completed` for a movement recorded after the fact
    /// (`completed` needs `ends_on`).
    #[schema(value_type = Option<ExchangeStatus>)]
    pub status: Option<String>,
    /// At most 2000 characters.
    pub note: Option<String>,
}

/// The fields, checked one by one.
struct Fields {
    person_id: i64,
    kind: ExchangeKind,
    from_school_id: Option<i64>,
    to_school_id: i64,
    subjects: Vec<String>,
    share_percent: i32,
    relation: PersonnelRelation,
    voluntary: bool,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    plan_id: Option<i64>,
    status: ExchangeStatus,
    note: Option<String>,
}

fn fields(input: NewExchange) -> ApiResult<Fields> {
    let mut c = Checks::new();
    let person_id = c.required("person_id", input.person_id);
    let kind = c
        .required("kind", input.kind)
        .and_then(|k| c.enum_code("kind", &k, ExchangeKind::parse, ExchangeKind::codes()));
    let to_school_id = c.required("to_school_id", input.to_school_id);
    if input.from_school_id.is_some() && input.from_school_id == to_school_id {
        c.push(
            "to_school_id",
            "派出学校与接收学校不能相同。",
            "The receiving school is not the sending school.",
        );
    }
    let mut subjects: Vec<String> = Vec::new();
    for s in input.subject_codes {
        if !subjects.contains(&s) {
            subjects.push(s);
        }
    }
    if subjects.len() > 10 {
        c.push("subject_codes", "最多 10 个学科。", "At most 10 subjects.");
    }
    let needs_subject = matches!(
        kind,
        Some(ExchangeKind::BackboneDispatch | ExchangeKind::CrossSchoolTeaching)
    );
    if needs_subject && subjects.is_empty() {
        c.push(
            "subject_codes",
            "选派骨干教师和跨校走教须列明任教学科。",
            "A backbone dispatch or cross-school teaching names the subjects taught.",
        );
    }
    let share_percent = input.share_percent.unwrap_or(100);
    c.range("share_percent", i64::from(share_percent), 1, 100);
    if share_percent < 100 && kind.is_some_and(|k| !k.may_be_part_time()) {
        c.push(
            "share_percent",
            "只有跨校走教可以是部分时间；其他交流为全职。",
            "Only cross-school teaching is part-time; every other exchange is full-time.",
        );
    }
    let relation = match input.relation {
        None => Some(PersonnelRelation::Retained),
        Some(r) => c.enum_code(
            "relation",
            &r,
            PersonnelRelation::parse,
            PersonnelRelation::codes(),
        ),
    };
    let starts_on = c.required("starts_on", input.starts_on);
    if let (Some(s), Some(e)) = (starts_on, input.ends_on) {
        if e < s {
            c.push(
                "ends_on",
                "结束日期不能早于开始日期。",
                "The last day is on or after the first.",
            );
        }
    }
    let status = match input.status {
        None => Some(ExchangeStatus::Planned),
        Some(s) => {
            let st = c.enum_code("status", &s, ExchangeStatus::parse, ExchangeStatus::codes());
            if st == Some(ExchangeStatus::Cancelled) {
                c.push(
                    "status",
                    "新登记的交流不能是已取消。",
                    "A new exchange is planned, active or completed.",
                );
            }
            if st == Some(ExchangeStatus::Completed) && input.ends_on.is_none() {
                c.push(
                    "ends_on",
                    "已完成的交流须有结束日期。",
                    "A completed exchange has a last day.",
                );
            }
            st
        }
    };
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    let (
        Some(person_id),
        Some(kind),
        Some(to_school_id),
        Some(relation),
        Some(starts_on),
        Some(status),
    ) = (person_id, kind, to_school_id, relation, starts_on, status)
    else {
        return Err(ApiError::internal());
    };
    Ok(Fields {
        person_id,
        kind,
        from_school_id: input.from_school_id,
        to_school_id,
        subjects,
        share_percent,
        relation,
        voluntary: input.voluntary,
        starts_on,
        ends_on: input.ends_on,
        plan_id: input.plan_id,
        status,
        note,
    })
}

fn unprocessable(field: &str, zh: &str, en: &str) -> ApiError {
    ApiError::validation(vec![crate::error::FieldError::new(field, zh, en)])
}

/// EXCH-OVERLAP as a `409`: the day, the total and the exchanges holding the time.
pub(crate) fn overbooked(o: Overbooked) -> ApiError {
    let ids = o
        .with
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    RuleViolation::of(
        Rule::ExchOverlap,
        format!(
            "该教师在 {} 的交流时间将达到 {}%（已有交流：{ids}），超过 100%。",
            o.on, o.total_percent
        ),
        format!(
            "On {} the teacher would be exchanged for {}% of their time (with exchange(s) {ids}), above 100%.",
            o.on, o.total_percent
        ),
    )
    .into()
}

/// Checks the teacher's time against their other exchanges, `except` the one being changed.
pub(crate) fn check_overlap(
    conn: &mut DbConnection,
    person_id: i64,
    except: Option<i64>,
    span: &crate::domain::exchange::Span,
) -> ApiResult<()> {
    let others: Vec<(i64, crate::domain::exchange::Span)> = repo::holding_time(conn, person_id)?
        .into_iter()
        .filter(|r| Some(r.id) != except)
        .map(|r| (r.id, r.span()))
        .collect();
    overlap::check(&others, span).map_err(overbooked)
}

fn insert(conn: &mut DbConnection, ctx: &Ctx, g: &GroupRow, f: Fields) -> ApiResult<ExchangeRow> {
    check_group_exchanges(g.status)?;
    let person = persons::find(conn, f.person_id)?
        .filter(|p| p.kind == PersonKind::Staff && p.county_code == g.county_code)
        .ok_or_else(|| {
            unprocessable(
                "person_id",
                "不是本县登记的教职工。",
                "Not a member of staff registered in the group's county.",
            )
        })?;
    let from = f.from_school_id.unwrap_or(person.school_id);
    if from == f.to_school_id {
        return Err(unprocessable(
            "to_school_id",
            "接收学校就是教师的派出学校。",
            "The receiving school is the teacher's sending school.",
        ));
    }
    if person.employment_status == Some(EmploymentStatus::ContractEnded) {
        return Err(unprocessable(
            "person_id",
            "该教职工已解除聘用关系。",
            "The teacher's contract has ended (HIRE-TWO-WAY).",
        ));
    }
    // The teacher is on the staff of a school of the group, and leaves their school of record,
    // or (relation already transferred) is recorded after the fact at the receiving school.
    let in_group = crate::service::groups::access::current_schools(conn, g)?;
    let of_record = in_group.contains(&person.school_id)
        && (from == person.school_id
            || (f.relation == PersonnelRelation::Transferred
                && f.to_school_id == person.school_id));
    if !of_record {
        return Err(unprocessable(
            "from_school_id",
            "该教师的人事关系须在本集团学校，派出学校须是其人事关系所在学校。",
            "The teacher's personnel record is at a school of the group, and the sending school is the one holding it.",
        ));
    }
    let to = schools::find(conn, f.to_school_id)?
        .filter(|s| s.county_code == g.county_code)
        .ok_or_else(|| {
            unprocessable(
                "to_school_id",
                "不是本县登记的学校。",
                "Not a school registered in the group's county.",
            )
        })?;
    let unknown = lookups::unknown_subjects(conn, &f.subjects)?;
    if !unknown.is_empty() {
        return Err(unprocessable(
            "subject_codes",
            &format!("未知的学科代码：{}。", unknown.join(", ")),
            &format!("Unknown subject codes: {}.", unknown.join(", ")),
        ));
    }
    scope::check(&Proposed {
        kind: f.kind,
        from_is_core: from == g.core_school_id,
        from_in_group: in_group.contains(&from),
        to_in_group: in_group.contains(&to.id),
        backbone: person.is_backbone,
    })?;
    if let Some(plan_id) = f.plan_id {
        let plan = plans::find_id(conn, plan_id)?.filter(|p| p.group_id == g.id);
        if let Some(p) = plan
            .as_ref()
            .filter(|p| p.status != PlanStatus::OfficePassed)
        {
            return Err(RuleViolation::of(
                Rule::ExchPlan,
                format!(
                    "交流计划状态为“{}”，理事长办公会议通过后才能据以实施。",
                    p.status.label_zh()
                ),
                format!(
                    "The plan is {}; exchanges carry it out once the office meeting has passed it.",
                    p.status.as_str()
                ),
            )
            .into());
        }
        let fits = plan.as_ref().is_some_and(|p| {
            crate::domain::exchange::Span {
                starts_on: f.starts_on,
                ends_on: f.ends_on,
                share_percent: 0,
            }
            .touches_year(p.year)
        });
        if !fits {
            return Err(unprocessable(
                "plan_id",
                "不是本集团覆盖该交流期间的年度交流计划。",
                "Not this group's exchange plan for a year the exchange runs in.",
            ));
        }
    }
    let span = crate::domain::exchange::Span {
        starts_on: f.starts_on,
        ends_on: f.ends_on,
        share_percent: u32::try_from(f.share_percent).unwrap_or(100),
    };
    check_overlap(conn, person.id, None, &span)?;
    let now = crate::repo::now();
    let row = repo::insert(
        conn,
        &NewExchangeRow {
            group_id: g.id,
            county_code: g.county_code.clone(),
            person_id: person.id,
            kind: f.kind,
            from_school_id: from,
            to_school_id: to.id,
            subjects_json: serde_json::to_string(&f.subjects).unwrap_or_else(|_| "[]".into()),
            share_percent: f.share_percent,
            relation: f.relation,
            voluntary: f.voluntary,
            within_group: in_group.contains(&to.id),
            status: f.status,
            starts_on: f.starts_on,
            ends_on: f.ends_on,
            plan_id: f.plan_id,
            note: f.note,
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )?;
    let view = Exchange::from(row.clone());
    record(
        conn,
        ctx,
        &g.county_code,
        Op::Created,
        "exchange",
        row.id.to_string(),
        None,
        "exchange.create",
        None::<&Exchange>,
        &view,
    )?;
    Ok(row)
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewExchange,
) -> ApiResult<Exchange> {
    let f = fields(input)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            ensure_recorder(&ctx, &g)?;
            insert(conn, &ctx, &g, f).map(Exchange::from)
        })
        .await
}

/// The exchange, or `404` when it is absent or its group is outside the caller's scope.
pub(crate) fn load(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> ApiResult<(GroupRow, ExchangeRow)> {
    let x = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = access::load(conn, ctx, x.group_id)?;
    Ok((g, x))
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Exchange> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| load(conn, &ctx, id).map(|(_, x)| Exchange::from(x)))
        .await
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExchangeQuery {
    /// Exchanges with a day in this calendar year.
    #[param(example = 2026)]
    pub year: Option<i32>,
    /// Any of these kinds (repeat the parameter for several).
    #[serde(default)]
    pub kind: Vec<ExchangeKind>,
    /// Any of these statuses (repeat the parameter for several).
    #[serde(default)]
    pub status: Vec<ExchangeStatus>,
    pub person_id: Option<i64>,
    pub plan_id: Option<i64>,
}

/// A page of the group's exchanges by id.
pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: ExchangeQuery,
    page: PageQuery,
) -> ApiResult<Page<Exchange>> {
    let w = page.window()?;
    if let Some(y) = q
        .year
        .filter(|y| !crate::service::staffing::YEARS.contains(y))
    {
        // A filter out of range is a bad query (`400`), as every list's is.
        return Err(crate::service::page::bad_query(
            "year",
            format!("年度 {y} 须在 2000 至 2100 之间。"),
            format!("The year {y} is not between 2000 and 2100."),
        ));
    }
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let f = Filter {
                group_id: Some(g.id),
                school_id: crate::service::staffing::adjust::own_school(&ctx, &g),
                person_id: q.person_id,
                kind: q.kind,
                status: q.status,
                year: q.year,
                plan_id: q.plan_id,
                ..Default::default()
            };
            let rows = repo::list(conn, &f, w.after_id, w.limit + 1)?;
            Ok(paginate(rows, w, |r| r.id, Exchange::from))
        })
        .await
}
