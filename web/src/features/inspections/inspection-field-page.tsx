import { ArrowLeftOutlined, ArrowRightOutlined, CheckCircleOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Flex, Progress, Result, Segmented, Typography } from "antd";
import { useMemo } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorResult } from "../../components/error-result.js";
import { PageLoading } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { fieldItems, useInspectionSync, useOnline } from "./field-model.js";
import { FinishPanel } from "./finish-panel.js";
import { type ItemActions, ItemCard } from "./item-card.js";
import { SyncNotices, UnsentBadge } from "./sync-status.js";

type Mode = "one" | "all";

/**
 * /inspections/:id/field — the inspection answered on a phone (375×812 first): one item at a time with prev/next
 * and "12 / 48", or the whole list; every answer and photo goes to the IndexedDB outbox first and is sent from
 * there (inspection-sync.ts), so the form keeps working when the network drops. `?item=` and `?mode=` keep the
 * place across a reload; `?step=finish` is the finish screen.
 */
export function InspectionFieldPage() {
  const t = useT();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [sync, state] = useInspectionSync(id);
  const online = useOnline();
  const detail = state.detail;
  const items = useMemo(() => (detail ? fieldItems(detail, state.entries) : []), [detail, state.entries]);
  const byId = useMemo(() => new Map(items.map((i) => [i.item.id, { item: i.item, index: i.index }])), [items]);
  const mode: Mode = params.get("mode") === "all" ? "all" : "one";
  const finishing = params.get("step") === "finish";
  const index = Math.min(Math.max(0, Number(params.get("item") ?? 0) || 0), Math.max(0, items.length - 1));

  const go = (next: { item?: number; mode?: Mode; step?: "finish" | null }) => {
    const p = new URLSearchParams(params);
    if (next.item !== undefined) p.set("item", String(next.item));
    if (next.mode) p.set("mode", next.mode);
    if (next.step === "finish") p.set("step", "finish");
    if (next.step === null) p.delete("step");
    setParams(p, { replace: true });
    window.scrollTo({ top: 0 });
  };

  const actions: ItemActions = {
    answer: (itemId, value) => void sync.answer(itemId, value),
    addPhoto: (itemId, photo) => void sync.addPhoto(itemId, photo),
    removePhoto: (photoId, itemId) => void sync.removePhoto(photoId, itemId),
  };

  if (!detail) {
    if (state.loadError) return <ErrorResult error={state.loadError} onRetry={() => void sync.reload()} />;
    return <PageLoading />;
  }
  if (detail.status !== "in_progress" && state.entries.length === 0) {
    return (
      <Result
        status="success"
        title={t("inspections.alreadyFinished")}
        extra={
          <Link to={`/inspections/${id}`}>
            <Button type="primary" size="large">
              {t("inspections.openRecord")}
            </Button>
          </Link>
        }
      />
    );
  }

  const answered = items.filter((i) => i.outcome).length;
  const current = items[index];
  const readOnly = detail.status !== "in_progress";

  return (
    <Flex vertical gap={12} style={{ maxWidth: 720, margin: "0 auto" }} data-testid="inspection-field">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Link to={`/inspections/${id}`}>
          <Button icon={<ArrowLeftOutlined />} aria-label={t("inspections.openRecord")} />
        </Link>
        <Typography.Text strong ellipsis style={{ flex: 1, fontSize: 16 }} data-testid="field-enterprise">
          {detail.enterpriseName}
        </Typography.Text>
        <UnsentBadge state={state} online={online} onSend={() => sync.flushNow()} />
      </Flex>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {detail.checklist.name} v{detail.checklist.version}
        </Typography.Text>
        {!finishing && (
          <Button type="link" onClick={() => go({ step: "finish" })} id="field-finish-shortcut" style={{ paddingInline: 0 }}>
            {t("inspections.toFinish")}
          </Button>
        )}
        {!finishing && (
          <Segmented<Mode>
            value={mode}
            onChange={(m) => go({ mode: m })}
            options={[
              { value: "one", label: <span data-testid="mode-one">{t("inspections.modeOne")}</span> },
              { value: "all", label: <span data-testid="mode-all">{t("inspections.modeAll")}</span> },
            ]}
          />
        )}
      </Flex>
      <Progress
        percent={items.length ? Math.round((answered / items.length) * 100) : 0}
        format={() => t("inspections.answeredOf", { answered, total: items.length })}
        data-testid="field-progress"
      />
      <SyncNotices sync={sync} state={state} online={online} items={byId} />
      {readOnly ? null : finishing ? (
        <FinishPanel
          detail={detail}
          items={items}
          sync={sync}
          state={state}
          online={online}
          onBack={() => go({ step: null })}
          onGoTo={(i) => go({ item: i, mode: "one", step: null })}
          onFinished={() => navigate(`/inspections/${id}`)}
        />
      ) : mode === "one" && current ? (
        <>
          <Typography.Text strong style={{ fontSize: 18, textAlign: "center" }} data-testid="field-position">
            {index + 1} / {items.length}
          </Typography.Text>
          <ItemCard key={current.item.id} fi={current} total={items.length} actions={actions} />
          <Flex
            gap={8}
            style={{
              position: "sticky",
              bottom: 0,
              padding: "8px 0",
              background: "var(--ant-color-bg-layout, #f5f5f5)",
              zIndex: 5,
            }}
          >
            <Button
              size="large"
              icon={<ArrowLeftOutlined />}
              disabled={index === 0}
              onClick={() => go({ item: index - 1 })}
              style={{ flex: 1, height: 52 }}
              id="item-prev"
            >
              {t("inspections.prev")}
            </Button>
            {index < items.length - 1 ? (
              <Button type="primary" size="large" onClick={() => go({ item: index + 1 })} style={{ flex: 1, height: 52 }} id="item-next">
                {t("inspections.next")} <ArrowRightOutlined />
              </Button>
            ) : (
              <Button
                type="primary"
                size="large"
                icon={<CheckCircleOutlined />}
                onClick={() => go({ step: "finish" })}
                style={{ flex: 1, height: 52 }}
                id="field-to-finish"
              >
                {t("inspections.toFinish")}
              </Button>
            )}
          </Flex>
        </>
      ) : (
        <>
          {detail.checklist.content.sections.map((s) => (
            <Flex vertical gap={8} key={s.id}>
              <Typography.Title level={5} style={{ margin: "8px 0 0" }}>
                {s.title}
              </Typography.Title>
              {items
                .filter((i) => i.section.id === s.id)
                .map((fi) => (
                  <ItemCard key={fi.item.id} fi={fi} total={items.length} actions={actions} compact />
                ))}
            </Flex>
          ))}
          <Button
            type="primary"
            size="large"
            block
            icon={<CheckCircleOutlined />}
            onClick={() => go({ step: "finish" })}
            style={{ height: 52 }}
            id="field-to-finish"
          >
            {t("inspections.toFinish")}
          </Button>
        </>
      )}
      {readOnly && (
        <Button icon={<ReloadOutlined />} onClick={() => void sync.reload()}>
          {t("common.refresh")}
        </Button>
      )}
    </Flex>
  );
}
