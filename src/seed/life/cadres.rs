//! Cadre appointments in an established tight group (§2.4.2, CADRE-VP, CADRE-MIDDLE): the chair
//! nominates, one office meeting passes each nomination on a `cadre_nomination` motion, and the
//! appointer appoints where the scene says so (the member school its middle cadre; the bureau a
//! vice principal, then records the filing). A nomination left at `office_passed` shows a path
//! in progress.

use chrono::{DateTime, Datelike, Timelike, Utc};

use super::look::Place;
use super::scenes::Nomination;
use super::LifeTally;
use crate::domain::cadres::{path_of, Appointer};
use crate::domain::council::Ballot;
use crate::domain::council::{Attendance, Body, MotionOutcome, MotionType, VoteChoice};
use crate::domain::registry::CadrePost;
use crate::repo::registry::persons;
use crate::seed::counties::COUNTIES;
use crate::seed::groups::plan::{teachers, GroupPlan};
use crate::seed::groups::walk::failed;
use crate::service::cadres::appoint::{self, AppointmentInput, FilingInput};
use crate::service::cadres::nominate::{self, NewNomination};
use crate::service::council::attendance::{self, AttendanceInput, AttendanceItem};
use crate::service::council::close::{self, CloseInput};
use crate::service::council::meetings::{self, NewMeeting};
use crate::service::council::motions::{self, NewMotion};
use crate::service::council::votes::{self, VoteInput};
use crate::service::groups::council;
use crate::service::{AppState, IfMatch};

/// A nomination made: its spec, its id, the nominee's name.
struct Made<'a> {
    spec: &'a Nomination,
    id: i64,
    name: String,
}

/// The post as a motion's title names it at a school.
pub fn post_title(post: CadrePost) -> &'static str {
    match post {
        CadrePost::Principal => "校长",
        CadrePost::ExecutivePrincipal => "执行校长",
        CadrePost::VicePrincipal => "副校长",
        CadrePost::MiddleCadre => "中层干部",
    }
}

/// The nominees of `specs` among the staff of the group's school `school`: `(id number, name)`.
pub fn nominees(
    g: &GroupPlan<'_>,
    school: usize,
    specs: &[Nomination],
) -> Result<Vec<(String, String)>, String> {
    let s = g
        .schools
        .get(school)
        .ok_or_else(|| format!("group {} has no school #{school}", g.code))?;
    let free = teachers(s);
    specs
        .iter()
        .map(|n| {
            free.get(n.teacher)
                .and_then(|i| s.staff.get(*i))
                .map(|p| (p.id_number.clone(), p.name.clone()))
                .ok_or_else(|| format!("{} has no teacher #{}", s.fields.name, n.teacher))
        })
        .collect()
}

pub async fn cadres(
    state: &AppState,
    g: &GroupPlan<'_>,
    school: usize,
    p: &Place,
    specs: &[Nomination],
    tally: &mut LifeTally,
) -> Result<(), String> {
    let found = nominees(g, school, specs)?;
    let numbers: Vec<String> = found.iter().map(|(n, _)| n.clone()).collect();
    let school_id = p.school_id;
    let ids = state
        .db
        .read(move |conn| {
            let mut ids = Vec::new();
            for n in &numbers {
                let person = persons::find_by_id_number(conn, n)?
                    .filter(|x| x.school_id == school_id)
                    .ok_or_else(|| {
                        crate::error::ApiError::conflict(
                            "示例人员不在其学校的登记中。",
                            "A demo nominee is no longer on the school's staff.",
                        )
                    })?;
                ids.push(person.id);
            }
            Ok(ids)
        })
        .await
        .map_err(|e| failed("look up the nominees", e))?;
    let mut made = Vec::new();
    for ((spec, person_id), (_, name)) in specs.iter().zip(ids).zip(found) {
        let input = NewNomination {
            person_id: Some(person_id),
            school_id: Some(p.school_id),
            post: Some(spec.post.as_str().into()),
            note: Some(spec.note.into()),
        };
        let n = nominate::create(state, &p.chair, p.group_id, input)
            .await
            .map_err(|e| failed("the chair nominates", e))?;
        tally.nominations += 1;
        made.push(Made {
            spec,
            id: n.id,
            name,
        });
    }
    office_meeting(state, p, &made).await?;
    for m in made.iter().filter(|m| m.spec.appoint) {
        appoint(state, p, m).await?;
    }
    Ok(())
}

/// The chair convenes the office meeting, every seat present; each nomination is a secret
/// ballot every seat votes for; the chair closes the motions and the meeting.
async fn office_meeting(state: &AppState, p: &Place, made: &[Made<'_>]) -> Result<(), String> {
    let office = council::get(state, &p.chair, p.group_id)
        .await
        .map_err(|e| failed("read the office meeting's seats", e))?
        .office;
    // Now, to the minute, as the groups seed schedules its meetings.
    let now = Utc::now();
    let scheduled_at: DateTime<Utc> = now
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let convened = meetings::convene(
        state,
        &p.chair,
        p.group_id,
        NewMeeting {
            body: Some(Body::Office.as_str().into()),
            kind: Some("regular".into()),
            scheduled_at: Some(scheduled_at),
            agenda: Some(format!("审议理事长提名的{}干部人选", p.school_name)),
            demand_id: None,
        },
    )
    .await
    .map_err(|e| failed("convene the office meeting", e))?;
    let entries = office
        .iter()
        .map(|s| AttendanceItem {
            seat_id: Some(s.seat_id),
            status: Some(Attendance::Present.as_str().into()),
            proxy_seat_id: None,
        })
        .collect();
    attendance::put(
        state,
        &p.chair,
        convened.id,
        IfMatch::Versions(vec![convened.version]),
        AttendanceInput { entries },
    )
    .await
    .map_err(|e| failed("record the office meeting's attendance", e))?;
    for m in made {
        let title = format!(
            "关于提名{}为{}{}人选的议案",
            m.name,
            p.school_name,
            post_title(m.spec.post)
        );
        let motion = motions::create(
            state,
            &p.chair,
            convened.id,
            NewMotion {
                title: Some(title.clone()),
                motion_type: Some(MotionType::CadreNomination.as_str().into()),
                ballot: Some(Ballot::Secret.as_str().into()),
                concerns_school_id: None,
                recused_seat_ids: Vec::new(),
                subject_id: Some(m.id),
            },
        )
        .await
        .map_err(|e| failed(&format!("table “{title}”"), e))?;
        for s in &office {
            let vote = VoteInput {
                choice: Some(VoteChoice::For.as_str().into()),
            };
            votes::cast(
                state,
                &p.seat_holder(s.person_id),
                motion.id,
                s.seat_id,
                vote,
            )
            .await
            .map_err(|e| failed(&format!("vote on “{title}”"), e))?;
        }
        let closed = close::close(state, &p.chair, motion.id, None, CloseInput::default())
            .await
            .map_err(|e| failed(&format!("close “{title}”"), e))?;
        if closed.outcome != Some(MotionOutcome::Adopted) {
            return Err(format!(
                "the office meeting of {} did not pass “{title}” ({:?}); have the county's rule \
                 settings been changed?",
                p.group_code,
                closed.outcome.map(|o| o.as_str())
            ));
        }
    }
    meetings::close(state, &p.chair, convened.id, None)
        .await
        .map_err(|e| failed("close the office meeting", e))?;
    Ok(())
}

/// The appointer appoints today (China Standard Time, as the service dates documents); a post
/// that needs filing is then filed by the bureau the same day.
async fn appoint(state: &AppState, p: &Place, m: &Made<'_>) -> Result<(), String> {
    let path = path_of(m.spec.post).ok_or("a principal is never nominated")?;
    let day = crate::service::cadres::today();
    let year = day.year();
    let county = COUNTIES
        .iter()
        .find(|c| c.code == p.county)
        .map_or("县", |c| c.name);
    let (caller, reference) = match path.appointer {
        Appointer::CountyBureau => (&p.bureau, format!("{county}教任〔{year}〕1号")),
        Appointer::MemberSchool => (&p.own, format!("{}任〔{year}〕1号", p.school_name)),
    };
    let input = AppointmentInput {
        decision: None,
        appointment_ref: Some(reference),
        appointed_on: Some(day),
        note: None,
    };
    appoint::appoint(state, caller, m.id, None, input)
        .await
        .map_err(|e| failed("the appointer appoints", e))?;
    if path.filing {
        let input = FilingInput {
            filing_ref: Some(format!("{county}组干备〔{year}〕1号")),
            filed_on: Some(day),
        };
        appoint::file(state, &p.bureau, m.id, None, input)
            .await
            .map_err(|e| failed("the bureau records the filing", e))?;
    }
    Ok(())
}
