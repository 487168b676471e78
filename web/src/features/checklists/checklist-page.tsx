import { CopyOutlined, DownloadOutlined, EditOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Descriptions, Flex, Popconfirm, Segmented, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { PageHeader } from "../../components/page-header.js";
import { PageState } from "../../components/page-state.js";
import { formatDateTime } from "../../i18n/format.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { CopyChecklistModal } from "./checklist-copy-modal.js";
import { OwnerTag, useCategoryLabel } from "./checklist-labels.js";
import { ChecklistView } from "./checklist-view.js";
import { type ChecklistDetail, checklistsApi } from "./checklists-api.js";

/** /checklists/:id — a template's draft and published versions, with copy, edit, publish and export. */
export function ChecklistPage() {
  const { id = "" } = useParams();
  const detail = useApi((signal) => checklistsApi.get(id, signal), [id]);
  return (
    <PageState loading={detail.loading && !detail.data} error={detail.error} onRetry={detail.reload}>
      {detail.data && <ChecklistBody c={detail.data} reload={detail.reload} />}
    </PageState>
  );
}

function ChecklistBody({ c, reload }: { c: ChecklistDetail; reload: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const category = useCategoryLabel();
  const { message } = App.useApp();
  // Which content is shown: a published version (newest by default) or the draft.
  const [shown, setShown] = useState<number | "draft">(c.publishedVersion || "draft");
  const [copying, setCopying] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const version = useApi(
    (signal) => (shown === "draft" ? Promise.resolve(undefined) : checklistsApi.version(c.id, shown, signal)),
    [c.id, shown],
  );
  const content = shown === "draft" ? c.draft : version.data?.content;

  const publish = async () => {
    setPublishing(true);
    try {
      const after = await checklistsApi.publish(c.id, c.version);
      message.success(t("checklists.publishedOk", { n: after.publishedVersion }));
      setShown(after.publishedVersion);
      reload();
    } catch (err) {
      message.error(toApiError(err).message);
      reload();
    } finally {
      setPublishing(false);
    }
  };

  return (
    <>
      <PageHeader
        title={<span data-testid="checklist-name">{c.name}</span>}
        extra={
          <>
            {roleHas(me.role, "checklists.manage") && (
              <Button icon={<CopyOutlined />} onClick={() => setCopying(true)} id="checklist-copy">
                {t("checklists.copy")}
              </Button>
            )}
            {c.mayEdit && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/checklists/${c.id}/edit`)} id="checklist-edit">
                {t("checklists.edit")}
              </Button>
            )}
            {c.mayEdit && c.draftChanged && (
              <Popconfirm
                title={t("checklists.publishConfirm", { n: c.publishedVersion + 1 })}
                okText={t("checklists.publish")}
                cancelText={t("common.cancel")}
                okButtonProps={{ id: "checklist-publish-ok" }}
                onConfirm={publish}
              >
                <Button type="primary" icon={<SendOutlined />} loading={publishing} id="checklist-publish">
                  {t("checklists.publish")}
                </Button>
              </Popconfirm>
            )}
            <Button
              icon={<DownloadOutlined />}
              href={checklistsApi.exportUrl(c.id, shown === "draft" ? undefined : shown)}
              id="checklist-export"
            >
              {t("checklists.export")}
            </Button>
          </>
        }
      />
      <Flex vertical gap={16}>
        {c.ownerKind === "builtin" && <Alert type="info" showIcon title={t("checklists.builtinReadonly")} />}
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} bordered>
          <Descriptions.Item label={t("checklists.owner")}>
            <OwnerTag kind={c.ownerKind} />
            {c.regionCode && <Tag>{c.regionCode}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t("checklists.category")}>{category(c.category)}</Descriptions.Item>
          <Descriptions.Item label={t("checklists.published")}>
            <span data-testid="checklist-published-version">
              {c.publishedVersion ? t("checklists.versionN", { n: c.publishedVersion }) : t("checklists.unpublished")}
            </span>
            {c.publishedVersion > 0 && c.draftChanged && (
              <Tag color="gold" style={{ marginInlineStart: 8 }}>
                {t("checklists.draftChanged")}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("checklists.copiedFrom")}>
            {c.copiedFromId ? (
              <Link to={`/checklists/${c.copiedFromId}`}>{c.copiedFromVersion ? `v${c.copiedFromVersion}` : t("checklists.draft")}</Link>
            ) : (
              t("common.none")
            )}
          </Descriptions.Item>
        </Descriptions>
        <Flex align="center" gap={8} wrap>
          {t("checklists.showing")}
          <Segmented<number | "draft">
            id="checklist-shown"
            value={shown}
            onChange={setShown}
            options={[
              ...c.versions.map((v) => ({ value: v.version, label: `v${v.version}` })),
              ...(c.mayEdit || c.publishedVersion === 0 ? [{ value: "draft" as const, label: t("checklists.draft") }] : []),
            ]}
          />
        </Flex>
        <PageState loading={shown !== "draft" && version.loading && !content} error={version.error} onRetry={version.reload}>
          {content && <ChecklistView content={content} />}
        </PageState>
        {c.versions.length > 0 && (
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            title={() => t("checklists.versions")}
            dataSource={c.versions}
            data-testid="checklist-versions"
            columns={[
              { title: t("checklists.version"), key: "v", render: (_: unknown, v) => `v${v.version}` },
              { title: t("checklists.name"), dataIndex: "name" },
              { title: t("checklists.items"), key: "n", render: (_: unknown, v) => t("checklists.itemCount", { n: v.itemCount }) },
              { title: t("checklists.publishedAt"), key: "at", render: (_: unknown, v) => formatDateTime(v.publishedAt) },
            ]}
          />
        )}
      </Flex>
      <CopyChecklistModal
        source={copying ? c : undefined}
        onClose={() => setCopying(false)}
        onCopied={(copy) => {
          setCopying(false);
          navigate(`/checklists/${copy.id}`);
        }}
      />
    </>
  );
}
