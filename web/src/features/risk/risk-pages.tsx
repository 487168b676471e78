import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Select, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { enterprisesApi } from "../enterprises/enterprises-api.js";
import { RiskRegister } from "./risk-register.js";

/** /enterprises/:id/risk: one enterprise's risk register, reached from its 一企一档 page. */
export function EnterpriseRiskPage() {
  const t = useT();
  const { id = "" } = useParams();
  const enterprise = useApi((signal) => enterprisesApi.get(id, signal), [id]);
  const loaded = enterprise.data?.id === id ? enterprise.data : undefined;
  return (
    <>
      <PageHeader
        title={
          <Flex vertical gap={0}>
            <span>{t("risk.registerTitle")}</span>
            {loaded && (
              <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: "normal" }} data-testid="risk-enterprise-name">
                {loaded.name}
              </Typography.Text>
            )}
          </Flex>
        }
        extra={
          <Link to={`/enterprises/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t("risk.backToEnterprise")}</Button>
          </Link>
        }
      />
      <PageState loading={!loaded} error={enterprise.error} onRetry={enterprise.reload}>
        <RiskRegister enterpriseId={id} />
      </PageState>
    </>
  );
}

/**
 * /risk-points, the menu's entry: an enterprise user's own register; anyone else (who reads many
 * enterprises) picks one of the enterprises in their scope.
 */
export function RiskHomePage() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t("risk.registerTitle")} />
      {me.enterpriseId ? <RiskRegister enterpriseId={me.enterpriseId} /> : <EnterprisePicker />}
    </>
  );
}

function EnterprisePicker() {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const found = useApi((signal) => enterprisesApi.list({ q: q || undefined, page: 1, pageSize: 20 }, signal), [q]);
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t("risk.pickHint")}</Typography.Paragraph>
      <Select
        id="risk-enterprise-pick"
        style={{ width: 420, maxWidth: "100%" }}
        showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
        placeholder={t("risk.pickPlaceholder")}
        loading={found.loading}
        notFoundContent={found.error ? found.error.message : t("common.empty")}
        options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
        onChange={(id: string) => navigate(`/enterprises/${id}/risk`)}
      />
    </Card>
  );
}
