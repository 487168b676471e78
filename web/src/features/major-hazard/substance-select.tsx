import { Select, Spin } from "antd";
import { useEffect, useState } from "react";
import { useApi } from "../../api/use-api.js";
import { useT } from "../../i18n/i18n-context.js";
import { majorHazardApi, type SubstanceHit } from "./major-hazard-api.js";

type Props = {
  id?: string;
  /** The Table 1 row (序号). */
  value?: number;
  /** The row's name when the value came from a saved unit, so the selection reads without a search. */
  knownName?: string;
  onChange?: (row: number | undefined, hit?: SubstanceHit) => void;
  disabled?: boolean;
};

/** Picks a GB 18218-2018 Table 1 row by name, alias, CAS or row number (server search, debounced). */
export function SubstanceSelect({ id, value, knownName, onChange, disabled }: Props) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [picked, setPicked] = useState<SubstanceHit>();
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const hits = useApi((signal) => majorHazardApi.substances(q, signal), [q]);
  const options = (hits.data?.items ?? []).map((h) => ({
    value: h.row,
    label: `${h.row}. ${h.name}${h.cas.length ? `（${h.cas.join("、")}）` : ""} · Q ${h.Q} t`,
  }));
  if (value !== undefined && !options.some((o) => o.value === value)) {
    const name = picked?.row === value ? picked.name : knownName;
    options.unshift({ value, label: `${value}. ${name ?? ""}` });
  }
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      disabled={disabled}
      placeholder={t("mh.substanceSearch")}
      notFoundContent={hits.loading ? <Spin size="small" /> : t("mh.substanceNone")}
      options={options}
      onChange={(row) => {
        const hit = hits.data?.items.find((h) => h.row === row);
        setPicked(hit);
        onChange?.(row ?? undefined, hit);
      }}
      style={{ width: "100%" }}
      popupMatchSelectWidth={false}
    />
  );
}
