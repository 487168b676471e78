export type Lang = "zh-CN" | "en";
export type Message = { zh: string; en: string };

/** zh-CN unless the caller prefers English (first language in Accept-Language). */
export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return "zh-CN";
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh-CN";
}

const catalog = new Map<string, Message>();

/** Each module registers the messages of its error codes once, at import. */
export function defineMessages(messages: Record<string, Message>): void {
  for (const [code, m] of Object.entries(messages)) catalog.set(code, m);
}

export type Params = Record<string, string | number | Message>;

export function pick(m: Message, lang: Lang): string {
  return lang === "en" ? m.en : m.zh;
}

export function translate(code: string, lang: Lang, params: Params = {}): string {
  const m = catalog.get(code);
  const text = m ? pick(m, lang) : code;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    return typeof v === "object" ? pick(v, lang) : String(v);
  });
}

export function hasMessage(code: string): boolean {
  return catalog.has(code);
}

defineMessages({
  validation: { zh: "请求参数有误", en: "The request is invalid" },
  "validation.field": { zh: "字段无效", en: "Invalid field" },
  unauthenticated: { zh: "请先登录", en: "Please sign in" },
  forbidden: { zh: "无权执行此操作", en: "You are not allowed to do this" },
  not_found: { zh: "未找到{entity}", en: "{entity} not found" },
  "route.not_found": { zh: "接口不存在", en: "No such API endpoint" },
  "conflict.stale_version": {
    zh: "该记录已被他人修改或状态已变化，请刷新后重试",
    en: "This record was changed by someone else or its status moved on; reload and try again",
  },
  conflict: { zh: "与现有数据冲突", en: "Conflicts with existing data" },
  locked: { zh: "资源已锁定", en: "Locked" },
  rate_limited: { zh: "请求过于频繁，请稍后再试", en: "Too many requests; try again later" },
  internal: { zh: "服务器内部错误", en: "Internal server error" },
  "csrf.missing": {
    zh: "缺少或无效的 CSRF 令牌，请刷新页面后重试",
    en: "Missing or invalid CSRF token; reload the page and try again",
  },
  "payload.too_large": { zh: "请求内容过大", en: "Request body too large" },
});

defineMessages({
  "workflow.illegal_transition": {
    zh: "当前状态（{from}）不允许执行“{action}”",
    en: "“{action}” is not allowed from the current state ({from})",
  },
});
