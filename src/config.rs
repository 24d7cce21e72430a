//! Settings from the environment (and an optional `.env`); `.env.example` documents each one.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};

use jsonwebtoken::Algorithm;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/edugroups.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
const DEV_SECRET_FILE: &str = "./data/dev-jwt-secret";
const MIN_SECRET_BYTES: usize = 32;

#[derive(Debug, Clone)]
pub enum JwtKeySource {
    Secret(Vec<u8>),
    Pem {
        private_key: Option<PathBuf>,
        public_key: PathBuf,
    },
}

#[derive(Debug, Clone)]
pub struct JwtSettings {
    pub algorithm: Algorithm,
    pub key: JwtKeySource,
    pub issuer: String,
    pub ttl_secs: i64,
    /// Set when the secret is the generated development one, so start-up can warn.
    pub development_secret: bool,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub bind: String,
    pub pool_size: u32,
    pub body_limit: usize,
    pub workers: usize,
    pub jwt: JwtSettings,
    pub province_code: String,
    pub token_rate_per_minute: u32,
    pub production: bool,
    /// Time limits of the HTTP server; see [`Timeouts`].
    pub timeouts: Timeouts,
}

/// How long the service waits for clients, and they for it, in seconds. Each is a setting with
/// a default that suits a county office's network, so that a stalled or idle client cannot hold
/// a connection (or an idempotency key) for long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// `EDUGROUPS_IDEMPOTENCY_LEASE_SECONDS`: how long an attempt holds its `Idempotency-Key`
    /// before another attempt may take it over; no retry waits longer.
    pub idempotency_lease: u32,
    /// `EDUGROUPS_REQUEST_HEAD_TIMEOUT_SECONDS`: to receive a request's line and headers.
    pub request_head: u32,
    /// `EDUGROUPS_REQUEST_BODY_TIMEOUT_SECONDS`: to receive a request's whole body, from its
    /// head; a body still incomplete then is answered `408` and its connection closed.
    pub request_body: u32,
    /// `EDUGROUPS_KEEP_ALIVE_SECONDS`: an idle kept-alive connection is closed after this.
    pub keep_alive: u32,
    /// `EDUGROUPS_SHUTDOWN_TIMEOUT_SECONDS`: on SIGTERM, how long requests in flight may finish.
    pub shutdown: u32,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            idempotency_lease: 30,
            request_head: 5,
            request_body: 30,
            keep_alive: 5,
            shutdown: 30,
        }
    }
}

impl Timeouts {
    fn from_env() -> Result<Timeouts, String> {
        let d = Timeouts::default();
        let t = Timeouts {
            idempotency_lease: parse_var(
                "EDUGROUPS_IDEMPOTENCY_LEASE_SECONDS",
                d.idempotency_lease,
            )?,
            request_head: parse_var("EDUGROUPS_REQUEST_HEAD_TIMEOUT_SECONDS", d.request_head)?,
            request_body: parse_var("EDUGROUPS_REQUEST_BODY_TIMEOUT_SECONDS", d.request_body)?,
            keep_alive: parse_var("EDUGROUPS_KEEP_ALIVE_SECONDS", d.keep_alive)?,
            shutdown: parse_var("EDUGROUPS_SHUTDOWN_TIMEOUT_SECONDS", d.shutdown)?,
        };
        for (name, v) in [
            ("EDUGROUPS_IDEMPOTENCY_LEASE_SECONDS", t.idempotency_lease),
            ("EDUGROUPS_REQUEST_HEAD_TIMEOUT_SECONDS", t.request_head),
            ("EDUGROUPS_REQUEST_BODY_TIMEOUT_SECONDS", t.request_body),
        ] {
            if !(1..=3600).contains(&v) {
                return Err(format!("{name} must be 1 to 3600 seconds, not {v}"));
            }
        }
        Ok(t)
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse_var<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| format!("{name}={v:?} is not a valid value")),
    }
}

/// Whether every address `bind` resolves to is a loopback address.
pub fn is_loopback(bind: &str) -> bool {
    match bind.to_socket_addrs() {
        Ok(addrs) => {
            let addrs: Vec<SocketAddr> = addrs.collect();
            !addrs.is_empty() && addrs.iter().all(|a| a.ip().is_loopback())
        }
        Err(_) => false,
    }
}

impl Settings {
    /// Reads the settings; a missing JWT key outside development is an error that says what to set.
    pub fn from_env() -> Result<Settings, String> {
        let _ = dotenvy::dotenv();
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        let bind = var("EDUGROUPS_BIND").unwrap_or_else(|| DEFAULT_BIND.to_string());
        let production = match var("EDUGROUPS_ENV").as_deref() {
            None | Some("development") => false,
            Some("production") => true,
            Some(other) => {
                return Err(format!(
                    "EDUGROUPS_ENV={other:?}: use \"development\" or \"production\""
                ))
            }
        };
        let default_pool = if database_url.starts_with("postgres") {
            10
        } else {
            8
        };
        let jwt = jwt_from_env(&bind, production)?;
        Ok(Settings {
            pool_size: parse_var("EDUGROUPS_DB_POOL_SIZE", default_pool)?,
            body_limit: parse_var("EDUGROUPS_BODY_LIMIT", 256 * 1024)?,
            workers: parse_var(
                "EDUGROUPS_WORKERS",
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )?,
            province_code: var("EDUGROUPS_PROVINCE_CODE").unwrap_or_else(|| "52".to_string()),
            token_rate_per_minute: parse_var("EDUGROUPS_TOKEN_RATE_PER_MINUTE", 30)?,
            timeouts: Timeouts::from_env()?,
            database_url,
            bind,
            jwt,
            production,
        })
    }
}

fn jwt_from_env(bind: &str, production: bool) -> Result<JwtSettings, String> {
    let alg_name = var("EDUGROUPS_JWT_ALGORITHM").unwrap_or_else(|| "HS256".to_string());
    let algorithm = match alg_name.as_str() {
        "HS256" => Algorithm::HS256,
        "HS384" => Algorithm::HS384,
        "HS512" => Algorithm::HS512,
        "RS256" => Algorithm::RS256,
        "EdDSA" => Algorithm::EdDSA,
        other => {
            return Err(format!(
                "EDUGROUPS_JWT_ALGORITHM={other:?}: use HS256, HS384, HS512, RS256 or EdDSA"
            ))
        }
    };
    let issuer = var("EDUGROUPS_JWT_ISSUER").unwrap_or_else(|| "edugroups".to_string());
    let ttl_secs = parse_var("EDUGROUPS_JWT_TTL_SECONDS", 3600_i64)?;
    let mut development_secret = false;
    let key = match algorithm {
        Algorithm::RS256 | Algorithm::EdDSA => {
            let public_key = var("EDUGROUPS_JWT_PUBLIC_KEY_FILE").ok_or_else(|| {
                format!("EDUGROUPS_JWT_ALGORITHM={alg_name} needs EDUGROUPS_JWT_PUBLIC_KEY_FILE (PEM) to verify tokens, and EDUGROUPS_JWT_PRIVATE_KEY_FILE to issue them")
            })?;
            JwtKeySource::Pem {
                private_key: var("EDUGROUPS_JWT_PRIVATE_KEY_FILE").map(PathBuf::from),
                public_key: PathBuf::from(public_key),
            }
        }
        _ => match var("EDUGROUPS_JWT_SECRET") {
            Some(secret) if secret.len() >= MIN_SECRET_BYTES => {
                JwtKeySource::Secret(secret.into_bytes())
            }
            Some(_) => {
                return Err(format!(
                    "EDUGROUPS_JWT_SECRET is shorter than {MIN_SECRET_BYTES} bytes; generate one with `openssl rand -base64 48`"
                ))
            }
            None if !production && is_loopback(bind) => {
                development_secret = true;
                JwtKeySource::Secret(development_secret_bytes(Path::new(DEV_SECRET_FILE))?)
            }
            None => {
                return Err(format!(
                    "EDUGROUPS_JWT_SECRET is not set. Set it to at least {MIN_SECRET_BYTES} random bytes (`openssl rand -base64 48`), or set EDUGROUPS_JWT_ALGORITHM=RS256|EdDSA with EDUGROUPS_JWT_PUBLIC_KEY_FILE and EDUGROUPS_JWT_PRIVATE_KEY_FILE. A development secret is only generated when EDUGROUPS_ENV is not production and EDUGROUPS_BIND is a loopback address."
                ))
            }
        },
    };
    Ok(JwtSettings {
        algorithm,
        key,
        issuer,
        ttl_secs,
        development_secret,
    })
}

/// A random development secret kept in `./data`, so that `edugroups token` and `edugroups serve`
/// agree across processes without a secret in the repository. The file is created exclusively:
/// of two processes starting at once, one writes it and both use what it wrote.
fn development_secret_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let read = |path: &Path| {
        std::fs::read(path)
            .ok()
            .filter(|s| s.len() >= MIN_SECRET_BYTES)
    };
    if let Some(existing) = read(path) {
        return Ok(existing);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let secret: String = {
        use base64::Engine;
        let mut bytes = [0u8; 48];
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut bytes);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    };
    match create_private(path, secret.as_bytes()) {
        Ok(()) => Ok(secret.into_bytes()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            // Another process won the race; give it a moment to finish writing.
            for _ in 0..50 {
                if let Some(existing) = read(path) {
                    return Ok(existing);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(format!(
                "{} exists but holds no usable secret; delete it",
                path.display()
            ))
        }
        Err(e) => Err(format!("cannot write {}: {e}", path.display())),
    }
}

#[cfg(unix)]
fn create_private(path: &Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(data)
}

#[cfg(not(unix))]
fn create_private(path: &Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_starts_share_one_development_secret() {
        let dir = std::env::temp_dir().join(format!("edugroups-secret-{}", uuid::Uuid::new_v4()));
        let path = dir.join("dev-jwt-secret");
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let p = path.clone();
                std::thread::spawn(move || development_secret_bytes(&p))
            })
            .collect();
        let secrets: Vec<Vec<u8>> = handles
            .into_iter()
            .filter_map(|h| h.join().ok().and_then(Result::ok))
            .collect();
        assert_eq!(secrets.len(), 8);
        assert!(secrets.iter().all(|s| s == &secrets[0]));
        assert_eq!(std::fs::read(&path).ok().as_ref(), Some(&secrets[0]));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn loopback_detection() {
        assert!(is_loopback("127.0.0.1:8080"));
        assert!(is_loopback("[::1]:8080"));
        assert!(!is_loopback("0.0.0.0:8080"));
        assert!(!is_loopback("not an address"));
    }
}
