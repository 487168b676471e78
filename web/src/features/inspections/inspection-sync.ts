/**
 * The sender behind the field form's outbox (issue 7 §3). One instance per open inspection:
 *
 * - flushes the queued answers and photos as `PUT /api/inspections/:id/responses` batches, carrying the server
 *   version the device last saw, when the browser is online — soon after a change, on the `online` event, when the
 *   tab becomes visible again, and on a back-off timer after a failure (1 s doubling to 30 s);
 * - removes an entry only after the server confirmed the batch that carried it (offline-queue.ts `confirm`);
 * - on 409 (the inspection changed since the device's version: a second device) fetches the server's state and
 *   compares it with the state the queue was built on. What the server already holds of this device's own entries
 *   (a batch whose reply was lost) is dropped from the queue. Another device's changes are always shown, item by
 *   item. Where they touch no item this device has an unsent answer for, the queue is re-sent on the new version
 *   at once (answers are keyed per item, so that is the merge and nothing of theirs is overwritten). Where both
 *   changed the same item, the sender stops until the user decides: re-apply this device's answers on top of the
 *   new version, or keep the other device's answers for those items and send the rest. Never a silent overwrite.
 */
import { InspectionResponseInput } from "../../../../domain/inspections/checklist.js";
import type { InspectionDetail, InspectionResponse, InspectionResponsesPut } from "../../../../domain/inspections/inspection.dto.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { type InspectionResponsesResult, inspectionsApi } from "./inspections-api.js";
import { newUuid, onOutboxChange, outbox, type QueuedEntry, type QueuedPhoto, type QueuedResponse } from "./offline-queue.js";

type AnswerValue = Omit<InspectionResponseInput, "id" | "itemId">;

/** One item another device changed since this device's base version. */
export type TheirChange = {
  itemId: string;
  before: InspectionResponse | null;
  after: InspectionResponse | null;
  /** This device's unsent answer to the same item, if any (the overlap the user decides on). */
  mine: InspectionResponseInput | null;
  photosAdded: number;
  photosRemoved: number;
};

export type Conflict = { serverVersion: number; finished: boolean; changes: TheirChange[] };

export type SyncPhase =
  /** Nothing queued, or waiting for the short debounce. */
  | "idle"
  | "sending"
  /** The browser says it is offline; the queue waits for the `online` event. */
  | "offline"
  /** The last attempt failed (network or server); the next is at `retryAt`. */
  | "retrying"
  /** Another device changed the inspection; waiting for the user's decision. */
  | "conflict"
  /** The server refused the batch (400/403/404/413): the entries in `rejectedIds` cannot be sent as they are. */
  | "rejected";

export type SyncState = {
  phase: SyncPhase;
  /** What the server holds as far as this device knows (the base of the queue); undefined before the first load. */
  detail: InspectionDetail | undefined;
  /** Loaded from the device's copy because the server could not be reached. */
  fromCache: boolean;
  entries: QueuedEntry[];
  conflict?: Conflict;
  /** Changes another device made that arrived with a confirmed batch and touched nothing queued here (shown, not asked). */
  notice?: TheirChange[];
  error?: ApiError;
  rejectedIds?: string[];
  retryAt?: number;
  loadError?: ApiError;
};

type Answer = Pick<InspectionResponse, "result" | "number" | "text" | "note">;
const sameAnswer = (a: Answer, b: Answer) =>
  (a.result ?? null) === (b.result ?? null) &&
  (a.number ?? null) === (b.number ?? null) &&
  (a.text ?? null) === (b.text ?? null) &&
  (a.note ?? null) === (b.note ?? null);

/** Photos go in batches of at most 8 (the API's cap) and about 3 MB of base64, under the route's body limit. */
const batchPhotoChars = 3 * 1024 * 1024;
const batchPhotos = 8;
const maxBackoffMs = 30_000;
const debounceMs = 300;

type Base = Pick<InspectionDetail, "responses" | "photos">;

/** The server's changes between two states of the inspection, item by item (pure). */
export function changesBetween(base: Base, server: Base): Omit<TheirChange, "mine">[] {
  const before = new Map(base.responses.map((r) => [r.itemId, r]));
  const basePhotos = new Set(base.photos.map((p) => p.id));
  const serverPhotos = new Set(server.photos.map((p) => p.id));
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const added = new Map<string, number>();
  const removed = new Map<string, number>();
  for (const p of server.photos) if (!basePhotos.has(p.id)) count(added, p.itemId);
  for (const p of base.photos) if (!serverPhotos.has(p.id)) count(removed, p.itemId);
  const out = new Map<string, Omit<TheirChange, "mine">>();
  const entry = (itemId: string) => {
    const e = out.get(itemId) ?? { itemId, before: before.get(itemId) ?? null, after: null, photosAdded: 0, photosRemoved: 0 };
    out.set(itemId, e);
    return e;
  };
  for (const a of server.responses) {
    const b = before.get(a.itemId);
    if (!b || !sameAnswer(a, b)) entry(a.itemId).after = a;
  }
  for (const [itemId, n] of added) entry(itemId).photosAdded = n;
  for (const [itemId, n] of removed) entry(itemId).photosRemoved = n;
  // `after` stays the server's answer even when only photos changed (the page shows it).
  const byItem = new Map(server.responses.map((r) => [r.itemId, r]));
  return [...out.values()].map((c) => ({ ...c, after: c.after ?? byItem.get(c.itemId) ?? null }));
}

export class InspectionSync {
  private state: SyncState = { phase: "idle", detail: undefined, fromCache: false, entries: [] };
  private listeners = new Set<() => void>();
  private cleanup: (() => void)[] = [];
  private busy = false;
  private again = false;
  private backoffMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** Answers given whose IndexedDB write has not finished yet (the base of the next change to the item). */
  private readonly writing = new Map<string, InspectionResponseInput>();

  constructor(
    private readonly userId: string,
    private readonly inspectionId: string,
  ) {}

  // ── React glue (useSyncExternalStore) ──
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  getState = () => this.state;
  private set(patch: Partial<SyncState>) {
    if (this.stopped) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Restartable (React StrictMode runs effects twice in development). */
  start(): void {
    this.stopped = false;
    const online = () => {
      this.backoffMs = 0;
      if (this.state.phase === "offline") this.set({ phase: "idle" });
      this.schedule(0);
    };
    const offline = () => {
      if (this.state.phase !== "conflict" && this.state.phase !== "rejected") this.set({ phase: "offline" });
    };
    const visible = () => {
      if (document.visibilityState === "visible") this.schedule(0);
    };
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    document.addEventListener("visibilitychange", visible);
    const unsubscribe = onOutboxChange(this.inspectionId, () => void this.refreshEntries());
    this.cleanup.push(
      () => window.removeEventListener("online", online),
      () => window.removeEventListener("offline", offline),
      () => document.removeEventListener("visibilitychange", visible),
      unsubscribe,
    );
    void this.load();
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const c of this.cleanup) c();
    this.cleanup = [];
    this.stopped = true;
  }

  /**
   * Queues a change to an item's answer (`patch`: the fields the user changed) over its latest state — an answer
   * still being written here, else this device's unsent one, else the server's — so a note and a result tapped in
   * quick succession both count, and another device's stored answer is the base, never an older copy of it.
   */
  async answer(itemId: string, patch: Partial<AnswerValue>): Promise<void> {
    const writing = this.writing.get(itemId);
    const queued = this.state.entries.find((e): e is QueuedResponse => e.kind === "response" && e.itemId === itemId)?.response;
    const stored = this.state.detail?.responses.find((r) => r.itemId === itemId);
    const base = writing ?? queued ?? stored;
    // One id per item: the one being written or queued, else the stored one, else a new one (one row per item).
    const id = base?.id ?? newUuid();
    const blank = (s: string | null | undefined) => (s?.trim() ? s : null);
    const merged = {
      result: base?.result ?? null,
      number: base?.number ?? null,
      text: base?.text ?? null,
      note: base?.note ?? null,
      ...patch,
    };
    // Normalised as the server stores it (trimmed, nulls), so "already stored" can be recognised after a lost reply.
    const response = InspectionResponseInput.parse({
      id,
      itemId,
      result: merged.result ?? null,
      number: merged.number ?? null,
      text: blank(merged.text),
      note: blank(merged.note),
    });
    this.writing.set(itemId, response);
    try {
      await outbox.putResponse({ id, inspectionId: this.inspectionId, userId: this.userId, itemId, response });
      await this.refreshEntries();
    } finally {
      if (this.writing.get(itemId) === response) this.writing.delete(itemId);
    }
    this.schedule(debounceMs);
  }

  async addPhoto(itemId: string, photo: Pick<QueuedPhoto, "contentType" | "data">): Promise<void> {
    await outbox.putPhoto({ id: newUuid(), inspectionId: this.inspectionId, userId: this.userId, itemId, ...photo });
    this.schedule(debounceMs);
  }

  /** An unsent photo leaves the queue; a sent one is removed through the queue (removePhotoIds). */
  async removePhoto(photoId: string, itemId: string): Promise<void> {
    if (this.state.entries.some((e) => e.id === photoId && e.kind === "photo")) {
      await outbox.discard(this.inspectionId, [photoId]);
      return;
    }
    await outbox.putPhotoRemoval({ id: photoId, inspectionId: this.inspectionId, userId: this.userId, itemId });
    this.schedule(debounceMs);
  }

  /** Sends now, ignoring the back-off (the retry button, the finish screen). */
  flushNow(): void {
    this.backoffMs = 0;
    this.schedule(0);
  }

  /** Reloads the server's state (refresh button; after a finish elsewhere). */
  reload(): Promise<void> {
    return this.load();
  }

  dismissNotice(): void {
    this.set({ notice: undefined });
  }

  /**
   * The user's answer to a conflict. `mine`: re-apply every unsent answer on top of the server's version.
   * `theirs`: drop this device's unsent answers to the items the other device changed, send the rest.
   */
  async resolve(choice: "mine" | "theirs"): Promise<void> {
    const conflict = this.state.conflict;
    const server = this.state.detail;
    if (!conflict || !server) return;
    const entries = await outbox.list(this.userId, this.inspectionId);
    if (conflict.finished) {
      // A finished inspection is read-only: nothing queued can be applied to it any more.
      await outbox.discard(
        this.inspectionId,
        entries.map((e) => e.id),
      );
    } else if (choice === "theirs") {
      const theirs = new Set(conflict.changes.map((c) => c.itemId));
      await outbox.discard(
        this.inspectionId,
        entries.filter((e) => e.kind === "response" && theirs.has(e.itemId)).map((e) => e.id),
      );
    }
    await this.adopt(server);
    this.set({ phase: "idle", conflict: undefined });
    await this.refreshEntries();
    this.flushNow();
  }

  /** Drops the entries the server refused (all queued ones when it named none) and carries on with the rest. */
  async discardRejected(): Promise<void> {
    const ids = this.state.rejectedIds?.length ? this.state.rejectedIds : this.state.entries.map((e) => e.id);
    await outbox.discard(this.inspectionId, ids);
    this.set({ phase: "idle", error: undefined, rejectedIds: undefined });
    this.flushNow();
  }

  /** After a finish: the server's final state; the device's copy is no longer needed. */
  async finished(detail: InspectionDetail): Promise<void> {
    await outbox.forgetSnapshot(this.userId, this.inspectionId);
    this.set({ detail, fromCache: false });
  }

  // ── internals ──

  private async refreshEntries(): Promise<void> {
    const entries = await outbox.list(this.userId, this.inspectionId);
    this.set({ entries });
  }

  private async adopt(server: InspectionDetail): Promise<void> {
    await outbox.saveSnapshot({ inspectionId: this.inspectionId, userId: this.userId, version: server.version, detail: server });
    this.set({ detail: server, fromCache: false });
  }

  private async load(): Promise<void> {
    const [snapshot, entries] = await Promise.all([
      outbox.loadSnapshot<InspectionDetail>(this.userId, this.inspectionId),
      outbox.list(this.userId, this.inspectionId),
    ]);
    this.set({ entries });
    let server: InspectionDetail;
    try {
      server = await inspectionsApi.get(this.inspectionId);
    } catch (err) {
      const error = toApiError(err);
      // Unreachable: carry on from the device's copy (answers keep queuing); anything else is shown.
      if (error.status === 0 && snapshot) {
        this.set({ detail: snapshot.detail, fromCache: true, phase: "offline" });
        this.schedule(5000);
      } else this.set({ loadError: error });
      return;
    }
    this.set({ loadError: undefined });
    await this.reconcile(server, snapshot?.detail);
  }

  /**
   * Compares the server's state with the base the queue was built on. Whatever of the queue the server already
   * holds is dropped (this device's batch whose reply was lost). Then:
   * - nothing left queued, or nobody else changed anything: adopt the server's state and send the rest;
   * - another device changed items this device has no unsent answer for: adopt, show what changed, send the rest
   *   (nothing of theirs is overwritten: answers are per item);
   * - another device changed an item this device also has an unsent answer for, or finished the inspection: stop
   *   and show the conflict until the user decides (resolve).
   */
  private async reconcile(server: InspectionDetail, base: InspectionDetail | undefined): Promise<void> {
    const stored = storedOf(await outbox.list(this.userId, this.inspectionId), server);
    await outbox.confirm(this.inspectionId, stored);
    const entries = await outbox.list(this.userId, this.inspectionId);
    this.set({ entries });

    const finished = server.status !== "in_progress";
    const changes = base && base.version !== server.version ? theirChanges(base, server, stored, entries) : [];
    const overlap = changes.some((c) => c.mine);
    if (entries.length === 0 || (!finished && !overlap)) {
      await this.adopt(server);
      this.set({ phase: "idle", conflict: undefined, ...(changes.length && entries.length ? { notice: changes } : {}) });
      if (entries.length) this.schedule(0);
      return;
    }
    // The server's state is shown from now on; the queue stays until the user decides.
    this.set({ detail: server, fromCache: false, phase: "conflict", conflict: { serverVersion: server.version, finished, changes } });
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private retryLater(error?: ApiError): void {
    this.backoffMs = Math.min(maxBackoffMs, this.backoffMs ? this.backoffMs * 2 : 1000);
    this.set({ phase: navigator.onLine ? "retrying" : "offline", retryAt: Date.now() + this.backoffMs, error });
    // Offline, the `online` event restarts the sender; the timer is the safety net (navigator.onLine can be wrong).
    this.schedule(this.backoffMs);
  }

  private async flush(): Promise<void> {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    if (this.state.phase === "conflict" || this.state.phase === "rejected") return;
    this.busy = true;
    try {
      if (!this.state.detail || this.state.fromCache) {
        // Never sent against a guessed version: load the server's state first (reconcile sends what is queued).
        if (!navigator.onLine) {
          this.set({ phase: "offline" });
          return;
        }
        await this.load();
        if ((!this.state.detail || this.state.fromCache) && this.state.entries.length) this.retryLater();
        return;
      }
      for (;;) {
        const entries = await outbox.list(this.userId, this.inspectionId);
        this.set({ entries });
        const base = this.state.detail;
        if (entries.length === 0 || !base) {
          this.set({ phase: navigator.onLine ? "idle" : "offline", error: undefined, retryAt: undefined });
          return;
        }
        if (!navigator.onLine) {
          this.set({ phase: "offline" });
          return;
        }
        const batch = batchOf(entries, base.version);
        this.set({ phase: "sending" });
        let result: InspectionResponsesResult;
        try {
          result = await inspectionsApi.putResponses(this.inspectionId, batch.body);
        } catch (err) {
          const error = toApiError(err);
          if (error.status === 409) {
            await this.onStale(base);
            return;
          }
          if (error.status === 400 || error.status === 403 || error.status === 404 || error.status === 413) {
            this.set({ phase: "rejected", error, rejectedIds: rejectedIdsOf(error, batch.body) });
            return;
          }
          // 401: the session sends the user to sign in and back here; the queue stays.
          this.retryLater(error);
          return;
        }
        await outbox.confirm(this.inspectionId, batch.sent);
        this.backoffMs = 0;
        // A replayed batch (its first reply lost) is answered with the current state, which may carry another
        // device's changes made since: nothing of this device's is lost, but they are shown.
        const expected = result.changed ? base.version + 1 : base.version;
        const foreign = result.version !== expected ? changesBetween(applied(base, batch.body), result) : [];
        await this.adopt({ ...base, version: result.version, responses: result.responses, photos: result.photos });
        this.set({
          error: undefined,
          retryAt: undefined,
          ...(foreign.length ? { notice: foreign.map((c) => ({ ...c, mine: null })) } : {}),
        });
      }
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }

  private async onStale(base: InspectionDetail): Promise<void> {
    let server: InspectionDetail;
    try {
      server = await inspectionsApi.get(this.inspectionId);
    } catch (err) {
      this.retryLater(toApiError(err));
      return;
    }
    await this.reconcile(server, base);
  }
}

/** The queued entries the server already holds as they are (same response id and answer, photo stored / removed). */
function storedOf(entries: QueuedEntry[], server: InspectionDetail): QueuedEntry[] {
  const held = new Map(server.responses.map((r) => [r.itemId, r]));
  const photos = new Set(server.photos.map((p) => p.id));
  return entries.filter((e) => {
    if (e.kind === "photo") return photos.has(e.id);
    if (e.kind === "photo_removal") return !photos.has(e.id);
    const s = held.get(e.itemId);
    return !!s && s.id === e.id && sameAnswer(s, e.response);
  });
}

/** What another device changed between the base and the server's state (this device's stored entries excluded). */
function theirChanges(base: InspectionDetail, server: InspectionDetail, own: QueuedEntry[], queued: QueuedEntry[]): TheirChange[] {
  const ownItems = new Set(own.filter((e) => e.kind === "response").map((e) => e.itemId));
  const responses = new Map(base.responses.map((r) => [r.itemId, r]));
  for (const r of server.responses) if (ownItems.has(r.itemId)) responses.set(r.itemId, r);
  const ownAdded = own
    .filter((e) => e.kind === "photo")
    .map((e) => ({ ...e, contentType: e.contentType, bytes: 0, locationKept: false, createdAt: "" }));
  const ownRemoved = new Set(own.filter((e) => e.kind === "photo_removal").map((e) => e.id));
  const withOwn: Base = {
    responses: [...responses.values()],
    photos: [...base.photos.filter((p) => !ownRemoved.has(p.id)), ...ownAdded],
  };
  return changesBetween(withOwn, server).map((c) => {
    const mine = queued.find((e): e is QueuedResponse => e.kind === "response" && e.itemId === c.itemId);
    // Both devices giving the same answer is no conflict.
    return { ...c, mine: mine && !(c.after && sameAnswer(c.after, mine.response)) ? mine.response : null };
  });
}

/** The base with a batch applied as this device expects the server to store it. */
function applied(base: InspectionDetail, body: InspectionResponsesPut): Base {
  const responses = new Map(base.responses.map((r) => [r.itemId, r]));
  for (const r of body.responses) {
    const prev = responses.get(r.itemId);
    responses.set(r.itemId, { ...(prev ?? { outcome: null, answeredById: null, answeredAt: "", hazardId: null }), ...r });
  }
  const removed = new Set(body.removePhotoIds);
  const photos = base.photos.filter((p) => !removed.has(p.id));
  for (const p of body.photos) {
    if (!photos.some((q) => q.id === p.id))
      photos.push({ id: p.id, itemId: p.itemId, contentType: p.contentType, bytes: 0, locationKept: false, createdAt: "" });
  }
  return { responses: [...responses.values()], photos };
}

/** The next batch: every queued answer and removal, and photos up to the caps (the rest go in the following batches). */
function batchOf(entries: QueuedEntry[], version: number): { body: InspectionResponsesPut; sent: QueuedEntry[] } {
  const responses = entries.filter((e): e is QueuedResponse => e.kind === "response");
  const removals = entries.filter((e) => e.kind === "photo_removal");
  const photos: QueuedPhoto[] = [];
  let chars = 0;
  for (const p of entries.filter((e): e is QueuedPhoto => e.kind === "photo")) {
    if (photos.length === batchPhotos || (photos.length > 0 && chars + p.data.length > batchPhotoChars)) break;
    photos.push(p);
    chars += p.data.length;
  }
  return {
    body: {
      version,
      responses: responses.map((r) => r.response),
      photos: photos.map((p) => ({ id: p.id, itemId: p.itemId, contentType: p.contentType, data: p.data })),
      removePhotoIds: removals.map((r) => r.id),
    },
    sent: [...responses, ...removals, ...photos],
  };
}

/** The entries a 400 names (`responses.3.number`, `photos.0.data`); none when it names no entry. */
function rejectedIdsOf(error: ApiError, body: InspectionResponsesPut): string[] {
  const ids = new Set<string>();
  for (const f of error.fields) {
    const [list, index] = f.path.split(".");
    const i = Number(index);
    const r = list === "responses" ? body.responses[i] : list === "photos" ? body.photos[i] : undefined;
    if (r) ids.add(r.id);
  }
  return [...ids];
}
