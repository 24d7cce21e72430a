//! Examples for the schemas that have none, composed from their parts, so that every request
//! body and response in the document shows a value that validates against its own schema.
//!
//! A schema's own `example` always wins; a composed one takes each property from the example of
//! the schema it refers to, the first value of an enum, the minimum of a number, and a date or
//! time in the right format, so it is valid by construction (redocly's example rules and
//! schemathesis check it).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

/// Fills in `example` on every component schema that lacks one.
pub fn fill(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
    else {
        return;
    };
    let mut done: BTreeMap<String, Value> = BTreeMap::new();
    for name in schemas.keys() {
        let mut seen = Vec::new();
        let ex = component(name, &schemas, &mut done, &mut seen);
        done.insert(name.clone(), ex);
    }
    if let Some(out) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in out.iter_mut() {
            let Some(obj) = schema.as_object_mut() else {
                continue;
            };
            if obj.contains_key("example") || obj.contains_key("enum") {
                continue;
            }
            if let Some(ex) = done.get(name) {
                obj.insert("example".into(), ex.clone());
            }
        }
    }
}

fn component(
    name: &str,
    schemas: &Map<String, Value>,
    done: &mut BTreeMap<String, Value>,
    seen: &mut Vec<String>,
) -> Value {
    if let Some(ex) = done.get(name) {
        return ex.clone();
    }
    let Some(schema) = schemas.get(name) else {
        return Value::Null;
    };
    if let Some(ex) = schema.get("example") {
        return ex.clone();
    }
    if seen.iter().any(|s| s == name) {
        // A recursive schema: stop at the first repetition.
        return Value::Null;
    }
    seen.push(name.to_string());
    let ex = of(schema, schemas, done, seen, name);
    seen.pop();
    done.insert(name.to_string(), ex.clone());
    ex
}

fn of(
    schema: &Value,
    schemas: &Map<String, Value>,
    done: &mut BTreeMap<String, Value>,
    seen: &mut Vec<String>,
    hint: &str,
) -> Value {
    if let Some(ex) = schema.get("example") {
        return ex.clone();
    }
    if let Some(default) = schema.get("default") {
        return default.clone();
    }
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        return component(name, schemas, done, seen);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.first().cloned().unwrap_or(Value::Null);
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        // A flattened struct: every part's properties together.
        let examples: Vec<Value> = parts
            .iter()
            .map(|p| of(p, schemas, done, seen, hint))
            .collect();
        if examples.iter().all(Value::is_object) {
            let mut out = Map::new();
            for e in examples {
                if let Value::Object(m) = e {
                    out.extend(m);
                }
            }
            return Value::Object(out);
        }
        return examples.into_iter().next().unwrap_or(Value::Null);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            // The first branch that is not `null`: a nullable field shows its value.
            let branch = branches
                .iter()
                .find(|b| b.get("type").and_then(Value::as_str) != Some("null"))
                .or_else(|| branches.first());
            return branch.map_or(Value::Null, |b| of(b, schemas, done, seen, hint));
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let t = types
        .iter()
        .copied()
        .find(|t| *t != "null")
        .unwrap_or("object");
    match t {
        "object" => {
            let mut out = Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (key, prop) in props {
                    out.insert(key.clone(), of(prop, schemas, done, seen, key));
                }
            }
            Value::Object(out)
        }
        "array" => {
            let item = schema
                .get("items")
                .map_or(Value::Null, |i| of(i, schemas, done, seen, hint));
            let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(1);
            if item.is_null() && min == 0 {
                json!([])
            } else {
                Value::Array(vec![item; usize::try_from(min.max(1)).unwrap_or(1)])
            }
        }
        "integer" => schema
            .get("minimum")
            .cloned()
            .filter(|m| m.as_i64().is_some_and(|v| v > 1))
            .unwrap_or(json!(1)),
        "number" => schema.get("minimum").cloned().unwrap_or(json!(1.0)),
        "boolean" => json!(false),
        _ => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2026-03-01T08:00:00Z"),
            Some("date") => json!("2026-03-01"),
            Some("uri") => json!("https://edugroups.example/"),
            _ => {
                let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0);
                let mut text = hint.replace('_', " ");
                while (text.chars().count() as u64) < min {
                    text.push('.');
                }
                Value::String(text)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_from_their_own_examples() {
        let mut doc = json!({"components": {"schemas": {
            "Leaf": {"type": "object", "example": {"id": 7}},
            "Kind": {"type": "string", "enum": ["tight", "collaborative"]},
            "Page_Leaf": {"type": "object", "required": ["items"], "properties": {
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Leaf"}},
                "next_cursor": {"type": ["string", "null"]}}},
            "Holder": {"type": "object", "properties": {
                "kind": {"$ref": "#/components/schemas/Kind"},
                "at": {"type": "string", "format": "date-time"},
                "maybe": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Leaf"}]},
                "count": {"type": "integer", "minimum": 0}}}
        }}});
        fill(&mut doc);
        let s = &doc["components"]["schemas"];
        assert_eq!(
            s["Page_Leaf"]["example"],
            json!({"items": [{"id": 7}], "next_cursor": "next cursor"})
        );
        assert_eq!(
            s["Holder"]["example"],
            json!({"kind": "tight", "at": "2026-03-01T08:00:00Z", "maybe": {"id": 7}, "count": 1})
        );
        assert_eq!(s["Kind"].get("example"), None);
    }
}
