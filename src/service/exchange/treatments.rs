//! EXCH-TREATMENT, as the title-evaluation office (职称评聘) and the schools pull it: the
//! treatments each exchange earns, with their period, per person and for a county's year.
//! Derived from the exchange records (`domain::exchange::treatment`), never stored apart.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::compliance::ComplianceQuery;
use crate::domain::exchange::treatment::{treatments, Basis};
use crate::domain::exchange::{ExchangeKind, ExchangeStatus, Treatment};
use crate::domain::registry::county::is_county;
use crate::error::{ApiError, ApiResult};
use crate::repo::exchange::exchanges::{self, ExchangeRow, Filter};
use crate::repo::registry::{counties, persons};
use crate::service::{AppState, Ctx};

/// One treatment of one exchange.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"person_id": 12, "name": "王芳", "treatment": "middle_cadre", "exchange_id": 7,
    "kind": "backbone_dispatch", "from_school_id": 1, "at_school_id": 3, "status": "active",
    "from": "2026-09-01", "until": "2027-07-15"}))]
pub struct TreatmentEntry {
    pub person_id: i64,
    pub name: String,
    pub treatment: Treatment,
    pub exchange_id: i64,
    pub kind: ExchangeKind,
    pub from_school_id: i64,
    /// The receiving school: where middle-cadre treatment is enjoyed.
    pub at_school_id: i64,
    pub status: ExchangeStatus,
    /// The period: the exchange's span (`until` absent while open-ended).
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

fn entries(rows: &[ExchangeRow], name_of: &dyn Fn(i64) -> String) -> Vec<TreatmentEntry> {
    let mut out = Vec::new();
    for x in rows {
        let earned = treatments(&Basis {
            kind: x.kind,
            status: x.status,
            voluntary: x.voluntary,
            to_member: x.within_group,
        });
        for t in earned {
            out.push(TreatmentEntry {
                person_id: x.person_id,
                name: name_of(x.person_id),
                treatment: t,
                exchange_id: x.id,
                kind: x.kind,
                from_school_id: x.from_school_id,
                at_school_id: x.to_school_id,
                status: x.status,
                from: x.starts_on,
                until: x.ends_on,
            });
        }
    }
    out
}

/// A person's treatments from every exchange of theirs.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonTreatments {
    pub person_id: i64,
    pub items: Vec<TreatmentEntry>,
}

pub async fn of_person(state: &AppState, ctx: &Ctx, person_id: i64) -> ApiResult<PersonTreatments> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let p = persons::find(conn, person_id)?.ok_or_else(ApiError::not_found)?;
            ctx.ensure_sees(&p.county_code)?;
            // The bureaus and inspectors, and the administrator of the person's own school.
            let own = ctx.principal.role == crate::domain::auth::Role::SchoolAdmin
                && ctx.principal.school == Some(p.school_id);
            if !own {
                ctx.ensure_county_reader("交流教师待遇名单", "The list of exchange treatments")?;
            }
            let f = Filter {
                person_id: Some(p.id),
                ..Default::default()
            };
            let rows = exchanges::list(conn, &f, 0, 10_000)?;
            let name = p.name.clone();
            Ok(PersonTreatments {
                person_id: p.id,
                items: entries(&rows, &|_| name.clone()),
            })
        })
        .await
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TreatmentQuery {
    /// Only this treatment (e.g. `title_priority` for the title-evaluation office).
    pub treatment: Option<Treatment>,
}

/// A county's treatments of a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountyTreatments {
    pub county_code: String,
    pub year: i32,
    /// By exchange, then treatment.
    pub items: Vec<TreatmentEntry>,
}

/// Every treatment earned by an exchange with a day in the year, in three statements.
pub async fn of_county(
    state: &AppState,
    ctx: &Ctx,
    county: String,
    q: ComplianceQuery,
    t: TreatmentQuery,
) -> ApiResult<CountyTreatments> {
    let year = q.year()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            ctx.ensure_sees(&county)?;
            counties::find(conn, &county)?
                .filter(|c| is_county(&c.code))
                .ok_or_else(ApiError::not_found)?;
            ctx.ensure_county_reader("交流教师待遇名单", "The list of exchange treatments")?;
            let rows = exchanges::of_year(conn, Some(&county), None, year)?;
            let mut ids: Vec<i64> = rows.iter().map(|r| r.person_id).collect();
            ids.sort_unstable();
            ids.dedup();
            let names: std::collections::HashMap<i64, String> = persons::find_many(conn, &ids)?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
            let items = entries(&rows, &|id| names.get(&id).cloned().unwrap_or_default())
                .into_iter()
                .filter(|e| t.treatment.is_none_or(|w| e.treatment == w))
                .collect();
            Ok(CountyTreatments {
                county_code: county,
                year,
                items,
            })
        })
        .await
}

/// The county's list as CSV: one row per treatment.
pub fn county_csv(r: &CountyTreatments) -> ApiResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "county_code",
        "year",
        "person_id",
        "name",
        "treatment",
        "exchange_id",
        "kind",
        "from_school_id",
        "at_school_id",
        "status",
        "from",
        "until",
    ])
    .map_err(|_| ApiError::internal())?;
    for e in &r.items {
        w.write_record([
            r.county_code.clone(),
            r.year.to_string(),
            e.person_id.to_string(),
            e.name.clone(),
            e.treatment.to_string(),
            e.exchange_id.to_string(),
            e.kind.to_string(),
            e.from_school_id.to_string(),
            e.at_school_id.to_string(),
            e.status.to_string(),
            e.from.to_string(),
            e.until.map(|d| d.to_string()).unwrap_or_default(),
        ])
        .map_err(|_| ApiError::internal())?;
    }
    crate::service::staffing::report::finish(w)
}
