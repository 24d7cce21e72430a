//! The office meeting under the charter in force: an amendment letting the chair decide after
//! hearing the members governs only once the bureau approves it; then an executive principal
//! is passed by the chair's decision, appointed and filed, and takes over the membership.

use serde_json::json;

use super::*;
use crate::dual_test;

async fn approve(app: &TestApp, chair: &str, bureau: &str, group: i64) {
    let r = app
        .post(
            &format!("/api/v1/groups/{group}/charter/submission"),
            chair,
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = app
        .post(
            &format!("/api/v1/groups/{group}/charter/approval"),
            bureau,
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["in_force"], true);
}

dual_test! {
    async fn the_chair_decides_once_the_charter_saying_so_is_approved(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (chair, bureau) = (b.admin(t.core.id), b.bureau());
        approve(&app, &chair, &bureau, t.id).await;
        // The amendment: the office meeting is decided by the chair after hearing the members.
        let current = app.get(&format!("/api/v1/groups/{}/charter", t.id), &chair).await;
        let mut procedure = current.body["procedure"].clone();
        procedure["office_decides_by"] = json!("chair_after_hearing");
        let r = app.put(&format!("/api/v1/groups/{}/charter", t.id), &chair, None,
            &json!({"sections": full_charter()["sections"], "procedure": procedure})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(council_adopts_charter(&app, &b, t.id, t.core.id, 0).await["outcome"], "adopted");

        // Adopted but not approved, the amendment does not govern: the office still votes.
        let person = t.core.staff[2];
        let n = nominate(&app, &chair, t.id, person, t.member.id, "executive_principal").await;
        let id = n["id"].as_i64().unwrap();
        let motion = table(&app, &chair, t.id, id).await.body["id"].as_i64().unwrap();
        let r = app.post(&format!("/api/v1/motions/{motion}/close"), &chair, &json!({"decision": "adopt"})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(app.post(&format!("/api/v1/motions/{motion}/defer"), &chair, &json!({})).await.status, 200);
        assert_eq!(app.get(&format!("/api/v1/cadre-nominations/{id}"), &chair).await.body["status"], "nominated");

        // Approved, it governs the next motion: the chair decides, with the meeting's quorum.
        approve(&app, &chair, &bureau, t.id).await;
        let motion = table(&app, &chair, t.id, id).await.body["id"].as_i64().unwrap();
        let r = app.post(&format!("/api/v1/motions/{motion}/close"), &chair, &json!({"decision": "adopt"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["outcome"], "adopted");
        let path = format!("/api/v1/cadre-nominations/{id}");
        assert_eq!(app.get(&path, &chair).await.body["status"], "office_passed");

        // An executive principal takes the vice principal's path: the bureau appoints, then files.
        let r = app.post(&format!("{path}/appointment"), &bureau, &json!({"appointment_ref": "都教任〔2026〕5号", "appointed_on": today()})).await;
        assert_eq!(r.body["status"], "appointed", "{}", r.text);
        let group = app.get(&format!("/api/v1/groups/{}", t.id), &bureau).await;
        assert_eq!(group.body["members"][0]["executive_principal_id"], t.member.principal, "not before the filing");
        assert_eq!(cadre_post(&app, person, DUYUN).await, serde_json::Value::Null);
        let r = app.post(&format!("{path}/filing"), &bureau, &json!({"filing_ref": "都组干备〔2026〕8号", "filed_on": today()})).await;
        assert_eq!(r.body["status"], "filed", "{}", r.text);
        assert_eq!(cadre_post(&app, person, DUYUN).await, "executive_principal");
        let group = app.get(&format!("/api/v1/groups/{}", t.id), &bureau).await;
        assert_eq!(group.body["members"][0]["executive_principal_id"], person, "{}", group.text);
        let membership = group.body["members"][0]["id"].to_string();
        assert_eq!(actions(&app, "membership", &membership).last().map(String::as_str), Some("membership.executive_principal"));
    }
}
