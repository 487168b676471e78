import { z } from "zod";
import { pageOf } from "../../../domain/common/page.js";
import { PasswordReset, User, UserCreate, UserListQuery, UserUpdate, VersionBody } from "../../../domain/users/user.dto.js";
import type { AppDeps } from "../../deps.js";
import { errorResponses } from "../../kernel/http/responses.js";
import type { Server } from "../../kernel/http/server.js";
import { presentUser } from "./accounts.present.js";
import { createUser, getUser, listUsers, resetPassword, setUserStatus, updateUser } from "./users.service.js";

const IdParams = z.object({ id: z.string().uuid() });

export function usersRoutes(app: Server, { db }: AppDeps) {
  app.get(
    "/api/users",
    {
      config: { permission: "users.read" },
      schema: {
        tags: ["users"],
        summary: "Users in the caller's scope",
        querystring: UserListQuery,
        response: { 200: pageOf(User), ...errorResponses },
      },
    },
    (req) => listUsers(db, req.ctx, req.query),
  );

  app.get(
    "/api/users/:id",
    {
      config: { permission: "users.read" },
      schema: { tags: ["users"], params: IdParams, response: { 200: User, ...errorResponses } },
    },
    async (req) => presentUser(await getUser(db, req.ctx, req.params.id)),
  );

  app.post(
    "/api/users",
    {
      config: { permission: "users.manage" },
      schema: {
        tags: ["users"],
        summary: "Create an account (its owner must change the password at first sign-in)",
        body: UserCreate,
        response: { 201: User, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(presentUser(await createUser(db, req.ctx, req.body))),
  );

  app.patch(
    "/api/users/:id",
    {
      config: { permission: "users.manage" },
      schema: { tags: ["users"], params: IdParams, body: UserUpdate, response: { 200: User, ...errorResponses } },
    },
    async (req) => presentUser(await updateUser(db, req.ctx, req.params.id, req.body)),
  );

  for (const action of ["disable", "enable"] as const) {
    app.post(
      `/api/users/:id/${action}`,
      {
        config: { permission: "users.manage" },
        schema: {
          tags: ["users"],
          summary: `${action} an account (version-guarded)`,
          params: IdParams,
          body: VersionBody,
          response: { 200: User, ...errorResponses },
        },
      },
      async (req) => presentUser(await setUserStatus(db, req.ctx, req.params.id, action, req.body.version)),
    );
  }

  app.post(
    "/api/users/:id/reset-password",
    {
      config: { permission: "users.manage" },
      schema: {
        tags: ["users"],
        summary: "Reset to a one-time password; change forced at next sign-in",
        params: IdParams,
        response: { 200: PasswordReset, ...errorResponses },
      },
    },
    async (req) => {
      const { user, temporaryPassword } = await resetPassword(db, req.ctx, req.params.id);
      return { user: presentUser(user), temporaryPassword };
    },
  );
}
