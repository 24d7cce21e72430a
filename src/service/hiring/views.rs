//! Hiring rounds, posts and outcomes as the API shows them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::hiring::{DecidingBody, OutcomeStatus, RoundStatus, Weights};
use crate::domain::staffing::{PostCategory, PostLevel};
use crate::repo::hiring::outcomes::{OutcomeRow, StepRow};
use crate::repo::hiring::rounds::{FilledPost, RoundRow};

/// A category's assessment method: the weights, in percent, of the four criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"category": "professional_technical", "ethics": 30, "ability": 30, "performance": 25, "contribution": 15}))]
pub struct Method {
    pub category: PostCategory,
    /// 师德.
    pub ethics: i32,
    /// 能力.
    pub ability: i32,
    /// 业绩.
    pub performance: i32,
    /// 贡献.
    pub contribution: i32,
}

impl Method {
    pub fn weights(&self) -> Weights {
        Weights {
            ethics: self.ethics,
            ability: self.ability,
            performance: self.performance,
            contribution: self.contribution,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "round_id": 1, "group_id": 1, "school_id": 2, "category": "professional_technical",
    "level": "intermediate", "bonus": false, "name": "初中数学教师", "filled_by_outcome_id": null,
    "created_at": "2026-08-20T08:00:00Z"
}))]
pub struct HiringPost {
    pub id: i64,
    pub round_id: i64,
    pub group_id: i64,
    /// The member school offering it.
    pub school_id: i64,
    pub category: PostCategory,
    pub level: PostLevel,
    /// One of the core's bonus posts (STAFF-SENIOR-BONUS).
    pub bonus: bool,
    pub name: String,
    /// The outcome (hired or reassigned) that fills it; `null` while vacant.
    pub filled_by_outcome_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl HiringPost {
    pub fn from_row((p, filled): FilledPost) -> HiringPost {
        HiringPost {
            id: p.id,
            round_id: p.round_id,
            group_id: p.group_id,
            school_id: p.school_id,
            category: p.category,
            level: p.level,
            bonus: p.bonus,
            name: p.name,
            filled_by_outcome_id: filled,
            created_at: p.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "group_id": 1, "year": 2026, "name": "2026年秋季学期岗位双向聘用", "opened_on": "2026-08-15",
    "methods": [{"category": "professional_technical", "ethics": 30, "ability": 30, "performance": 25, "contribution": 15}],
    "status": "open", "closed_on": null, "note": null, "created_by": "school-admin-1",
    "posts": [{"id": 3, "round_id": 1, "group_id": 1, "school_id": 2, "category": "professional_technical",
        "level": "intermediate", "bonus": false, "name": "初中数学教师", "filled_by_outcome_id": null,
        "created_at": "2026-08-20T08:00:00Z"}],
    "version": 2, "created_at": "2026-08-15T08:00:00Z", "updated_at": "2026-08-20T08:00:00Z"
}))]
pub struct HiringRound {
    pub id: i64,
    pub group_id: i64,
    pub year: i32,
    pub name: String,
    pub opened_on: NaiveDate,
    /// The assessment method of each post category the round offers.
    pub methods: Vec<Method>,
    pub status: RoundStatus,
    pub closed_on: Option<NaiveDate>,
    /// The note given when closing.
    pub note: Option<String>,
    pub created_by: String,
    /// The posts the round offers, by id; a member school's administrator sees its own only.
    pub posts: Vec<HiringPost>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn methods_of(r: &RoundRow) -> Vec<Method> {
    serde_json::from_str(&r.methods_json).unwrap_or_default()
}

impl HiringRound {
    pub fn from_row(r: RoundRow, posts: Vec<HiringPost>) -> HiringRound {
        HiringRound {
            methods: methods_of(&r),
            id: r.id,
            group_id: r.group_id,
            year: r.year,
            name: r.name,
            opened_on: r.opened_on,
            status: r.status,
            closed_on: r.closed_on,
            note: r.note,
            created_by: r.created_by,
            posts,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// One step of an outcome, as decided.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "status": "not_hired", "post_id": null, "reason": "竞聘考核排名未进入岗位数。", "decided_on": "2026-08-28",
    "deciding_body": "office_meeting", "document_ref": "集团办〔2026〕12号", "recorded_by": "school-admin-1",
    "recorded_at": "2026-08-28T08:00:00Z"
}))]
pub struct HiringStep {
    pub status: OutcomeStatus,
    /// The post of a hire or a reassignment.
    pub post_id: Option<i64>,
    pub reason: String,
    pub decided_on: NaiveDate,
    pub deciding_body: DecidingBody,
    pub document_ref: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl HiringStep {
    pub fn from_row(s: StepRow) -> HiringStep {
        HiringStep {
            status: s.status,
            post_id: s.post_id,
            reason: s.reason,
            decided_on: s.decided_on,
            deciding_body: s.deciding_body,
            document_ref: s.document_ref,
            recorded_by: s.recorded_by,
            recorded_at: s.recorded_at.and_utc(),
        }
    }
}

/// The scores of a hire and their weighted total.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"ethics": 90, "ability": 80, "performance": 70, "contribution": 60, "weighted_total": 77.5}))]
pub struct HireScores {
    pub ethics: i32,
    pub ability: i32,
    pub performance: i32,
    pub contribution: i32,
    /// Σ weight × score / 100, by the round's method for the post's category (two decimals).
    pub weighted_total: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 5, "round_id": 1, "group_id": 1, "person_id": 12, "school_id": 2, "status": "transfer_training",
    "post_id": null, "scores": null,
    "steps": [{"status": "not_hired", "post_id": null, "reason": "竞聘考核排名未进入岗位数。", "decided_on": "2026-08-28",
        "deciding_body": "office_meeting", "document_ref": "集团办〔2026〕12号", "recorded_by": "school-admin-1",
        "recorded_at": "2026-08-28T08:00:00Z"}],
    "version": 2, "created_at": "2026-08-28T08:00:00Z", "updated_at": "2026-09-01T08:00:00Z"
}))]
pub struct HiringOutcome {
    pub id: i64,
    pub round_id: i64,
    pub group_id: i64,
    /// The teacher.
    pub person_id: i64,
    /// The school of the teacher's personnel record when the outcome was recorded.
    pub school_id: i64,
    pub status: OutcomeStatus,
    /// The post held: of the hire, or of the reassignment.
    pub post_id: Option<i64>,
    /// A hire's scores; `null` otherwise.
    pub scores: Option<HireScores>,
    /// Every step, oldest first.
    pub steps: Vec<HiringStep>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl HiringOutcome {
    pub fn from_row(o: OutcomeRow, steps: Vec<HiringStep>) -> HiringOutcome {
        let scores = match (
            o.ethics_score,
            o.ability_score,
            o.performance_score,
            o.contribution_score,
            o.weighted_total_centi,
        ) {
            (Some(ethics), Some(ability), Some(performance), Some(contribution), Some(t)) => {
                Some(HireScores {
                    ethics,
                    ability,
                    performance,
                    contribution,
                    weighted_total: f64::from(t) / 100.0,
                })
            }
            _ => None,
        };
        HiringOutcome {
            id: o.id,
            round_id: o.round_id,
            group_id: o.group_id,
            person_id: o.person_id,
            school_id: o.school_id,
            status: o.status,
            post_id: o.post_id,
            scores,
            steps,
            version: o.version,
            created_at: o.created_at.and_utc(),
            updated_at: o.updated_at.and_utc(),
        }
    }
}
