import { ArrowLeftOutlined, CheckCircleOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Input, List, Statistic, Typography } from "antd";
import { useState } from "react";
import type { InspectionSignatureInput } from "../../../../domain/inspections/inspection.dto.js";
import { resultOf } from "../../../../domain/inspections/inspection.js";
import { type ApiError, toApiError } from "../../api/client.js";
import { useT } from "../../i18n/i18n-context.js";
import type { FieldItem } from "./field-model.js";
import { InspectionResultTag } from "./inspection-labels.js";
import type { InspectionSync, SyncState } from "./inspection-sync.js";
import { type InspectionDetail, inspectionsApi } from "./inspections-api.js";
import { SignaturePad } from "./signature-pad.js";

/**
 * 完成检查: what was found (fails with their photos and what each becomes), what is still open, the signatures —
 * each inspector of a regulator or grid inspection and the enterprise's representative (enforcement.md R1) — and
 * the finish, which the server applies in one transaction (hazards for the fails). Finishing needs the network and
 * an empty outbox: the server judges what it holds, not what is still on the phone.
 */
export function FinishPanel({
  detail,
  items,
  sync,
  state,
  online,
  onBack,
  onGoTo,
  onFinished,
}: {
  detail: InspectionDetail;
  items: FieldItem[];
  sync: InspectionSync;
  state: SyncState;
  online: boolean;
  onBack: () => void;
  onGoTo: (index: number) => void;
  onFinished: (d: InspectionDetail) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [inspectorInk, setInspectorInk] = useState<Record<string, string | null>>({});
  const [representative, setRepresentative] = useState("");
  const [representativeInk, setRepresentativeInk] = useState<string | null>(null);
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<ApiError>();
  const [finishing, setFinishing] = useState(false);

  const fails = items.filter((i) => i.outcome === "fail");
  const open = items.filter((i) => !i.outcome);
  const missingPhotos = fails.filter((i) => i.item.photoOnFail && i.photos.length === 0);
  // A self-inspection is signed by the enterprise's representative only; other kinds by every inspector too.
  const inspectorsSign = detail.kind !== "self";
  const result = resultOf(items.map((i) => ({ itemId: i.item.id, outcome: i.outcome }))).result;
  const unsent = state.entries.length;
  const signed =
    (!inspectorsSign || detail.inspectors.every((i) => inspectorInk[i.userId])) && !!representative.trim() && !!representativeInk;
  const ready = online && unsent === 0 && open.length === 0 && missingPhotos.length === 0 && signed && state.phase !== "conflict";

  const finish = async () => {
    setError(undefined);
    setFinishing(true);
    const signatures: InspectionSignatureInput[] = [
      ...(inspectorsSign
        ? detail.inspectors.map((i) => ({
            signer: "inspector" as const,
            name: i.name,
            userId: i.userId,
            image: inspectorInk[i.userId] ?? "",
          }))
        : []),
      { signer: "enterprise", name: representative.trim(), image: representativeInk ?? "" },
    ];
    try {
      const done = await inspectionsApi.finish(detail.id, { version: detail.version, summary: summary.trim() || null, signatures });
      await sync.finished(done);
      message.success(t("inspections.finished"));
      onFinished(done);
    } catch (err) {
      const e = toApiError(err);
      setFinishing(false);
      if (e.code === "conflict.stale_version" || e.status === 409) {
        message.warning(t("inspections.finishStale"));
        await sync.reload();
        return;
      }
      setError(e);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="finish-panel">
      <Button icon={<ArrowLeftOutlined />} onClick={onBack} style={{ alignSelf: "flex-start" }} size="large" id="finish-back">
        {t("inspections.backToItems")}
      </Button>
      <Card size="small" title={t("inspections.summaryTitle")}>
        <Flex gap={16} wrap>
          <Statistic title={t("inspections.outcome.pass")} value={items.filter((i) => i.outcome === "pass").length} />
          <Statistic
            title={t("inspections.outcome.fail")}
            value={fails.length}
            styles={{ content: { color: fails.length ? "#d4380d" : undefined } }}
          />
          <Statistic title={t("inspections.outcome.na")} value={items.filter((i) => i.outcome === "na").length} />
          <Statistic title={t("inspections.unanswered")} value={open.length} />
        </Flex>
        <div style={{ marginTop: 8 }}>
          {t("inspections.result")}：<InspectionResultTag result={result} />
        </div>
      </Card>
      {fails.length > 0 && (
        <Card size="small" title={t("inspections.failsTitle", { n: fails.length })} data-testid="finish-fails">
          <List
            size="small"
            dataSource={fails}
            renderItem={(f) => (
              <List.Item onClick={() => onGoTo(f.index)} style={{ cursor: "pointer" }}>
                <Flex vertical>
                  <Typography.Text>
                    {f.index + 1}. {f.item.question}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`inspections.onFail.${f.item.onFail}`)} · {t("inspections.photoCount", { n: f.photos.length })}
                    {f.answer?.note ? ` · ${f.answer.note}` : ""}
                  </Typography.Text>
                  {f.item.photoOnFail && f.photos.length === 0 && (
                    <Typography.Text type="danger">{t("inspections.photoNeeded")}</Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
      {open.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="finish-open"
          title={t("inspections.openItems", { n: open.length })}
          description={
            <Flex wrap gap={6}>
              {open.slice(0, 30).map((o) => (
                <Button key={o.item.id} size="small" onClick={() => onGoTo(o.index)}>
                  {o.index + 1}
                </Button>
              ))}
            </Flex>
          }
        />
      )}
      <Card size="small" title={t("inspections.summaryNote")}>
        <Input.TextArea
          id="finish-summary"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={4000}
        />
      </Card>
      <Card size="small" title={t("inspections.signatures")}>
        <Flex vertical gap={16}>
          {inspectorsSign &&
            detail.inspectors.map((i, n) => (
              <SignaturePad
                key={i.userId}
                id={`signature-inspector-${n}`}
                label={t("inspections.signatureInspector", { name: i.name, cert: i.certNo ?? "—" })}
                onChange={(png) => setInspectorInk((s) => ({ ...s, [i.userId]: png }))}
              />
            ))}
          <Flex vertical gap={4}>
            <Typography.Text>{t("inspections.representativeName")}</Typography.Text>
            <Input
              size="large"
              id="finish-representative"
              value={representative}
              onChange={(e) => setRepresentative(e.target.value)}
              maxLength={50}
            />
          </Flex>
          <SignaturePad id="signature-enterprise" label={t("inspections.signatureEnterprise")} onChange={setRepresentativeInk} />
        </Flex>
      </Card>
      {!online && <Alert type="info" showIcon title={t("inspections.finishNeedsNetwork")} />}
      {online && unsent > 0 && <Alert type="info" showIcon title={t("inspections.finishWaitsForQueue", { n: unsent })} />}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          description={error.fields.map((f) => (
            <div key={f.path}>
              <Typography.Text code>{f.path}</Typography.Text> {f.message}
            </div>
          ))}
        />
      )}
      <Button
        type="primary"
        size="large"
        block
        icon={<CheckCircleOutlined />}
        disabled={!ready}
        loading={finishing}
        onClick={() => void finish()}
        id="inspection-finish"
        style={{ height: 52 }}
      >
        {t("inspections.finish")}
      </Button>
    </Flex>
  );
}
