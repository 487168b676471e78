/** UI languages. zh-CN is the default; the choice persists in localStorage. */
export const languages = ["zh-CN", "en-US"] as const;
export type Lang = (typeof languages)[number];

export const defaultLang: Lang = "zh-CN";
export const langStorageKey = "redline.lang";

function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(langStorageKey);
    return isLang(stored) ? stored : defaultLang;
  } catch {
    return defaultLang;
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(langStorageKey, lang);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
}

// The current language outside React, read by the API client for Accept-Language.
let currentLang: Lang = readStoredLang();

export function getLang(): Lang {
  return currentLang;
}

export function setCurrentLang(lang: Lang): void {
  currentLang = lang;
}

/** The value the server expects in Accept-Language. */
export function acceptLanguageOf(lang: Lang): string {
  return lang === "en-US" ? "en" : "zh-CN";
}

/** Key into the domain's `{zh, en}` label records. */
export function labelKeyOf(lang: Lang): "zh" | "en" {
  return lang === "en-US" ? "en" : "zh";
}
