import { SearchOutlined } from "@ant-design/icons";
import { Select, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { useApi } from "../../api/use-api.js";
import { RegionTitle } from "../../components/region-select.js";
import { useT } from "../../i18n/i18n-context.js";
import { type RegionHit, regionsApi } from "./regions-api.js";

type RegionSearchProps = {
  /** Only regions inside this subtree. */
  within?: string;
  onPick: (hit: RegionHit) => void;
};

/** The region page's search box: name substring or code prefix, debounced; picking a hit hands it over. */
export function RegionSearch({ within, onPick }: RegionSearchProps) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim().slice(0, 40)), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const hits = useApi((signal) => (q ? regionsApi.search({ q, within, limit: 20 }, signal) : Promise.resolve(undefined)), [q, within]);
  const typed = search.trim() !== "";
  const pending = typed && (q !== search.trim().slice(0, 40) || hits.loading);
  const items = typed && !pending ? (hits.data?.items ?? []) : [];

  return (
    <Select<string>
      id="region-search"
      value={null}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onChange={(code) => {
        const hit = items.find((h) => h.code === code);
        setSearch("");
        if (hit) onPick(hit);
      }}
      onOpenChange={(open) => !open && setSearch("")}
      options={items.map((hit) => ({ value: hit.code, label: <RegionTitle node={hit} pathName={hit.pathName} />, title: hit.pathName }))}
      notFoundContent={
        pending ? (
          <Spin size="small" />
        ) : hits.error && typed ? (
          <Typography.Text type="danger">{hits.error.message}</Typography.Text>
        ) : typed ? (
          t("regions.searchEmpty")
        ) : (
          t("regions.searchTyping")
        )
      }
      placeholder={t("regions.searchPlaceholder")}
      suffixIcon={<SearchOutlined />}
      aria-label={t("regions.searchPlaceholder")}
      style={{ width: "100%" }}
    />
  );
}
