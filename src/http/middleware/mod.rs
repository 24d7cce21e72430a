//! The middleware every request passes through, outermost first: compression, access log,
//! request id, problem rendering, the path guard, the body's deadline, conditional reads, idempotency.

pub mod conditional;
pub mod deadline;
pub mod idempotency;
pub mod path_guard;
pub mod problem;
pub mod request_id;
