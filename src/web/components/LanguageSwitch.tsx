import { type Language, useI18n } from '../i18n/index.tsx';

const languageNames: Record<Language, string> = { sv: 'Svenska', en: 'English' };

/**
 * A real button that switches to the other UI language. The language name is written in its own
 * language and marked up with `lang`, so screen readers pronounce it correctly.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const { language, setLanguage } = useI18n();
  const other: Language = language === 'sv' ? 'en' : 'sv';
  return (
    <button
      type="button"
      className={['button', 'button--inverse', 'language-switch', className ?? ''].filter(Boolean).join(' ')}
      onClick={() => setLanguage(other)}
      data-testid="language-switch"
    >
      <svg className="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
        <path
          d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9s1.3-6.4 3.8-9z"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        />
      </svg>
      <span lang={other}>{languageNames[other]}</span>
    </button>
  );
}
