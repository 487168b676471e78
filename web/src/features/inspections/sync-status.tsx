import { CheckCircleOutlined, CloudUploadOutlined, DisconnectOutlined, LoadingOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Tag, Typography } from "antd";
import type { ChecklistItem } from "../../../../domain/inspections/checklist.js";
import { useT } from "../../i18n/i18n-context.js";
import type { FieldAnswer } from "./field-model.js";
import { useInspectionLabel } from "./inspection-labels.js";
import type { InspectionSync, SyncState, TheirChange } from "./inspection-sync.js";

/** "n 条未发送" while the outbox holds anything, "已全部发送" when the server has it all. */
export function UnsentBadge({ state, online, onSend }: { state: SyncState; online: boolean; onSend: () => void }) {
  const t = useT();
  const n = state.entries.length;
  const sending = state.phase === "sending";
  return (
    <Flex gap={4} align="center">
      <Tag
        data-testid="unsent-badge"
        data-count={n}
        color={n === 0 ? "success" : "warning"}
        icon={sending ? <LoadingOutlined /> : n === 0 ? <CheckCircleOutlined /> : online ? <CloudUploadOutlined /> : <DisconnectOutlined />}
        style={{ fontSize: 14, paddingBlock: 4, marginInlineEnd: 0 }}
      >
        {n === 0 ? t("inspections.allSent") : t("inspections.unsent", { n })}
      </Tag>
      {n > 0 && online && state.phase === "retrying" && (
        <Button size="small" icon={<SendOutlined />} onClick={onSend} id="inspection-send-now">
          {t("inspections.sendNow")}
        </Button>
      )}
    </Flex>
  );
}

/** An answer as words: 合格 / 3.2 m / the text, with the note. */
function useAnswerText() {
  const t = useT();
  const label = useInspectionLabel();
  return (item: ChecklistItem | undefined, a: FieldAnswer | null): string => {
    if (!a) return t("inspections.unanswered");
    const parts: string[] = [];
    if (a.number !== null) parts.push(`${a.number}${item?.unit ? ` ${item.unit}` : ""}`);
    if (a.text) parts.push(`“${a.text}”`);
    if (a.result) parts.push(label("outcome", a.result));
    if (a.note) parts.push(t("inspections.noteInline", { note: a.note }));
    return parts.join(" · ") || t("inspections.unanswered");
  };
}

function ChangeList({ changes, items }: { changes: TheirChange[]; items: Map<string, { item: ChecklistItem; index: number }> }) {
  const t = useT();
  const answerText = useAnswerText();
  return (
    <ul style={{ paddingInlineStart: 18, margin: "8px 0" }} data-testid="conflict-changes">
      {changes.map((c) => {
        const it = items.get(c.itemId);
        return (
          <li key={c.itemId} data-testid={`conflict-item-${c.itemId}`}>
            <Typography.Text strong>{it ? `${it.index + 1}. ${it.item.question}` : c.itemId}</Typography.Text>
            <div>
              {t("inspections.conflictTheirs", { before: answerText(it?.item, c.before), after: answerText(it?.item, c.after) })}
              {c.photosAdded > 0 && ` ${t("inspections.conflictPhotosAdded", { n: c.photosAdded })}`}
              {c.photosRemoved > 0 && ` ${t("inspections.conflictPhotosRemoved", { n: c.photosRemoved })}`}
            </div>
            {c.mine && (
              <Typography.Text type="danger" data-testid="conflict-mine">
                {t("inspections.conflictMine", { mine: answerText(it?.item, c.mine) })}
              </Typography.Text>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * What the sender needs the user for: a second device's changes (409), changes merely seen (a replay answered
 * with newer state), a refused batch, and being offline.
 */
// Long labels wrap inside the notice on a phone instead of overflowing it.
const wrap = { whiteSpace: "normal", height: "auto", minHeight: 40, paddingBlock: 6 } as const;

export function SyncNotices({
  sync,
  state,
  online,
  items,
}: {
  sync: InspectionSync;
  state: SyncState;
  online: boolean;
  items: Map<string, { item: ChecklistItem; index: number }>;
}) {
  const t = useT();
  const c = state.conflict;
  const overlapping = c?.changes.filter((x) => x.mine).length ?? 0;
  return (
    <Flex vertical gap={8}>
      {!online && (
        <Alert type="info" showIcon icon={<DisconnectOutlined />} title={t("inspections.offlineHint")} data-testid="offline-notice" />
      )}
      {state.fromCache && online && <Alert type="info" showIcon title={t("inspections.fromCache")} />}
      {c && (
        <Alert
          type="warning"
          showIcon
          data-testid="conflict-notice"
          title={
            c.finished
              ? t("inspections.conflictFinished", { n: state.entries.length })
              : t("inspections.conflictTitle", { n: state.entries.length })
          }
          description={
            <>
              {!c.finished && <div>{t("inspections.conflictDesc", { version: c.serverVersion, overlapping })}</div>}
              {c.changes.length > 0 && <ChangeList changes={c.changes} items={items} />}
              <Flex vertical gap={8} style={{ marginTop: 8 }}>
                {c.finished ? (
                  <Button danger onClick={() => void sync.resolve("theirs")} id="conflict-discard" style={wrap}>
                    {t("inspections.conflictDiscard")}
                  </Button>
                ) : (
                  <>
                    <Button type="primary" onClick={() => void sync.resolve("mine")} id="conflict-reapply" style={wrap}>
                      {t("inspections.conflictReapply")}
                    </Button>
                    <Button onClick={() => void sync.resolve("theirs")} id="conflict-keep-theirs" style={wrap}>
                      {overlapping ? t("inspections.conflictKeepTheirs", { n: overlapping }) : t("inspections.conflictContinue")}
                    </Button>
                  </>
                )}
              </Flex>
            </>
          }
        />
      )}
      {state.notice && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => sync.dismissNotice() }}
          data-testid="changes-notice"
          title={t("inspections.noticeTitle", { n: state.notice.length })}
          description={<ChangeList changes={state.notice} items={items} />}
        />
      )}
      {state.phase === "rejected" && state.error && (
        <Alert
          type="error"
          showIcon
          data-testid="rejected-notice"
          title={t("inspections.rejectedTitle")}
          description={
            <>
              <div>{state.error.message}</div>
              {state.error.fields.map((f) => (
                <div key={f.path}>
                  <Typography.Text code>{f.path}</Typography.Text> {f.message}
                </div>
              ))}
              <Button danger style={{ marginTop: 8 }} onClick={() => void sync.discardRejected()} id="rejected-discard">
                {state.rejectedIds?.length
                  ? t("inspections.rejectedDiscard", { n: state.rejectedIds.length })
                  : t("inspections.rejectedDiscardAll")}
              </Button>
            </>
          }
        />
      )}
      {state.phase === "retrying" && state.error && online && (
        <Alert type="warning" showIcon title={t("inspections.retrying", { message: state.error.message })} />
      )}
    </Flex>
  );
}
