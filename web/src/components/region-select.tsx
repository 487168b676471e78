import { ReloadOutlined } from "@ant-design/icons";
import { App, Button, Flex, Spin, Tag, TreeSelect, Typography } from "antd";
import { type CSSProperties, type Key, type ReactNode, useEffect, useState } from "react";
import { RegionCode } from "../../../domain/access/roles.js";
import { toApiError } from "../api/client.js";
import { useApi } from "../api/use-api.js";
import { type RegionLevel, type RegionNode, regionsApi } from "../features/regions/regions-api.js";
import { regionLevelOrder, useRegionTree } from "../features/regions/use-region-tree.js";
import { useT } from "../i18n/i18n-context.js";

export type RegionSelectProps = {
  /** Set by Form.Item so the label points at the search input. */
  id?: string;
  value?: string;
  onChange?: (code?: string) => void;
  /** Start the tree at this region instead of the provinces (e.g. a county regulator picks inside their county). */
  rootCode?: string;
  /** Only these levels can be picked; the others are shown but disabled. */
  levels?: readonly RegionLevel[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  disabled?: boolean;
};

type Option = {
  key: string;
  value: string;
  /** What the dropdown shows. */
  title: ReactNode;
  /** What the selection shows. */
  label: string;
  isLeaf: boolean;
  disabled: boolean;
  children?: Option[];
};
type Labeled = { value: string | number; label?: ReactNode };

const searchMax = 40;

/** Picks a region: a lazily loaded division tree, or server search by name or code prefix (debounced). */
export function RegionSelect({ id, value, onChange, rootCode, levels, placeholder, allowClear, style, disabled }: RegionSelectProps) {
  const t = useT();
  const { message } = App.useApp();
  const tree = useRegionTree(rootCode);
  // A subtree's single root starts open.
  const [expanded, setExpanded] = useState<string[]>(rootCode ? [rootCode] : []);
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim().slice(0, searchMax)), 300);
    return () => clearTimeout(timer);
  }, [search]);

  // The server filters by one level; with several allowed levels the others come back disabled.
  const levelParam = levels?.length === 1 ? levels[0] : undefined;
  const hits = useApi(
    (signal) => (q ? regionsApi.search({ q, within: rootCode, level: levelParam, limit: 20 }, signal) : Promise.resolve(undefined)),
    [q, rootCode, levelParam],
  );
  const searching = search.trim() !== "";
  const searchPending = searching && (q !== search.trim().slice(0, searchMax) || hits.loading);

  // Deeper than the deepest allowed level there is nothing to pick: those nodes stay closed.
  const deepest = levels ? Math.max(...levels.map((l) => regionLevelOrder.indexOf(l))) : regionLevelOrder.length - 1;
  const pickable = (level: RegionLevel) => !levels || levels.includes(level);

  // A value set from outside (an edited record) whose name we do not know yet.
  const known = value ? tree.node(value) : undefined;
  const needsName = !!value && !known && RegionCode.safeParse(value).success;
  const { remember } = tree;
  useEffect(() => {
    if (!needsName || !value) return;
    const controller = new AbortController();
    regionsApi.get(value, controller.signal).then(
      (detail) => remember([detail]),
      () => {
        // Unknown or unreachable: the code itself is shown and the form's rules judge it.
      },
    );
    return () => controller.abort();
  }, [value, needsName, remember]);

  const toOption = (node: RegionNode, children: Option[] | undefined): Option => ({
    key: node.code,
    value: node.code,
    title: <RegionTitle node={node} />,
    label: node.name,
    isLeaf: node.childCount === 0 || regionLevelOrder.indexOf(node.level) >= deepest,
    disabled: !pickable(node.level),
    children,
  });

  const treeData: Option[] = searching
    ? searchPending
      ? []
      : (hits.data?.items ?? []).map((hit) => ({
          key: hit.code,
          value: hit.code,
          title: <RegionTitle node={hit} pathName={hit.pathName} />,
          label: hit.name,
          isLeaf: true,
          disabled: !pickable(hit.level),
        }))
    : tree.build(toOption);

  const loadData = (node: { key?: Key; value?: Key }) => {
    const code = String(node.value ?? node.key);
    return tree.loadChildren(code).catch((err: unknown) => {
      // Closing the node stops the tree from retrying at once; opening it again retries.
      setExpanded((keys) => keys.filter((k) => k !== code));
      message.error(t("regions.childrenFailed", { message: toApiError(err).message }));
      throw err;
    });
  };

  /** Opens the tree down to the current value. */
  const revealValue = async (code: string) => {
    if (tree.isShown(code, expanded)) return;
    try {
      const chain = await tree.reveal(await regionsApi.get(code));
      if (chain?.length) setExpanded((keys) => [...new Set([...keys, ...chain])]);
    } catch {
      // The tree simply stays where it is.
    }
  };

  const notFound = searching ? (
    searchPending ? (
      <Spin size="small" />
    ) : hits.error ? (
      <Typography.Text type="danger">{hits.error.message}</Typography.Text>
    ) : (
      t("regions.searchEmpty")
    )
  ) : tree.roots.loading ? (
    <Spin size="small" />
  ) : tree.roots.error ? (
    <Flex vertical align="flex-start" gap={4}>
      <Typography.Text type="danger">{tree.roots.error.message}</Typography.Text>
      <Button size="small" icon={<ReloadOutlined />} onMouseDown={(e) => e.preventDefault()} onClick={tree.roots.reload}>
        {t("common.retry")}
      </Button>
    </Flex>
  ) : (
    t("regions.treeEmpty")
  );

  const selected: Labeled | undefined = value
    ? {
        value,
        label: known ? (
          <span title={value}>
            {known.name}
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
              {value}
            </Typography.Text>
          </span>
        ) : (
          value
        ),
      }
    : undefined;

  return (
    <TreeSelect<Labeled | undefined, Option>
      id={id}
      value={selected}
      labelInValue
      treeData={treeData}
      treeNodeLabelProp="label"
      loadData={loadData}
      treeLoadedKeys={tree.loadedCodes}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.map(String))}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      onOpenChange={(open) => {
        if (!open) setSearch("");
        else if (value && RegionCode.safeParse(value).success) void revealValue(value);
      }}
      onChange={(next) => {
        const code = next ? String(next.value) : undefined;
        const hit = code && hits.data?.items.find((h) => h.code === code);
        if (hit) remember([hit]);
        setSearch("");
        onChange?.(code);
      }}
      notFoundContent={notFound}
      placeholder={placeholder ?? t("regions.selectPlaceholder")}
      allowClear={allowClear}
      disabled={disabled}
      style={style}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320, maxWidth: 560 } } }}
    />
  );
}

/** A region in a tree or search list: name (or full path for a search hit), code, and a mark when retired. */
export function RegionTitle({ node, pathName }: { node: RegionNode; pathName?: string }) {
  const t = useT();
  return (
    <span>
      {pathName ?? node.name}
      <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
        {node.code}
      </Typography.Text>
      {node.status === "retired" && (
        <Tag style={{ marginInlineStart: 6 }} variant="filled">
          {t("regions.statusRetired")}
        </Tag>
      )}
    </span>
  );
}
