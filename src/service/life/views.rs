//! Applications and rectification orders as the API shows them, and who may see them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::today;
use crate::db::DbConnection;
use crate::domain::auth::{Principal, Role};
use crate::domain::groups::{FormationPattern, GroupKind};
use crate::domain::life::{is_overdue, ApplicationKind, ApplicationStatus, RectificationStatus};
use crate::error::ApiResult;
use crate::repo::groups::group::GroupRow;
use crate::repo::life::applications::ApplicationRow;
use crate::repo::life::rectification::OrderRow;
use crate::service::groups::access::is_chair;
use crate::service::groups::view::{school_ref_of, school_refs, SchoolRef};

/// The group a spin-off asks to form, with the school as its core (§2.4.4).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"name": "都匀市第三小学教育集团", "kind": "collaborative", "pattern": "other"}))]
pub struct SpinOffGroup {
    pub name: String,
    pub kind: GroupKind,
    pub pattern: FormationPattern,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "kind": "graduate_independent", "status": "submitted", "group_id": 1,
    "school": {"id": 5, "code": "2152010005", "name": "都匀市经开区第一小学"}, "membership_id": 4,
    "note": "三年成长考核期满，改薄提质成效明显，申请脱离紧密型集团独立办学。", "new_group": null,
    "submitted_by": "school-admin-1", "submitted_at": "2029-03-02T08:00:00Z",
    "decided_by": null, "decided_at": null, "decision_note": null, "new_group_id": null,
    "county_code": "522701", "version": 1,
    "created_at": "2029-03-02T08:00:00Z", "updated_at": "2029-03-02T08:00:00Z"
}))]
pub struct Application {
    pub id: i64,
    pub kind: ApplicationKind,
    pub status: ApplicationStatus,
    pub group_id: i64,
    /// The member school the application is about.
    pub school: SchoolRef,
    pub membership_id: Option<i64>,
    /// The applicant's grounds.
    pub note: String,
    /// For a spin-off: the group the school asks to form.
    pub new_group: Option<SpinOffGroup>,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    /// For an approved spin-off: the group the approval authorised.
    pub new_group_id: Option<i64>,
    pub county_code: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 2, "group_id": 1, "school": {"id": 5, "code": "2152010005", "name": "都匀市经开区第一小学"},
    "membership_id": 4, "violation": "违规有偿补课，违反集团章程第十二条。", "deadline": "2026-12-31",
    "status": "issued", "overdue": false, "response": null, "responded_at": null,
    "resolved_at": null, "resolution_note": null, "rejected_at": null, "rejection_note": null,
    "issued_by": "officer-1", "inspection_id": null, "version": 1,
    "created_at": "2026-12-01T08:00:00Z", "updated_at": "2026-12-01T08:00:00Z"
}))]
pub struct RectificationOrder {
    pub id: i64,
    pub group_id: i64,
    pub school: SchoolRef,
    pub membership_id: Option<i64>,
    pub violation: String,
    pub deadline: NaiveDate,
    pub status: RectificationStatus,
    /// The deadline has passed while the bureau has not closed the order (resolved or
    /// `not_rectified`). REVOKE applies to an overdue order left `issued` (unanswered); an
    /// answered one waits for the bureau's decision on the report.
    pub overdue: bool,
    pub response: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution_note: Option<String>,
    /// When the bureau found the report not rectified (`not_rectified`, 整改不到位), and why.
    pub rejected_at: Option<DateTime<Utc>>,
    pub rejection_note: Option<String>,
    pub issued_by: String,
    /// The inspection whose finding required it (督导评估, §3.4), if one did.
    pub inspection_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn school_ref(conn: &mut DbConnection, id: i64) -> ApiResult<SchoolRef> {
    Ok(school_ref_of(&school_refs(conn, &[id])?, id))
}

/// Applications with their schools, read in one query (a page names up to 200 schools).
pub(crate) fn applications(
    conn: &mut DbConnection,
    rows: Vec<ApplicationRow>,
) -> ApiResult<Vec<Application>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.school_id).collect();
    let refs = school_refs(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let school = school_ref_of(&refs, r.school_id);
            application_with(r, school)
        })
        .collect())
}

/// Orders with their schools, read in one query.
pub(crate) fn orders(
    conn: &mut DbConnection,
    rows: Vec<OrderRow>,
) -> ApiResult<Vec<RectificationOrder>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.school_id).collect();
    let refs = school_refs(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let school = school_ref_of(&refs, r.school_id);
            order_with(r, school)
        })
        .collect())
}

pub(crate) fn application(conn: &mut DbConnection, r: ApplicationRow) -> ApiResult<Application> {
    let school = school_ref(conn, r.school_id)?;
    Ok(application_with(r, school))
}

fn application_with(r: ApplicationRow, school: SchoolRef) -> Application {
    Application {
        school,
        kind: r.kind,
        status: r.status,
        new_group: r
            .payload_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok()),
        id: r.id,
        group_id: r.group_id,
        membership_id: r.membership_id,
        note: r.reason,
        submitted_by: r.submitted_by,
        submitted_at: r.submitted_at.and_utc(),
        decided_by: r.decided_by,
        decided_at: r.decided_at.map(|t| t.and_utc()),
        decision_note: r.decision_note,
        new_group_id: r.new_group_id,
        county_code: r.county_code,
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    }
}

pub(crate) fn order(conn: &mut DbConnection, r: OrderRow) -> ApiResult<RectificationOrder> {
    let school = school_ref(conn, r.school_id)?;
    Ok(order_with(r, school))
}

fn order_with(r: OrderRow, school: SchoolRef) -> RectificationOrder {
    let status = r.status;
    RectificationOrder {
        school,
        overdue: is_overdue(r.deadline, status, today()),
        status,
        id: r.id,
        group_id: r.group_id,
        membership_id: r.membership_id,
        violation: r.violation,
        deadline: r.deadline,
        response: r.response,
        responded_at: r.responded_at.map(|t| t.and_utc()),
        resolved_at: r.resolved_at.map(|t| t.and_utc()),
        resolution_note: r.resolution_note,
        rejected_at: r.rejected_at.map(|t| t.and_utc()),
        rejection_note: r.rejection_note,
        issued_by: r.issued_by,
        inspection_id: r.inspection_id,
        version: r.version,
        created_at: r.created_at.and_utc(),
        updated_at: r.updated_at.and_utc(),
    }
}

/// Whether `p` sees what concerns member `school_id` of `g` (an application, an order): the
/// county's officers and readers do; a school's administrators see their own school's and, as
/// chair, the whole group's; a seat holder's business is the meetings, not sanctions.
pub(crate) fn sees_member_record(p: &Principal, g: &GroupRow, school_id: i64) -> bool {
    if !p.sees_county(&g.county_code) {
        return false;
    }
    match p.role {
        Role::SchoolAdmin => p.school == Some(school_id) || is_chair(p, g),
        Role::CouncilMember => false,
        _ => true,
    }
}
