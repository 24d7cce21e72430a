//! The `Idempotency-Key` a keyed `POST` holds while its operation runs. The middleware claims
//! the key and runs the request inside [`holding`]; the first [`super::Db::write`] of the request
//! then writes the operation's result into the key's row in the operation's own transaction, or,
//! when an earlier attempt already committed (its client went away, the server was killed before
//! it answered), returns that result instead of writing again. A request's operation is one
//! write transaction; a second write in the same request is not covered by the key.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// One attempt's hold on a key.
#[derive(Debug, Clone)]
pub struct Claim {
    pub owner: String,
    pub key: String,
    /// This attempt's token: the result is written only while the claim is still its own.
    pub token: String,
    /// The result an earlier attempt committed, as JSON: replayed, not written again.
    pub committed: Option<String>,
    used: Arc<AtomicBool>,
}

impl Claim {
    pub fn new(owner: String, key: String, token: String, committed: Option<String>) -> Claim {
        Claim {
            owner,
            key,
            token,
            committed,
            used: Arc::new(AtomicBool::new(false)),
        }
    }
}

tokio::task_local! {
    static CLAIM: Claim;
}

/// Runs `f` (the rest of the request) holding `claim`.
pub async fn holding<F: Future>(claim: Claim, f: F) -> F::Output {
    CLAIM.scope(claim, f).await
}

/// The claim of the running request, for its first write only.
pub(crate) fn take() -> Option<Claim> {
    CLAIM
        .try_with(|c| c.clone())
        .ok()
        .filter(|c| !c.used.swap(true, Ordering::SeqCst))
}
