//! Teacher exchange (§2.4.2, §2.4.3): exchange records and their acts, the annual plan, the
//! subjects schools teach, the compliance reports and the treatments.

pub mod plans;
pub mod records;
pub mod reports;

use crate::http::routes::Routes;
use crate::service::exchange::{
    acts, compliance, plans as p, records as r, rollup, subjects, treatments, views,
};

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("createExchange", records::create);
    r.op("listExchanges", records::list);
    r.op("getExchange", records::get);
    r.op("actOnExchange", records::act);
    r.op("getExchangePlan", plans::get);
    r.op("putExchangePlan", plans::put);
    r.op("getSchoolSubjects", plans::get_subjects);
    r.op("putSchoolSubjects", plans::put_subjects);
    r.op("getGroupCompliance", reports::group);
    r.op("getCountyCompliance", reports::county);
    r.op("getPrefectureCompliance", reports::prefecture);
    r.op("listPersonTreatments", reports::person);
    r.op("listCountyTreatments", reports::county_treatments);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        records::create, records::list, records::get, records::act,
        plans::get, plans::put, plans::get_subjects, plans::put_subjects,
        reports::group, reports::county, reports::prefecture,
        reports::person, reports::county_treatments,
    ),
    components(schemas(
        r::NewExchange, views::Exchange, acts::ExchangeActInput,
        p::PlanInput, p::PlanLineInput, p::ExchangePlan, p::PlanLineView,
        subjects::SchoolSubjectsInput, subjects::SubjectLine, subjects::SchoolSubjects,
        subjects::SubjectView,
        compliance::GroupCompliance, compliance::ShareFigure, compliance::CoverageFigure,
        compliance::MissingSubject, compliance::MemberFigure, compliance::BonusPostHolder,
        compliance::ThresholdsView, compliance::RuleTally,
        rollup::CountyCompliance, rollup::CountySummary, rollup::PrefectureCompliance,
        treatments::TreatmentEntry, treatments::PersonTreatments, treatments::CountyTreatments,
        crate::domain::exchange::ExchangeKind, crate::domain::exchange::ExchangeStatus,
        crate::domain::exchange::PersonnelRelation, crate::domain::exchange::ExchangeAct,
        crate::domain::exchange::PlanStatus, crate::domain::exchange::PlanDrafter,
        crate::domain::exchange::Treatment, crate::domain::exchange::compliance::Standing,
    )),
    tags((name = "exchange", description = "Teacher exchange: rotations, backbone and management dispatches, cross-school and cross-stage teaching, the annual plan through the office meeting, compliance with the EXCH figures per group, county and prefecture, and the treatments exchanges earn (§2.4.2, §2.4.3)"))
)]
pub struct ExchangeDoc;
