//! Service-account secrets: random, shown once, stored only as an Argon2id hash.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::Engine;

/// A new random client secret (256 bits, URL-safe).
pub fn generate() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash(secret: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(secret: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A fixed hash to verify against when the client id is unknown, so that timing does not tell
/// which client ids exist.
pub fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3x6iQqHf0m0c6Kc8m4qgEw3Gq8g4Yh0w0mQ7o1l7hYk"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let s = generate();
        let h = hash(&s).unwrap_or_default();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(&s, &h));
        assert!(!verify("wrong", &h));
        assert!(!verify(&s, dummy_hash()));
        // A dummy that failed to parse would also "not verify", and unknown client ids would
        // then answer faster than known ones.
        assert!(PasswordHash::new(dummy_hash()).is_ok());
    }
}
