//! Walks one demo group through the formation workflow with the services the HTTP handlers call,
//! each step taken by the caller DOMAIN.md gives it (the bureau, the core's administrator as
//! chair, the seat holders, the county leading group), so every rule applies to the demo as to
//! a request. The registry rows come from the registry demo (by school code and ID number).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Timelike, Utc};

use super::plan::{
    basis_of, charter_sections, choices, plan_text, principal, CouncilPlan, GroupPlan, MeetingSpec,
    MotionSpec, ParentAt, PersonAt, Phase, Turnout,
};
use crate::domain::auth::{Principal, Role};
use crate::domain::council::{Attendance, Body, MotionOutcome, MotionType, SeatCategory};
use crate::domain::groups::{GroupKind, GroupStatus, JoinBasis};
use crate::error::ApiError;
use crate::repo::registry::{persons, schools};
use crate::service::council::attendance::{self, AttendanceInput, AttendanceItem};
use crate::service::council::close::{self, CloseInput};
use crate::service::council::meetings::{self, NewMeeting};
use crate::service::council::motions::{self, NewMotion};
use crate::service::council::resolutions::{self, ResolutionQuery};
use crate::service::council::votes::{self, VoteInput};
use crate::service::groups::bodies::{self, NewInternalBody};
use crate::service::groups::charter::{self, CharterDraft};
use crate::service::groups::confirmation;
use crate::service::groups::council::{self, Council, CouncilElection, OfficeInput, SeatInput};
use crate::service::groups::formation::{
    self, DossierSubmission, PlanSubmission, Review, ReviewDecision,
};
use crate::service::groups::group::{self, NewGroup};
use crate::service::groups::members::{self, NewMember};
use crate::service::life::decisions::{DecisionInput, Verdict};
use crate::service::page::PageQuery;
use crate::service::registry::persons::{self as person_svc, PersonPatch};
use crate::service::registry::schools::{self as school_svc, SchoolPatch};
use crate::service::{AppState, Ctx, IfMatch};

/// What seeding one group made.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    pub established: bool,
    pub meetings: usize,
    pub resolutions: usize,
    /// Internal bodies founded.
    pub bodies: usize,
}

/// The step that failed and the service's refusal, as the command prints it.
pub(crate) fn failed(step: &str, e: ApiError) -> String {
    let code = e.code.as_deref().unwrap_or(e.kind.spec().code).to_string();
    let mut out = format!("{step}: {code}: {}", e.detail.en);
    for f in &e.errors {
        out.push_str(&format!(" [{}: {}]", f.field, f.message.en));
    }
    out
}

/// A synthetic caller of the services: `sub` in `role`, of `county` (and `school`).
pub(crate) fn ctx(sub: String, role: Role, county: &str, school: Option<i64>) -> Ctx {
    Ctx {
        principal: Principal {
            sub,
            role,
            county: Some(county.to_string()),
            school,
            jti: "seed-demo".into(),
            expires_at: Utc::now().timestamp() + 3600,
        },
        request_id: "seed-demo".into(),
    }
}

/// The callers of one group's steps.
struct Callers {
    county: &'static str,
    bureau: Ctx,
    leading_group: Ctx,
    chair: Ctx,
}

impl Callers {
    /// A seat holder: a `council_member` whose `sub` is its person id.
    fn seat_holder(&self, person_id: i64) -> Ctx {
        ctx(
            person_id.to_string(),
            Role::CouncilMember,
            self.county,
            None,
        )
    }
}

/// The registry ids of the group's schools and of the persons it needs.
struct Ids {
    schools: Vec<i64>,
    persons: HashMap<PersonAt, i64>,
    parents: HashMap<ParentAt, i64>,
}

impl Ids {
    fn school(&self, i: usize) -> Result<i64, String> {
        self.schools
            .get(i)
            .copied()
            .ok_or_else(|| format!("no school #{i} in the group"))
    }

    fn person(&self, at: PersonAt) -> Result<i64, String> {
        self.persons
            .get(&at)
            .copied()
            .ok_or_else(|| format!("no person {at:?} looked up"))
    }

    fn parent(&self, at: ParentAt) -> Result<i64, String> {
        self.parents
            .get(&at)
            .copied()
            .ok_or_else(|| format!("no parent {at:?} looked up"))
    }
}

/// Finds the group's schools and the persons it needs (principals, council seats) among the
/// registry demo's rows.
async fn look_up(state: &AppState, g: &GroupPlan<'_>) -> Result<Ids, String> {
    let codes: Vec<String> = g.schools.iter().map(|s| s.fields.code.clone()).collect();
    let mut wanted: Vec<(PersonAt, String)> = Vec::new();
    for (i, s) in g.schools.iter().enumerate() {
        if let Some(p) = principal(s) {
            let at = PersonAt {
                school: i,
                staff: p,
            };
            wanted.push((at, s.staff[p].id_number.clone()));
        }
    }
    let mut parents: Vec<(ParentAt, String)> = Vec::new();
    if let Some(c) = &g.council {
        for at in c
            .seats
            .iter()
            .map(|(at, _)| *at)
            .chain(c.appoint.iter().map(|(at, _)| *at))
        {
            if let Some(p) = g.person(at) {
                wanted.push((at, p.id_number.clone()));
            }
        }
        if let Some(p) = g.parent(c.parent) {
            parents.push((c.parent, p.id_number.clone()));
        }
    }
    let county = g.spec.county_code().to_string();
    state
        .db
        .read(move |conn| {
            let mut school_ids = Vec::new();
            for code in &codes {
                match schools::find_by_code(conn, code)? {
                    Some(s) if s.county_code == county => school_ids.push(s.id),
                    _ => {
                        return Err(ApiError::conflict(
                            format!("示例学校 {code} 不在登记库中。"),
                            format!("The demo school {code} is not in the registry."),
                        ))
                    }
                }
            }
            let mut person_ids = HashMap::new();
            for (at, number) in &wanted {
                let school = school_ids.get(at.school).copied();
                match persons::find_by_id_number(conn, number)? {
                    Some(p) if Some(p.school_id) == school => {
                        person_ids.insert(*at, p.id);
                    }
                    _ => {
                        return Err(ApiError::conflict(
                            "示例人员不在其学校的登记中。",
                            format!(
                                "A demo person of school {} is no longer on its staff.",
                                codes.get(at.school).map_or("?", String::as_str)
                            ),
                        ))
                    }
                }
            }
            let mut parent_ids = HashMap::new();
            for (at, number) in &parents {
                let school = school_ids.get(at.school).copied();
                match persons::find_by_id_number(conn, number)? {
                    Some(p) if Some(p.school_id) == school => {
                        parent_ids.insert(*at, p.id);
                    }
                    _ => {
                        return Err(ApiError::conflict(
                            "示例家长不在其学校的登记中。",
                            "A demo parent is no longer on the registry of the pupil's school.",
                        ))
                    }
                }
            }
            Ok(Ids {
                schools: school_ids,
                persons: person_ids,
                parents: parent_ids,
            })
        })
        .await
        .map_err(|e| failed("look up the demo schools and persons", e))
}

fn review(decision: ReviewDecision, reason: Option<&str>) -> Review {
    Review {
        decision,
        reason: reason.map(str::to_string),
    }
}

/// The day agreements are dated: the day the demo's newest schools opened (2026-09-01), or today
/// if the clock is behind it (a signing date may not be in the future).
fn signing_day() -> NaiveDate {
    let today = crate::domain::clock::today();
    NaiveDate::from_ymd_opt(2026, 9, 1).map_or(today, |d| d.min(today))
}

fn charter_draft(g: &GroupPlan, revised: bool) -> CharterDraft {
    let sections: BTreeMap<String, String> = charter_sections(g, revised)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    CharterDraft {
        sections: Some(sections),
        procedure: None,
    }
}

/// Seeds one group from nothing to its target status.
pub async fn group(state: &AppState, g: &GroupPlan<'_>) -> Result<Made, String> {
    let spec = g.spec;
    let county = spec.county_code();
    let ids = look_up(state, g).await?;
    let core_id = ids.school(0)?;
    let who = Callers {
        county,
        bureau: ctx(
            format!("demo-bureau-{county}"),
            Role::CountyBureau,
            county,
            None,
        ),
        leading_group: ctx(
            format!("demo-leading-group-{county}"),
            Role::CountyLeadingGroup,
            county,
            None,
        ),
        chair: ctx(
            format!("demo-principal-{}", g.core().fields.code),
            Role::SchoolAdmin,
            county,
            Some(core_id),
        ),
    };
    let mut made = Made::default();

    // §2.3.1 step 1: the bureau authorises the core.
    let created = group::create(
        state,
        &who.bureau,
        NewGroup {
            name: Some(g.name.clone()),
            kind: Some(spec.kind.as_str().into()),
            pattern: Some(spec.pattern.as_str().into()),
            core_school_id: Some(core_id),
            code: Some(g.code.clone()),
        },
    )
    .await
    .map_err(|e| failed("authorise the core", e))?;
    let id = created.id;

    // Step 2: the plan, returned once where the spec says so.
    if !spec.reaches(GroupStatus::PlanSubmitted) {
        return Ok(made);
    }
    submit_plan(state, &who, g, id, false).await?;
    if let Some(reason) = spec.plan_returned {
        formation::review_plan(
            state,
            &who.bureau,
            id,
            None,
            review(ReviewDecision::Return, Some(reason)),
        )
        .await
        .map_err(|e| failed("return the plan", e))?;
        submit_plan(state, &who, g, id, true).await?;
    }
    if !spec.has_members() {
        return Ok(made);
    }
    formation::review_plan(
        state,
        &who.bureau,
        id,
        None,
        review(ReviewDecision::Approve, None),
    )
    .await
    .map_err(|e| failed("approve the plan", e))?;

    // Step 3: members, charter draft, council.
    join_members(state, &who, g, &ids, id).await?;
    charter::put(state, &who.chair, id, None, charter_draft(g, false))
        .await
        .map_err(|e| failed("draft the charter", e))?;
    let council = match &g.council {
        Some(plan) => Some(elect(state, &who, g, &ids, id, plan).await?),
        None => None,
    };
    if let Some(c) = &council {
        for m in spec.meetings.iter().filter(|m| m.phase == Phase::Preparing) {
            made.resolutions += meeting(state, &who, g, id, c, m).await?;
            made.meetings += 1;
        }
    }

    // Step 4: the dossier, the bureau's review and the leading group's approval.
    if !spec.reaches(GroupStatus::DossierSubmitted) {
        return Ok(made);
    }
    let note = DossierSubmission {
        note: Some(
            "组建材料齐备：集团办学协议、理事会成员名单、经理事会表决通过的集团章程草案。".into(),
        ),
    };
    formation::submit_dossier(state, &who.chair, id, None, note.clone())
        .await
        .map_err(|e| failed("submit the dossier", e))?;
    if let Some(reason) = spec.dossier_returned {
        formation::review_dossier(
            state,
            &who.bureau,
            id,
            None,
            review(ReviewDecision::Return, Some(reason)),
        )
        .await
        .map_err(|e| failed("return the dossier", e))?;
        let again = DossierSubmission {
            note: Some("已补充成员学校教职工大会意见，请审核。".into()),
        };
        formation::submit_dossier(state, &who.chair, id, None, again)
            .await
            .map_err(|e| failed("submit the dossier again", e))?;
    }
    if !spec.reaches(GroupStatus::BureauReviewed) {
        return Ok(made);
    }
    formation::review_dossier(
        state,
        &who.bureau,
        id,
        None,
        review(ReviewDecision::Approve, None),
    )
    .await
    .map_err(|e| failed("review the dossier", e))?;
    if !spec.reaches(GroupStatus::Established) {
        return Ok(made);
    }
    let done = formation::approve_dossier(
        state,
        &who.leading_group,
        id,
        None,
        review(ReviewDecision::Approve, None),
    )
    .await
    .map_err(|e| failed("approve the establishment", e))?;
    made.established = done.status == GroupStatus::Established;

    // Later business of the established group.
    if let Some(c) = &council {
        for m in spec
            .meetings
            .iter()
            .filter(|m| m.phase == Phase::Established)
        {
            made.resolutions += meeting(state, &who, g, id, c, m).await?;
            made.meetings += 1;
        }
        if let Some(plan) = &g.council {
            made.resolutions += meeting(state, &who, g, id, c, &FOUND_BODIES).await?;
            made.meetings += 1;
            made.bodies = found_bodies(state, &who, &ids, id, plan).await?;
        }
    }
    Ok(made)
}

/// The council resolves to found the group's internal bodies (INTERNAL-BODIES), once it is
/// established.
const FOUND_BODIES: MeetingSpec = MeetingSpec {
    phase: Phase::Established,
    body: Body::Council,
    agenda: "审议设立集团学生发展中心、教师发展中心、质量监控中心",
    turnout: Turnout::All,
    revise_charter: false,
    motions: &[MotionSpec {
        title: "关于设立集团学生发展中心、教师发展中心、质量监控中心的决议",
        motion_type: MotionType::InternalBody,
        secret: false,
        against: 0,
        abstain: 0,
        expect: MotionOutcome::Adopted,
    }],
};

/// The chair founds the bodies on the council's resolution, each headed by a cadre of the core;
/// their heads join the office meeting.
async fn found_bodies(
    state: &AppState,
    who: &Callers,
    ids: &Ids,
    id: i64,
    plan: &CouncilPlan,
) -> Result<usize, String> {
    let q = ResolutionQuery {
        motion_type: vec![MotionType::InternalBody],
        year: None,
    };
    let page = resolutions::list(state, &who.chair, id, q, PageQuery::default())
        .await
        .map_err(|e| failed("find the resolution founding the bodies", e))?;
    let founding = page
        .items
        .last()
        .ok_or("the council adopted no resolution on internal bodies")?
        .id;
    for (kind, head) in &plan.bodies {
        bodies::create(
            state,
            &who.chair,
            id,
            NewInternalBody {
                kind: Some(kind.as_str().into()),
                name: None,
                head_person_id: Some(ids.person(*head)?),
                founding_resolution_id: Some(founding),
            },
        )
        .await
        .map_err(|e| failed(&format!("found the {}", kind.label_en()), e))?;
    }
    Ok(plan.bodies.len())
}

async fn submit_plan(
    state: &AppState,
    who: &Callers,
    g: &GroupPlan<'_>,
    id: i64,
    revised: bool,
) -> Result<(), String> {
    let input = PlanSubmission {
        plan_text: Some(plan_text(g, revised)),
    };
    formation::submit_plan(state, &who.chair, id, None, input)
        .await
        .map(|_| ())
        .map_err(|e| {
            failed(
                if revised {
                    "resubmit the plan"
                } else {
                    "submit the plan"
                },
                e,
            )
        })
}

/// Each member joins: a tight member's legal representative becomes the core's first
/// (GRP-TIGHT-LEGAL-REP), and its principal stays on as executive principal. The bureau assigns,
/// or the chair records an agreement and the bureau confirms it.
async fn join_members(
    state: &AppState,
    who: &Callers,
    g: &GroupPlan<'_>,
    ids: &Ids,
    id: i64,
) -> Result<(), String> {
    let core_rep = principal(g.core())
        .map(|staff| PersonAt { school: 0, staff })
        .ok_or("the core has no principal")?;
    let core_rep = ids.person(core_rep)?;
    let mut agreements = 0;
    for (i, m) in g.members() {
        let school_id = ids.school(i)?;
        let own_principal = principal(m)
            .map(|staff| PersonAt { school: i, staff })
            .ok_or_else(|| format!("{} has no principal", m.fields.name))?;
        let executive_principal = match g.spec.kind {
            GroupKind::Tight => {
                let s = school_svc::get(state, &who.bureau, school_id)
                    .await
                    .map_err(|e| failed("read a member school", e))?;
                if s.legal_representative_id != Some(core_rep) {
                    let patch = SchoolPatch {
                        legal_representative_id: Some(Some(core_rep)),
                        ..SchoolPatch::default()
                    };
                    school_svc::update(
                        state,
                        &who.bureau,
                        school_id,
                        IfMatch::Versions(vec![s.version]),
                        patch,
                    )
                    .await
                    .map_err(|e| failed("make the core's legal representative the member's", e))?;
                }
                Some(ids.person(own_principal)?)
            }
            GroupKind::Collaborative => None,
        };
        let basis = basis_of(m);
        let (caller, signed_on, agreement_ref) = match basis {
            JoinBasis::BureauAssignment => (&who.bureau, None, None),
            JoinBasis::SignedAgreement => {
                agreements += 1;
                let day = signing_day();
                let reference = format!(
                    "{}集团协议〔{}〕{}号",
                    g.core().fields.name,
                    chrono::Datelike::year(&day),
                    agreements
                );
                (&who.chair, Some(day), Some(reference))
            }
        };
        members::add(
            state,
            caller,
            id,
            None,
            NewMember {
                school_id: Some(school_id),
                basis: Some(basis.as_str().into()),
                signed_on,
                agreement_ref,
                executive_principal_id: executive_principal,
            },
        )
        .await
        .map_err(|e| failed(&format!("{} joins", m.fields.name), e))?;
        // An agreement takes effect when the bureau arranges it (§2.1.1): it confirms.
        if basis == JoinBasis::SignedAgreement {
            let input = DecisionInput {
                decision: Verdict::Approve,
                note: Some("经县教育局研究，同意该校按协议加入集团。".into()),
            };
            confirmation::confirm(state, &who.bureau, id, school_id, None, input)
                .await
                .map_err(|e| failed(&format!("the bureau confirms {}", m.fields.name), e))?;
        }
    }
    Ok(())
}

/// The core elects its council and office meeting; where the core has no cadre, the bureau first
/// records a teacher's appointment as middle cadre.
async fn elect(
    state: &AppState,
    who: &Callers,
    g: &GroupPlan<'_>,
    ids: &Ids,
    id: i64,
    plan: &CouncilPlan,
) -> Result<Council, String> {
    for (at, post) in &plan.appoint {
        let person = ids.person(*at)?;
        let p = person_svc::get(state, &who.bureau, person)
            .await
            .map_err(|e| failed("read the teacher to appoint", e))?;
        let patch = PersonPatch {
            cadre_post: Some(Some(post.as_str().into())),
            ..PersonPatch::default()
        };
        person_svc::update(
            state,
            &who.bureau,
            person,
            IfMatch::Versions(vec![p.version]),
            patch,
        )
        .await
        .map_err(|e| failed(&format!("appoint a {} of the core", post.as_str()), e))?;
    }
    let mut seats = Vec::new();
    for (at, category) in &plan.seats {
        seats.push(SeatInput {
            person_id: ids.person(*at)?,
            school_id: ids.school(at.school)?,
            category: category.as_str().into(),
        });
    }
    seats.push(SeatInput {
        person_id: ids.parent(plan.parent)?,
        school_id: ids.school(plan.parent.school)?,
        category: SeatCategory::ParentRepresentative.as_str().into(),
    });
    let mut office = Vec::new();
    for (at, role) in &plan.office {
        office.push(OfficeInput {
            person_id: ids.person(*at)?,
            role: role.as_str().into(),
        });
    }
    let chair = plan.seats.first().ok_or("a council without seats")?.0;
    council::elect(
        state,
        &who.chair,
        id,
        None,
        CouncilElection {
            chair_person_id: Some(ids.person(chair)?),
            seats: Some(seats),
            office: Some(office),
        },
    )
    .await
    .map_err(|e| failed(&format!("elect the council of {}", g.name), e))
}

/// The chair convenes a meeting, records who came, puts each motion, the seat holders vote and
/// the chair closes the motions and the meeting. Returns the resolutions it adopted.
async fn meeting(
    state: &AppState,
    who: &Callers,
    g: &GroupPlan<'_>,
    id: i64,
    council: &Council,
    m: &MeetingSpec,
) -> Result<usize, String> {
    if m.revise_charter {
        let current = charter::get(state, &who.chair, id)
            .await
            .map_err(|e| failed("read the charter draft", e))?;
        charter::put(
            state,
            &who.chair,
            id,
            Some(IfMatch::Versions(vec![current.version])),
            charter_draft(g, true),
        )
        .await
        .map_err(|e| failed("revise the charter draft", e))?;
    }
    let seats = match m.body {
        Body::Council => &council.seats,
        Body::Office => &council.office,
    };
    let chair_seat = seats.first().ok_or("a body without seats")?;
    // Scheduled now, to the minute: members joined today, so the meeting cannot be earlier.
    let now = Utc::now();
    let scheduled_at: DateTime<Utc> = now
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let convened = meetings::convene(
        state,
        &who.chair,
        id,
        NewMeeting {
            body: Some(m.body.as_str().into()),
            kind: Some("regular".into()),
            scheduled_at: Some(scheduled_at),
            agenda: Some(m.agenda.into()),
            demand_id: None,
        },
    )
    .await
    .map_err(|e| failed("convene a meeting", e))?;
    let last = seats.len().saturating_sub(1);
    let entries = seats
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (status, proxy) = match m.turnout {
                Turnout::LastAbsent if i == last && i > 0 => (Attendance::Absent, None),
                Turnout::LastByProxy if i == last && i > 0 => {
                    (Attendance::Proxy, Some(chair_seat.seat_id))
                }
                _ => (Attendance::Present, None),
            };
            AttendanceItem {
                seat_id: Some(s.seat_id),
                status: Some(status.as_str().into()),
                proxy_seat_id: proxy,
            }
        })
        .collect();
    attendance::put(
        state,
        &who.chair,
        convened.id,
        IfMatch::Versions(vec![convened.version]),
        AttendanceInput { entries },
    )
    .await
    .map_err(|e| failed("record the attendance", e))?;
    let mut resolutions = 0;
    for spec in m.motions {
        let motion = motions::create(
            state,
            &who.chair,
            convened.id,
            NewMotion {
                title: Some(spec.title.into()),
                motion_type: Some(spec.motion_type.as_str().into()),
                ballot: Some(if spec.secret { "secret" } else { "open" }.into()),
                concerns_school_id: None,
                recused_seat_ids: Vec::new(),
                subject_id: None,
            },
        )
        .await
        .map_err(|e| failed(&format!("table “{}”", spec.title), e))?;
        let votes = choices(seats.len(), m.turnout, spec.against, spec.abstain);
        for (i, (seat, choice)) in seats.iter().zip(votes).enumerate() {
            let Some(choice) = choice else { continue };
            // A seat represented by proxy is voted by the proxy, the chair's seat holder.
            let by_proxy = m.turnout == Turnout::LastByProxy && i == last && i > 0;
            let voter = if by_proxy {
                chair_seat.person_id
            } else {
                seat.person_id
            };
            votes::cast(
                state,
                &who.seat_holder(voter),
                motion.id,
                seat.seat_id,
                VoteInput {
                    choice: Some(choice.as_str().into()),
                },
            )
            .await
            .map_err(|e| failed(&format!("vote on “{}”", spec.title), e))?;
        }
        let closed = close::close(state, &who.chair, motion.id, None, CloseInput::default())
            .await
            .map_err(|e| failed(&format!("close “{}”", spec.title), e))?;
        if closed.outcome != Some(spec.expect) {
            return Err(format!(
                "the motion “{}” of {} ended {:?}, the demo expects {}; have the county's rule \
                 settings been changed?",
                spec.title,
                g.code,
                closed.outcome.map(|o| o.as_str()),
                spec.expect.as_str()
            ));
        }
        resolutions += usize::from(closed.resolution.is_some());
    }
    meetings::close(state, &who.chair, convened.id, None)
        .await
        .map_err(|e| failed("close the meeting", e))?;
    Ok(resolutions)
}
