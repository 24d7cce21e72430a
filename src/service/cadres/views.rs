//! A cadre nomination as the API shows it: where it stands, who appoints, and whether the post
//! is held yet.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::cadres::{path_of, takes_effect, Appointer, NominationStatus};
use crate::domain::registry::CadrePost;
use crate::repo::cadres::nominations::NominationRow;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "group_id": 1, "person_id": 12, "school_id": 2, "post": "vice_principal",
    "status": "appointed", "appointer": "county_bureau", "needs_filing": true, "in_effect": false,
    "motion_id": 5, "nominated_by": "school-admin-1", "nominated_at": "2026-03-01T08:00:00Z",
    "office_decided_at": "2026-03-05T08:00:00Z", "appointed_by": "officer-1",
    "appointed_on": "2026-03-20", "appointment_ref": "都教任〔2026〕3号", "filed_on": null,
    "filing_ref": null, "note": "拟任分管教学副校长。", "version": 4,
    "created_at": "2026-03-01T08:00:00Z", "updated_at": "2026-03-20T08:00:00Z"
}))]
pub struct Nomination {
    pub id: i64,
    pub group_id: i64,
    /// The nominee.
    pub person_id: i64,
    /// The tight member whose cadre the nominee is to be.
    pub school_id: i64,
    pub post: CadrePost,
    pub status: NominationStatus,
    /// Who appoints once the office meeting has passed it.
    pub appointer: Appointer,
    /// Whether the appointment is filed with the county organisation/personnel department
    /// (vice and executive principals).
    pub needs_filing: bool,
    /// Whether the path has ended with the post held: the person's `cadre_post` shows it.
    pub in_effect: bool,
    /// The office-meeting motion the nomination was last tabled as.
    pub motion_id: Option<i64>,
    pub nominated_by: String,
    pub nominated_at: DateTime<Utc>,
    pub office_decided_at: Option<DateTime<Utc>>,
    /// The subject of whoever recorded the appointment or the refusal to appoint.
    pub appointed_by: Option<String>,
    pub appointed_on: Option<NaiveDate>,
    pub appointment_ref: Option<String>,
    pub filed_on: Option<NaiveDate>,
    pub filing_ref: Option<String>,
    /// The chair's note; the reasons once declined or withdrawn (the earlier note stays in the
    /// change feed).
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Nomination {
    pub fn from_row(r: NominationRow) -> Nomination {
        let post = r.post;
        let status = r.status;
        let path = path_of(post);
        Nomination {
            appointer: path.map_or(Appointer::CountyBureau, |p| p.appointer),
            needs_filing: path.is_some_and(|p| p.filing),
            in_effect: takes_effect(post, status),
            post,
            status,
            id: r.id,
            group_id: r.group_id,
            person_id: r.person_id,
            school_id: r.school_id,
            motion_id: r.motion_id,
            nominated_by: r.nominated_by,
            nominated_at: r.nominated_at.and_utc(),
            office_decided_at: r.office_decided_at.map(|t| t.and_utc()),
            appointed_by: r.appointed_by,
            appointed_on: r.appointed_at.map(|t| t.date()),
            appointment_ref: r.appointment_ref,
            filed_on: r.filed_at.map(|t| t.date()),
            filing_ref: r.filing_ref,
            note: r.note,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}
