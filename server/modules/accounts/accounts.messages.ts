import { defineMessages } from "../../kernel/i18n/i18n.js";

defineMessages({
  "auth.invalid_credentials": { zh: "用户名或密码错误", en: "Incorrect username or password" },
  "auth.locked": {
    zh: "登录失败次数过多，账号已锁定 15 分钟，请稍后再试",
    en: "Too many failed sign-in attempts; the account is locked for 15 minutes",
  },
  "auth.account_disabled": { zh: "账号已停用，请联系管理员", en: "This account is disabled; contact your administrator" },
  "auth.session_expired": { zh: "会话已过期，请重新登录", en: "Your session has expired; please sign in again" },
  "auth.invalid_token": { zh: "API 令牌无效、已过期或已吊销", en: "The API token is invalid, expired or revoked" },
  "auth.password_change_required": {
    zh: "密码已被重置，请先修改密码",
    en: "Your password was reset; change it before continuing",
  },
  "auth.password_policy": {
    zh: "密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类",
    en: "At least 8 characters with at least 3 of: upper-case, lower-case, digit, symbol",
  },
  "auth.wrong_current_password": { zh: "当前密码不正确", en: "The current password is incorrect" },
  "auth.password_reused": { zh: "新密码不能与当前密码相同", en: "The new password must differ from the current one" },
  "auth.session_only": { zh: "此操作需要登录会话", en: "This needs a signed-in session" },
  "accounts.username_taken": { zh: "用户名已被使用", en: "This username is already taken" },
  "accounts.region_required": {
    zh: "该角色必须指定所属区域（{levels}）",
    en: "This role needs a region at level: {levels}",
  },
  "accounts.region_not_allowed": { zh: "该角色不绑定区域", en: "This role is not bound to a region" },
  "accounts.enterprise_required": { zh: "企业用户必须指定所属企业", en: "Enterprise users need an enterprise" },
  "accounts.enterprise_not_allowed": { zh: "该角色不绑定企业", en: "This role is not bound to an enterprise" },
  "accounts.department_not_allowed": { zh: "只有监管人员隶属于监管部门", en: "Only regulators belong to a department" },
  "accounts.department_unknown": { zh: "监管部门不存在", en: "Unknown department" },
  "accounts.department_region": {
    zh: "监管部门须与账号所属区划一致",
    en: "The department must be in the account's own region",
  },
  "accounts.cert_not_allowed": { zh: "只有监管执法人员持有行政执法证", en: "Only regulators hold an enforcement certificate" },
  "accounts.cert_taken": { zh: "该行政执法证号已登记在其他账号", en: "This enforcement certificate number belongs to another account" },
  "accounts.cannot_disable_self": { zh: "不能停用自己的账号", en: "You cannot disable your own account" },
  "accounts.last_admin": { zh: "至少需要保留一个启用的系统管理员", en: "At least one active administrator must remain" },
  "tokens.user_inactive": { zh: "令牌所属用户已停用", en: "The token's owner is disabled" },
  "tokens.expiry_past": { zh: "过期时间必须晚于当前时间", en: "The expiry must be in the future" },
});

export const userEntity = { zh: "用户", en: "User" };
export const tokenEntity = { zh: "API 令牌", en: "API token" };
