//! The middleware every request passes through, outermost first: access log, request id,
//! problem rendering, idempotency.

pub mod idempotency;
pub mod problem;
pub mod request_id;
