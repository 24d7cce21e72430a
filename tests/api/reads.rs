//! What a single-resource read costs the database, pinned: the statements each read sends
//! (counted by the pool's instrumentation, `BEGIN` and `COMMIT` included), on both backends.
//! A read that grows a statement per member, per seat or per row fails here.

use edugroups::domain::auth::Role;

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

/// The statements the request sends, with nothing else running on the app.
async fn statements_of(app: &TestApp, path: &str, token: &str) -> (u64, Resp) {
    let before = app.db.statements();
    let r = app.get(path, token).await;
    (app.db.statements() - before, r)
}

dual_test! {
    async fn a_group_read_is_one_statement_however_many_members_and_seats(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let g = established_tight_group(&app, &mut b).await;
        let path = format!("/api/v1/groups/{}", g.id);
        let (n, r) = statements_of(&app, &path, &b.bureau()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["members"].as_array().map(Vec::len), Some(1));
        assert!(r.body["council"]["council_seats"].as_u64().unwrap_or(0) > 0);
        assert!(r.body["charter"]["version_no"].is_number());
        assert_eq!(n, 1, "GET /groups/{{id}}: one statement, no transaction");
        // The same for the core school's administrator and for a seat holder, whose scope is
        // answered by the same statement.
        let (n, r) = statements_of(&app, &path, &b.admin(g.core.id)).await;
        assert_eq!((r.status, n), (200, 1), "{}", r.text);
        let seat = app.token_for(&g.core.principal.to_string(), Role::CouncilMember, Some(DUYUN), None);
        let (n, r) = statements_of(&app, &path, &seat).await;
        assert_eq!((r.status, n), (200, 1), "{}", r.text);
        // Out of scope or absent: still one statement, and a 404.
        let stranger = app.token_for("999999", Role::CouncilMember, Some(DUYUN), None);
        let (n, r) = statements_of(&app, &path, &stranger).await;
        assert_eq!((r.status, n), (404, 1), "{}", r.text);
        let (n, r) = statements_of(&app, "/api/v1/groups/987654", &b.bureau()).await;
        assert_eq!((r.status, n), (404, 1), "{}", r.text);
    }
}

dual_test! {
    async fn school_and_person_reads_have_a_fixed_statement_count(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        let school = app.school(DUYUN, 1, "quality").await;
        let person = app.person(&school, 1).await;
        let (n, r) = statements_of(&app, &format!("/api/v1/schools/{}", school["id"]), &bureau).await;
        assert_eq!((r.status, n), (200, 1), "GET /schools/{{id}}: {}", r.text);
        // The person with its subjects.
        let (n, r) = statements_of(&app, &format!("/api/v1/persons/{}", person["id"]), &bureau).await;
        assert_eq!((r.status, n), (200, 1), "GET /persons/{{id}}: {}", r.text);
        assert_eq!(r.body["subject_codes"], serde_json::json!(["13"]));
    }
}

dual_test! {
    async fn a_name_search_finds_through_the_index_what_like_finds(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        let school = app.school(DUYUN, 1, "quality").await;
        let mut ids = Vec::new();
        for (i, name) in ["王小明", "王明", "李小明", "Abc老师"].iter().enumerate() {
            let p = app.person_named(&school, 10 + i as u32, name).await;
            ids.push(p["id"].as_i64().unwrap_or_default());
        }
        let found = |q: &str| {
            let q = q.to_string();
            let app = &app;
            let bureau = bureau.clone();
            async move {
                let r = app.get(&format!("/api/v1/persons?q={}&limit=100", urlencode(&q)), &bureau).await;
                assert_eq!(r.status, 200, "{}", r.text);
                let mut names: Vec<String> = r.body["items"].as_array().into_iter().flatten()
                    .filter_map(|p| p["name"].as_str().map(str::to_string)).collect();
                names.sort();
                names
            }
        };
        assert_eq!(found("小明").await, ["李小明", "王小明"]);
        assert_eq!(found("王").await, ["王小明", "王明"]);
        assert_eq!(found("王小明").await, ["王小明"]);
        assert_eq!(found("明王").await, Vec::<String>::new());
        assert_eq!(found("c老").await, ["Abc老师"]);
        // A renamed person is found by the new name only; a deleted one not at all.
        let r = app.patch(&format!("/api/v1/persons/{}", ids[1]), &bureau, Some("*"), &serde_json::json!({"name": "赵明"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(found("王").await, ["王小明"]);
        assert_eq!(found("赵").await, ["赵明"]);
        let r = app.delete(&format!("/api/v1/persons/{}", ids[2]), &bureau, Some("*")).await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(found("小明").await, ["王小明"]);
    }
}

dual_test! {
    async fn a_name_index_left_behind_is_rebuilt_at_start_up(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        let school = app.school(DUYUN, 1, "quality").await;
        app.person_named(&school, 10, "王小明").await;
        let search = |q: &'static str| {
            let app = &app;
            let bureau = bureau.clone();
            async move {
                let r = app.get(&format!("/api/v1/persons?q={}", urlencode(q)), &bureau).await;
                assert_eq!(r.status, 200, "{}", r.text);
                r.body["items"].as_array().map(Vec::len).unwrap_or_default()
            }
        };
        assert_eq!(search("小明").await, 1);
        // Rows written without their pieces (a restore, an older release): not found ...
        {
            use diesel::connection::SimpleConnection;
            let mut conn = edugroups::db::establish(&app.db_url).expect("connect");
            conn.batch_execute("DELETE FROM name_grams WHERE entity = 'person'").expect("delete");
        }
        assert_eq!(search("小明").await, 0);
        // ... until the next start-up (migrate::run) rebuilds the index.
        edugroups::db::migrate::run(&app.db_url).expect("start-up");
        assert_eq!(search("小明").await, 1);
        assert_eq!(search("测试学校").await, 0, "persons only; schools are searched at /schools");
    }
}

dual_test! {
    async fn staffing_reports_have_a_fixed_statement_count_however_many_groups(app: TestApp) {
        use crate::staffing::{allocate, line, set_totals, YEAR};
        let mut b = Builder::new(&app, DUYUN);
        let one = established_tight_group(&app, &mut b).await;
        set_totals(&app, DUYUN, 1000, 200, 300, 10).await;
        allocate(&app, DUYUN, &b.admin(one.core.id), one.id, vec![line(one.core.id, "senior", false, 10)]).await;
        let county = format!("/api/v1/counties/{DUYUN}/staffing?year={YEAR}");
        let group = format!("/api/v1/groups/{}/staffing?year={YEAR}", one.id);
        let (n1, r) = statements_of(&app, &county, &b.bureau()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let (g1, r) = statements_of(&app, &group, &b.bureau()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let two = established_tight_group(&app, &mut b).await;
        allocate(&app, DUYUN, &b.admin(two.core.id), two.id, vec![line(two.core.id, "senior", false, 10), line(two.member.id, "junior", false, 5)]).await;
        let (n2, r) = statements_of(&app, &county, &b.bureau()).await;
        assert_eq!(r.body["groups"].as_array().map(Vec::len), Some(2), "{}", r.text);
        let (g2, _) = statements_of(&app, &format!("/api/v1/groups/{}/staffing?year={YEAR}", two.id), &b.bureau()).await;
        // BEGIN, the county, its totals, its groups with their cores, their members, the special
        // quotas, the allocation sums, the posts held, COMMIT.
        assert_eq!((n1, n2), (9, 9), "GET /counties/{{code}}/staffing");
        // BEGIN, the group, its core, its members, its special quota, its allocations, the posts
        // held, the exchanges lending and borrowing its posts, COMMIT.
        assert_eq!((g1, g2), (9, 9), "GET /groups/{{id}}/staffing");
    }
}

dual_test! {
    async fn the_compliance_roll_up_has_a_fixed_statement_count_however_many_groups(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let one = established_tight_group(&app, &mut b).await;
        let r = app.post(&format!("/api/v1/groups/{}/exchanges", one.id), &b.admin(one.core.id), &serde_json::json!({"person_id": one.core.staff[0], "kind": "rotation", "to_school_id": one.member.id, "starts_on": "2026-09-01", "status": "active"})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let county = format!("/api/v1/counties/{DUYUN}/compliance?year=2026");
        let group = format!("/api/v1/groups/{}/compliance?year=2026", one.id);
        let (n1, r) = statements_of(&app, &county, &b.bureau()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let (g1, _) = statements_of(&app, &group, &b.bureau()).await;
        let (p1, _) = statements_of(&app, "/api/v1/compliance?year=2026", &app.prefecture()).await;
        let two = established_tight_group(&app, &mut b).await;
        let r = app.post(&format!("/api/v1/groups/{}/exchanges", two.id), &b.admin(two.core.id), &serde_json::json!({"person_id": two.core.staff[0], "kind": "rotation", "to_school_id": two.member.id, "starts_on": "2026-09-01", "status": "active"})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        // More exchanges in the second group than in the first.
        for s in &two.core.staff[1..] {
            let r = app.post(&format!("/api/v1/groups/{}/exchanges", two.id), &b.admin(two.core.id), &serde_json::json!({"person_id": s, "kind": "rotation", "to_school_id": two.member.id, "starts_on": "2026-09-01", "status": "active"})).await;
            assert_eq!(r.status, 201, "{}", r.text);
        }
        let (n2, r) = statements_of(&app, &county, &b.bureau()).await;
        assert_eq!(r.body["groups"].as_array().map(Vec::len), Some(2), "{}", r.text);
        let (g2, r) = statements_of(&app, &format!("/api/v1/groups/{}/compliance?year=2026", two.id), &b.bureau()).await;
        assert_eq!(r.body["group"]["numerator"], 3, "{}", r.text);
        let (p2, _) = statements_of(&app, "/api/v1/compliance?year=2026", &app.prefecture()).await;
        // BEGIN, the county, its settings (the prefecture's and its own), its groups with their
        // cores, their members on the head-count day, the exchanges of the year, the staff, the
        // recorded subjects, the subjects the staff teach, the bonus-post holders, COMMIT.
        assert_eq!((n1, n2), (12, 12), "GET /counties/{{code}}/compliance");
        // BEGIN, the group (scope), its settings (2), the same seven reads for its schools, COMMIT.
        assert_eq!((g1, g2), (12, 12), "GET /groups/{{id}}/compliance");
        // BEGIN, the counties, every settings row, the seven reads over the prefecture, COMMIT.
        assert_eq!((p1, p2), (11, 11), "GET /compliance");
    }
}

dual_test! {
    async fn the_assessment_ranking_has_a_fixed_statement_count_however_many_groups(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let one = established_tight_group(&app, &mut b).await;
        crate::assessment::published(&app, DUYUN, one.id, 2026, 8.0).await;
        let county = format!("/api/v1/counties/{DUYUN}/assessments?year=2026");
        let (n1, r) = statements_of(&app, &county, &b.bureau()).await;
        assert_eq!(r.body["groups"].as_array().map(Vec::len), Some(1), "{}", r.text);
        let (p1, _) = statements_of(&app, "/api/v1/assessment-report?year=2026", &app.prefecture()).await;
        for score in [9.5, 6.0] {
            let g = established_tight_group(&app, &mut b).await;
            crate::assessment::published(&app, DUYUN, g.id, 2026, score).await;
        }
        let (n2, r) = statements_of(&app, &county, &b.bureau()).await;
        assert_eq!(r.body["groups"].as_array().map(Vec::len), Some(3), "{}", r.text);
        assert_eq!(r.body["groups"][0]["grade"], "excellent", "{}", r.text);
        let (p2, _) = statements_of(&app, "/api/v1/assessment-report?year=2026", &app.prefecture()).await;
        // BEGIN, the county, the year's assessments with their groups' names, COMMIT.
        assert_eq!((n1, n2), (4, 4), "GET /counties/{{code}}/assessments");
        // BEGIN, the year's assessments with their groups' names, COMMIT.
        assert_eq!((p1, p2), (3, 3), "GET /assessment-report");
    }
}

dual_test! {
    async fn an_assessment_reads_in_a_fixed_number_of_statements_however_many_scores(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let one = established_tight_group(&app, &mut b).await;
        let f = app.post("/api/v1/assessment-frameworks", &b.bureau(), &serde_json::json!({"year": 2026, "title": "2026年度考核", "template": true})).await;
        let a = crate::assessment::open(&app, DUYUN, one.id, f.body["id"].as_i64().unwrap(), 2026).await;
        let path = format!("/api/v1/assessments/{}", a["id"]);
        let (n1, _) = statements_of(&app, &path, &b.bureau()).await;
        let c = crate::assessment::act_ok(&app, DUYUN, a["id"].as_i64().unwrap(), "compute").await;
        assert!(c["lines"].as_array().unwrap().iter().filter(|l| l["score"].is_number()).count() >= 10);
        let (n2, r) = statements_of(&app, &path, &b.bureau()).await;
        assert_eq!(r.status, 200);
        // BEGIN, the assessment, the group (scope), the framework, the scores, the reopenings,
        // the settings (the prefecture's and the county's), COMMIT.
        assert_eq!((n1, n2), (9, 9), "GET /assessments/{{id}}");
    }
}
