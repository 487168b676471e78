import { Button, Flex, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import type { SessionUser } from "../../../../domain/auth/auth.dto.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PageHeader } from "../../components/page-header.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { PolicyDrawer } from "./policy-view.js";
import { type PolicyEntry, riskApi } from "./risk-api.js";
import { useLabel } from "./risk-labels.js";

type Owner = "builtIn" | "deployment" | "enterprise";
const ownerOf = (e: PolicyEntry): Owner => (e.builtIn ? "builtIn" : e.enterpriseId ? "enterprise" : "deployment");
const ownerColour: Record<Owner, string> = { builtIn: "default", deployment: "geekblue", enterprise: "green" };

/**
 * Whether `me` may add a version of a policy: an administrator the deployment's, an enterprise
 * administrator its own enterprise's (the server decides the same way; built-ins are never changed).
 */
export function ownsPolicy(me: SessionUser, e: PolicyEntry): boolean {
  if (e.builtIn || !roleHas(me.role, "risk.manage")) return false;
  return me.role === "admin" ? e.enterpriseId === null : !!me.enterpriseId && e.enterpriseId === me.enterpriseId;
}

/**
 * /risk/policies: the assessment methods (R1) the caller may use — built-in, the deployment's and
 * the enterprise's own — each openable, and the basis of a new policy or version.
 */
export function PoliciesPage() {
  const t = useT();
  const label = useLabel();
  const me = useCurrentUser();
  const canManage = roleHas(me.role, "risk.manage");
  const list = useApi((signal) => riskApi.policyList(signal), []);
  const [open, setOpen] = useState<string>();

  return (
    <>
      <PageHeader title={t("risk.policiesTitle")} />
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t(me.role === "admin" ? "risk.policiesHintAdmin" : "risk.policiesHint")}
        </Typography.Paragraph>
        {list.error ? (
          <ErrorResult error={list.error} onRetry={list.reload} />
        ) : (
          <Table<PolicyEntry>
            size="small"
            rowKey={(e) => e.policy.id}
            loading={list.loading}
            dataSource={list.data?.items}
            pagination={false}
            scroll={{ x: "max-content" }}
            data-testid="policy-list"
            columns={[
              {
                title: t("risk.policyId"),
                key: "id",
                render: (_: unknown, e) => (
                  <Button
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => setOpen(e.policy.id)}
                    data-testid={`policy-open-${e.policy.id}`}
                  >
                    {e.policy.id}
                  </Button>
                ),
              },
              { title: t("risk.policyName"), key: "name", render: (_: unknown, e) => label(e.policy.name) },
              { title: t("risk.policyVersion"), key: "version", render: (_: unknown, e) => `v${e.policy.version}` },
              { title: t("risk.policyMethod"), key: "method", render: (_: unknown, e) => e.policy.method },
              { title: t("risk.policyKindLabel"), key: "kind", render: (_: unknown, e) => t(`risk.policyKind.${e.policy.kind}`) },
              {
                title: t("risk.policyOwner"),
                key: "owner",
                render: (_: unknown, e) => <Tag color={ownerColour[ownerOf(e)]}>{t(`risk.policyOwner.${ownerOf(e)}`)}</Tag>,
              },
              { title: t("risk.policyEffectiveFrom"), key: "from", render: (_: unknown, e) => e.policy.effectiveFrom },
              {
                title: t("risk.policySourceLabel"),
                key: "source",
                render: (_: unknown, e) => (
                  <Typography.Text ellipsis={{ tooltip: e.policy.source }} style={{ maxWidth: 280 }}>
                    {e.policy.source}
                  </Typography.Text>
                ),
              },
              {
                title: t("common.actions"),
                key: "actions",
                render: (_: unknown, e) => (
                  <Flex gap={4}>
                    <Button size="small" onClick={() => setOpen(e.policy.id)}>
                      {t("risk.policyView")}
                    </Button>
                    {canManage && (
                      <Link to={`/risk/policies/new?from=${encodeURIComponent(e.policy.id)}&version=${e.policy.version}`}>
                        <Button size="small" data-testid={`policy-copy-${e.policy.id}`}>
                          {t("risk.policyCopy")}
                        </Button>
                      </Link>
                    )}
                    {ownsPolicy(me, e) && (
                      <Link to={`/risk/policies/${encodeURIComponent(e.policy.id)}/new-version`}>
                        <Button size="small" type="primary" ghost data-testid={`policy-version-${e.policy.id}`}>
                          {t("risk.policyNewVersion")}
                        </Button>
                      </Link>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Flex>
      <PolicyDrawer policyId={open} onClose={() => setOpen(undefined)} canCopy={canManage} canVersion={(e) => ownsPolicy(me, e)} />
    </>
  );
}
