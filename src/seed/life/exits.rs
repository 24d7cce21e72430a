//! Exits by application (§2.4.4): the applicant files it through
//! `POST /groups/{id}/members/{school_id}/exit`, the bureau approves, rejects, or has it still in
//! its inbox.

use super::clock;
use super::look::Place;
use super::scenes::Application;
use super::LifeTally;
use crate::domain::life::{ApplicationKind, ExitReason};
use crate::seed::groups::walk::failed;
use crate::service::life::decisions::{self, DecisionInput, Verdict};
use crate::service::life::exits::{self, ExitOutcome, ExitRequest, NewGroupInput};
use crate::service::AppState;

/// Who applies: the group (its chair) for graduation and conversion ("由集团提出申请"), the member
/// itself for a withdrawal or a spin-off ("由其提出申请").
pub fn applied_by_chair(kind: ApplicationKind) -> bool {
    matches!(
        kind,
        ApplicationKind::GraduateIndependent | ApplicationKind::ConvertToCollaborative
    )
}

/// The name of the group a spun-off school asks to lead.
pub fn new_group_name(school: &str) -> String {
    format!("{school}教育集团")
}

pub async fn apply(
    state: &AppState,
    p: &Place,
    a: &Application,
    tally: &mut LifeTally,
) -> Result<(), String> {
    let kind = a
        .reason
        .application_kind()
        .ok_or_else(|| format!("{} is not applied for", a.reason.as_str()))?;
    if matches!(
        a.reason,
        ExitReason::GraduatedIndependent | ExitReason::ConvertedToCollaborative
    ) {
        clock::end_growth_period(state, p.group_id, p.school_id).await?;
    }
    let request = ExitRequest {
        reason: Some(a.reason.as_str().into()),
        note: Some(a.note.into()),
        new_group: a.new_group.map(|(kind, pattern)| NewGroupInput {
            name: Some(new_group_name(&p.school_name)),
            kind: Some(kind.as_str().into()),
            pattern: Some(pattern.as_str().into()),
        }),
    };
    let caller = if applied_by_chair(kind) {
        &p.chair
    } else {
        &p.own
    };
    let step = format!("apply: {}", kind.label_zh());
    let outcome = exits::exit(state, caller, p.group_id, p.school_id, None, request)
        .await
        .map_err(|e| failed(&step, e))?;
    let ExitOutcome::Applied(filed) = outcome else {
        return Err(format!("{step}: the service did not file an application"));
    };
    tally.applications += 1;
    let Some((verdict, note)) = a.verdict else {
        tally.open += 1;
        return Ok(());
    };
    let input = DecisionInput {
        decision: verdict,
        note: Some(note.into()),
    };
    let decided = decisions::decide(state, &p.bureau, filed.id, None, input)
        .await
        .map_err(|e| failed("the bureau decides the application", e))?;
    match verdict {
        Verdict::Approve => {
            tally.exits += 1;
            tally.spun_off += usize::from(decided.new_group_id.is_some());
        }
        Verdict::Reject => tally.rejected += 1,
    }
    Ok(())
}
