import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { type Role, roleLabels } from "../../../domain/access/roles.js";
import { getLang, type Lang, labelKeyOf, setCurrentLang, storeLang } from "./language.js";
import { type MessageKey, type MessageParams, translate } from "./messages.js";

export type Translate = (key: MessageKey, params?: MessageParams) => string;

type I18nValue = { lang: Lang; setLang: (lang: Lang) => void; t: Translate };

const I18nContext = createContext<I18nValue | null>(null);

function applyLang(lang: Lang): void {
  setCurrentLang(lang);
  dayjs.locale(lang === "en-US" ? "en" : "zh-cn");
  document.documentElement.lang = lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // Applying is idempotent, so running it in the initialiser (twice under StrictMode) is harmless.
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = getLang();
    applyLang(initial);
    return initial;
  });

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    // Applied at once so requests fired during the re-render already carry the new Accept-Language.
    applyLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("I18nProvider is missing");
  return value;
}

/** The translate function for the current UI language. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLang(): [Lang, (lang: Lang) => void] {
  const { lang, setLang } = useI18n();
  return [lang, setLang];
}

/** A role's label in the current UI language. */
export function useRoleLabel(): (role: Role) => string {
  const { lang } = useI18n();
  return useCallback((role: Role) => roleLabels[role][labelKeyOf(lang)], [lang]);
}
