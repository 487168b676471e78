import type { Role } from "../../../domain/access/roles.js";

/** Who is calling: a signed-in user (cookie session) or a machine client acting as its owner (API token). */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string | null;
  enterpriseId: string | null;
  mustChangePassword: boolean;
  via: { kind: "session"; sessionId: string } | { kind: "token"; tokenId: string };
};

/** What every use case receives besides its input: the actor, the client address and the clock. */
export type Ctx = { actor: Actor | null; ip: string | null; now: Date };
