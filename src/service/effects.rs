//! The motion effects of every area, in one list (see `council::effects`): an area that adds a
//! motion type's effect adds it here, and the council's code stays as it is.

use crate::service::council::effects::MotionEffect;

pub static REGISTRY: &[&dyn MotionEffect] = &[
    &crate::service::groups::charter::CharterAdoption,
    &crate::service::cadres::office::NominationDecision,
    &crate::service::staffing::effect::AdjustmentDecision,
    &crate::service::exchange::effect::PlanDecision,
    &crate::service::assessment::pay_effect::PayPlanDecision,
];
