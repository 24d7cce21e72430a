//! Bearer tokens: issued by `edugroups token` and the OAuth token endpoint, verified on every
//! `/api/v1` request. The algorithm is pinned by configuration: a token signed with any other
//! algorithm (including `none`) is refused before its signature is looked at.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::{JwtKeySource, JwtSettings};
use crate::domain::auth::{CountyClaim, Principal, Role};
use crate::domain::registry::county::is_county;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<i64>,
    pub iss: String,
    /// Issued at: the service sets it on its own tokens; tokens issued elsewhere may leave it out.
    #[serde(default)]
    pub iat: i64,
    pub exp: i64,
    /// Not before: when present, the token is refused until then (with the same leeway as `exp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    /// The token's id; tokens issued elsewhere may leave it out.
    #[serde(default)]
    pub jti: String,
}

/// What a token is to say about its holder.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub sub: String,
    pub role: Role,
    pub county: Option<String>,
    pub school: Option<i64>,
    pub ttl_secs: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token is expired")]
    Expired,
    #[error("the token is malformed, its signature or algorithm is wrong, or it is not ours")]
    Invalid,
    #[error("the token's claims are inconsistent: {0}")]
    Claims(&'static str),
    #[error("this service has no private key to issue tokens")]
    CannotIssue,
}

pub struct JwtKeys {
    algorithm: Algorithm,
    encoding: Option<EncodingKey>,
    decoding: DecodingKey,
    issuer: String,
    /// Built once: the pinned algorithm, the issuer and the required claims never change.
    validation: Validation,
    pub default_ttl_secs: i64,
}

impl JwtKeys {
    pub fn from_settings(s: &JwtSettings) -> Result<JwtKeys, String> {
        let (encoding, decoding) = match &s.key {
            JwtKeySource::Secret(secret) => (
                Some(EncodingKey::from_secret(secret)),
                DecodingKey::from_secret(secret),
            ),
            JwtKeySource::Pem {
                private_key,
                public_key,
            } => {
                let public = std::fs::read(public_key)
                    .map_err(|e| format!("cannot read {}: {e}", public_key.display()))?;
                let private = match private_key {
                    Some(p) => Some(
                        std::fs::read(p)
                            .map_err(|e| format!("cannot read {}: {e}", p.display()))?,
                    ),
                    None => None,
                };
                match s.algorithm {
                    Algorithm::RS256 => (
                        private
                            .map(|k| EncodingKey::from_rsa_pem(&k))
                            .transpose()
                            .map_err(|e| format!("bad RSA private key: {e}"))?,
                        DecodingKey::from_rsa_pem(&public)
                            .map_err(|e| format!("bad RSA public key: {e}"))?,
                    ),
                    _ => (
                        private
                            .map(|k| EncodingKey::from_ed_pem(&k))
                            .transpose()
                            .map_err(|e| format!("bad Ed25519 private key: {e}"))?,
                        DecodingKey::from_ed_pem(&public)
                            .map_err(|e| format!("bad Ed25519 public key: {e}"))?,
                    ),
                }
            }
        };
        let mut validation = Validation::new(s.algorithm);
        validation.algorithms = vec![s.algorithm];
        validation.leeway = 5;
        validation.set_issuer(&[&s.issuer]);
        // The documented required claims are the ones enforced: `sub`, `iss`, `exp`.
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.validate_nbf = true;
        Ok(JwtKeys {
            algorithm: s.algorithm,
            encoding,
            decoding,
            issuer: s.issuer.clone(),
            validation,
            default_ttl_secs: s.ttl_secs,
        })
    }

    /// Signs a token; the claims are checked as `verify` will check them.
    pub fn issue(&self, req: &TokenRequest) -> Result<(String, Claims), TokenError> {
        let encoding = self.encoding.as_ref().ok_or(TokenError::CannotIssue)?;
        check_scope_claims(req.role, req.county.as_deref(), req.school)?;
        let now = chrono::Utc::now().timestamp();
        let ttl = req.ttl_secs.unwrap_or(self.default_ttl_secs).max(1);
        let claims = Claims {
            sub: req.sub.clone(),
            role: req.role.as_str().to_string(),
            county: req.county.clone(),
            school: req.school,
            iss: self.issuer.clone(),
            iat: now,
            exp: now + ttl,
            nbf: None,
            jti: uuid::Uuid::new_v4().to_string(),
        };
        let token = encode(&Header::new(self.algorithm), &claims, encoding)
            .map_err(|_| TokenError::CannotIssue)?;
        Ok((token, claims))
    }

    pub fn verify(&self, token: &str) -> Result<Principal, TokenError> {
        let data =
            decode::<Claims>(token, &self.decoding, &self.validation).map_err(|e| {
                match e.kind() {
                    jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                    _ => TokenError::Invalid,
                }
            })?;
        let c = data.claims;
        let role = Role::parse(&c.role).ok_or(TokenError::Claims("unknown role"))?;
        check_scope_claims(role, c.county.as_deref(), c.school)?;
        if c.sub.trim().is_empty() {
            return Err(TokenError::Claims("empty subject"));
        }
        Ok(Principal {
            sub: c.sub,
            role,
            county: c.county,
            school: c.school,
            jti: c.jti,
            expires_at: c.exp,
        })
    }
}

/// A role's token carries the county and school its scope needs, and no other.
pub fn check_scope_claims(
    role: Role,
    county: Option<&str>,
    school: Option<i64>,
) -> Result<(), TokenError> {
    match (role.county_claim(), county) {
        (CountyClaim::Required, None) => {
            return Err(TokenError::Claims("this role needs a county"))
        }
        (CountyClaim::Forbidden, Some(_)) => {
            return Err(TokenError::Claims(
                "this role is prefecture-wide and takes no county",
            ))
        }
        (_, Some(code)) if !is_county(code) => {
            return Err(TokenError::Claims("the county is not a county of Qiannan"))
        }
        _ => {}
    }
    if role.requires_school() && school.is_none() {
        return Err(TokenError::Claims("this role needs a school"));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn keys(secret: &[u8]) -> JwtKeys {
        JwtKeys::from_settings(&JwtSettings {
            algorithm: Algorithm::HS256,
            key: JwtKeySource::Secret(secret.to_vec()),
            issuer: "edugroups".into(),
            ttl_secs: 60,
            development_secret: false,
        })
        .unwrap()
    }

    fn req(role: Role, county: Option<&str>) -> TokenRequest {
        TokenRequest {
            sub: "u1".into(),
            role,
            county: county.map(str::to_string),
            school: None,
            ttl_secs: None,
        }
    }

    #[test]
    fn round_trip() {
        let k = keys(b"0123456789abcdef0123456789abcdef");
        let (t, _) = k.issue(&req(Role::CountyBureau, Some("522701"))).unwrap();
        let p = k.verify(&t).unwrap();
        assert_eq!(p.role, Role::CountyBureau);
        assert_eq!(p.county.as_deref(), Some("522701"));
    }

    #[test]
    fn wrong_key_is_refused() {
        let a = keys(b"0123456789abcdef0123456789abcdef");
        let b = keys(b"fedcba9876543210fedcba9876543210");
        let (t, _) = a.issue(&req(Role::PrefectureBureau, None)).unwrap();
        assert_eq!(b.verify(&t).unwrap_err(), TokenError::Invalid);
    }

    #[test]
    fn scope_claims_are_checked() {
        assert!(check_scope_claims(Role::CountyBureau, None, None).is_err());
        assert!(check_scope_claims(Role::PrefectureBureau, Some("522701"), None).is_err());
        assert!(check_scope_claims(Role::CountyBureau, Some("522724"), None).is_err());
        assert!(check_scope_claims(Role::SchoolAdmin, Some("522701"), None).is_err());
        assert!(check_scope_claims(Role::Integration, None, None).is_ok());
    }
}
