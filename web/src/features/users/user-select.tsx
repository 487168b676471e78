import { Select, Spin } from "antd";
import { useEffect, useState } from "react";
import type { User } from "../../../../domain/users/user.dto.js";
import { useApi } from "../../api/use-api.js";
import { useRoleLabel, useT } from "../../i18n/i18n-context.js";
import { usersApi } from "./users-api.js";

type UserSelectProps = { id?: string; value?: string; onChange?: (id: string) => void; activeOnly?: boolean };

/** Picks a user by server-side search on username or name (debounced). */
export function UserSelect({ id, value, onChange, activeOnly }: UserSelectProps) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const result = useApi(
    (signal) => usersApi.list({ q: q || undefined, status: activeOnly ? "active" : undefined, page: 1, pageSize: 20 }, signal),
    [q, activeOnly],
  );
  const options = (result.data?.items ?? []).map((u: User) => ({
    value: u.id,
    label: `${u.displayName} (${u.username}) · ${roleLabel(u.role)}`,
  }));

  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t("tokens.userSearch")}
      options={options}
      loading={result.loading}
      notFoundContent={result.loading ? <Spin size="small" /> : result.error ? result.error.message : t("users.empty")}
    />
  );
}
