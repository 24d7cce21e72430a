//! The vocabulary of a group's life after establishment (§2.4.4), re-exported by `life`.

use crate::vocab_enum;

vocab_enum! {
    /// A membership's status. A bureau assignment is `active` at once; a join by agreement is
    /// `prospective` until the bureau confirms it (§2.1.1 "由县（市）教育行政部门安排其通过……签订
    /// 协议的形式加入"): it holds its place (GRP-TIGHT-SIZE, GRP-ONE-MEMBERSHIP) but is no member
    /// yet. `ended` is final (`left_on`, `exit_reason`).
    pub enum MembershipStatus ("membership_status") {
        Prospective = ("prospective", "拟加入", "prospective"),
        Active = ("active", "在册成员", "active"),
        Ended = ("ended", "已退出", "ended"),
    }
}

vocab_enum! {
    /// Why a membership ended (§2.4.4), as asked for through an exit. `converted_to_collaborative`
    /// is the exception: approved, the membership stays current on collaborative terms.
    pub enum ExitReason ("exit_reason") {
        Withdrawn = ("withdrawn", "申请退出集团", "withdrawn"),
        GraduatedIndependent = ("graduated_independent", "成长考核期满，脱离紧密型集团独立办学", "left to run independently after the growth period"),
        ConvertedToCollaborative = ("converted_to_collaborative", "成长考核期满，转为协作型成员", "converted to a collaborative member after the growth period"),
        SpunOff = ("spun_off", "另行组建教育集团", "spun off to lead its own group"),
        Revoked = ("revoked", "取消成员资格", "membership revoked"),
        Dissolved = ("dissolved", "集团解散", "the group was dissolved"),
        AgreementNotConfirmed = ("agreement_not_confirmed", "加入协议未获教育局确认", "the bureau did not confirm the agreement"),
    }
}

vocab_enum! {
    /// What a group or member asks the bureau to approve (核准).
    pub enum ApplicationKind ("application_kind") {
        Withdraw = ("withdraw", "申请退出集团", "withdraw from the group"),
        GraduateIndependent = ("graduate_independent", "申请脱离紧密型集团独立办学", "leave to run independently"),
        ConvertToCollaborative = ("convert_to_collaborative", "申请转为协作型成员", "stay as a collaborative member"),
        SpinOff = ("spin_off", "申请另行组建教育集团", "form its own group"),
    }
}

vocab_enum! {
    /// An application is submitted until the bureau decides it or the applicant withdraws it.
    pub enum ApplicationStatus ("application_status") {
        Submitted = ("submitted", "已提交待核准", "submitted"),
        Approved = ("approved", "已核准", "approved"),
        Rejected = ("rejected", "未予核准", "rejected"),
        Cancelled = ("cancelled", "已撤回", "cancelled"),
    }
}

vocab_enum! {
    /// A rectification order (整改通知): issued by the bureau, answered by the member, and closed
    /// by the bureau's decision on it: `resolved` once the member has rectified, `not_rectified`
    /// when it finds the member has not (整改不到位, with its reasons: a ground for REVOKE). Both
    /// are final. Overdue is derived, never stored.
    pub enum RectificationStatus ("rectification_status") {
        Issued = ("issued", "已下达整改通知", "issued"),
        Responded = ("responded", "已报送整改情况", "responded"),
        Resolved = ("resolved", "已整改到位", "resolved"),
        NotRectified = ("not_rectified", "整改不到位", "not rectified"),
    }
}

impl RectificationStatus {
    /// Whether the bureau has closed the order (resolved, or found it not rectified): nothing
    /// about it changes any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RectificationStatus::Resolved | RectificationStatus::NotRectified
        )
    }
}

impl ExitReason {
    /// The application a reason needs; `None` for acts of the bureau alone.
    pub fn application_kind(&self) -> Option<ApplicationKind> {
        match self {
            ExitReason::Withdrawn => Some(ApplicationKind::Withdraw),
            ExitReason::GraduatedIndependent => Some(ApplicationKind::GraduateIndependent),
            ExitReason::ConvertedToCollaborative => Some(ApplicationKind::ConvertToCollaborative),
            ExitReason::SpunOff => Some(ApplicationKind::SpinOff),
            ExitReason::Revoked | ExitReason::Dissolved | ExitReason::AgreementNotConfirmed => None,
        }
    }
}

impl ApplicationKind {
    pub fn exit_reason(&self) -> ExitReason {
        match self {
            ApplicationKind::Withdraw => ExitReason::Withdrawn,
            ApplicationKind::GraduateIndependent => ExitReason::GraduatedIndependent,
            ApplicationKind::ConvertToCollaborative => ExitReason::ConvertedToCollaborative,
            ApplicationKind::SpinOff => ExitReason::SpunOff,
        }
    }
}
