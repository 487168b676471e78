import { Select, Spin, Typography } from "antd";
import { type CSSProperties, useEffect, useState } from "react";
import { useApi } from "../../api/use-api.js";
import { useT } from "../../i18n/i18n-context.js";
import { type Industry, type IndustryLevelValue, industriesApi } from "./enterprises-api.js";

type IndustrySelectProps = {
  /** Set by Form.Item so the label points at the search input. */
  id?: string;
  value?: string;
  onChange?: (code?: string) => void;
  /** Only this GB/T 4754 level (e.g. 小类 for an enterprise); any numeric level otherwise. */
  level?: IndustryLevelValue;
  /** The name of the current value when the caller knows it (an edited record). */
  valueName?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
};

const searchMax = 40;

/** Picks a GB/T 4754-2017 industry by server search on name substring or code prefix (debounced). */
export function IndustrySelect({ id, value, onChange, level, valueName, placeholder, allowClear, disabled, style }: IndustrySelectProps) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  // The picked industry, so its name stays shown after the search results change.
  const [picked, setPicked] = useState<Industry>();

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim().slice(0, searchMax)), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const result = useApi((signal) => industriesApi.search({ q: q || undefined, level, limit: 30 }, signal), [q, level]);
  const pending = search.trim().slice(0, searchMax) !== q || result.loading;
  // 门类 letters (A–T) are not codes an enterprise or a prefix filter takes.
  const items = (result.data?.items ?? []).filter((i) => /^\d{2,4}$/.test(i.code));

  const options = items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  if (value && !options.some((o) => o.value === value)) {
    const name = picked?.code === value ? picked.name : valueName;
    options.unshift({ value, label: name ? `${value} ${name}` : value });
  }

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(code) => {
        const hit = items.find((i) => i.code === code);
        if (hit) setPicked(hit);
        setSearch("");
        onChange?.(code ?? undefined);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onOpenChange={(open) => !open && setSearch("")}
      options={options}
      loading={result.loading}
      notFoundContent={
        pending ? (
          <Spin size="small" />
        ) : result.error ? (
          <Typography.Text type="danger">{result.error.message}</Typography.Text>
        ) : (
          t("enterprises.industryEmpty")
        )
      }
      placeholder={placeholder ?? t("enterprises.industryPlaceholder")}
      allowClear={allowClear}
      disabled={disabled}
      style={style}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 280, maxWidth: 480 } } }}
    />
  );
}
