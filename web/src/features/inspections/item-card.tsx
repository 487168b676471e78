import { CameraOutlined, CheckOutlined, CloseOutlined, CloudUploadOutlined, DeleteOutlined, MinusOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Flex, Input, InputNumber, Space, Tag, Typography } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { judgeResponse } from "../../../../domain/inspections/checklist.js";
import { clauseText } from "../../../../domain/inspections/inspection.js";
import { useT } from "../../i18n/i18n-context.js";
import { photoOf } from "../checks/photo.js";
import type { FieldAnswer, FieldItem } from "./field-model.js";
import { type Outcome, OutcomeTag, useInspectionLabel } from "./inspection-labels.js";

export type ItemActions = {
  /** The fields changed; the sender merges them over the item's latest answer. */
  answer: (itemId: string, patch: Partial<FieldAnswer>) => void;
  addPhoto: (itemId: string, photo: { contentType: "image/jpeg" | "image/png"; data: string }) => void;
  removePhoto: (photoId: string, itemId: string) => void;
};

const empty: FieldAnswer = { result: null, number: null, text: null, note: null };
const commitDelayMs = 700;

/**
 * A text or number being typed: kept here and queued after a pause, on blur or Enter, so one answer is queued
 * per pause rather than per keystroke. An answer changed from outside (another device, a conflict resolved) is
 * taken over unless the user is typing.
 */
function useDraft<T>(value: T, commit: (v: T) => void): { draft: T; change: (v: T) => void; flush: () => void; cancel: () => void } {
  const [draft, setDraft] = useState(value);
  const pending = useRef<{ v: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    if (!pending.current) setDraft(value);
  }, [value]);
  const flush = () => {
    clearTimeout(timer.current);
    const p = pending.current;
    pending.current = null;
    if (p) commitRef.current(p.v);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: queue what was typed when the card goes (next item, finish).
  useEffect(() => () => flush(), []);
  const change = (v: T) => {
    setDraft(v);
    pending.current = { v };
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, commitDelayMs);
  };
  // The draft goes out with another change instead (a result tapped after typing).
  const cancel = () => {
    clearTimeout(timer.current);
    pending.current = null;
  };
  return { draft, change, flush, cancel };
}

/** 合格 / 不合格 / 不适用 as three big buttons (a second tap on the chosen one keeps it). */
function ResultButtons({
  itemId,
  value,
  onChange,
  only,
}: {
  itemId: string;
  value: Outcome | null;
  onChange: (v: Outcome) => void;
  only?: readonly Outcome[];
}) {
  const label = useInspectionLabel();
  const icons: Record<Outcome, ReactNode> = { pass: <CheckOutlined />, fail: <CloseOutlined />, na: <MinusOutlined /> };
  const outcomes = (only ?? (["pass", "fail", "na"] as const)).filter(Boolean);
  return (
    <Flex gap={8} role="radiogroup">
      {outcomes.map((o) => (
        <Button
          key={o}
          id={`item-${itemId}-${o}`}
          role="radio"
          aria-checked={value === o}
          size="large"
          icon={icons[o]}
          type={value === o ? "primary" : "default"}
          danger={o === "fail"}
          onClick={() => onChange(o)}
          style={{
            flex: 1,
            height: 52,
            fontSize: 16,
            // 不适用 chosen: a neutral dark fill (primary blue would read as 合格).
            ...(value === o && o === "na" ? { background: "#595959", borderColor: "#595959", color: "#fff" } : {}),
          }}
        >
          {label("outcome", o)}
        </Button>
      ))}
    </Flex>
  );
}

function limitsText(min: number | null, max: number | null, unit: string | null): string {
  const u = unit ? ` ${unit}` : "";
  if (min !== null && max !== null) return `${min} – ${max}${u}`;
  if (min !== null) return `≥ ${min}${u}`;
  return `≤ ${max}${u}`;
}

function NumberAnswer({ fi, answer, actions }: { fi: FieldItem; answer: FieldAnswer; actions: ItemActions }) {
  const t = useT();
  const { item } = fi;
  const { draft, change, flush } = useDraft<number | null>(answer.number, (number) =>
    actions.answer(item.id, { number, result: number === null && answer.result === "na" ? "na" : null }),
  );
  // Judged live as it is typed, as the server will judge it.
  const live = judgeResponse(item, { result: draft === null ? answer.result : null, number: draft, text: null }).outcome;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" data-testid="item-limits">
        {t("inspections.limits", { range: limitsText(item.min, item.max, item.unit) })}
      </Typography.Text>
      <Flex gap={8} align="center">
        <InputNumber
          id={`item-${item.id}-number`}
          size="large"
          inputMode="decimal"
          value={draft}
          onChange={(v) => change(typeof v === "number" ? v : null)}
          onBlur={flush}
          onPressEnter={flush}
          suffix={item.unit ?? undefined}
          placeholder={t("inspections.numberPlaceholder")}
          style={{ flex: 1, fontSize: 18 }}
        />
        <span data-testid="item-live-outcome">
          <OutcomeTag outcome={live} />
        </span>
      </Flex>
      <ResultButtons
        itemId={item.id}
        only={["na"]}
        value={answer.result === "na" ? "na" : null}
        onChange={() => actions.answer(item.id, { number: null, result: "na" })}
      />
    </Flex>
  );
}

function TextAnswer({ fi, answer, actions }: { fi: FieldItem; answer: FieldAnswer; actions: ItemActions }) {
  const t = useT();
  const { draft, change, flush, cancel } = useDraft<string>(answer.text ?? "", (text) => actions.answer(fi.item.id, { text }));
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        id={`item-${fi.item.id}-text`}
        value={draft}
        onChange={(e) => change(e.target.value)}
        onBlur={flush}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
        placeholder={t("inspections.textPlaceholder")}
      />
      <ResultButtons
        itemId={fi.item.id}
        value={answer.result}
        onChange={(result) => {
          cancel();
          actions.answer(fi.item.id, { text: draft, result });
        }}
      />
    </Flex>
  );
}

function NoteField({ fi, answer, actions }: { fi: FieldItem; answer: FieldAnswer; actions: ItemActions }) {
  const t = useT();
  const [open, setOpen] = useState(!!answer.note);
  const { draft, change, flush } = useDraft<string>(answer.note ?? "", (note) => actions.answer(fi.item.id, { note }));
  if (!open && !draft)
    return (
      <Button
        type="link"
        style={{ paddingInline: 0, alignSelf: "flex-start" }}
        onClick={() => setOpen(true)}
        id={`item-${fi.item.id}-add-note`}
      >
        {t("inspections.addNote")}
      </Button>
    );
  return (
    <Input.TextArea
      id={`item-${fi.item.id}-note`}
      value={draft}
      onChange={(e) => change(e.target.value)}
      onBlur={flush}
      autoSize={{ minRows: 1, maxRows: 4 }}
      maxLength={1000}
      placeholder={t("inspections.notePlaceholder")}
    />
  );
}

function Photos({ fi, actions }: { fi: FieldItem; actions: ItemActions }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  const pick = async (files: FileList | null) => {
    setProblem(undefined);
    for (const file of Array.from(files ?? [])) {
      try {
        const p = await photoOf(file);
        actions.addPhoto(fi.item.id, { contentType: p.contentType, data: p.data });
      } catch (err) {
        setProblem(err instanceof RangeError ? t("inspections.photoTooLarge") : t("inspections.photoUnreadable"));
      }
    }
  };
  return (
    <Flex vertical gap={6}>
      <Flex gap={8} wrap align="center">
        {fi.photos.map((p, i) => (
          <Flex key={p.id} align="start" gap={2} data-testid="item-photo" data-queued={p.queued}>
            <Badge dot={p.queued} color="orange" title={p.queued ? t("inspections.photoUnsent") : undefined}>
              <img
                src={p.src}
                alt={t("inspections.photoAlt", { n: i + 1 })}
                style={{ width: 64, height: 64, objectFit: "cover", borderRadius: 4, display: "block" }}
              />
            </Badge>
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t("inspections.photoRemove")}
              onClick={() => actions.removePhoto(p.id, fi.item.id)}
            />
          </Flex>
        ))}
        <input
          ref={input}
          id={`item-${fi.item.id}-photo-input`}
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          style={{ display: "none" }}
          onChange={(e) => {
            void pick(e.target.files);
            e.target.value = "";
          }}
        />
        <Button size="large" icon={<CameraOutlined />} onClick={() => input.current?.click()} style={{ height: 48 }}>
          {fi.photos.length ? t("inspections.photoAdd") : t("inspections.photoTake")}
        </Button>
      </Flex>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Flex>
  );
}

/**
 * One checklist item on the phone: where it sits, the question, the clause it enforces, what a fail means, the
 * answer controls for its type, photos and a note. Every change is queued (offline-queue.ts) before it is sent.
 */
export function ItemCard({
  fi,
  total,
  actions,
  compact = false,
}: {
  fi: FieldItem;
  total: number;
  actions: ItemActions;
  compact?: boolean;
}) {
  const t = useT();
  const { item } = fi;
  const answer = fi.answer ?? empty;
  const clause = clauseText(item);
  const needsPhoto = item.photoOnFail && fi.outcome === "fail" && fi.photos.length === 0;
  return (
    <Card
      size="small"
      data-testid={`item-${item.id}`}
      data-outcome={fi.outcome ?? "none"}
      data-unsent={fi.unsent}
      styles={{ body: { padding: compact ? 12 : 16 } }}
    >
      <Flex vertical gap={10}>
        {!compact && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fi.section.title} · {t("inspections.itemNo", { n: fi.index + 1, total })}
          </Typography.Text>
        )}
        <Flex justify="space-between" gap={8} align="start">
          <Typography.Text strong style={{ fontSize: compact ? 15 : 17, lineHeight: 1.5 }} data-testid="item-question">
            {compact ? `${fi.index + 1}. ` : ""}
            {item.question}
          </Typography.Text>
          <Space size={4}>
            {fi.unsent && (
              <Tag icon={<CloudUploadOutlined />} color="orange" data-testid="item-unsent">
                {t("inspections.unsentShort")}
              </Tag>
            )}
            {item.type !== "number" && <OutcomeTag outcome={fi.outcome} />}
          </Space>
        </Flex>
        {clause && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="item-clause">
            {t("inspections.clause", { clause })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`inspections.onFail.${item.onFail}`)}
          {item.photoOnFail ? ` · ${t("inspections.photoOnFail")}` : ""}
        </Typography.Text>
        {item.type === "number" ? (
          <NumberAnswer fi={fi} answer={answer} actions={actions} />
        ) : item.type === "text" ? (
          <TextAnswer fi={fi} answer={answer} actions={actions} />
        ) : (
          <ResultButtons itemId={item.id} value={answer.result} onChange={(result) => actions.answer(item.id, { result })} />
        )}
        {needsPhoto && <Typography.Text type="warning">{t("inspections.photoNeeded")}</Typography.Text>}
        <Photos fi={fi} actions={actions} />
        <NoteField fi={fi} answer={answer} actions={actions} />
      </Flex>
    </Card>
  );
}
