//! Group funds and pooled resources (§2.3.3, §3.3): a group's yearly funds by purpose, the
//! pooled-use entries and their reversals, and the statements per member, group and county.

pub mod allocations;
pub mod entries;
pub mod statements;

use crate::http::routes::Routes;
use crate::service::funds::{allocations as a, entries as e, statements as s};

/// The operations of this area, by operationId (see `http::routes`).
pub fn operations(r: &mut Routes) {
    r.op("getGroupFunds", allocations::get);
    r.op("putGroupFunds", allocations::put);
    r.op("createFundEntry", entries::create);
    r.op("listFundEntries", entries::list);
    r.op("getFundEntry", entries::get);
    r.op("reverseFundEntry", entries::reverse);
    r.op("getSchoolFundStatement", statements::school);
    r.op("getGroupFundStatement", statements::group);
    r.op("getCountyFundStatement", statements::county);
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        allocations::get, allocations::put,
        entries::create, entries::list, entries::get, entries::reverse,
        statements::school, statements::group, statements::county,
    ),
    components(schemas(
        a::FundLineInput, a::GroupFundsInput, a::FundPurposeLine, a::GroupFunds,
        e::NewFundEntry, e::FundEntryReversalInput, e::FundEntry, e::FundEntries,
        s::FundStatementLine, s::FundTotal, s::SchoolFundStatement, s::GroupFundStatement,
        s::CountyFundGroup, s::CountyFundStatement,
        crate::domain::funds::FundPurpose, crate::domain::funds::FundEntryKind,
        crate::domain::funds::FundEntrySource, crate::domain::funds::FundQuantityUnit,
    )),
    tags((name = "funds", description = "Group funds and pooled resources: the county's yearly funds to a group by purpose, spent only on that purpose (FUNDS-PURPOSE, §3.3), and the append-only entries showing every pooled use of a member's people, goods and money in the account bearing it, with the statements per member, group and county (ACCOUNTS-INDEPENDENT, §2.3.3)"))
)]
pub struct FundsDoc;
