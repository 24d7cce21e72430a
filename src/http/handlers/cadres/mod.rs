//! Group life after establishment, the governance part: cadre appointments in tight groups
//! (§2.4.2) and the charter's approval and versions (§2.3.2, handlers in
//! `groups::charter_approval`).

pub mod nominations;

use crate::http::routes::Routes;

use super::groups::charter_approval as charter;
use crate::service::cadres::{appoint, nominate, office, views};
use crate::service::groups::charter_approval as charter_svc;

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("listCadreNominations", nominations::list);
    r.op("nominateCadre", nominations::create);
    r.op("getCadreNomination", nominations::get);
    r.op("appointCadre", nominations::appointment);
    r.op("fileCadreAppointment", nominations::filing);
    r.op("withdrawCadreNomination", nominations::withdrawal);
    r.op("submitCharter", charter::submit);
    r.op("decideCharterApproval", charter::approval);
    r.op("listCharterVersions", charter::versions);
    r.op("getCharterVersion", charter::version);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        nominations::create, nominations::list, nominations::get, nominations::appointment,
        nominations::filing, nominations::withdrawal,
        charter::submit, charter::approval, charter::versions, charter::version,
    ),
    components(schemas(
        nominate::NewNomination, appoint::AppointmentInput, appoint::FilingInput, office::Withdrawal,
        views::Nomination, charter_svc::CharterDecisionInput,
        crate::domain::cadres::NominationStatus, crate::domain::cadres::Appointer,
        crate::domain::cadres::AppointmentDecision,
        crate::domain::groups::charter_approval::CharterStatus,
        crate::domain::groups::charter_approval::CharterDecision,
    )),
    tags((name = "cadres", description = "Cadre appointments in tight groups: the chair nominates, the office meeting passes, the bureau (or the member school) appoints, the personnel department's filing is recorded (§2.4.2)"))
)]
pub struct CadresDoc;
