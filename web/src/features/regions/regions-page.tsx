import { ImportOutlined, ReloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, Empty, Flex, type GetRef, Grid, Row, Segmented, Spin, Tooltip, Tree, type TreeDataNode } from "antd";
import { type Key, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { roleHas } from "../../../../domain/access/permissions.js";
import { RegionCode } from "../../../../domain/access/roles.js";
import { toApiError } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { ErrorResult } from "../../components/error-result.js";
import { PageHeader } from "../../components/page-header.js";
import { PageLoading } from "../../components/page-state.js";
import { RegionTitle } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { useCurrentUser } from "../auth/session-context.js";
import { gridPath, isGridLevel, seesGridNode } from "../grid/grid-access.js";
import { MergeRegionModal } from "./merge-region-modal.js";
import { RegionDetailCard } from "./region-detail-card.js";
import { RegionImportModal } from "./region-import-modal.js";
import { RegionSearch } from "./region-search.js";
import { type RegionDetail, type RegionMergeResult, regionsApi } from "./regions-api.js";
import { RenameRegionModal } from "./rename-region-modal.js";
import { useRegionTree } from "./use-region-tree.js";

type Scope = "mine" | "all";

function union(keys: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...keys, ...more])];
}

/** The division tree (lazily loaded) with search on the left, the selected region's details on the right. */
export function RegionsPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const canManage = roleHas(me.role, "regions.manage");
  const [params, setParams] = useSearchParams();
  // Regulators and grid members see their own subtree first; everyone may open the whole tree.
  const [scope, setScope] = useState<Scope>(me.regionCode ? "mine" : "all");
  const rootCode = scope === "mine" ? (me.regionCode ?? undefined) : undefined;
  const tree = useRegionTree(rootCode);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [scrollTarget, setScrollTarget] = useState<string>();
  const [renaming, setRenaming] = useState<RegionDetail>();
  const [merging, setMerging] = useState<RegionDetail>();
  const [importing, setImporting] = useState(false);
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  // The selection lives in the URL (?code=), so links, back and forward select regions.
  const param = params.get("code");
  const selected = param && RegionCode.safeParse(param).success ? param : rootCode;
  const detail = useApi((signal) => (selected ? regionsApi.get(selected, signal) : Promise.resolve(undefined)), [selected]);

  const select = (code: string) => {
    if (code !== selected) setParams({ code });
  };

  // Keep the selected region in view: load and open every level above it, then scroll to it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per loaded detail and tree root; the rest is read as it is now.
  useEffect(() => {
    const region = detail.data;
    if (!region || region.code !== selected) return;
    tree.remember([region]);
    if (tree.isShown(region.code, expanded)) {
      setScrollTarget(region.code);
      return;
    }
    let cancelled = false;
    tree.reveal(region).then(
      (chain) => {
        if (cancelled) return;
        // Outside the user's own subtree: show the whole tree instead.
        if (chain === undefined) {
          if (rootCode) setScope("all");
          return;
        }
        setExpanded((keys) => union(keys, chain));
        setScrollTarget(region.code);
      },
      (err: unknown) => {
        if (!cancelled) message.error(t("regions.childrenFailed", { message: toApiError(err).message }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [detail.data, rootCode]);

  // The user's own region opens at once: it is the only root.
  const rootLoaded = !!rootCode && !!tree.roots.data?.some((r) => r.code === rootCode);
  useEffect(() => {
    if (rootCode && rootLoaded) setExpanded((keys) => union(keys, [rootCode]));
  }, [rootCode, rootLoaded]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks newly loaded tree levels.
  useEffect(() => {
    if (!scrollTarget || !tree.isShown(scrollTarget, expanded)) return;
    // After the tree has rendered the opened levels; again while other open levels load above it.
    const timer = setTimeout(() => treeRef.current?.scrollTo({ key: scrollTarget, align: "auto" }));
    return () => clearTimeout(timer);
  }, [scrollTarget, expanded, tree.revision]);

  useEffect(() => {
    if (!scrollTarget) return;
    const timer = setTimeout(() => setScrollTarget(undefined), 2000);
    return () => clearTimeout(timer);
  }, [scrollTarget]);

  const changeScope = (next: Scope) => {
    setScope(next);
    // The selection belonged to the other view.
    if (params.has("code")) setParams({});
  };

  const refresh = () => {
    tree.reset();
    detail.reload();
  };

  // The retired node's children keep the old prefix: the administrator is told which to re-import.
  const merged = (result: RegionMergeResult) => {
    setMerging(undefined);
    tree.reset();
    detail.reload();
    if (result.activeChildren.length > 0) {
      modal.warning({
        title: t("regionMerge.done", { name: result.region.name, successor: result.successor.name }),
        content: (
          <>
            <p>{t("regionMerge.children", { count: result.activeChildren.length })}</p>
            <ul style={{ maxHeight: 240, overflow: "auto", paddingInlineStart: 20 }}>
              {result.activeChildren.map((c) => (
                <li key={c.code}>
                  {c.name} {c.code}
                </li>
              ))}
            </ul>
          </>
        ),
      });
    }
  };

  const loadData = (node: { key: Key }) => {
    const code = String(node.key);
    return tree.loadChildren(code).catch((err: unknown) => {
      // Closing the node stops the tree from retrying at once; expanding it again retries.
      setExpanded((keys) => keys.filter((k) => k !== code));
      message.error(t("regions.childrenFailed", { message: toApiError(err).message }));
      throw err;
    });
  };

  const treeData = tree.build<TreeDataNode>((node, children) => ({
    key: node.code,
    title: <RegionTitle node={node} />,
    isLeaf: node.childCount === 0,
    children,
  }));

  const { roots } = tree;
  const treeBody = roots.error ? (
    <ErrorResult error={roots.error} onRetry={roots.reload} />
  ) : !roots.data ? (
    <PageLoading />
  ) : treeData.length === 0 ? (
    <Empty description={t("regions.treeEmpty")} />
  ) : (
    <Spin spinning={roots.loading}>
      <Tree
        ref={treeRef}
        data-testid="region-tree"
        treeData={treeData}
        loadData={loadData}
        loadedKeys={tree.loadedCodes}
        expandedKeys={expanded}
        onExpand={(keys) => {
          // The user is steering now: stop keeping the selection in view.
          setScrollTarget(undefined);
          setExpanded(keys.map(String));
        }}
        selectedKeys={selected ? [selected] : []}
        onSelect={(_, info) => select(String(info.node.key))}
        height={screens.lg ? 560 : 360}
        blockNode
      />
    </Spin>
  );

  return (
    <>
      <PageHeader
        title={t("regions.title")}
        extra={
          <>
            <Tooltip title={t("common.refresh")}>
              <Button icon={<ReloadOutlined />} aria-label={t("common.refresh")} onClick={refresh} />
            </Tooltip>
            {canManage && (
              <Button id="region-import" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t("regionImport.open")}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card
            title={t("regions.tree")}
            extra={
              me.regionCode && (
                <Segmented<Scope>
                  size="small"
                  value={scope}
                  onChange={changeScope}
                  options={[
                    { value: "mine", label: <span id="region-scope-mine">{t("regions.scopeMine")}</span> },
                    { value: "all", label: <span id="region-scope-all">{t("regions.scopeAll")}</span> },
                  ]}
                />
              )
            }
            style={{ height: "100%" }}
          >
            <Flex vertical gap={12}>
              <RegionSearch within={rootCode} onPick={(hit) => select(hit.code)} />
              {treeBody}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <RegionDetailCard
            code={selected}
            detail={detail}
            nameOf={(code) => tree.node(code)?.name}
            onRename={canManage ? setRenaming : undefined}
            onMerge={canManage ? setMerging : undefined}
            gridLinkOf={(r) => (isGridLevel(r.level) && seesGridNode(me, r.code) ? gridPath(r.code) : undefined)}
          />
        </Col>
      </Row>
      <RenameRegionModal
        region={renaming}
        onClose={() => setRenaming(undefined)}
        onRenamed={(region) => {
          setRenaming(undefined);
          tree.remember([region]);
          detail.reload();
        }}
        onStale={() => {
          setRenaming(undefined);
          detail.reload();
        }}
      />
      <MergeRegionModal
        region={merging}
        onClose={() => setMerging(undefined)}
        onMerged={merged}
        onStale={() => {
          setMerging(undefined);
          detail.reload();
        }}
      />
      <RegionImportModal open={importing} onClose={() => setImporting(false)} onImported={refresh} />
    </>
  );
}
