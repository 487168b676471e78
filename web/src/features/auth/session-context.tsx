import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { SessionInfo, SessionUser } from "../../../../domain/auth/auth.dto.js";
import { type ApiError, setAuthFailureHandlers, setCsrfToken, toApiError } from "../../api/client.js";
import { authApi } from "./auth-api.js";

/** Why there is no session: never signed in, the session expired, or the user signed out. */
export type AnonymousReason = "none" | "expired" | "signed-out";

export type SessionState =
  | { status: "loading" }
  | { status: "error"; error: ApiError }
  | { status: "anonymous"; reason: AnonymousReason }
  | { status: "authenticated"; user: SessionUser };

type SessionValue = {
  state: SessionState;
  /** Stores a SessionInfo from login, /me or a password change. */
  signIn: (info: SessionInfo) => void;
  signOut: () => Promise<void>;
  /** Re-runs the /me probe (after a failed probe). */
  probe: () => void;
};

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [probeNonce, setProbeNonce] = useState(0);

  const signIn = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setState({ status: "authenticated", user: info.user });
  }, []);

  // On load (and on retry): does the session cookie still name a session?
  // biome-ignore lint/correctness/useExhaustiveDependencies: probeNonce re-runs the probe.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    authApi.me(controller.signal).then(signIn, (err: unknown) => {
      if (controller.signal.aborted) return;
      const error = toApiError(err);
      // A cookie naming an expired or revoked session earns the "session expired" notice on /login.
      if (error.status === 401) setState({ status: "anonymous", reason: error.code === "auth.session_expired" ? "expired" : "none" });
      else setState({ status: "error", error });
    });
    return () => controller.abort();
  }, [signIn, probeNonce]);

  // Any later 401 means the session expired or was revoked; RequireAuth then redirects to /login.
  useEffect(() => {
    setAuthFailureHandlers({
      unauthenticated: () => {
        setCsrfToken(null);
        setState((s) => (s.status === "authenticated" ? { status: "anonymous", reason: "expired" } : s));
      },
      passwordChangeRequired: () =>
        setState((s) =>
          s.status === "authenticated" && !s.user.mustChangePassword
            ? { status: "authenticated", user: { ...s.user, mustChangePassword: true } }
            : s,
        ),
    });
    return () => setAuthFailureHandlers(null);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Signing out locally is what matters; the server session expires on its own.
    }
    setCsrfToken(null);
    setState({ status: "anonymous", reason: "signed-out" });
  }, []);

  const probe = useCallback(() => setProbeNonce((n) => n + 1), []);

  const value = useMemo(() => ({ state, signIn, signOut, probe }), [state, signIn, signOut, probe]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("SessionProvider is missing");
  return value;
}

/** The signed-in user; only call below RequireAuth. */
export function useCurrentUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== "authenticated") throw new Error("useCurrentUser outside an authenticated route");
  return state.user;
}
