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

/**
 * The context of a use case acting for the system itself (reading across scopes for something the caller
 * may already see, or seeding), keeping the caller's address and clock. `name` says which system part acts.
 */
export function systemContext(ctx: Pick<Ctx, "ip" | "now">, name: string): Ctx {
  return {
    ip: ctx.ip,
    now: ctx.now,
    actor: {
      userId: "00000000-0000-0000-0000-000000000000",
      username: `system:${name}`,
      displayName: `system:${name}`,
      role: "admin",
      regionCode: null,
      enterpriseId: null,
      mustChangePassword: false,
      via: { kind: "token", tokenId: `system:${name}` },
    },
  };
}
