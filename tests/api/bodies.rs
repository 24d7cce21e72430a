//! A group's internal bodies (INTERNAL-BODIES, §2.3.2): founded by the chair on a council
//! resolution, headed by staff of the core with a council seat, their heads in the office
//! meeting; the duties the policy gives each kind.

use serde_json::{json, Value};

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

/// The council adopts an `internal_body` motion; its resolution's id.
async fn resolution(app: &TestApp, b: &Builder<'_>, t: &TightGroup, title: &str) -> i64 {
    let closed = council_votes(app, b, t.id, t.core.id, 0, "internal_body", title).await;
    assert_eq!(closed["outcome"], "adopted", "{closed}");
    closed["resolution"]["id"].as_i64().unwrap()
}

fn office_of(council: &Value) -> Vec<(i64, String)> {
    council["office"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["person_id"].as_i64().unwrap(),
                o["category"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

dual_test! {
    async fn a_body_is_founded_on_a_council_resolution_and_its_head_joins_the_office(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let path = format!("/api/v1/groups/{}/internal-bodies", t.id);
        let council_path = format!("/api/v1/groups/{}/council", t.id);
        let founding = resolution(&app, &b, &t, "关于设立集团教师发展中心的决议").await;
        // The charter's resolution is the council's, but not on an internal body.
        let charter = app.get(&format!("/api/v1/groups/{}/charter", t.id), &chair).await.body["adopted_resolution_id"].as_i64().unwrap();
        let body = |kind: &str, head: i64, res: i64| json!({"kind": kind, "head_person_id": head, "founding_resolution_id": res});
        // core.staff[1] is the core's middle cadre with a council seat.
        let mc = t.core.staff[1];
        let r = app.post(&path, &chair, &body("teacher_development", mc, charter)).await;
        r.assert_problem(409, "INTERNAL-BODIES");
        assert_eq!(r.body["policy_ref"], "§2.3.2");
        // The head is staff of the core: a member's teacher with a seat is refused, and so is
        // the core's teacher without one.
        let r = app.post(&path, &chair, &body("teacher_development", t.member.staff[0], founding)).await;
        r.assert_problem(409, "INTERNAL-BODIES");
        assert!(r.body["detail"].as_str().unwrap().contains("核心成员"), "{}", r.text);
        let r = app.post(&path, &chair, &body("teacher_development", t.core.staff[2], founding)).await;
        r.assert_problem(409, "INTERNAL-BODIES");
        assert!(r.body["detail"].as_str().unwrap().contains("不是理事会成员"), "{}", r.text);
        // Only the chair founds; `other` needs a name; unknown resolutions are 422.
        app.post(&path, &b.bureau(), &body("teacher_development", mc, founding)).await.assert_problem(403, "forbidden");
        let r = app.post(&path, &chair, &body("other", mc, founding)).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["name"]);
        let r = app.post(&path, &chair, &body("teacher_development", mc, 999_999)).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["founding_resolution_id"]);
        assert_eq!(app.count("internal_bodies"), 0);

        let before = app.get(&council_path, &chair).await;
        assert!(!office_of(&before.body).iter().any(|(p, _)| *p == mc));
        let r = app.post(&path, &chair, &body("teacher_development", mc, founding)).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.body["id"].as_i64().unwrap();
        assert_eq!(r.header("location"), Some(format!("/api/v1/internal-bodies/{id}")));
        assert_eq!(r.body["name"], "集团教师发展中心");
        assert_eq!(r.body["duties_zh"], "统筹集团教师交流、教研、培训。");
        assert!(r.body["duties_en"].as_str().unwrap().contains("teacher exchange"));
        assert_eq!(r.body["status"], "active");
        // The head sits in the office meeting now, and the council's version moved on.
        let after = app.get(&council_path, &chair).await;
        assert!(office_of(&after.body).contains(&(mc, "internal_body_head".to_string())), "{}", after.text);
        assert_ne!(after.header("etag"), before.header("etag"));
        assert_eq!(crate::life::changes_with(&app, "internal_body.found"), 1);
        assert_eq!(crate::life::changes_with(&app, "council.office_body_head"), 1);
        // One teacher development centre; the core's vice principal heads the quality centre
        // and keeps a single office place.
        app.post(&path, &chair, &body("teacher_development", mc, founding)).await.assert_problem(409, "INTERNAL-BODIES");
        let vp = t.core.staff[0];
        let q = app.post(&path, &chair, &body("quality_monitoring", vp, founding)).await;
        assert_eq!(q.status, 201, "{}", q.text);
        assert_eq!(office_of(&app.get(&council_path, &chair).await.body).iter().filter(|(p, _)| *p == vp).count(), 1);

        // A re-election must keep the head in the office meeting (OFFICE-COMPOSITION).
        let current = app.get(&council_path, &chair).await;
        let seats: Vec<Value> = current.body["seats"].as_array().unwrap().iter()
            .map(|s| json!({"person_id": s["person_id"], "school_id": s["school_id"], "category": s["category"]})).collect();
        let office: Vec<Value> = current.body["office"].as_array().unwrap().iter()
            .map(|o| json!({"person_id": o["person_id"], "role": o["category"]})).collect();
        let without_head: Vec<Value> = office.iter().filter(|o| o["person_id"] != mc).cloned().collect();
        let etag = current.header("etag");
        let r = app.put(&council_path, &chair, etag.as_deref(),
            &json!({"chair_person_id": t.core.principal, "seats": seats, "office": without_head})).await;
        r.assert_problem(409, "OFFICE-COMPOSITION");
        assert!(r.body["detail"].as_str().unwrap().contains(&format!("#{mc}")), "{}", r.text);
        let r = app.put(&council_path, &chair, etag.as_deref(),
            &json!({"chair_person_id": t.core.principal, "seats": seats, "office": office})).await;
        assert_eq!(r.status, 200, "{}", r.text);

        // A new head: the vice principal; the middle cadre's place as head retires.
        let body_path = format!("/api/v1/internal-bodies/{id}");
        let got = app.get(&body_path, &chair).await;
        assert_eq!(got.header("etag").as_deref(), Some("\"1\""));
        app.put(&format!("{body_path}/head"), &chair, None, &json!({"head_person_id": vp})).await.assert_problem(428, "precondition_required");
        let r = app.put(&format!("{body_path}/head"), &chair, Some("\"1\""), &json!({"head_person_id": vp})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["head_person_id"], vp);
        let office = office_of(&app.get(&council_path, &chair).await.body);
        assert!(!office.iter().any(|(p, _)| *p == mc), "{office:?}");
        // Closed on another resolution, it keeps its record and changes no more.
        let closing = resolution(&app, &b, &t, "关于撤销集团教师发展中心的决议").await;
        let r = app.post(&format!("{body_path}/closure"), &chair, &json!({"closing_resolution_id": closing})).await;
        r.assert_problem(428, "precondition_required");
        let r = app.post_if(&format!("{body_path}/closure"), &chair, Some("\"2\""), &json!({"closing_resolution_id": closing})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["status"], "closed");
        app.put(&format!("{body_path}/head"), &chair, Some("\"3\""), &json!({"head_person_id": mc})).await.assert_problem(409, "internal_body_closed");
        let list = app.get(&path, &b.bureau()).await;
        assert_eq!(list.body["items"].as_array().unwrap().len(), 2, "{}", list.text);
        app.get(&body_path, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
    }
}
