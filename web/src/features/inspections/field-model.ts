import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { type ChecklistItem, type ChecklistSection, judgeResponse } from "../../../../domain/inspections/checklist.js";
import type { InspectionDetail } from "../../../../domain/inspections/inspection.dto.js";
import { useCurrentUser } from "../auth/session-context.js";
import type { Outcome } from "./inspection-labels.js";
import { InspectionSync, type SyncState } from "./inspection-sync.js";
import { inspectionsApi } from "./inspections-api.js";
import type { QueuedEntry } from "./offline-queue.js";

/** The answer the phone shows for an item: this device's unsent one over the server's. */
export type FieldAnswer = {
  result: Outcome | null;
  number: number | null;
  text: string | null;
  note: string | null;
};

export type FieldPhoto = { id: string; src: string; queued: boolean };

export type FieldItem = {
  item: ChecklistItem;
  section: ChecklistSection;
  /** 0-based position in the whole checklist. */
  index: number;
  answer: FieldAnswer | null;
  /** Judged as the server will (judgeResponse), before it is sent. */
  outcome: Outcome | null;
  /** The answer is waiting in the outbox. */
  unsent: boolean;
  photos: FieldPhoto[];
};

/** The checklist's items with the merged answers and photos (server's, overlaid with the outbox). */
export function fieldItems(detail: InspectionDetail, entries: QueuedEntry[]): FieldItem[] {
  const stored = new Map(detail.responses.map((r) => [r.itemId, r]));
  const queued = new Map(entries.flatMap((e) => (e.kind === "response" ? [[e.itemId, e.response] as const] : [])));
  const removed = new Set(entries.filter((e) => e.kind === "photo_removal").map((e) => e.id));
  let index = 0;
  return detail.checklist.content.sections.flatMap((section) =>
    section.items.map((item) => {
      const q = queued.get(item.id);
      const s = stored.get(item.id);
      const answer: FieldAnswer | null = q ?? s ?? null;
      const photos: FieldPhoto[] = [
        ...detail.photos
          .filter((p) => p.itemId === item.id && !removed.has(p.id))
          .map((p) => ({ id: p.id, src: inspectionsApi.photoUrl(p.id), queued: false })),
        ...entries.flatMap((e) =>
          e.kind === "photo" && e.itemId === item.id ? [{ id: e.id, src: `data:${e.contentType};base64,${e.data}`, queued: true }] : [],
        ),
      ];
      const outcome = answer ? judgeResponse(item, answer).outcome : null;
      return { item, section, index: index++, answer, outcome, unsent: !!q, photos };
    }),
  );
}

/** The inspection's sender for this page (started and stopped with it) and its state. */
export function useInspectionSync(inspectionId: string): [InspectionSync, SyncState] {
  const me = useCurrentUser();
  const sync = useMemo(() => new InspectionSync(me.id, inspectionId), [me.id, inspectionId]);
  useEffect(() => {
    sync.start();
    return () => sync.stop();
  }, [sync]);
  const state = useSyncExternalStore(sync.subscribe, sync.getState);
  return [sync, state];
}

/** navigator.onLine, kept current by the online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return online;
}
