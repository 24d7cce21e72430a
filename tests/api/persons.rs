//! Persons: resident ID numbers checked, masked, never in the audit log in full.

use edugroups::domain::auth::Role;
use serde_json::json;

use crate::dual_test;
use crate::helpers::*;

dual_test! {
    async fn id_numbers_are_masked_except_for_the_bureau(app: TestApp) {
        let s = app.school(DUYUN, 1, "quality").await;
        let p = app.person(&s, 7).await;
        let full = id_number(DUYUN, 7);
        assert_eq!(p["id_number"], full.as_str());
        assert_eq!(p["id_number_masked"], false);
        let path = format!("/api/v1/persons/{}", p["id"]);
        for token in [
            app.token(Role::Inspector, Some(DUYUN), None),
            app.token(Role::Integration, Some(DUYUN), None),
            app.token(Role::SchoolAdmin, Some(DUYUN), Some(1)),
            app.prefecture(),
        ] {
            let r = app.get(&path, &token).await;
            assert_eq!(r.status, 200, "{}", r.text);
            let shown = r.body["id_number"].as_str().unwrap();
            assert_eq!(shown, format!("{}************{}", &full[..4], &full[16..]));
            assert_eq!(r.body["id_number_masked"], true);
            let list = app.get("/api/v1/persons", &token).await;
            assert!(!list.text.contains(&full), "a list leaks the number");
        }
        // The audit log keeps only the masked number.
        use diesel::prelude::*;
        use edugroups::db::schema::changes::dsl::*;
        let mut conn = app.conn();
        let afters: Vec<Option<String>> = changes.filter(entity.eq("person")).select(after_json).load(&mut conn).unwrap();
        assert_eq!(afters.len(), 1);
        assert!(!afters[0].as_deref().unwrap().contains(&full));
    }
}

dual_test! {
    async fn id_numbers_are_validated(app: TestApp) {
        let s = app.school(DUYUN, 1, "quality").await;
        let token = app.bureau(DUYUN);
        let good = id_number(DUYUN, 3);
        let mut wrong_check = good.clone();
        let last = if good.ends_with('0') { '1' } else { '0' };
        wrong_check.replace_range(17..18, &last.to_string());
        for (number, why) in [
            (wrong_check.as_str(), "check digit"),
            ("52270119850231001X", "no 31 February"),
            ("5227011985010100", "too short"),
            ("52270119850101001Z", "bad character"),
        ] {
            let r = app.post("/api/v1/persons", &token, &json!({"name": "张三", "id_number": number, "school_id": s["id"]})).await;
            r.assert_problem(422, "validation_failed");
            assert_eq!(r.error_fields(), vec!["id_number"], "{why}");
        }
        // Every bad field at once.
        let r = app.post("/api/v1/persons", &token, &json!({"name": "", "id_number": "1", "school_id": 999, "title_code": "boss", "subject_codes": ["13", "99"], "cadre_post": "king"})).await;
        let mut fields = r.error_fields();
        fields.sort();
        assert_eq!(fields, vec!["cadre_post", "id_number", "name", "school_id", "subject_codes", "title_code"]);
        // Lower-case x is read as X.
        let lower = id_number(DUYUN, 5).to_lowercase();
        let r = app.post("/api/v1/persons", &token, &json!({"name": "李四", "id_number": lower, "school_id": s["id"]})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        // The same number twice is a conflict.
        let r = app.post("/api/v1/persons", &token, &json!({"name": "李四", "id_number": id_number(DUYUN, 5), "school_id": s["id"]})).await;
        r.assert_problem(409, "id_number_taken");
        assert_eq!(app.count("persons"), 1);
    }
}

dual_test! {
    async fn subjects_filters_and_updates(app: TestApp) {
        let s = app.school(DUYUN, 1, "quality").await;
        let token = app.bureau(DUYUN);
        let a = app.person(&s, 1).await;
        app.person(&s, 2).await;
        let path = format!("/api/v1/persons/{}", a["id"]);
        let r = app.patch(&path, &token, Some("\"1\""), &json!({"subject_codes": ["41", "13", "41"], "is_backbone": true, "cadre_post": "middle_cadre"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["subject_codes"], json!(["13", "41"]));
        let english = app.get("/api/v1/persons?subject_code=41", &token).await;
        assert_eq!(english.body["items"].as_array().unwrap().len(), 1);
        let backbone = app.get("/api/v1/persons?is_backbone=true", &token).await;
        assert_eq!(backbone.body["items"].as_array().unwrap().len(), 2);
        // A person who is a legal representative cannot be deleted.
        let sp = format!("/api/v1/schools/{}", s["id"]);
        let r = app.patch(&sp, &token, Some("\"1\""), &json!({"legal_representative_id": a["id"]})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        app.delete(&path, &token, Some("\"2\"")).await.assert_problem(409, "person_in_use");
        // Persons of another county are invisible.
        app.get(&path, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
        // A person cannot be registered at another county's school.
        let r = app.post("/api/v1/persons", &app.bureau(FUQUAN), &json!({"name": "王五", "id_number": id_number(FUQUAN, 9), "school_id": s["id"]})).await;
        assert_eq!(r.error_fields(), vec!["school_id"]);
    }
}
