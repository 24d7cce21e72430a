//! A group's life after establishment (§2.4.4): exits and the applications behind them,
//! rectification orders, revocation and dissolution.

pub mod applications;
pub mod dissolution;
pub mod exits;
pub mod rectification;

use crate::http::routes::Routes;

use crate::domain::life::{
    ApplicationKind, ApplicationStatus, ExitReason, MembershipStatus, RectificationStatus,
};
use crate::service::life::{self as svc, views};

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("exitMember", exits::exit);
    r.op("dissolveGroup", dissolution::dissolve);
    r.op("listRectificationOrders", rectification::list);
    r.op("issueRectificationOrder", rectification::create);
    r.op("getRectificationOrder", rectification::get);
    r.op("respondToRectificationOrder", rectification::respond);
    r.op("resolveRectificationOrder", rectification::resolve);
    r.op("rejectRectificationOrder", rectification::reject);
    r.op("listApplications", applications::list);
    r.op("getApplication", applications::get);
    r.op("decideApplication", applications::decide);
    r.op("cancelApplication", applications::cancel);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        exits::exit,
        applications::list, applications::get, applications::decide, applications::cancel,
        rectification::create, rectification::list, rectification::get,
        rectification::respond, rectification::resolve, rectification::reject,
        dissolution::dissolve,
    ),
    components(schemas(
        svc::exits::ExitRequest, svc::exits::NewGroupInput,
        svc::decisions::DecisionInput, svc::decisions::Verdict, svc::decisions::Cancellation,
        svc::rectification::NewOrder, svc::rectification_steps::OrderResponse,
        svc::rectification_steps::OrderResolution, svc::rectification_steps::OrderRejection,
        svc::dissolution::Dissolution,
        views::Application, views::SpinOffGroup, views::RectificationOrder,
        MembershipStatus, ExitReason, ApplicationKind, ApplicationStatus, RectificationStatus,
    )),
    tags((name = "group-life", description = "A group's life after establishment (§2.4.4): exits and applications to the bureau, rectification orders, revocation and dissolution"))
)]
pub struct LifeDoc;
