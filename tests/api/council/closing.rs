//! Closing: adopted with exactly the required votes, rejected one short, no quorum, tied under a
//! votes-cast threshold, two thirds for the charter, secret ballots, resolution numbers, and
//! the chair's decision in the office meeting.

use diesel::prelude::*;
use edugroups::db::schema::{changes, charters as charter_table, votes};
use serde_json::json;

use super::*;
use crate::dual_test;

fn this_year() -> i64 {
    edugroups::domain::clock::year_of(chrono::Utc::now()).into()
}

dual_test! {
    async fn simple_majority_quorum_and_resolution_numbers(app: TestApp) {
        let f = seated_group(&app, 7).await;
        let m = f.convene(&app, "council").await;
        f.present(&app, m, 7).await;
        // 4 of 7 is more than half of all seats: adopted with exactly the required votes.
        let adopted = f.motion(&app, m, "work_plan", "open").await;
        f.votes(&app, adopted, 4, 3).await;
        let r = f.close(&app, adopted).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
        assert_eq!(r.body["status"], "closed");
        assert_eq!(r.body["outcome"], "adopted");
        assert_eq!(r.body["tally"], json!({"seats": 7, "present": 7, "recused": 0, "votes_for": 4,
            "votes_against": 3, "votes_abstain": 0, "required_votes": 4, "quorum_required": 5}));
        let year = this_year();
        let first = format!("{GROUP_CODE}-{year}-001");
        assert_eq!(r.body["resolution"]["number"], first.as_str());
        // One short: rejected, no resolution.
        let short = f.motion(&app, m, "enrollment_plan", "open").await;
        f.votes(&app, short, 3, 2).await;
        let r = f.close(&app, short).await;
        assert_eq!(r.body["outcome"], "rejected", "{}", r.text);
        assert!(r.body["resolution"].is_null());
        // The second adopted motion takes the next number.
        let second = f.motion(&app, m, "assessment_plan", "open").await;
        f.votes(&app, second, 5, 0).await;
        let r = f.close(&app, second).await;
        assert_eq!(r.body["resolution"]["number"], format!("{GROUP_CODE}-{year}-002"));
        // Closing twice is a state conflict.
        f.close(&app, second).await.assert_problem(409, "motion_not_open");

        // Four present of seven is below the quorum of two thirds (5), whatever the votes.
        f.present(&app, m, 4).await;
        let thin = f.motion(&app, m, "work_plan", "open").await;
        f.votes(&app, thin, 4, 0).await;
        let r = f.close(&app, thin).await;
        assert_eq!(r.body["outcome"], "no_quorum", "{}", r.text);
        assert_eq!(r.body["tally"]["present"], 4);

        let path = format!("/api/v1/groups/{}/resolutions", f.group);
        let list = app.get(&path, &f.tokens[6]).await;
        assert_eq!(list.status, 200, "{}", list.text);
        let numbers: Vec<&str> = list.body["items"].as_array().unwrap().iter().map(|r| r["number"].as_str().unwrap()).collect();
        assert_eq!(numbers, [first.as_str(), &format!("{GROUP_CODE}-{year}-002")]);
        let only = app.get(&format!("{path}?motion_type=assessment_plan&year={year}"), &f.chair).await;
        assert_eq!(only.body["items"].as_array().unwrap().len(), 1);
        assert_eq!(only.body["items"][0]["sequence"], 2);
        let none = app.get(&format!("{path}?year={}", year - 1), &f.chair).await;
        assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
        app.get(&format!("{path}?motion_type=bribe"), &f.chair).await.assert_problem(400, "invalid_query");
        let id = list.body["items"][0]["id"].as_i64().unwrap();
        let one = app.get(&format!("/api/v1/resolutions/{id}"), &app.bureau(DUYUN)).await;
        assert_eq!(one.body["motion_type"], "work_plan");
        assert_eq!(one.body["motion_id"], adopted);
        app.get(&format!("/api/v1/resolutions/{id}"), &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
        // Resolutions are never changed.
        let r = app.delete(&format!("/api/v1/resolutions/{id}"), &f.chair, Some("\"1\"")).await;
        assert_eq!(r.status, 405, "{}", r.text);
    }
}

dual_test! {
    async fn a_tie_under_a_votes_cast_threshold(app: TestApp) {
        let f = seated_group(&app, 7).await;
        let settings = format!("/api/v1/counties/{DUYUN}/settings");
        let r = app.put(&settings, &app.bureau(DUYUN), Some("\"0\""), &json!({"simple_majority": {
            "fraction": {"numerator": 1, "denominator": 2}, "strict": true, "base": "votes_cast"}})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let m = f.convene(&app, "council").await;
        f.present(&app, m, 7).await;
        let motion = f.motion(&app, m, "work_plan", "open").await;
        f.votes(&app, motion, 3, 3).await;
        let r = f.close(&app, motion).await;
        assert_eq!(r.body["outcome"], "tied", "{}", r.text);
        assert_eq!(r.body["threshold"]["base"], "votes_cast");
    }
}

dual_test! {
    async fn the_charter_needs_two_thirds_and_is_then_adopted(app: TestApp) {
        let f = seated_group(&app, 7).await;
        // The draft would have the charter pass by simple majority: its own rules do not govern
        // its adoption (the county's two thirds do), though they govern other motions.
        let mut lax = rules(OfficeDecision::Vote);
        lax.supermajority_motion_types = vec![];
        lax.simple_majority.base = edugroups::domain::groups::MajorityBase::Present;
        let charter = charter_draft(&app, f.group, &lax);
        let m = f.convene(&app, "council").await;
        f.present(&app, m, 7).await;
        let other = f.motion(&app, m, "development_plan", "open").await;
        let got = app.get(&format!("/api/v1/motions/{other}"), &f.chair).await;
        assert_eq!(got.body["threshold"]["base"], "present", "{}", got.text);
        let four = f.motion(&app, m, "charter", "open").await;
        let got = app.get(&format!("/api/v1/motions/{four}"), &f.chair).await;
        assert_eq!(got.body["threshold"], json!({"fraction": {"numerator": 2, "denominator": 3}, "strict": false, "base": "all_seats"}));
        f.votes(&app, four, 4, 3).await;
        let open = |app: &TestApp| edugroups::repo::council::motions::has_open(&mut app.conn(), f.group, "council", "charter").unwrap();
        assert!(open(&app));
        let r = f.close(&app, four).await;
        assert!(!open(&app));
        assert_eq!(r.body["outcome"], "rejected", "{}", r.text);
        assert_eq!(r.body["tally"]["required_votes"], 5);
        let five = f.motion(&app, m, "charter", "open").await;
        f.votes(&app, five, 5, 2).await;
        let r = f.close(&app, five).await;
        assert_eq!(r.body["outcome"], "adopted", "{}", r.text);
        f.close(&app, other).await;
        let resolution = r.body["resolution"]["id"].as_i64().unwrap();
        let (status, adopted_by): (String, Option<i64>) = charter_table::table
            .find(charter)
            .select((charter_table::status, charter_table::adopted_resolution_id))
            .first(&mut app.conn())
            .unwrap();
        assert_eq!((status.as_str(), adopted_by), ("adopted", Some(resolution)));
        // Once adopted there is no draft left to adopt.
        let r = app.post(&format!("/api/v1/meetings/{m}/motions"), &f.chair,
            &json!({"title": "再次审议章程", "motion_type": "charter", "ballot": "open"})).await;
        r.assert_problem(409, "no_charter_draft");
    }
}

dual_test! {
    async fn a_secret_ballot_keeps_only_the_tally(app: TestApp) {
        let f = seated_group(&app, 5).await;
        let m = f.convene(&app, "council").await;
        f.present(&app, m, 5).await;
        let motion = f.motion(&app, m, "cadre_nomination", "secret").await;
        f.votes(&app, motion, 3, 1).await;
        let got = app.get(&format!("/api/v1/motions/{motion}"), &f.chair).await;
        assert!(got.body["roll_call"].is_null(), "{}", got.text);
        assert_eq!(got.body["votes_cast"], 4);
        assert!(got.body["tally"].is_null());
        let r = f.close(&app, motion).await;
        assert_eq!(r.body["outcome"], "adopted", "{}", r.text);
        assert_eq!(r.body["tally"]["votes_for"], 3);
        assert_eq!(r.body["tally"]["votes_against"], 1);
        let choices: Vec<Option<String>> = votes::table
            .filter(votes::motion_id.eq(motion))
            .select(votes::choice)
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(choices, vec![None; 4]);
        // The audit log knows that seats voted, never how; the feed does not carry them.
        let audit: Vec<(Option<String>, bool)> = changes::table
            .filter(changes::entity.eq("vote"))
            .select((changes::after_json, changes::published))
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(audit.len(), 4);
        for (after, published) in audit {
            let after: Value = serde_json::from_str(&after.unwrap()).unwrap();
            assert_eq!(after["voted"], true);
            assert!(after.get("choice").is_none());
            assert!(!published);
        }
        let minutes = app.get(&format!("/api/v1/meetings/{m}/minutes"), &f.tokens[2]).await;
        assert_eq!(minutes.status, 200, "{}", minutes.text);
        let mo = &minutes.body["motions"][0];
        assert!(mo["roll_call"].is_null());
        assert_eq!(mo["tally"]["votes_for"], 3);
        assert!(!minutes.text.contains("\"choice\""));
    }
}

dual_test! {
    async fn the_chair_decides_office_motions_after_hearing(app: TestApp) {
        let f = seated_group(&app, 3).await;
        charter_draft(&app, f.group, &rules(OfficeDecision::ChairAfterHearing));
        let m = f.convene(&app, "office").await;
        let entries: Vec<Value> = f.office.iter().map(|s| json!({"seat_id": s, "status": "present"})).collect();
        assert_eq!(f.attend(&app, m, json!(entries)).await.status, 200);
        let motion = f.motion(&app, m, "performance_pay_distribution", "open").await;
        let close = format!("/api/v1/motions/{motion}/close");
        let r = app.post(&close, &f.chair, &json!({})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["decision"]);
        let r = app.post(&close, &f.chair, &json!({"decision": "adopt"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["outcome"], "adopted");
        assert_eq!(r.body["decided_by"], "chair_after_hearing");
        assert!(r.body["tally"]["required_votes"].is_null());
        assert!(r.body["resolution"]["number"].as_str().unwrap().ends_with("-001"));
        // A council motion is counted: a decision is refused.
        let c = f.convene(&app, "council").await;
        f.present(&app, c, 3).await;
        let counted = f.motion(&app, c, "work_plan", "open").await;
        let r = app.post(&format!("/api/v1/motions/{counted}/close"), &f.chair, &json!({"decision": "adopt"})).await;
        assert_eq!(r.error_fields(), ["decision"], "{}", r.text);
    }
}

dual_test! {
    async fn a_chair_decision_needs_a_quorum_too(app: TestApp) {
        let f = seated_group(&app, 3).await;
        charter_draft(&app, f.group, &rules(OfficeDecision::ChairAfterHearing));
        let m = f.convene(&app, "office").await;
        // One office seat present, the others absent: short of two thirds.
        let entries: Vec<Value> = f
            .office
            .iter()
            .enumerate()
            .map(|(i, s)| json!({"seat_id": s, "status": if i == 0 { "present" } else { "absent" }}))
            .collect();
        assert!(f.office.len() >= 2, "the fixture seats an office meeting");
        assert_eq!(f.attend(&app, m, json!(entries)).await.status, 200);
        let motion = f.motion(&app, m, "performance_pay_distribution", "open").await;
        let r = app.post(&format!("/api/v1/motions/{motion}/close"), &f.chair, &json!({"decision": "adopt"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["outcome"], "no_quorum");
        let seats = f.office.len() as u64;
        assert_eq!(r.body["tally"]["quorum_required"], (2 * seats).div_ceil(3));
        assert!(r.body["resolution"].is_null());
    }
}
