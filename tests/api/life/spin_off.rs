//! SPIN-OFF: an outstanding potential school leaves its group and is authorised to lead its own.

use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn a_potential_school_spins_off_into_a_new_group(app: TestApp) {
        let mut b = Builder::new(&app, FUQUAN);
        let (g, core) = preparing_collaborative(&mut b).await;
        let potential = b.school("211", "rural", "potential", 1, None).await;
        let weak = b.school("218", "rural", "weak", 1, None).await;
        assert_eq!(b.agree(g, core.id, potential.id, None).await.status, 200);
        assert_eq!(b.assign(g, weak.id, None).await.status, 201);
        let (bureau, chair) = (b.bureau(), b.admin(core.id));
        let new_group = json!({"name": "福泉市潜力小学教育集团", "kind": "collaborative", "pattern": "other"});
        let body = |school: &str| json!({"reason": "spun_off", "note": format!("{school}办学成绩突出，申请另行组建教育集团。"), "new_group": new_group});

        // Only a potential school may spin off.
        exit(&app, &b.admin(weak.id), g, weak.id, body("薄弱学校")).await.assert_problem(409, "SPIN-OFF");
        // A spin-off names the group it asks to form.
        let r = exit(&app, &b.admin(potential.id), g, potential.id, note("申请另行组建。", "spun_off")).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["new_group"]);

        // The school applies itself (由其提出申请); the chair cannot apply for it.
        let r = exit(&app, &chair, g, potential.id, body("潜力学校")).await;
        r.assert_problem(403, "forbidden");
        assert!(r.text.contains("由其提出申请"), "{}", r.text);
        assert_eq!(app.count("applications"), 0);
        let r = exit(&app, &b.admin(potential.id), g, potential.id, body("潜力学校")).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["kind"], "spin_off");
        assert_eq!(r.body["new_group"], new_group);
        let id = r.body["id"].as_i64().unwrap();
        // Nor may the chair cancel it: cancelling follows who applies.
        app.post(&format!("/api/v1/applications/{id}/cancellation"), &chair, &json!({})).await.assert_problem(403, "forbidden");
        // Only the bureau approves (核准).
        decide(&app, &chair, id, json!({"decision": "approve"})).await.assert_problem(403, "forbidden");
        let d = decide(&app, &bureau, id, json!({"decision": "approve", "note": "同意另行组建。"})).await;
        assert_eq!(d.status, 200, "{}", d.text);
        let new_id = d.body["new_group_id"].as_i64().expect("the new group's id");

        // The old membership ended; the new group is authorised with the school as its core.
        let old = app.get(&format!("/api/v1/groups/{g}"), &bureau).await;
        let m = membership(&old.body, potential.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("spun_off")));
        assert_eq!(history(&app, &bureau, g).await.last().unwrap(), "member_spun_off");
        let new = app.get(&format!("/api/v1/groups/{new_id}"), &bureau).await;
        assert_eq!(new.status, 200, "{}", new.text);
        assert_eq!(new.body["status"], "authorized");
        assert_eq!(new.body["core_school"]["id"], potential.id);
        assert_eq!(new.body["county_code"], FUQUAN);
        assert_eq!(new.body["kind"], "collaborative");
        assert_eq!(new.body["name"], "福泉市潜力小学教育集团");
        assert_eq!(history(&app, &bureau, new_id).await, vec!["authorize"]);
        // Its core's administrators take it on through the formation workflow.
        let as_core = app.get(&format!("/api/v1/groups/{new_id}"), &b.admin(potential.id)).await;
        assert_eq!(as_core.body["allowed_actions"], json!(["submit_plan"]));
        assert_eq!(changes_with(&app, "membership.spun_off"), 1);
        assert_eq!(changes_with(&app, "group.authorize"), 2);
        // The weak member is still there.
        assert_eq!(membership(&old.body, weak.id)["status"], "active");
    }
}
