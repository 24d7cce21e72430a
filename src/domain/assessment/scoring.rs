//! Scores, totals and grades. A raw score is kept in tenths of a point (`82` is 8.2) so that
//! totals are recomputed exactly; an indicator contributes `score / max_score × weight`, and a
//! level's total (0–100) is the sum over its indicators, rounded to hundredths.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::framework::Indicator;
use super::Grade;
use crate::domain::rules::Msg;

/// The county's grade cut-offs (settings): a total at or above `excellent_min` is excellent,
/// and so on; below `pass_min` fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Cutoffs {
    pub excellent_min: u32,
    pub good_min: u32,
    pub pass_min: u32,
}

impl Default for Cutoffs {
    fn default() -> Self {
        Self {
            excellent_min: 90,
            good_min: 75,
            pass_min: 60,
        }
    }
}

impl Cutoffs {
    pub fn validate(&self) -> Result<(), Msg> {
        if self.pass_min == 0
            || self.pass_min >= self.good_min
            || self.good_min >= self.excellent_min
            || self.excellent_min > 100
        {
            return Err(Msg::new(
                format!(
                    "等次分数线须满足 0 < 合格 {} < 良好 {} < 优秀 {} ≤ 100",
                    self.pass_min, self.good_min, self.excellent_min
                ),
                format!(
                    "the cut-offs must satisfy 0 < pass {} < good {} < excellent {} <= 100",
                    self.pass_min, self.good_min, self.excellent_min
                ),
            ));
        }
        Ok(())
    }

    pub fn grade(&self, total: f64) -> Grade {
        if total >= f64::from(self.excellent_min) {
            Grade::Excellent
        } else if total >= f64::from(self.good_min) {
            Grade::Good
        } else if total >= f64::from(self.pass_min) {
            Grade::Pass
        } else {
            Grade::Fail
        }
    }
}

/// A score given as a number with at most one decimal, in tenths; `None` when it has more
/// decimals, is negative or is not finite.
pub fn tenths(score: f64) -> Option<i32> {
    if !score.is_finite() || !(0.0..=100_000.0).contains(&score) {
        return None;
    }
    let t = (score * 10.0).round();
    if (t - score * 10.0).abs() > 1e-6 {
        return None;
    }
    Some(t as i32)
}

/// Tenths back to the number the API shows.
pub fn points(tenths: i32) -> f64 {
    f64::from(tenths) / 10.0
}

/// Rounded to hundredths.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// What one indicator's score adds to its level's total.
pub fn contribution(i: &Indicator, score_tenths: i32) -> f64 {
    if i.max_score == 0 {
        return 0.0;
    }
    f64::from(score_tenths) / (f64::from(i.max_score) * 10.0) * f64::from(i.weight)
}

/// A level's total from its indicators' scores; `None` while one is unscored.
pub fn total<'a>(scored: impl Iterator<Item = (&'a Indicator, Option<i32>)>) -> Option<f64> {
    let mut sum = 0.0;
    for (i, s) in scored {
        sum += contribution(i, s?);
    }
    Some(round2(sum))
}

/// Full marks scaled by `numerator / denominator` (capped at 1), in tenths, rounded half up;
/// a zero denominator means the measure does not apply and earns full marks.
pub fn scaled(max_score: u32, numerator: u64, denominator: u64) -> i32 {
    let full = u64::from(max_score) * 10;
    if denominator == 0 {
        return i32::try_from(full).unwrap_or(i32::MAX);
    }
    let n = numerator.min(denominator);
    let t = (2 * n * full + denominator) / (2 * denominator);
    i32::try_from(t.min(full)).unwrap_or(i32::MAX)
}
