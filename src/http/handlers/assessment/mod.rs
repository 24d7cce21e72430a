//! The annual assessment (§2.4.4, §3.4): frameworks, assessments and their scores and steps,
//! and the reports.

pub mod assessments;
pub mod frameworks;
pub mod outcomes;
pub mod pay;
pub mod reports;

use crate::http::routes::Routes;
use crate::service::assessment::{
    acts, frameworks as f, growth as g, inspections as i, open, pay as pp, pay_plans as pl,
    reports as r, scores, views,
};

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("createAssessmentFramework", frameworks::create);
    r.op("listAssessmentFrameworks", frameworks::list);
    r.op("getAssessmentFramework", frameworks::get);
    r.op("reviseAssessmentFramework", frameworks::revise);
    r.op("openAssessment", assessments::open);
    r.op("getAssessment", assessments::get);
    r.op("submitSelfAssessment", assessments::self_assess);
    r.op("putAssessmentScores", assessments::put_scores);
    r.op("actOnAssessment", assessments::act);
    r.op("getCountyAssessments", reports::county);
    r.op("getPrefectureAssessments", reports::prefecture);
    r.op("listGroupAssessments", reports::group);
    r.op("createGrowthReview", outcomes::create_review);
    r.op("listGrowthReviews", outcomes::list_reviews);
    r.op("getGrowthReview", outcomes::get_review);
    r.op("decideGrowthReview", outcomes::decide_review);
    r.op("createInspection", outcomes::create_inspection);
    r.op("listInspections", outcomes::list_inspections);
    r.op("getInspection", outcomes::get_inspection);
    r.op("getPayPool", pay::get_pool);
    r.op("putPayPool", pay::put_pool);
    r.op("getPayPlan", pay::get_plan);
    r.op("putPayPlan", pay::put_plan);
    r.op("decidePayPlan", pay::decide_plan);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        frameworks::create, frameworks::list, frameworks::get, frameworks::revise,
        assessments::open, assessments::get, assessments::self_assess, assessments::put_scores,
        assessments::act,
        reports::county, reports::prefecture, reports::group,
        outcomes::create_review, outcomes::list_reviews, outcomes::get_review, outcomes::decide_review,
        outcomes::create_inspection, outcomes::list_inspections, outcomes::get_inspection,
        pay::get_pool, pay::put_pool, pay::get_plan, pay::put_plan, pay::decide_plan,
    ),
    components(schemas(
        f::NewFramework, f::FrameworkRevision, f::Framework,
        crate::domain::assessment::framework::Dimension, crate::domain::assessment::framework::Indicator,
        crate::domain::assessment::scoring::Cutoffs,
        open::NewAssessment, scores::ScoreInput, scores::AssessorScores, scores::SelfAssessmentInput,
        acts::AssessmentActInput,
        views::Assessment, views::Unit, views::ScoreLine, views::UnitResult, views::FlagView,
        views::Reopening,
        r::GradeCounts, r::RankedGroup, r::CountyAssessments, r::CountyLine,
        r::PrefectureAssessments, r::GroupYear, r::GroupAssessments,
        g::NewGrowthReview, g::GrowthDecisionInput, g::GrowthYear, g::GrowthEvidence, g::GrowthReview,
        i::RectificationInput, i::FindingInput, i::NewInspection, i::Finding, i::Inspection,
        crate::domain::assessment::GrowthDecision, crate::domain::assessment::GrowthReviewStatus,
        crate::domain::assessment::InspectionKind,
        crate::domain::assessment::IndicatorLevel, crate::domain::assessment::IndicatorSource,
        crate::domain::assessment::Metric, crate::domain::assessment::FrameworkStatus,
        crate::domain::assessment::AssessmentStatus, crate::domain::assessment::AssessmentAct,
        crate::domain::assessment::Grade, crate::domain::assessment::OutcomeFlag,
        pp::AllocationInput, pp::PayPoolInput, pp::PoolGroupLine, pp::PayPool,
        pl::PayPlanLineInput, pl::PayPlanInput, pl::PayPlanDecisionInput, pl::PayPlanLine, pl::PayPlan,
        crate::domain::assessment::PayPlanStatus,
    )),
    tags((name = "assessment", description = "The annual assessment: frameworks of weighted indicators, assessments per group and year with the members' sub-assessments, self-assessment, assessors' and computed scores, finalisation, publication and reopening, the rankings, and the extra performance pay: the county's pool and the groups' distribution plans (§2.4.4, §3.4)"))
)]
pub struct AssessmentDoc;
