// A small strict client, typed only by what openapi-typescript generates from
// openapi/openapi.json: it lists the groups of a bureau's dashboard and reads one. `.ci/contract`
// compiles it with `tsc --strict`; if the document's operations, enums or schemas stop saying what
// the server speaks, this stops compiling.
import type { components, operations, paths } from "./schema";

type Schemas = components["schemas"];
type ListGroups = paths["/api/v1/groups"]["get"];
type GroupPage = ListGroups["responses"][200]["content"]["application/json"];
type GroupQuery = NonNullable<ListGroups["parameters"]["query"]>;
type Group = operations["getGroup"]["responses"][200]["content"]["application/json"];
type Problem = Schemas["Problem"];

// Enums are the server's snake_case codes, not Rust variant names.
const established: Schemas["GroupStatus"] = "established";
const actions: Schemas["GroupAction"][] = ["add_member", "put_charter"];
const sort: NonNullable<GroupQuery["sort"]> = "-name";

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
  }
}

async function call<T>(base: string, token: string, path: string): Promise<T> {
  const r = await fetch(`${base}${path}`, {
    headers: { Authorization: `Bearer ${token}`, "Accept-Language": "en" },
  });
  if (!r.ok) {
    throw new ApiError((await r.json()) as Problem);
  }
  return (await r.json()) as T;
}

export async function listGroups(base: string, token: string, q: GroupQuery): Promise<GroupPage> {
  const params = new URLSearchParams();
  for (const s of q.status ?? []) params.append("status", s);
  for (const k of q.kind ?? []) params.append("kind", k);
  if (q.county !== undefined) params.set("county", q.county);
  if (q.q !== undefined) params.set("q", q.q);
  if (q.sort !== undefined) params.set("sort", q.sort);
  if (q.count !== undefined) params.set("count", String(q.count));
  if (q.limit !== undefined) params.set("limit", String(q.limit));
  if (q.cursor !== undefined) params.set("cursor", q.cursor);
  return call<GroupPage>(base, token, `/api/v1/groups?${params}`);
}

export async function getGroup(base: string, token: string, id: number): Promise<Group> {
  return call<Group>(base, token, `/api/v1/groups/${id}`);
}

/// One row of the bureau's dashboard per group, from a single list request.
export interface DashboardRow {
  code: string;
  core: string;
  members: number;
  status: Schemas["GroupStatus"];
  canAddMember: boolean;
}

export async function dashboard(base: string, token: string): Promise<DashboardRow[]> {
  const page = await listGroups(base, token, { status: [established, "preparing"], sort, count: true });
  const total: number | null | undefined = page.total;
  void total;
  return page.items.map((g) => ({
    code: g.code,
    core: g.core_school.name,
    members: g.member_count,
    status: g.status,
    canAddMember: g.allowed_actions.includes("add_member") && actions.length > 0,
  }));
}

export async function firstGroupMembers(base: string, token: string): Promise<string[]> {
  const page = await listGroups(base, token, { limit: 1 });
  const first = page.items[0];
  if (first === undefined) return [];
  const g = await getGroup(base, token, first.id);
  const kind: Schemas["GroupKind"] = g.kind;
  void kind;
  return g.members.filter((m) => m.status === "active").map((m) => `${m.school.code} ${m.school.name}`);
}
