//! Lists a frontend can render in one request: filters that say no, any-of filters, name search,
//! sorts with cursors, totals; single reads with `If-None-Match`, `HEAD` and gzip.

use serde_json::{json, Value};

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

fn ids(r: &Resp) -> Vec<i64> {
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

/// Every page of `path` (which has a `?`), following `next_cursor`.
async fn all_pages(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let mut out = vec![];
    let mut url = path.to_string();
    loop {
        let r = app.get(&url, token).await;
        assert_eq!(r.status, 200, "{url}: {}", r.text);
        out.extend(r.body["items"].as_array().unwrap().iter().cloned());
        match r.body["next_cursor"].as_str() {
            Some(c) => url = format!("{path}&cursor={c}"),
            None => return out,
        }
    }
}

dual_test! {
    async fn filters_say_no_and_repeat_as_any_of(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 1, None).await;
        let other = b.school("211", "urban", "quality", 1, None).await;
        let bureau = b.bureau();
        let g1 = b.authorize(core.id, "tight", "urban_quality_plus_new").await;
        let g2 = b.authorize(other.id, "collaborative", "other").await;
        b.prepare(g2, other.id).await;

        // An unknown code, the Rust variant name, or an empty value: 400 naming the parameter.
        for q in ["status=Established", "status=nonsense", "status=", "kind=Tight"] {
            let r = app.get(&format!("/api/v1/groups?{q}"), &bureau).await;
            r.assert_problem(400, "invalid_query");
            let field = q.split('=').next().unwrap();
            assert_eq!(r.error_fields(), vec![field], "{q}: {}", r.text);
        }
        let r = app.get("/api/v1/groups?status=Established", &bureau).await;
        let msg = r.body["errors"][0]["message"].as_str().unwrap().to_string();
        assert!(msg.contains("established") && msg.contains("preparing"), "{msg}");
        app.get("/api/v1/schools?county=", &bureau).await.assert_problem(400, "invalid_query");
        app.get("/api/v1/persons?q=%00", &bureau).await.assert_problem(400, "invalid_query");

        let one = app.get("/api/v1/groups?status=authorized", &bureau).await;
        assert_eq!(ids(&one), vec![g1]);
        let both = app.get("/api/v1/groups?status=authorized&status=preparing", &bureau).await;
        assert_eq!(ids(&both), vec![g1, g2]);
        let kinds = app.get("/api/v1/groups?kind=tight&kind=collaborative&status=preparing", &bureau).await;
        assert_eq!(ids(&kinds), vec![g2]);
    }
}

dual_test! {
    async fn the_group_list_answers_the_dashboard(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let bureau = b.bureau();
        let r = app.get("/api/v1/groups", &bureau).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let g = &r.body["items"][0];
        assert_eq!(g["id"], t.id);
        assert_eq!(g["core_school"]["id"], t.core.id);
        assert!(g["core_school"]["name"].as_str().is_some_and(|n| n.starts_with("测试学校")));
        assert_eq!(g["core_school"]["code"].as_str().map(str::len), Some(10));
        assert_eq!(g["member_count"], 1);
        assert_eq!(g["allowed_actions"], json!(["dissolve", "add_member"]));
        // The chair sees what it may do; every action has its labels.
        let chair = app.get("/api/v1/groups", &b.admin(t.core.id)).await;
        let actions = chair.body["items"][0]["allowed_actions"].as_array().unwrap().clone();
        assert!(actions.contains(&json!("put_charter")), "{actions:?}");
        let v = app.get("/api/v1/vocabularies", &bureau).await;
        let vocab = v.body["items"].as_array().unwrap().iter().find(|v| v["name"] == "group_action").unwrap().clone();
        for a in actions {
            let term = vocab["terms"].as_array().unwrap().iter().find(|t| t["code"] == a).unwrap();
            assert!(term["label_zh"].as_str().is_some_and(|l| !l.is_empty()));
            assert!(term["label_en"].as_str().is_some_and(|l| !l.is_empty()));
        }
        // The total, on request, and a name search in Chinese.
        let counted = app.get("/api/v1/groups?count=true&q=%E6%95%99%E8%82%B2", &bureau).await;
        assert_eq!(counted.body["total"], 1, "{}", counted.text);
        assert!(app.get("/api/v1/groups", &bureau).await.body.get("total").is_none());
        let none = app.get("/api/v1/groups?q=nothing-like-this&count=true", &bureau).await;
        assert_eq!((ids(&none).len(), none.body["total"].as_i64()), (0, Some(0)));
    }
}

dual_test! {
    async fn sorted_lists_page_with_their_own_cursors(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        let mut made = vec![];
        for (seq, name) in [(1, "丙校"), (2, "甲校"), (3, "乙校"), (4, "甲校"), (5, "丁校")] {
            let mut body = school_body(DUYUN, seq, "ordinary");
            body["name"] = json!(name);
            let r = app.post("/api/v1/schools", &bureau, &body).await;
            assert_eq!(r.status, 201, "{}", r.text);
            made.push((r.body["id"].as_i64().unwrap(), name.to_string(), r.body["code"].as_str().unwrap().to_string()));
        }
        let names = |items: &[Value]| items.iter().map(|i| (i["name"].as_str().unwrap().to_string(), i["id"].as_i64().unwrap())).collect::<Vec<_>>();
        let by_name = all_pages(&app, &bureau, "/api/v1/schools?sort=name&limit=2").await;
        let mut expected: Vec<(String, i64)> = made.iter().map(|(id, n, _)| (n.clone(), *id)).collect();
        expected.sort();
        assert_eq!(names(&by_name), expected);
        let desc = all_pages(&app, &bureau, "/api/v1/schools?sort=-name&limit=2").await;
        expected.reverse();
        assert_eq!(names(&desc), expected);
        let by_code = all_pages(&app, &bureau, "/api/v1/schools?sort=-code&limit=3").await;
        let mut codes: Vec<String> = made.iter().map(|(_, _, c)| c.clone()).collect();
        codes.sort();
        codes.reverse();
        assert_eq!(by_code.iter().map(|i| i["code"].as_str().unwrap().to_string()).collect::<Vec<_>>(), codes);
        let by_id_desc = all_pages(&app, &bureau, "/api/v1/schools?sort=-id&limit=2").await;
        let mut idv: Vec<i64> = made.iter().map(|m| m.0).collect();
        idv.reverse();
        assert_eq!(by_id_desc.iter().map(|i| i["id"].as_i64().unwrap()).collect::<Vec<_>>(), idv);
        // A cursor belongs to its sort.
        let first = app.get("/api/v1/schools?sort=name&limit=2", &bureau).await;
        let c = first.body["next_cursor"].as_str().unwrap();
        let r = app.get(&format!("/api/v1/schools?sort=code&limit=2&cursor={c}"), &bureau).await;
        r.assert_problem(400, "invalid_query");
        assert_eq!(r.error_fields(), vec!["cursor"]);
        app.get("/api/v1/persons?sort=code", &bureau).await.assert_problem(400, "invalid_query");
        let counted = app.get("/api/v1/schools?count=true&q=%E7%94%B2&limit=1", &bureau).await;
        assert_eq!((ids(&counted).len(), counted.body["total"].as_i64()), (1, Some(2)), "{}", counted.text);
    }
}

dual_test! {
    async fn single_reads_are_conditional_head_and_gzip(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        let s = app.school(DUYUN, 7, "quality").await;
        let url = app.url(&format!("/api/v1/schools/{}", s["id"]));
        let get = |inm: &'static str| app.client.get(&url).bearer_auth(&bureau).header("If-None-Match", inm).send();
        let r = get("\"1\"").await.unwrap();
        assert_eq!(r.status(), 304);
        assert_eq!(r.headers()["etag"], "\"1\"");
        assert!(r.headers().get("x-request-id").is_some());
        assert!(r.bytes().await.unwrap().is_empty());
        let r = get("W/\"1\", \"7\"").await.unwrap();
        assert_eq!(r.status(), 304);
        let r = read(get("\"9\"").await.unwrap()).await;
        assert_eq!((r.status, r.body["id"].clone()), (200, s["id"].clone()));

        let head = app.client.head(&url).bearer_auth(&bureau).send().await.unwrap();
        assert_eq!(head.status(), 200);
        assert_eq!(head.headers()["etag"], "\"1\"");
        assert!(head.bytes().await.unwrap().is_empty());
        let head = app.client.head(app.url("/api/v1/groups")).send().await.unwrap();
        assert_eq!(head.status(), 401);
        // A method a path does not take: 405 with the methods it does.
        let r = read(app.client.put(&url).bearer_auth(&bureau).send().await.unwrap()).await;
        r.assert_problem(405, "method_not_allowed");
        assert_eq!(r.header("allow").as_deref(), Some("HEAD, GET, PATCH, DELETE"));

        let gz = app.client.get(app.url("/api/v1/vocabularies")).bearer_auth(&bureau).header("Accept-Encoding", "gzip").send().await.unwrap();
        assert_eq!(gz.status(), 200);
        assert_eq!(gz.headers()["content-encoding"], "gzip");
        let plain = app.client.get(app.url("/api/v1/vocabularies")).bearer_auth(&bureau).send().await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
    }
}
