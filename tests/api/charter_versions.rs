//! The charter's approval (核准, §2.3.2) and its versions: a version is in force only once the
//! county bureau approves it, the earlier one stays in force and readable until then, a
//! rejected version is amended through the same path, and two officers cannot both decide.

use diesel::prelude::*;
use edugroups::db::schema::changes;
use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

fn versions(body: &Value) -> Vec<(i64, String, bool)> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version_no"].as_i64().unwrap(),
                v["status"].as_str().unwrap().to_string(),
                v["in_force"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn v(no: i64, status: &str, in_force: bool) -> (i64, String, bool) {
    (no, status.to_string(), in_force)
}

/// A new draft with one section changed.
fn amended(goals: &str) -> Value {
    let mut c = full_charter();
    c["sections"]["goals"] = json!(goals);
    c
}

dual_test! {
    async fn an_amendment_is_in_force_only_once_the_bureau_approves_it(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (chair, bureau) = (b.admin(t.core.id), b.bureau());
        let base = format!("/api/v1/groups/{}/charter", t.id);
        let c = app.get(&base, &bureau).await;
        assert_eq!((c.body["status"].clone(), c.body["in_force"].clone(), c.body["in_force_version_no"].clone()), (json!("adopted"), json!(false), Value::Null));
        assert!(c.body["adopted_resolution_number"].as_str().unwrap().starts_with("G522701001-"));
        // Nothing to decide yet; only the chair submits, only the bureau decides.
        app.post(&format!("{base}/approval"), &bureau, &json!({"decision": "approve"})).await.assert_problem(409, "CHARTER-APPROVAL");
        app.post(&format!("{base}/submission"), &bureau, &json!({})).await.assert_problem(403, "forbidden");
        let r = app.post(&format!("{base}/submission"), &chair, &json!({})).await;
        assert_eq!(r.body["status"], "submitted", "{}", r.text);
        assert!(r.body["submitted_at"].is_string());
        app.post(&format!("{base}/submission"), &chair, &json!({})).await.assert_problem(409, "CHARTER-APPROVAL");
        // No new draft while the bureau reads it.
        app.put(&base, &chair, None, &amended("……")).await.assert_problem(409, "CHARTER-APPROVAL");
        app.post(&format!("{base}/approval"), &chair, &json!({"decision": "approve"})).await.assert_problem(403, "forbidden");
        app.post(&format!("{base}/approval"), &app.prefecture(), &json!({"decision": "approve"})).await.assert_problem(403, "forbidden");
        app.post(&format!("{base}/approval"), &app.bureau(FUQUAN), &json!({"decision": "approve"})).await.assert_problem(404, "not_found");
        let r = app.post(&format!("{base}/approval"), &bureau, &json!({"decision": "approve", "note": "予以核准。"})).await;
        assert_eq!((r.body["status"].clone(), r.body["in_force"].clone(), r.body["in_force_version_no"].clone()), (json!("approved"), json!(true), json!(1)), "{}", r.text);

        // The amendment: a new draft, adopted by the council, submitted — v1 stays in force.
        let r = app.put(&base, &chair, None, &amended("五年内建成市级示范集团。")).await;
        assert_eq!((r.status, r.body["version_no"].clone(), r.body["in_force_version_no"].clone()), (201, json!(2), json!(1)), "{}", r.text);
        app.post(&format!("{base}/submission"), &chair, &json!({})).await.assert_problem(409, "CHARTER-APPROVAL");
        assert_eq!(council_adopts_charter(&app, &b, t.id, t.core.id, 0).await["outcome"], "adopted");
        let r = app.post(&format!("{base}/submission"), &chair, &json!({})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let list = app.get(&format!("{base}/versions"), &app.prefecture()).await;
        assert_eq!(versions(&list.body), [v(1, "approved", true), v(2, "submitted", false)], "{}", list.text);
        let group = app.get(&format!("/api/v1/groups/{}", t.id), &bureau).await;
        assert_eq!((group.body["charter"]["version_no"].clone(), group.body["charter"]["in_force_version_no"].clone()), (json!(2), json!(1)));

        let r = app.post(&format!("{base}/approval"), &bureau, &json!({"decision": "approve"})).await;
        assert_eq!(r.body["in_force"], true, "{}", r.text);
        let list = app.get(&format!("{base}/versions"), &chair).await;
        assert_eq!(versions(&list.body), [v(1, "superseded", false), v(2, "approved", true)]);
        assert!(list.body["items"][1]["adopted_resolution_number"].as_str().unwrap().ends_with("-002"), "{}", list.text);
        // The superseded version stays readable, text and all.
        let old = app.get(&format!("{base}/versions/1"), &b.admin(t.member.id)).await;
        assert_eq!(old.status, 200, "{}", old.text);
        assert_eq!((old.body["status"].clone(), old.body["in_force_version_no"].clone()), (json!("superseded"), json!(2)));
        assert_eq!(old.body["sections"]["goals"], full_charter()["sections"]["goals"]);
        assert_eq!(old.header("etag"), Some(format!("\"{}\"", old.body["version"])));
        app.get(&format!("{base}/versions/3"), &chair).await.assert_problem(404, "not_found");
        app.get(&format!("{base}/versions"), &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");

        let recorded: Vec<(String, String)> = changes::table
            .filter(changes::entity.eq("charter"))
            .order(changes::seq.asc())
            .select((changes::action, changes::entity_id))
            .load(&mut app.conn())
            .unwrap();
        let g = t.id;
        let expected: Vec<(String, String)> = [
            ("charter.draft", 1), ("charter.adopt", 1), ("charter.submit", 1), ("charter.approve", 1),
            ("charter.draft", 2), ("charter.adopt", 2), ("charter.submit", 2), ("charter.supersede", 1), ("charter.approve", 2),
        ].iter().map(|(a, n)| (a.to_string(), format!("{g}:{n}"))).collect();
        assert_eq!(recorded, expected);
    }
}

dual_test! {
    async fn a_rejected_version_is_amended_through_the_same_path(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (chair, bureau) = (b.admin(t.core.id), b.bureau());
        let base = format!("/api/v1/groups/{}/charter", t.id);
        assert_eq!(app.post(&format!("{base}/submission"), &chair, &json!({})).await.status, 200);
        let r = app.post(&format!("{base}/approval"), &bureau, &json!({"decision": "reject"})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["note"]);
        app.post(&format!("{base}/approval"), &bureau, &json!({"decision": "maybe"})).await.assert_problem(422, "validation_failed");
        let r = app.post(&format!("{base}/approval"), &bureau, &json!({"decision": "reject", "note": "议事规则未明确表决程序。"})).await;
        assert_eq!((r.body["status"].clone(), r.body["in_force"].clone()), (json!("rejected"), json!(false)), "{}", r.text);
        assert_eq!(r.body["decision_note"], "议事规则未明确表决程序。");
        app.post(&format!("{base}/submission"), &chair, &json!({})).await.assert_problem(409, "CHARTER-APPROVAL");
        // The amendment goes the same way: draft, adoption, submission, approval.
        let r = app.put(&base, &chair, None, &amended("明确表决程序后的发展目标。")).await;
        assert_eq!((r.status, r.body["version_no"].clone(), r.body["status"].clone()), (201, json!(2), json!("draft")));
        assert_eq!(council_adopts_charter(&app, &b, t.id, t.core.id, 0).await["outcome"], "adopted");
        assert_eq!(app.post(&format!("{base}/submission"), &chair, &json!({})).await.status, 200);
        let r = app.post(&format!("{base}/approval"), &bureau, &json!({"decision": "approve"})).await;
        assert_eq!(r.body["status"], "approved", "{}", r.text);
        let list = app.get(&format!("{base}/versions?limit=1"), &chair).await;
        assert_eq!(versions(&list.body), [v(1, "rejected", false)]);
        let next = list.body["next_cursor"].as_str().unwrap();
        let rest = app.get(&format!("{base}/versions?cursor={next}"), &chair).await;
        assert_eq!(versions(&rest.body), [v(2, "approved", true)]);
    }
}

dual_test! {
    async fn of_two_officers_approving_at_once_exactly_one_wins(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (chair, bureau) = (b.admin(t.core.id), b.bureau());
        let base = format!("/api/v1/groups/{}/charter", t.id);
        let submitted = app.post(&format!("{base}/submission"), &chair, &json!({})).await;
        let etag = submitted.header("etag").unwrap();
        app.post(&format!("{base}/approval"), &bureau, &json!({})).await.assert_problem(422, "validation_failed");
        for if_match in [Some(etag.as_str()), None] {
            let send = || {
                let mut rb = app.client.post(app.url(&format!("{base}/approval"))).bearer_auth(&bureau).json(&json!({"decision": "approve"}));
                if let Some(m) = if_match {
                    rb = rb.header("If-Match", m);
                }
                async move { read(rb.send().await.unwrap()).await }
            };
            let both = join_all([send(), send()]).await;
            let mut statuses: Vec<u16> = both.iter().map(|r| r.status).collect();
            statuses.sort();
            let loser = if if_match.is_some() { 412 } else { 409 };
            assert_eq!(statuses, [200, loser], "{:?}", both.iter().map(|r| &r.text).collect::<Vec<_>>());
            if if_match.is_some() {
                // Again for the round without If-Match: a second amendment, adopted and submitted.
                assert_eq!(app.put(&base, &chair, None, &amended("第二次修订。")).await.status, 201);
                council_adopts_charter(&app, &b, t.id, t.core.id, 0).await;
                assert_eq!(app.post(&format!("{base}/submission"), &chair, &json!({})).await.status, 200);
            }
        }
        let list = app.get(&format!("{base}/versions"), &chair).await;
        assert_eq!(versions(&list.body), [v(1, "superseded", false), v(2, "approved", true)]);
        let approvals: i64 = changes::table.filter(changes::action.eq("charter.approve")).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(approvals, 2);
    }
}

dual_test! {
    async fn an_incomplete_charter_is_not_submitted_for_approval(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let base = format!("/api/v1/groups/{}/charter", t.id);
        // A draft with one section only, adopted by the council all the same.
        let r = app.put(&base, &chair, None, &json!({"sections": {"philosophy": "共建共享。"}})).await;
        assert_eq!((r.status, r.body["version_no"].clone()), (201, json!(2)), "{}", r.text);
        assert_eq!(council_adopts_charter(&app, &b, t.id, t.core.id, 0).await["outcome"], "adopted");
        // CHARTER-SECTIONS refuses it at the bureau's door, naming what is missing.
        let r = app.post(&format!("{base}/submission"), &chair, &json!({})).await;
        r.assert_problem(409, "CHARTER-SECTIONS");
        assert_eq!(r.body["policy_ref"], "§2.3.2");
        let c = app.get(&base, &chair).await;
        assert_eq!((c.body["version_no"].clone(), c.body["status"].clone()), (json!(2), json!("adopted")));
    }
}
