import { Alert, App, Button, Drawer, Flex, Form, Grid, Input, Select } from "antd";
import { useState } from "react";
import { allowedRegionLevels, type Role, regionLevelOf, roles, scopeKindOf } from "../../../../domain/access/roles.js";
import type { User } from "../../../../domain/users/user.dto.js";
import { type ApiError } from "../../api/client.js";
import { handleSaveError } from "../../api/form-errors.js";
import { RegionSelect } from "../../components/region-select.js";
import { useRoleLabel, useT } from "../../i18n/i18n-context.js";
import { PasswordChecklist, passwordPolicyRule } from "../auth/password-checklist.js";
import { usersApi } from "./users-api.js";

type Values = {
  username: string;
  displayName: string;
  role: Role;
  regionCode?: string;
  enterpriseId?: string;
  phone?: string;
  enforcementCertNo?: string;
  password?: string;
};

const fieldNames = ["username", "displayName", "role", "regionCode", "enterpriseId", "phone", "enforcementCertNo", "password"] as const;
const usernamePattern = /^[A-Za-z0-9_.-]{3,64}$/;
const regionPattern = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const phonePattern = /^[0-9+\- ]{5,20}$/;

type UserFormDrawerProps = {
  open: boolean;
  /** Changes on every open so the form starts from the record, never from the last edit. */
  formKey: number;
  /** The user to edit; absent to create one. */
  user?: User;
  onClose: () => void;
  onSaved: (user: User) => void;
  /** The record changed under us (409 conflict.stale_version): the list must be reloaded. */
  onStale: () => void;
};

/** Create or edit a user. */
export function UserFormDrawer({ open, formKey, user, onClose, onSaved, onStale }: UserFormDrawerProps) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={user ? t("users.edit") : t("users.create")}
      size={screens.sm === false ? "100%" : 480}
      destroyOnHidden
    >
      <UserForm key={formKey} user={user} onCancel={onClose} onSaved={onSaved} onStale={onStale} />
    </Drawer>
  );
}

function UserForm({
  user,
  onCancel,
  onSaved,
  onStale,
}: Omit<UserFormDrawerProps, "open" | "formKey" | "onClose"> & { onCancel: () => void }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch("role", form);
  const password = Form.useWatch("password", form) ?? "";
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const isEnterprise = role ? scopeKindOf[role] === "enterprise" : false;
  const levels = role ? allowedRegionLevels[role] : undefined;
  // 行政执法证号: regulators only (the inspector directory of random draws).
  const isRegulator = role === "regulator_leader" || role === "regulator_inspector";

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(undefined);
    const common = {
      displayName: v.displayName.trim(),
      role: v.role,
      regionCode: v.regionCode?.trim() || null,
      enterpriseId: (isEnterprise && v.enterpriseId?.trim()) || null,
      phone: v.phone?.trim() || null,
      enforcementCertNo: (isRegulator && v.enforcementCertNo?.trim()) || null,
    };
    try {
      const saved = user
        ? await usersApi.update(user.id, { version: user.version, ...common })
        : await usersApi.create({ ...common, username: v.username.trim(), password: v.password ?? "" });
      message.success(user ? t("users.saved") : t("users.created"));
      onSaved(saved);
    } catch (err) {
      setSubmitting(false);
      handleSaveError(err, { form, fieldNames: fieldNames, onStale, onOther: setError, notify: message.error });
    }
  };

  const regionRule = {
    validator: (_: unknown, value: string | undefined) => {
      const code = value?.trim();
      if (!code) {
        return role && scopeKindOf[role] === "region" ? Promise.reject(new Error(t("users.regionRequired"))) : Promise.resolve();
      }
      if (!regionPattern.test(code)) return Promise.reject(new Error(t("users.regionInvalid")));
      const level = regionLevelOf(code);
      if (levels && level && !levels.includes(level)) {
        return Promise.reject(new Error(t("users.regionLevelNotAllowed")));
      }
      return Promise.resolve();
    },
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={submitting}
      initialValues={
        user
          ? {
              username: user.username,
              displayName: user.displayName,
              role: user.role,
              regionCode: user.regionCode ?? undefined,
              enterpriseId: user.enterpriseId ?? undefined,
              phone: user.phone ?? undefined,
              enforcementCertNo: user.enforcementCertNo ?? undefined,
            }
          : undefined
      }
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="username"
        label={t("users.username")}
        rules={user ? [] : [{ required: true, pattern: usernamePattern, message: t("users.usernameInvalid") }]}
      >
        <Input name="username" disabled={!!user} autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t("users.displayName")}
        rules={[{ required: true, whitespace: true, message: t("users.displayNameRequired") }]}
      >
        <Input name="displayName" maxLength={64} />
      </Form.Item>
      <Form.Item name="role" label={t("users.role")} rules={[{ required: true, message: t("users.roleRequired") }]}>
        <Select
          options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
          onChange={() => form.getFieldValue("regionCode") && void form.validateFields(["regionCode"])}
        />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t("users.regionCode")}
        rules={[regionRule]}
        required={role ? scopeKindOf[role] === "region" : false}
        extra={
          <>
            <div>{t("users.regionHelp")}</div>
            {levels && <div>{t("users.regionLevels", { levels: levels.map((l) => t(`region.${l}`)).join("、") })}</div>}
          </>
        }
      >
        <RegionSelect levels={levels} allowClear />
      </Form.Item>
      {isEnterprise && (
        <Form.Item
          name="enterpriseId"
          label={t("users.enterpriseId")}
          rules={[{ pattern: uuidPattern, message: t("users.enterpriseIdInvalid") }]}
        >
          <Input name="enterpriseId" maxLength={36} />
        </Form.Item>
      )}
      <Form.Item name="phone" label={t("users.phone")} rules={[{ pattern: phonePattern, message: t("users.phoneInvalid") }]}>
        <Input name="phone" type="tel" maxLength={20} />
      </Form.Item>
      {isRegulator && (
        <Form.Item name="enforcementCertNo" label={t("users.enforcementCertNo")} extra={t("users.enforcementCertNoHint")}>
          <Input name="enforcementCertNo" maxLength={32} />
        </Form.Item>
      )}
      {!user && (
        <>
          <Form.Item
            name="password"
            label={t("users.password")}
            rules={[{ required: true, message: t("password.newRequired") }, passwordPolicyRule(t("password.weak"))]}
            style={{ marginBottom: 8 }}
          >
            <Input.Password name="password" autoComplete="new-password" />
          </Form.Item>
          <PasswordChecklist password={password} />
        </>
      )}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onCancel} disabled={false}>
          {t("common.cancel")}
        </Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {user ? t("common.save") : t("users.create")}
        </Button>
      </Flex>
    </Form>
  );
}
