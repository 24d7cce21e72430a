//! The minutes of a meeting (会议纪要): who attended and how, and each motion with its
//! threshold in words, its counts, outcome and resolution number; the roll call for open
//! ballots, only the counts for secret ones. Texts are in the caller's language.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use utoipa::ToSchema;

use super::load_meeting;
use super::motions::{motion_views, roll_call};
use super::views::{Meeting, Motion, Tally};
use crate::db::DbConnection;
use crate::domain::council::{Attendance, MotionOutcome, VoteChoice};
use crate::error::ApiResult;
use crate::i18n::Lang;
use crate::repo::council::meetings as meetings_repo;
use crate::repo::council::motions;
use crate::repo::council::seats::{self, SeatRow};
use crate::repo::registry::{persons, schools};
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct MinutesSeat {
    pub seat_id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub school_id: i64,
    pub school_name: String,
    pub status: Attendance,
    pub status_label: String,
    /// For `proxy`: the seat that held the proxy, and its holder.
    pub proxy_seat_id: Option<i64>,
    pub proxy_person_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct MinutesVote {
    pub seat_id: i64,
    pub person_name: String,
    pub choice: Option<VoteChoice>,
    pub choice_label: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct MinutesMotion {
    pub id: i64,
    pub position: i32,
    pub title: String,
    pub motion_type: crate::domain::council::MotionType,
    pub motion_type_label: String,
    pub ballot: crate::domain::council::Ballot,
    pub status: crate::domain::council::MotionStatus,
    /// E.g. "more than 1/2 of all seats", or the chair's decision after hearing the members.
    pub threshold: String,
    pub recused_seat_ids: Vec<i64>,
    pub tally: Option<Tally>,
    pub outcome: Option<MotionOutcome>,
    pub outcome_label: Option<String>,
    pub resolution_number: Option<String>,
    /// Open ballots only: each seat's vote. `null` for a secret ballot.
    pub roll_call: Option<Vec<MinutesVote>>,
}

#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct Minutes {
    pub meeting: Meeting,
    pub group_code: String,
    pub group_name: String,
    /// The body and kind of meeting, in words.
    pub title: String,
    pub attendance: Vec<MinutesSeat>,
    pub motions: Vec<MinutesMotion>,
}

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// Names of the persons holding `seats`, and of their schools.
struct Names {
    persons: HashMap<i64, String>,
    schools: HashMap<i64, String>,
}

fn names(conn: &mut DbConnection, seats: &[SeatRow]) -> ApiResult<Names> {
    let person_ids: Vec<i64> = seats.iter().map(|s| s.person_id).collect();
    let mut persons_by_id: HashMap<i64, String> = persons::find_many(conn, &person_ids)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    // A seat holder no longer on record is shown without a name, as before.
    for s in seats {
        persons_by_id.entry(s.person_id).or_default();
    }
    let school_ids: Vec<i64> = seats.iter().map(|s| s.school_id).collect();
    let schools_by_id = schools::find_many(conn, &school_ids)?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(Names {
        persons: persons_by_id,
        schools: schools_by_id,
    })
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64, lang: Lang) -> ApiResult<Minutes> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (g, m) = load_meeting(conn, &ctx, id)?;
            let body = m.body;
            // Every seat attendance was recorded for, and every active seat (absent if unlisted).
            let recorded = meetings_repo::attendance(conn, m.id)?;
            let mut by_seat: BTreeMap<i64, SeatRow> = seats::active(conn, g.id, body.as_str())?
                .into_iter()
                .map(|s| (s.id, s))
                .collect();
            let listed: Vec<i64> = recorded.iter().map(|a| a.seat_id).collect();
            for s in seats::find_many(conn, &listed)? {
                by_seat.insert(s.id, s);
            }
            let all: Vec<SeatRow> = by_seat.values().cloned().collect();
            let n = names(conn, &all)?;
            let person_of = |seat: i64| {
                by_seat
                    .get(&seat)
                    .and_then(|s| n.persons.get(&s.person_id).cloned())
                    .unwrap_or_default()
            };
            let attendance = all
                .iter()
                .map(|s| {
                    let a = recorded.iter().find(|a| a.seat_id == s.id);
                    let status = a.map(|a| a.status).unwrap_or(Attendance::Absent);
                    let proxy = a.and_then(|a| a.proxy_seat_id);
                    MinutesSeat {
                        seat_id: s.id,
                        person_id: s.person_id,
                        person_name: person_of(s.id),
                        school_id: s.school_id,
                        school_name: n.schools.get(&s.school_id).cloned().unwrap_or_default(),
                        status,
                        status_label: pick(lang, status.label_zh(), status.label_en()),
                        proxy_seat_id: proxy,
                        proxy_person_name: proxy.map(person_of),
                    }
                })
                .collect();
            let rows = motions::of_meeting(conn, m.id)?;
            let mut calls = HashMap::new();
            for r in &rows {
                calls.insert(r.id, roll_call(conn, r)?);
            }
            let motions = motion_views(conn, rows)?
                .into_iter()
                .map(|mo| {
                    let call = calls.remove(&mo.id).flatten().map(|c| {
                        c.into_iter()
                            .map(|v| MinutesVote {
                                seat_id: v.seat_id,
                                person_name: person_of(v.seat_id),
                                choice: v.choice,
                                choice_label: v
                                    .choice
                                    .map(|c| pick(lang, c.label_zh(), c.label_en())),
                            })
                            .collect()
                    });
                    minutes_motion(lang, mo, call)
                })
                .collect();
            let kind = m.kind;
            Ok(Minutes {
                title: match lang {
                    Lang::Zh => format!("{}{}{}纪要", g.name, body.label_zh(), kind.label_zh()),
                    Lang::En => format!(
                        "{}: minutes of the {} ({})",
                        g.name,
                        body.label_en(),
                        kind.label_en()
                    ),
                },
                group_code: g.code,
                group_name: g.name,
                meeting: Meeting::from_row(m),
                attendance,
                motions,
            })
        })
        .await
}

fn minutes_motion(lang: Lang, mo: Motion, roll_call: Option<Vec<MinutesVote>>) -> MinutesMotion {
    let threshold = match mo.decided_by {
        crate::domain::groups::OfficeDecision::ChairAfterHearing => pick(
            lang,
            "理事长听取意见后决定",
            "decided by the chair after hearing the members",
        ),
        crate::domain::groups::OfficeDecision::Vote => {
            lang.pick(&mo.threshold.describe()).to_string()
        }
    };
    MinutesMotion {
        id: mo.id,
        position: mo.position,
        motion_type_label: pick(lang, mo.motion_type.label_zh(), mo.motion_type.label_en()),
        title: mo.title,
        motion_type: mo.motion_type,
        ballot: mo.ballot,
        status: mo.status,
        threshold,
        recused_seat_ids: mo.recused_seat_ids,
        tally: mo.tally,
        outcome: mo.outcome,
        outcome_label: mo.outcome.map(|o| pick(lang, o.label_zh(), o.label_en())),
        resolution_number: mo.resolution.map(|r| r.number),
        roll_call,
    }
}
