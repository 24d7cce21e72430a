//! What the exchange area answers with.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::exchange::treatment::{treatments, Basis};
use crate::domain::exchange::{ExchangeKind, ExchangeStatus, PersonnelRelation, Treatment};
use crate::repo::exchange::exchanges::ExchangeRow;

/// One teacher movement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 7, "group_id": 1, "county_code": "522701", "person_id": 12, "kind": "backbone_dispatch",
    "from_school_id": 1, "to_school_id": 3, "subject_codes": ["13"], "share_percent": 100,
    "relation": "retained", "voluntary": false, "within_group": true, "status": "active",
    "starts_on": "2026-09-01", "ends_on": "2027-07-15", "plan_id": 2, "note": null, "status_note": null,
    "treatments": ["middle_cadre", "award_priority", "title_priority"],
    "version": 2, "created_at": "2026-08-20T08:00:00Z", "updated_at": "2026-09-01T08:00:00Z"
}))]
pub struct Exchange {
    pub id: i64,
    /// The group whose records it is in: the sending school's.
    pub group_id: i64,
    pub county_code: String,
    pub person_id: i64,
    pub kind: ExchangeKind,
    pub from_school_id: i64,
    pub to_school_id: i64,
    /// The subjects taught at the receiving school.
    pub subject_codes: Vec<String>,
    /// The share of the teacher's time (100 full-time; less only for cross-school teaching).
    pub share_percent: i32,
    pub relation: PersonnelRelation,
    /// The teacher asked to move (主动交流).
    pub voluntary: bool,
    /// The receiving school is the group's core or one of its members.
    pub within_group: bool,
    pub status: ExchangeStatus,
    pub starts_on: NaiveDate,
    /// The last day; absent while open-ended.
    pub ends_on: Option<NaiveDate>,
    /// The annual plan it carries out.
    pub plan_id: Option<i64>,
    pub note: Option<String>,
    /// Why it was cancelled or ended, as the last act said.
    pub status_note: Option<String>,
    /// What the exchange earns (EXCH-TREATMENT) for its span while active or completed.
    pub treatments: Vec<Treatment>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ExchangeRow> for Exchange {
    fn from(r: ExchangeRow) -> Self {
        let earned = treatments(&Basis {
            kind: r.kind,
            status: r.status,
            voluntary: r.voluntary,
            to_member: r.within_group,
        });
        Exchange {
            subject_codes: r.subjects(),
            treatments: earned,
            id: r.id,
            group_id: r.group_id,
            county_code: r.county_code,
            person_id: r.person_id,
            kind: r.kind,
            from_school_id: r.from_school_id,
            to_school_id: r.to_school_id,
            share_percent: r.share_percent,
            relation: r.relation,
            voluntary: r.voluntary,
            within_group: r.within_group,
            status: r.status,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            plan_id: r.plan_id,
            note: r.note,
            status_note: r.status_note,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}
