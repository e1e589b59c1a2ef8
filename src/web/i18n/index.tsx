import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLanguage } from '../api.ts';
import { en } from './en.ts';
import { type Dictionary, type MessageKey, sv } from './sv.ts';

export type { MessageKey } from './sv.ts';

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];

const dictionaries: Record<Language, Dictionary> = { sv, en };
const storageKey = 'insats.language';

export type TranslateParams = Readonly<Record<string, string | number>>;

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  /** Look up a message and fill `{placeholders}`. */
  t: (key: MessageKey, params?: TranslateParams) => string;
  /** Display name for a role code; unknown codes are shown as-is. */
  roleLabel: (role: string) => string;
  /** Look up `${prefix}${code}` if it exists, else return the code itself (for server enums). */
  labelFor: (prefix: string, code: string) => string;
  formatDateTime: (iso: string) => string;
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(sv, key);
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    if (isLanguage(stored)) return stored;
  } catch {
    // localStorage can be unavailable (privacy settings); fall back to Swedish.
  }
  return 'sv';
}

export function interpolate(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);

  // Keep <html lang> and the API's Accept-Language in step with the chosen language. Run synchronously
  // on first render too, so the very first API request already carries the right header.
  setApiLanguage(language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Ignore: the choice then only lasts for this page load.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[language];
    const t = (key: MessageKey, params?: TranslateParams) => interpolate(dictionary[key], params);
    const labelFor = (prefix: string, code: string) => {
      const key = `${prefix}${code}`;
      return isMessageKey(key) ? dictionary[key] : code;
    };
    const dateTimeFormat = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'medium',
      timeZone: 'Europe/Stockholm',
    });
    return {
      language,
      setLanguage,
      t,
      labelFor,
      roleLabel: (role: string) => labelFor('role.', role),
      formatDateTime: (iso: string) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
      },
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be used inside <I18nProvider>');
  return context;
}
