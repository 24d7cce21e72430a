//! The document tells the truth about the server: unique operationIds, enums as the server
//! speaks them, problem documents on every error answer, the rule catalogue, and routes that are
//! exactly the documented operations.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use edugroups::domain::rules::catalogue::{catalogue, markdown};
use edugroups::error::ErrorKind;
use edugroups::http::routes::{OperationIndex, Routes};
use edugroups::service::registry::vocabularies::enums;
use serde_json::Value;

use crate::dual_test;
use crate::helpers::*;

fn doc() -> Value {
    serde_json::from_str(&edugroups::http::openapi::document_json()).unwrap()
}

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((method.clone(), path.clone(), op.clone()));
        }
    }
    out
}

#[test]
fn operation_ids_are_unique_and_named_for_resource_and_act() {
    let doc = doc();
    let mut seen = BTreeSet::new();
    for (method, path, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap_or_default().to_string();
        assert!(
            id.len() > 3
                && id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && id.chars().all(|c| c.is_ascii_alphanumeric()),
            "{method} {path}: operationId {id:?} is not camelCase"
        );
        assert!(seen.insert(id.clone()), "{id} is used twice");
    }
    assert!(seen.contains("listGroups") && seen.contains("reviewFormationPlan"));
}

/// Every enum of the document, with where it is.
fn enums_in(v: &Value, at: &str, out: &mut Vec<(String, Vec<String>)>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(values)) = m.get("enum") {
                let codes = values
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                out.push((at.to_string(), codes));
            }
            for (k, child) in m {
                enums_in(child, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                enums_in(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_enum_in_the_document_is_a_vocabulary_of_the_server() {
    let doc = doc();
    let vocabularies: BTreeMap<&str, Vec<String>> = enums()
        .into_iter()
        .filter_map(|v| {
            let codes = v.terms.iter().map(|t| t.code.clone()).collect();
            v.schema.map(|s| (s, codes))
        })
        .collect();
    let mut found = Vec::new();
    enums_in(&doc, "#", &mut found);
    assert!(found.len() > 30, "{} enums", found.len());
    for (at, codes) in &found {
        if let Some(name) = at
            .strip_prefix("#/components/schemas/")
            .filter(|n| !n.contains('/'))
        {
            let expected = vocabularies.get(name).unwrap_or_else(|| {
                panic!("{name} is an enum of the document but no vocabulary of /vocabularies")
            });
            assert_eq!(
                codes, expected,
                "{name} lists other values than the server speaks"
            );
        } else {
            // An enum written out in place (not a component) must still be one of the server's.
            assert!(
                vocabularies.values().any(|v| v == codes),
                "{at}: {codes:?} is no vocabulary of the server"
            );
        }
    }
    for (name, codes) in &vocabularies {
        if let Some(schema) = doc["components"]["schemas"].get(*name) {
            assert_eq!(schema["enum"], serde_json::json!(codes), "{name}");
        }
    }
}

#[test]
fn every_routed_operation_is_documented_and_every_documented_one_routed() {
    let api = edugroups::http::openapi::document();
    let mut routes = Routes::new(Arc::new(OperationIndex::of(&api)));
    edugroups::http::operations(&mut routes);
    assert_eq!(routes.problems(), Vec::<String>::new());
    let doc = doc();
    let documented: Vec<(String, String)> = {
        let mut v: Vec<(String, String)> = operations(&doc)
            .into_iter()
            .map(|(m, p, _)| (m.to_uppercase(), p))
            .collect();
        v.sort();
        v
    };
    assert_eq!(routes.routed(), documented);
}

#[test]
fn error_answers_are_problem_documents_and_409s_name_known_codes() {
    let doc = doc();
    assert!(doc["servers"].as_array().is_some_and(|s| !s.is_empty()));
    let known: BTreeSet<String> = catalogue()
        .into_iter()
        .map(|e| e.code.to_string())
        .chain(ErrorKind::ALL.iter().map(|k| k.spec().code.to_string()))
        .collect();
    for (method, path, op) in operations(&doc) {
        for (status, r) in op["responses"].as_object().unwrap() {
            if !status.starts_with(['4', '5']) {
                continue;
            }
            let content = r["content"].as_object().unwrap();
            assert_eq!(
                content.keys().collect::<Vec<_>>(),
                vec!["application/problem+json"],
                "{method} {path} {status}"
            );
            if status == "409" {
                let text = r["description"].as_str().unwrap();
                for (i, part) in text.split('`').enumerate() {
                    let code_like = part.len() > 3
                        && part.chars().all(|c| {
                            c.is_ascii_uppercase()
                                || c.is_ascii_digit()
                                || c == '-'
                                || c == '_'
                                || c.is_ascii_lowercase()
                        })
                        && !part.contains(' ');
                    if i % 2 == 1 && code_like {
                        assert!(
                            known.contains(part),
                            "{method} {path}: 409 names {part}, which is no code of the catalogue"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn docs_rules_md_is_the_catalogue() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/RULES.md")).unwrap();
    assert!(
        committed == markdown(),
        "docs/RULES.md is out of date: regenerate it with `cargo run -- rules > docs/RULES.md`"
    );
}

dual_test! {
    async fn the_rules_endpoint_lists_the_catalogue(app: TestApp) {
        let r = app.get("/api/v1/rules", &app.bureau(DUYUN)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let items = r.body["items"].as_array().unwrap();
        assert_eq!(items.len(), catalogue().len());
        let size = items.iter().find(|e| e["code"] == "GRP-TIGHT-SIZE").unwrap();
        assert_eq!(size["policy_ref"], "§2.2.1");
        assert_eq!(size["kind"], "rule");
        assert_eq!(size["status"], 409);
        for e in items {
            for k in ["title_zh", "title_en", "text_zh", "text_en"] {
                assert!(e[k].as_str().is_some_and(|t| !t.is_empty()), "{e}");
            }
        }
        assert!(items.iter().any(|e| e["code"] == "school_code_taken" && e["kind"] == "conflict" && e["policy_ref"].is_null()));
        // A refusal's code is one the catalogue explains.
        let s = app.school(DUYUN, 1, "quality").await;
        let again = app.post("/api/v1/schools", &app.bureau(DUYUN), &school_body(DUYUN, 1, "quality")).await;
        again.assert_problem(409, "school_code_taken");
        assert!(s["id"].is_i64());
    }
}

dual_test! {
    async fn every_protected_operation_answers_401_without_a_token(app: TestApp) {
        let doc = doc();
        let mut checked = 0;
        for (method, path, op) in operations(&doc) {
            if op["security"].as_array().is_none_or(|s| s.is_empty() || s.iter().all(|r| r.as_object().is_some_and(|o| o.is_empty()))) {
                continue;
            }
            let url = app.url(&path.replace("{code}", DUYUN).replace(['{', '}'], "").replace("id", "1").replace("seat_1", "1").replace("version_no", "1").replace("school_1", "1"));
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = read(app.client.request(m, &url).send().await.unwrap()).await;
            assert_eq!(r.status, 401, "{method} {path} ({url}): {}", r.text);
            assert_eq!(r.header("content-type").as_deref(), Some("application/problem+json"));
            checked += 1;
        }
        assert!(checked > 60, "{checked}");
    }
}

#[test]
fn every_reference_resolves() {
    let doc = doc();
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r.clone());
                }
                m.values().for_each(|c| refs(c, out));
            }
            Value::Array(a) => a.iter().for_each(|c| refs(c, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for r in found {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{r} is not local"));
        assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
    }
}

/// The document names its schemas by their Rust type names, and merging the areas' documents
/// keeps one schema per name: two request or response types of one name would silently be
/// documented as one of them. Every type deriving `ToSchema` (or declared by `vocab_enum!`) has
/// a name of its own.
#[test]
fn no_two_schema_types_share_a_name() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut clashes = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut pending = false;
        let mut in_vocab = false;
        for l in &lines {
            let t = l.trim();
            if t.starts_with("#[derive(") && t.contains("ToSchema") {
                pending = true;
            }
            if t.starts_with("vocab_enum!") {
                in_vocab = true;
            }
            if (pending || in_vocab) && (t.starts_with("pub struct ") || t.starts_with("pub enum "))
            {
                let name: String = t
                    .split_whitespace()
                    .nth(2)
                    .unwrap()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let at = f.display().to_string();
                if let Some(first) = seen.insert(name.clone(), at.clone()) {
                    clashes.push(format!("{name}: {first} and {at}"));
                }
                pending = false;
                in_vocab = false;
            }
        }
    }
    assert!(clashes.is_empty(), "schema names used twice: {clashes:#?}");
}
