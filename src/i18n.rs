//! The two languages the service speaks. Simplified Chinese is the default, as in Guizhou's own
//! systems; English is given to callers that ask for it with `Accept-Language`.

use actix_web::HttpRequest;

pub use crate::domain::rules::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the caller's language from `Accept-Language` (by q-value; the first of `zh*`/`en*`).
    pub fn from_header(value: Option<&str>) -> Lang {
        let Some(value) = value else {
            return Lang::Zh;
        };
        let mut best: Option<(f32, Lang)> = None;
        for part in value.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let lang = if tag.starts_with("zh") {
                Lang::Zh
            } else if tag.starts_with("en") {
                Lang::En
            } else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::Zh)
    }

    pub fn of(req: &HttpRequest) -> Lang {
        Lang::from_header(
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    }

    pub fn pick<'a>(&self, msg: &'a Msg) -> &'a str {
        match self {
            Lang::Zh => &msg.zh,
            Lang::En => &msg.en,
        }
    }

    pub fn tag(&self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_chinese() {
        assert_eq!(Lang::from_header(None), Lang::Zh);
        assert_eq!(Lang::from_header(Some("fr-FR")), Lang::Zh);
    }

    #[test]
    fn honours_q_values() {
        assert_eq!(Lang::from_header(Some("en")), Lang::En);
        assert_eq!(
            Lang::from_header(Some("zh-CN;q=0.4, en-US;q=0.9")),
            Lang::En
        );
        assert_eq!(Lang::from_header(Some("en;q=0.5, zh-Hans")), Lang::Zh);
        assert_eq!(Lang::from_header(Some("en;q=0, zh")), Lang::Zh);
    }
}
