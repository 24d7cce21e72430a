//! The words of meetings that the domain's group vocabulary does not have yet: kinds of
//! meeting, ballots, and the states a meeting and a motion move through.

use crate::vocab_enum;

vocab_enum! {
    /// §2.3.2: "理事会会议分定期会议和临时会议".
    pub enum MeetingKind ("meeting_kind") {
        Regular = ("regular", "定期会议", "regular meeting"),
        Extraordinary = ("extraordinary", "临时会议", "extraordinary meeting"),
    }
}

vocab_enum! {
    /// How seat holders vote on a motion: by name (the minutes carry the roll call) or secretly
    /// (only the tally is ever kept).
    pub enum Ballot ("ballot") {
        Open = ("open", "记名表决", "open ballot"),
        Secret = ("secret", "无记名投票", "secret ballot"),
    }
}

vocab_enum! {
    /// A meeting is convened until the chair closes it; attendance and motions change only
    /// while it is convened.
    pub enum MeetingStatus ("meeting_status") {
        Convened = ("convened", "已召集", "convened"),
        Closed = ("closed", "已闭会", "closed"),
    }
}

vocab_enum! {
    /// A motion is open for votes until the chair closes or defers it.
    pub enum MotionStatus ("motion_status") {
        Open = ("open", "表决中", "open"),
        Closed = ("closed", "表决结束", "closed"),
        Deferred = ("deferred", "暂缓表决", "deferred"),
    }
}

vocab_enum! {
    /// The chair's decision on an office-meeting motion where the charter has the chair decide
    /// after hearing the members.
    pub enum ChairDecision ("chair_decision") {
        Adopt = ("adopt", "决定通过", "adopt"),
        Reject = ("reject", "决定不通过", "reject"),
    }
}
