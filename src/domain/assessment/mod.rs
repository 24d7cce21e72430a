//! The annual assessment (§2.4.4, §3.4): frameworks of weighted indicators (`framework`,
//! ASSESS-FRAMEWORK), scores, totals and grades (`scoring`), the states an assessment passes
//! (`state`, ASSESS-STATE), extra performance pay (`pay`, PAY-POOL) and the paths a published
//! result opens (`flags`). Plain functions, tested without a database.

pub mod flags;
pub mod framework;
pub mod pay;
pub mod scoring;
pub mod state;
pub mod vocab;

#[cfg(test)]
mod tests;

pub use vocab::{
    AssessmentAct, AssessmentStatus, FrameworkStatus, Grade, GrowthDecision, GrowthReviewStatus,
    IndicatorLevel, IndicatorSource, InspectionKind, Metric, OutcomeFlag, PayPlanStatus,
};
