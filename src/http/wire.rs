//! The connection as actix-http reads it. A request line with raw bytes above `0x7F` (a client
//! that sent `?q=都匀` without percent-encoding it) is rejected by actix-http's parser with a bare
//! `400` and no body, before any of our middleware runs. This wrapper percent-encodes such bytes
//! in each request line before actix reads it, so the request reaches the service, and a bad
//! value gets its problem document and request id like any other (a query value that is not
//! UTF-8 is a `400 invalid_query`; Chinese sent raw simply works).
//!
//! Only request lines change. The wrapper follows each request's framing (`Content-Length`) so
//! that bodies pass untouched; a chunked body, or anything it does not follow, makes it step
//! aside for the rest of the connection.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::rt::net::TcpStream;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Where in the byte stream the next byte is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// The request line.
    Line,
    /// A header line; what the headers said so far of the body.
    Headers {
        line: Vec<u8>,
        length: u64,
        chunked: bool,
    },
    /// This many body bytes are still to come.
    Body(u64),
    /// No longer following: everything passes as it is.
    Aside,
}

/// The longest header line followed; a longer one makes the wrapper step aside.
const MAX_HEADER_LINE: usize = 16 * 1024;

/// The framing state machine, apart from any I/O so that it is tested on its own.
#[derive(Debug, Clone)]
pub struct Escaper {
    state: State,
}

impl Default for Escaper {
    fn default() -> Self {
        Escaper { state: State::Line }
    }
}

fn header_value(line: &[u8], name: &[u8]) -> Option<String> {
    let colon = line.iter().position(|b| *b == b':')?;
    let (key, value) = line.split_at(colon);
    key.eq_ignore_ascii_case(name).then(|| {
        String::from_utf8_lossy(&value[1..])
            .trim()
            .to_ascii_lowercase()
    })
}

impl Escaper {
    /// Follows `input` through the framing as long as no byte needs escaping, copying nothing;
    /// returns how many bytes it went through (all of them, in the common case).
    pub fn pass(&mut self, input: &[u8]) -> usize {
        self.step(input, None)
    }

    /// Appends the bytes of `input` to `out`, escaped where they are in a request line.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) {
        self.step(input, Some(out));
    }

    /// The framing, once for both: with `out`, every byte is written there (escaped in request
    /// lines); without, nothing is copied and the walk stops at the first byte to escape.
    /// Returns how many bytes of `input` it went through.
    fn step(&mut self, input: &[u8], mut out: Option<&mut Vec<u8>>) -> usize {
        let copying = out.is_some();
        let mut put = |bytes: &[u8]| {
            if let Some(out) = out.as_deref_mut() {
                out.extend_from_slice(bytes);
            }
        };
        let mut i = 0;
        while i < input.len() {
            match &mut self.state {
                State::Aside => {
                    put(&input[i..]);
                    return input.len();
                }
                State::Body(left) => {
                    let take = usize::try_from(*left)
                        .unwrap_or(usize::MAX)
                        .min(input.len() - i);
                    put(&input[i..i + take]);
                    i += take;
                    *left -= take as u64;
                    if *left == 0 {
                        self.state = State::Line;
                    }
                }
                State::Line => {
                    let b = input[i];
                    if b >= 0x80 {
                        if !copying {
                            return i;
                        }
                        put(format!("%{b:02X}").as_bytes());
                    } else {
                        put(&[b]);
                    }
                    i += 1;
                    if b == b'\n' {
                        self.state = State::Headers {
                            line: Vec::new(),
                            length: 0,
                            chunked: false,
                        };
                    }
                }
                State::Headers {
                    line,
                    length,
                    chunked,
                } => {
                    let b = input[i];
                    i += 1;
                    put(&[b]);
                    if b != b'\n' {
                        line.push(b);
                        if line.len() > MAX_HEADER_LINE {
                            self.state = State::Aside;
                        }
                        continue;
                    }
                    let text = line.strip_suffix(b"\r").unwrap_or(line).to_vec();
                    line.clear();
                    if !text.is_empty() {
                        if let Some(v) = header_value(&text, b"content-length") {
                            match v.parse::<u64>() {
                                Ok(n) => *length = n,
                                Err(_) => self.state = State::Aside,
                            }
                        } else if header_value(&text, b"transfer-encoding").is_some() {
                            *chunked = true;
                        }
                        continue;
                    }
                    // The end of the head: the body follows, then the next request line.
                    self.state = match (*chunked, *length) {
                        (true, _) => State::Aside,
                        (false, 0) => State::Line,
                        (false, n) => State::Body(n),
                    };
                }
            }
        }
        i
    }
}

/// A TCP connection whose request lines are escaped on the way in. Bytes are read straight into
/// the caller's buffer and left there; only from a byte that needs escaping on are they rewritten
/// (into `ready`, handed out on the next reads).
pub struct Escaping {
    inner: TcpStream,
    escaper: Escaper,
    /// Escaped bytes not yet handed to the reader.
    ready: Vec<u8>,
    at: usize,
}

impl Escaping {
    pub fn new(inner: TcpStream) -> Escaping {
        Escaping {
            inner,
            escaper: Escaper::default(),
            ready: Vec::new(),
            at: 0,
        }
    }
}

impl AsyncRead for Escaping {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.at < this.ready.len() {
            let n = (this.ready.len() - this.at).min(buf.remaining());
            buf.put_slice(&this.ready[this.at..this.at + n]);
            this.at += n;
            return Poll::Ready(Ok(()));
        }
        this.ready.clear();
        this.at = 0;
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {}
            other => return other,
        }
        let fresh = &buf.filled()[before..];
        let kept = this.escaper.pass(fresh);
        if kept < fresh.len() {
            let rest = fresh[kept..].to_vec();
            // From the first byte to escape on, the bytes are rewritten and handed out later.
            buf.set_filled(before + kept);
            this.escaper.feed(&rest, &mut this.ready);
            if buf.remaining() > 0 && !this.ready.is_empty() {
                let n = this.ready.len().min(buf.remaining());
                buf.put_slice(&this.ready[..n]);
                this.at = n;
            }
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Escaping {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(chunks: &[&[u8]]) -> Vec<u8> {
        let mut e = Escaper::default();
        let mut out = Vec::new();
        for c in chunks {
            e.feed(c, &mut out);
        }
        out
    }

    #[test]
    fn raw_bytes_in_request_lines_are_percent_encoded() {
        let req = "GET /api/v1/schools?q=都匀 HTTP/1.1\r\nHost: x\r\n\r\n".as_bytes();
        assert_eq!(
            escape(&[req]),
            b"GET /api/v1/schools?q=%E9%83%BD%E5%8C%80 HTTP/1.1\r\nHost: x\r\n\r\n".to_vec()
        );
        // Split anywhere, the same.
        let (a, b) = req.split_at(24);
        assert_eq!(escape(&[a, b]), escape(&[req]));
    }

    #[test]
    fn bodies_pass_as_they_are_and_the_next_request_is_escaped_again() {
        let body = "{\"name\":\"都匀\"}";
        let two = format!(
            "POST /a HTTP/1.1\r\nContent-Length: {}\r\n\r\n{body}GET /b?q=é HTTP/1.1\r\n\r\n",
            body.len()
        );
        let out = String::from_utf8(escape(&[two.as_bytes()])).unwrap_or_default();
        assert!(out.contains(body), "{out}");
        assert!(out.ends_with("GET /b?q=%C3%A9 HTTP/1.1\r\n\r\n"), "{out}");
    }

    /// `pass` then `feed` on the rest gives what `feed` gives on everything, split anywhere.
    #[test]
    fn passing_then_feeding_is_feeding() {
        let body = "{\"name\":\"都匀\"}";
        let text = format!(
            "POST /a HTTP/1.1\r\nContent-Length: {}\r\n\r\n{body}GET /b?q=都匀 HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\n\r\n",
            body.len()
        );
        let bytes = text.as_bytes();
        let whole = escape(&[bytes]);
        for split in 0..bytes.len() {
            let mut e = Escaper::default();
            let mut out = Vec::new();
            for part in [&bytes[..split], &bytes[split..]] {
                let kept = e.pass(part);
                out.extend_from_slice(&part[..kept]);
                e.feed(&part[kept..], &mut out);
            }
            assert_eq!(out, whole, "split at {split}");
        }
    }

    #[test]
    fn a_chunked_body_makes_it_step_aside() {
        let req = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n都\r\n0\r\n\r\nGET /é HTTP/1.1\r\n\r\n";
        assert_eq!(escape(&[req.as_bytes()]), req.as_bytes().to_vec());
    }
}
