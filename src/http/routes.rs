//! The one list of operations. Each area names its handlers by operationId
//! (`r.op("listGroups", group::list)`); the method and the path come from the handler's own
//! `#[utoipa::path]`, so the document and the router cannot disagree on either. Building the
//! router fails when an operationId is unknown, routed twice, or documented but not routed.
//!
//! Each path is one actix resource: a method it does not take is `405` with `Allow`, and `HEAD`
//! is answered wherever `GET` is (actix sends the headers without the body).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use actix_web::http::{header, Method};
use actix_web::{web, FromRequest, Handler, HttpResponse, Responder};
use utoipa::openapi::path::HttpMethod;
use utoipa::openapi::OpenApi;

use crate::error::{ApiError, ErrorKind};

/// Where each documented operation lives: operationId → (path, method).
#[derive(Debug, Clone, Default)]
pub struct OperationIndex {
    by_id: HashMap<String, (String, Method)>,
}

fn method_of(m: &HttpMethod) -> Method {
    match m {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Trace => Method::TRACE,
    }
}

impl OperationIndex {
    pub fn of(doc: &OpenApi) -> OperationIndex {
        let mut by_id = HashMap::new();
        for (path, item) in &doc.paths.paths {
            let ops = [
                (HttpMethod::Get, &item.get),
                (HttpMethod::Post, &item.post),
                (HttpMethod::Put, &item.put),
                (HttpMethod::Patch, &item.patch),
                (HttpMethod::Delete, &item.delete),
            ];
            for (m, op) in ops {
                if let Some(id) = op.as_ref().and_then(|o| o.operation_id.clone()) {
                    by_id.insert(id, (path.clone(), method_of(&m)));
                }
            }
        }
        OperationIndex { by_id }
    }
}

/// Collects the routes of every area, grouped by path.
pub struct Routes {
    index: Arc<OperationIndex>,
    resources: BTreeMap<String, Vec<(Method, actix_web::Route)>>,
    routed: BTreeSet<String>,
    errors: Vec<String>,
}

/// A resource under its collection and item scope: the rest of its path and its routes.
type Leaf = (String, Vec<(Method, actix_web::Route)>);

impl Routes {
    pub fn new(index: Arc<OperationIndex>) -> Routes {
        Routes {
            index,
            resources: BTreeMap::new(),
            routed: BTreeSet::new(),
            errors: Vec::new(),
        }
    }

    /// Routes the documented operation `operation_id` to `handler`.
    pub fn op<F, Args>(&mut self, operation_id: &str, handler: F)
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let Some((path, method)) = self.index.by_id.get(operation_id).cloned() else {
            self.errors
                .push(format!("{operation_id} is routed but not documented"));
            return;
        };
        if !self.routed.insert(operation_id.to_string()) {
            self.errors.push(format!("{operation_id} is routed twice"));
            return;
        }
        let routes = self.resources.entry(path).or_default();
        if method == Method::GET {
            routes.push((Method::HEAD, web::head().to(handler.clone())));
        }
        routes.push((method.clone(), web::method(method).to(handler)));
    }

    /// The operations documented but never routed, and any other inconsistency.
    pub fn problems(&self) -> Vec<String> {
        let mut out = self.errors.clone();
        let mut missing: Vec<&String> = self
            .index
            .by_id
            .keys()
            .filter(|id| !self.routed.contains(*id))
            .collect();
        missing.sort();
        out.extend(
            missing
                .into_iter()
                .map(|id| format!("{id} is documented but not routed")),
        );
        out
    }

    /// The documented (method, path) pairs that are routed, for tests.
    pub fn routed(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .resources
            .iter()
            .flat_map(|(path, routes)| {
                routes
                    .iter()
                    .filter(|(m, _)| *m != Method::HEAD)
                    .map(move |(m, _)| (m.to_string(), path.clone()))
            })
            .collect();
        out.sort();
        out
    }

    /// Registers every resource with actix, in a tree of scopes: actix's router tries resources
    /// one after another (a pattern with a `{parameter}` is a regular expression), so resources
    /// are grouped under their collection (`/api/v1/groups`), and under `/{id}` within it, and a
    /// request is matched against a handful of patterns instead of every one.
    pub fn configure(self, cfg: &mut web::ServiceConfig) {
        let mut tree: BTreeMap<String, BTreeMap<String, Vec<Leaf>>> = BTreeMap::new();
        for (path, routes) in self.resources {
            let (collection, rest) = split_collection(&path);
            let (item, rest) = split_item(rest);
            tree.entry(collection.to_string())
                .or_default()
                .entry(item.to_string())
                .or_default()
                .push((rest.to_string(), routes));
        }
        for (collection, items) in tree {
            if collection.is_empty() {
                // `/`, `/health`, `/ready`: resources of their own.
                for (_, resources) in items {
                    for (path, routes) in resources {
                        cfg.service(resource(&path, routes));
                    }
                }
                continue;
            }
            let mut scope = web::scope(&collection);
            for (item, resources) in items {
                if item.is_empty() {
                    for (path, routes) in resources {
                        scope = scope.service(resource(&path, routes));
                    }
                } else {
                    let mut sub = web::scope(&item);
                    for (path, routes) in resources {
                        sub = sub.service(resource(&path, routes));
                    }
                    scope = scope.service(sub);
                }
            }
            cfg.service(scope);
        }
    }
}

/// `/api/v1/groups/{id}/history` → (`/api/v1/groups`, `/{id}/history`); paths outside
/// `/api/v1` have no collection.
fn split_collection(path: &str) -> (&str, &str) {
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return ("", path);
    };
    let end = rest.find('/').map_or(path.len(), |i| "/api/v1/".len() + i);
    (&path[..end], &path[end..])
}

/// `/{id}/history` → (`/{id}`, `/history`): the item scope of a collection's sub-resources. A
/// path that is the item itself (`/{id}`) stays whole, in the collection's own scope, as actix
/// matches a scope's root only with a trailing slash.
fn split_item(rest: &str) -> (&str, &str) {
    let Some(after) = rest.strip_prefix("/{") else {
        return ("", rest);
    };
    match after.find('/') {
        Some(i) => {
            let end = 2 + i;
            (&rest[..end], &rest[end..])
        }
        None => ("", rest),
    }
}

/// One resource with its routes, answering `405` with `Allow` for any other method.
fn resource(path: &str, routes: Vec<(Method, actix_web::Route)>) -> actix_web::Resource {
    let allow: Vec<String> = routes.iter().map(|(m, _)| m.to_string()).collect();
    let allow = allow.join(", ");
    let mut resource = web::resource(path);
    for (_, route) in routes {
        resource = resource.route(route);
    }
    resource.default_service(web::to(move || {
        let allow = allow.clone();
        async move { method_not_allowed(&allow) }
    }))
}

/// `405` with the methods the path takes (RFC 9110 §15.5.6).
fn method_not_allowed(allow: &str) -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(
        ErrorKind::MethodNotAllowed,
        format!("该地址不支持此请求方法；支持：{allow}。"),
        format!("This path does not support the method; it takes {allow}."),
    )
    .with_header(header::ALLOW, allow))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_collection_item_and_rest() {
        assert_eq!(
            split_collection("/api/v1/groups/{id}/history"),
            ("/api/v1/groups", "/{id}/history")
        );
        assert_eq!(split_collection("/api/v1/groups"), ("/api/v1/groups", ""));
        assert_eq!(split_collection("/health"), ("", "/health"));
        assert_eq!(split_item("/{id}/history"), ("/{id}", "/history"));
        assert_eq!(split_item("/{id}"), ("", "/{id}"));
        assert_eq!(split_item(""), ("", ""));
        assert_eq!(split_item("/whoami"), ("", "/whoami"));
    }
}
