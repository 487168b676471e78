import type { ApiTokenCreate } from "../../../domain/auth/auth.dto.js";
import type { PageQuery } from "../../../domain/common/page.js";
import { writeAudit } from "../../kernel/audit/audit.js";
import type { Ctx } from "../../kernel/auth/actor.js";
import { newSecret, sha256 } from "../../kernel/auth/secrets.js";
import { type Db, withTx } from "../../kernel/db/db.js";
import { AppError, fieldError, notFound } from "../../kernel/http/errors.js";
import { tokenEntity, userEntity } from "./accounts.messages.js";
import { presentToken } from "./accounts.present.js";
import * as repo from "./accounts.repo.js";

export const tokenPrefix = "rl_";

/** Creates a token acting as `userId`; the secret is returned once and only its hash is kept. */
export async function createApiToken(db: Db, ctx: Ctx, input: ApiTokenCreate) {
  const owner = await repo.findUserById(db, input.userId);
  if (!owner) throw notFound(userEntity);
  if (owner.status !== "active") throw new AppError(409, "tokens.user_inactive");
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= ctx.now) throw fieldError("expiresAt", "tokens.expiry_past");
  const secret = newSecret(tokenPrefix);
  const row = await withTx(db, async (tx) => {
    const t = await repo.insertToken(tx, {
      userId: owner.id,
      name: input.name,
      tokenHash: sha256(secret),
      prefix: secret.slice(0, tokenPrefix.length + 6),
      createdBy: ctx.actor?.userId ?? null,
      createdAt: ctx.now,
      expiresAt,
    });
    await writeAudit(tx, ctx, {
      action: "token.created",
      entityType: "api_token",
      entityId: t.id,
      regionCode: owner.regionCode,
      after: { name: t.name, userId: owner.id, prefix: t.prefix, expiresAt },
    });
    return t;
  });
  return { token: presentToken(row, owner.username), secret };
}

export async function listApiTokens(db: Db, q: PageQuery) {
  const { items, total } = await repo.listTokens(db, q);
  return { items: items.map((r) => presentToken(r.token, r.username)), total, page: q.page, pageSize: q.pageSize };
}

export async function revokeApiToken(db: Db, ctx: Ctx, id: string) {
  const found = await repo.findToken(db, id);
  if (!found) throw notFound(tokenEntity);
  if (found.token.revokedAt) return presentToken(found.token, found.username);
  const row = await withTx(db, async (tx) => {
    const t = await repo.revokeToken(tx, id, ctx.now);
    if (!t) return found.token;
    await writeAudit(tx, ctx, {
      action: "token.revoked",
      entityType: "api_token",
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: t.revokedAt },
    });
    return t;
  });
  return presentToken(row, found.username);
}
