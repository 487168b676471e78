import { Form, Tag, Typography } from "antd";
import { Link } from "react-router";
import { PageHeader } from "../../components/page-header.js";
import { FilterActions, PagedTable, usePagedList } from "../../components/paged-table.js";
import { RegionSelect } from "../../components/region-select.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import type { MessageKey } from "../../i18n/messages.js";
import { useCurrentUser } from "../auth/session-context.js";
import { type CreditProposal, creditProposalsApi } from "../public/public-penalties-api.js";

type Filters = { region?: string };

/**
 * /cases/credit-proposals — 严重失信 listing proposals raised by penalty decisions (issue 8 §5, credit.md R4–R5),
 * listed for the leader until the credit module takes them over. Nothing here lists anyone: a person decides.
 */
export function CreditProposalsPage() {
  const t = useT();
  const me = useCurrentUser();
  const [form] = Form.useForm<Filters>();
  const paged = usePagedList<Filters, CreditProposal>((q, signal) => creditProposalsApi.list(q, signal), {});

  return (
    <>
      <PageHeader title={t("creditProposals.title")} />
      <Typography.Paragraph type="secondary">{t("creditProposals.intro")}</Typography.Paragraph>
      <Form<Filters>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => paged.applyFilters({ region: v.region || undefined })}
      >
        <Form.Item name="region" label={t("creditProposals.region")}>
          <RegionSelect rootCode={me.regionCode ?? undefined} allowClear style={{ width: 240 }} />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            paged.applyFilters({});
          }}
        />
      </Form>
      <PagedTable<Filters, CreditProposal>
        data-testid="credit-proposals"
        rowKey="id"
        paged={paged}
        emptyText={t("creditProposals.empty")}
        columns={[
          { title: t("creditProposals.enterprise"), dataIndex: "enterpriseName" },
          {
            title: t("creditProposals.caseNo"),
            dataIndex: "caseNo",
            render: (no: string, p) => <Link to={`/cases/${p.caseId}`}>{no}</Link>,
          },
          {
            title: t("creditProposals.criterion"),
            dataIndex: "criterion",
            render: (c: string) => <Tag color="volcano">{t(`creditProposals.criterion.${c}` as MessageKey)}</Tag>,
          },
          { title: t("creditProposals.reason"), dataIndex: "reason", width: 420 },
          { title: t("creditProposals.decidedOn"), dataIndex: "decidedOn" },
          {
            title: t("creditProposals.status"),
            dataIndex: "status",
            render: (s: string) => <Tag>{t(`creditProposals.status.${s}` as MessageKey)}</Tag>,
          },
          { title: t("creditProposals.createdAt"), dataIndex: "createdAt", render: (v: string) => formatDateTime(v) },
        ]}
      />
    </>
  );
}
