import { Select, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { inRegionSubtree } from "../../../../domain/access/roles.js";
import type { User } from "../../../../domain/users/user.dto.js";
import { useApi } from "../../api/use-api.js";
import { useT } from "../../i18n/i18n-context.js";
import { usersApi } from "../users/users-api.js";

type GridMemberSelectProps = {
  /** Set by Form.Item so the label points at the search input. */
  id?: string;
  value?: string;
  onChange?: (id: string) => void;
  /** The grid node the member is for. */
  nodeCode: string;
};

/**
 * Picks an active grid-member account that may hold `nodeCode`: one bound to the node itself or to a node
 * above it (a township member may hold its villages), the rule the server applies. Searched on the server
 * within the node's township, then narrowed to those above or at the node.
 */
export function GridMemberSelect({ id, value, onChange, nodeCode }: GridMemberSelectProps) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const township = nodeCode.slice(0, 9);

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim().slice(0, 64)), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const result = useApi(
    (signal) =>
      usersApi.list({ q: q || undefined, role: "grid_member", status: "active", regionCode: township, page: 1, pageSize: 100 }, signal),
    [q, township],
  );
  const eligible = (result.data?.items ?? []).filter((u: User) => !!u.regionCode && inRegionSubtree(u.regionCode, nodeCode));
  const pending = search.trim().slice(0, 64) !== q || result.loading;

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(next) => {
        setSearch("");
        onChange?.(next);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onOpenChange={(open) => !open && setSearch("")}
      placeholder={t("grid.memberSearch")}
      options={eligible.map((u) => ({
        value: u.id,
        label: (
          <span>
            {u.displayName}
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
              {u.username} · {u.regionCode}
              {u.phone ? ` · ${u.phone}` : ""}
            </Typography.Text>
          </span>
        ),
      }))}
      loading={result.loading}
      notFoundContent={
        pending ? (
          <Spin size="small" />
        ) : result.error ? (
          <Typography.Text type="danger">{result.error.message}</Typography.Text>
        ) : (
          t("grid.memberEmpty")
        )
      }
    />
  );
}
