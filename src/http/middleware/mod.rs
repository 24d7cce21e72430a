//! The middleware every request passes through, outermost first: compression, access log,
//! request id, problem rendering, conditional reads, idempotency.

pub mod conditional;
pub mod idempotency;
pub mod problem;
pub mod request_id;
