//! Every enum and lookup with its zh-Hans and English labels.

use serde::Serialize;
use utoipa::ToSchema;

use super::super::AppState;
use crate::domain::auth::{Permission, Role};
use crate::domain::council::{
    Attendance, Body, MotionOutcome, MotionType, OfficeRole, SeatCategory, VoteChoice,
};
use crate::domain::council::{Ballot, ChairDecision, MeetingKind, MeetingStatus, MotionStatus};
use crate::domain::groups::{
    CharterSection, FormationPattern, GroupKind, GroupStatus, JoinBasis, MajorityBase,
    OfficeDecision, Stage, Transition,
};
use crate::domain::life::{
    ApplicationKind, ApplicationStatus, ExitReason, MembershipStatus, RectificationStatus,
};
use crate::domain::registry::{CadrePost, SchoolLocation, SchoolStanding};
use crate::domain::vocab::{Term, Vocabulary};
use crate::error::ApiResult;
use crate::repo::registry::lookups;

#[derive(Debug, Serialize, ToSchema, serde::Deserialize)]
pub struct Vocabularies {
    pub items: Vec<Vocabulary>,
}

fn lookup(name: &str, terms: Vec<Term>) -> Vocabulary {
    Vocabulary {
        name: name.to_string(),
        kind: "lookup".to_string(),
        schema: None,
        terms,
    }
}

fn term(code: String, zh: String, en: String) -> Term {
    Term {
        code,
        label_zh: zh,
        label_en: en,
    }
}

/// The enums of the API, in one list, so that a new enum cannot be forgotten here.
pub fn enums() -> Vec<Vocabulary> {
    vec![
        SchoolLocation::vocabulary(),
        SchoolStanding::vocabulary(),
        CadrePost::vocabulary(),
        crate::domain::registry::PersonKind::vocabulary(),
        Role::vocabulary(),
        Permission::vocabulary(),
        GroupKind::vocabulary(),
        FormationPattern::vocabulary(),
        GroupStatus::vocabulary(),
        Transition::vocabulary(),
        crate::domain::groups::GroupAction::vocabulary(),
        Stage::vocabulary(),
        JoinBasis::vocabulary(),
        CharterSection::vocabulary(),
        OfficeDecision::vocabulary(),
        SeatCategory::vocabulary(),
        OfficeRole::vocabulary(),
        Body::vocabulary(),
        MotionType::vocabulary(),
        MajorityBase::vocabulary(),
        Attendance::vocabulary(),
        VoteChoice::vocabulary(),
        MotionOutcome::vocabulary(),
        MeetingKind::vocabulary(),
        MeetingStatus::vocabulary(),
        MotionStatus::vocabulary(),
        Ballot::vocabulary(),
        ChairDecision::vocabulary(),
        crate::domain::council::demand::DemandStatus::vocabulary(),
        crate::domain::groups::bodies::InternalBodyKind::vocabulary(),
        crate::domain::groups::bodies::InternalBodyStatus::vocabulary(),
        crate::domain::groups::charter_approval::CharterStatus::vocabulary(),
        crate::domain::groups::charter_approval::CharterDecision::vocabulary(),
        crate::domain::cadres::NominationStatus::vocabulary(),
        crate::domain::cadres::Appointer::vocabulary(),
        crate::domain::cadres::AppointmentDecision::vocabulary(),
        crate::domain::staffing::PostCategory::vocabulary(),
        crate::domain::staffing::PostLevel::vocabulary(),
        crate::domain::staffing::AllocationReason::vocabulary(),
        crate::domain::staffing::SpecialQuotaKind::vocabulary(),
        crate::domain::staffing::SpecialQuotaPurpose::vocabulary(),
        crate::domain::staffing::AdjustmentStatus::vocabulary(),
        crate::domain::staffing::pool::PoolBasis::vocabulary(),
        crate::service::staffing::decide::AdjustmentDecisionKind::vocabulary(),
        crate::domain::hiring::RoundStatus::vocabulary(),
        crate::domain::hiring::OutcomeStatus::vocabulary(),
        crate::domain::hiring::DecidingBody::vocabulary(),
        crate::domain::hiring::EmploymentStatus::vocabulary(),
        crate::domain::exchange::ExchangeKind::vocabulary(),
        crate::domain::exchange::PersonnelRelation::vocabulary(),
        crate::domain::exchange::ExchangeStatus::vocabulary(),
        crate::domain::exchange::ExchangeAct::vocabulary(),
        crate::domain::exchange::PlanStatus::vocabulary(),
        crate::domain::exchange::PlanDrafter::vocabulary(),
        crate::domain::exchange::Treatment::vocabulary(),
        crate::domain::exchange::compliance::Standing::vocabulary(),
        crate::domain::assessment::IndicatorLevel::vocabulary(),
        crate::domain::assessment::IndicatorSource::vocabulary(),
        crate::domain::assessment::Metric::vocabulary(),
        crate::domain::assessment::FrameworkStatus::vocabulary(),
        crate::domain::assessment::AssessmentStatus::vocabulary(),
        crate::domain::assessment::AssessmentAct::vocabulary(),
        crate::domain::assessment::Grade::vocabulary(),
        crate::domain::assessment::PayPlanStatus::vocabulary(),
        crate::domain::assessment::GrowthDecision::vocabulary(),
        crate::domain::assessment::GrowthReviewStatus::vocabulary(),
        crate::domain::assessment::OutcomeFlag::vocabulary(),
        crate::domain::assessment::InspectionKind::vocabulary(),
        crate::domain::funds::FundPurpose::vocabulary(),
        crate::domain::funds::FundEntryKind::vocabulary(),
        crate::domain::funds::FundEntrySource::vocabulary(),
        crate::domain::funds::FundQuantityUnit::vocabulary(),
        MembershipStatus::vocabulary(),
        ExitReason::vocabulary(),
        ApplicationKind::vocabulary(),
        ApplicationStatus::vocabulary(),
        crate::service::life::decisions::Verdict::vocabulary(),
        crate::service::groups::formation::ReviewDecision::vocabulary(),
        RectificationStatus::vocabulary(),
        crate::service::page::RecordSort::vocabulary(),
        crate::service::page::PersonSort::vocabulary(),
        crate::domain::rules::catalogue::EntryKind::vocabulary(),
    ]
}

pub async fn all(state: &AppState) -> ApiResult<Vocabularies> {
    state
        .db
        .read(|conn| {
            let mut items = enums();
            items.push(lookup(
                "school_type",
                lookups::school_types(conn)?
                    .into_iter()
                    .map(|r| term(r.code, r.name_zh, r.name_en))
                    .collect(),
            ));
            items.push(lookup(
                "urban_rural",
                lookups::urban_rural(conn)?
                    .into_iter()
                    .map(|r| term(r.code, r.name_zh, r.name_en))
                    .collect(),
            ));
            items.push(lookup(
                "subject",
                lookups::subjects(conn)?
                    .into_iter()
                    .map(|r| term(r.code, r.name_zh, r.name_en))
                    .collect(),
            ));
            items.push(lookup(
                "title",
                lookups::titles(conn)?
                    .into_iter()
                    .map(|r| term(r.code, r.name_zh, r.name_en))
                    .collect(),
            ));
            Ok(Vocabularies { items })
        })
        .await
}
