/**
 * The field form's outbox (issue 7 §3): every answer and photo is written here first, in the browser's IndexedDB,
 * keyed by its client-generated uuid, and leaves only once the server has confirmed it. It survives a reload, a
 * dropped network and a closed tab; the sender (inspection-sync.ts) flushes it as PUT batches.
 *
 * Plain IndexedDB (no wrapper package). One database per browser profile; entries carry the user who made them, so a
 * second account signing in on the same phone never sends someone else's answers under its own name.
 */
import type { InspectionResponseInput } from "../../../../domain/inspections/checklist.js";

const dbName = "redline-inspections";
const dbVersion = 1;

export type QueuedResponse = {
  kind: "response";
  /** The response's client uuid (one per item on this device, reused when the answer changes). */
  id: string;
  inspectionId: string;
  userId: string;
  itemId: string;
  response: InspectionResponseInput;
  /** Bumped on every change: an entry is removed after a send only if it was not changed while the request ran. */
  seq: number;
  queuedAt: string;
};

export type QueuedPhoto = {
  kind: "photo";
  id: string;
  inspectionId: string;
  userId: string;
  itemId: string;
  contentType: "image/jpeg" | "image/png";
  /** base64, as the PUT body carries it. */
  data: string;
  seq: number;
  queuedAt: string;
};

/** A photo already on the server, taken by mistake: removed with the next batch (`removePhotoIds`). */
export type QueuedPhotoRemoval = {
  kind: "photo_removal";
  /** The photo's id. */
  id: string;
  inspectionId: string;
  userId: string;
  itemId: string;
  seq: number;
  queuedAt: string;
};

export type QueuedEntry = QueuedResponse | QueuedPhoto | QueuedPhotoRemoval;

/** What the device last knew of the server (the base of its queued changes) — the conflict check compares against it. */
export type InspectionSnapshot<D = unknown> = {
  inspectionId: string;
  userId: string;
  /** The server's version the queue was built on. */
  version: number;
  detail: D;
  savedAt: string;
};

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName, dbVersion);
    req.onupgradeneeded = () => {
      const db = req.result;
      const outbox = db.createObjectStore("outbox", { keyPath: "id" });
      outbox.createIndex("inspection", ["userId", "inspectionId"]);
      db.createObjectStore("snapshots", { keyPath: ["userId", "inspectionId"] });
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: let it, and reopen on the next call.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => {
      opening = null;
      reject(req.error);
    };
    req.onblocked = () => reject(new Error("IndexedDB blocked"));
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

function result<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// Listeners in this page (the badge, the form) hear every change; other tabs hear it through a BroadcastChannel.
const changes = new EventTarget();
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("redline-inspections-outbox");
channel?.addEventListener("message", (e: MessageEvent<string>) => changes.dispatchEvent(new CustomEvent("change", { detail: e.data })));

function changed(inspectionId: string) {
  changes.dispatchEvent(new CustomEvent("change", { detail: inspectionId }));
  channel?.postMessage(inspectionId);
}

/** Calls `listener` whenever the outbox of `inspectionId` changes (here or in another tab); returns the unsubscribe. */
export function onOutboxChange(inspectionId: string, listener: () => void): () => void {
  const handler = (e: Event) => {
    if ((e as CustomEvent<string>).detail === inspectionId) listener();
  };
  changes.addEventListener("change", handler);
  return () => changes.removeEventListener("change", handler);
}

let lastSeq = 0;
/** Strictly increasing within the page, and across reloads (it starts from the clock). */
function nextSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

/** A v4 uuid; crypto.randomUUID needs a secure context, which a phone on a plain-http LAN address is not. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === "function" && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const outbox = {
  /** Stores (or replaces) an answer. Its id stays the item's id on this device, so an edit replaces the queued one. */
  async putResponse(e: Omit<QueuedResponse, "kind" | "seq" | "queuedAt">): Promise<void> {
    const db = await openDb();
    const tx = db.transaction("outbox", "readwrite");
    tx.objectStore("outbox").put({ ...e, kind: "response", seq: nextSeq(), queuedAt: new Date().toISOString() } satisfies QueuedResponse);
    await done(tx);
    changed(e.inspectionId);
  },

  async putPhoto(e: Omit<QueuedPhoto, "kind" | "seq" | "queuedAt">): Promise<void> {
    const db = await openDb();
    const tx = db.transaction("outbox", "readwrite");
    tx.objectStore("outbox").put({ ...e, kind: "photo", seq: nextSeq(), queuedAt: new Date().toISOString() } satisfies QueuedPhoto);
    await done(tx);
    changed(e.inspectionId);
  },

  async putPhotoRemoval(e: Omit<QueuedPhotoRemoval, "kind" | "seq" | "queuedAt">): Promise<void> {
    const db = await openDb();
    const tx = db.transaction("outbox", "readwrite");
    tx.objectStore("outbox").put({
      ...e,
      kind: "photo_removal",
      seq: nextSeq(),
      queuedAt: new Date().toISOString(),
    } satisfies QueuedPhotoRemoval);
    await done(tx);
    changed(e.inspectionId);
  },

  /** The user's queued entries for one inspection, oldest first. */
  async list(userId: string, inspectionId: string): Promise<QueuedEntry[]> {
    const db = await openDb();
    const tx = db.transaction("outbox", "readonly");
    const all = await result(tx.objectStore("outbox").index("inspection").getAll([userId, inspectionId]));
    return (all as QueuedEntry[]).sort((a, b) => a.seq - b.seq);
  },

  /**
   * Removes what the server confirmed: each entry only if it is still the version that was sent (same seq), so an
   * answer changed while the request was under way stays queued and goes with the next batch.
   */
  async confirm(inspectionId: string, sent: readonly Pick<QueuedEntry, "id" | "seq">[]): Promise<void> {
    if (sent.length === 0) return;
    const db = await openDb();
    const tx = db.transaction("outbox", "readwrite");
    const store = tx.objectStore("outbox");
    for (const s of sent) {
      const req = store.get(s.id);
      req.onsuccess = () => {
        if ((req.result as QueuedEntry | undefined)?.seq === s.seq) store.delete(s.id);
      };
    }
    await done(tx);
    changed(inspectionId);
  },

  /** Drops entries whatever their state (the user discarding answers, or an inspection finished elsewhere). */
  async discard(inspectionId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const db = await openDb();
    const tx = db.transaction("outbox", "readwrite");
    for (const id of ids) tx.objectStore("outbox").delete(id);
    await done(tx);
    changed(inspectionId);
  },

  async saveSnapshot<D>(s: Omit<InspectionSnapshot<D>, "savedAt">): Promise<void> {
    const db = await openDb();
    const tx = db.transaction("snapshots", "readwrite");
    tx.objectStore("snapshots").put({ ...s, savedAt: new Date().toISOString() });
    await done(tx);
  },

  async forgetSnapshot(userId: string, inspectionId: string): Promise<void> {
    const db = await openDb();
    const tx = db.transaction("snapshots", "readwrite");
    tx.objectStore("snapshots").delete([userId, inspectionId]);
    await done(tx);
  },

  async loadSnapshot<D>(userId: string, inspectionId: string): Promise<InspectionSnapshot<D> | undefined> {
    const db = await openDb();
    const tx = db.transaction("snapshots", "readonly");
    return (await result(tx.objectStore("snapshots").get([userId, inspectionId]))) as InspectionSnapshot<D> | undefined;
  },
};
