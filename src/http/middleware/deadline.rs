//! A request body must arrive within `EDUGROUPS_REQUEST_BODY_TIMEOUT_SECONDS` of its head: a
//! client that declares 100 bytes and sends 10 gets `408` (the extractors read the body through
//! this deadline) and its connection is closed, so a thousand stalled uploads cannot hold a
//! thousand connections. actix bounds the head itself (`client_request_timeout`).

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use actix_web::{Error, HttpMessage};
use futures_util::Stream;
use std::future::Future;

/// The body's time limit, as app data.
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub Duration);

/// The request's payload, failing with a timed-out I/O error once the deadline has passed.
struct Deadline {
    inner: Payload,
    sleep: Pin<Box<actix_rt::time::Sleep>>,
    expired: bool,
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.expired {
            return Poll::Ready(None);
        }
        if let Poll::Ready(item) = Pin::new(&mut self.inner).poll_next(cx) {
            return Poll::Ready(item);
        }
        match self.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.expired = true;
                Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "the request body did not arrive in time",
                )))))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

pub async fn deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let headers = req.headers();
    let has_body = headers.contains_key(actix_web::http::header::TRANSFER_ENCODING)
        || headers
            .get(actix_web::http::header::CONTENT_LENGTH)
            .is_some_and(|v| v.as_bytes() != b"0");
    // A request without a body has nothing to wait for: no timer for it.
    if let (true, Some(limit)) = (has_body, req.app_data::<Data<BodyTimeout>>().map(|t| t.0)) {
        let inner = req.take_payload();
        let stream = Deadline {
            inner,
            sleep: Box::pin(actix_rt::time::sleep(limit)),
            expired: false,
        };
        req.set_payload(Payload::from(
            Box::pin(stream) as Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>>
        ));
    }
    next.call(req).await
}
