import type { Lang } from '../context.ts';

/** Error messages shown to users. Swedish first; English on `Accept-Language: en`. */
const messages = {
  invalid_json: { sv: 'Begäran innehåller inte giltig JSON.', en: 'The request body is not valid JSON.' },
  unsupported_media_type: {
    sv: 'Begäran måste skickas som JSON (Content-Type: application/json).',
    en: 'The request must be sent as JSON (Content-Type: application/json).',
  },
  validation_failed: { sv: 'Uppgifterna är inte giltiga.', en: 'The data is not valid.' },
  payload_too_large: { sv: 'Begäran är för stor.', en: 'The request is too large.' },
  not_found: { sv: 'Sidan eller resursen finns inte.', en: 'The page or resource does not exist.' },
  method_not_allowed: { sv: 'Metoden stöds inte här.', en: 'The method is not supported here.' },
  unauthenticated: { sv: 'Du behöver logga in.', en: 'You need to sign in.' },
  session_expired: {
    sv: 'Du har loggats ut efter en tids inaktivitet. Logga in igen.',
    en: 'You have been signed out after a period of inactivity. Please sign in again.',
  },
  forbidden: { sv: 'Du har inte behörighet till detta.', en: 'You are not allowed to do this.' },
  csrf: {
    sv: 'Begäran saknar giltig säkerhetstoken. Ladda om sidan och försök igen.',
    en: 'The request lacks a valid security token. Reload the page and try again.',
  },
  invalid_credentials: {
    sv: 'Fel användarnamn eller lösenord.',
    en: 'Wrong user name or password.',
  },
  rate_limited: {
    sv: 'För många inloggningsförsök. Vänta en stund och försök igen.',
    en: 'Too many sign-in attempts. Wait a while and try again.',
  },
  too_many_requests: {
    sv: 'Servern är hårt belastad. Försök igen strax.',
    en: 'The server is busy. Try again shortly.',
  },
  overloaded: {
    sv: 'Insats har många förfrågningar just nu. Försök igen om några sekunder.',
    en: 'Insats is handling many requests right now. Try again in a few seconds.',
  },
  service_unavailable: {
    sv: 'Databasen svarar inte just nu. Försök igen om en stund.',
    en: 'The database is not answering right now. Try again in a moment.',
  },
  oidc_not_configured: {
    sv: 'Inloggning via extern identitetstjänst är inte konfigurerad.',
    en: 'Single sign-on is not configured.',
  },
  oidc_failed: {
    sv: 'Inloggningen via identitetstjänsten misslyckades. Försök igen.',
    en: 'Single sign-on failed. Please try again.',
  },
  oidc_unknown_user: {
    sv: 'Ditt konto är inte kopplat till någon användare i Insats. Kontakta din administratör.',
    en: 'Your account is not linked to an Insats user. Contact your administrator.',
  },
  conflict: {
    sv: 'Uppgiften finns redan eller har ändrats av någon annan.',
    en: 'The item already exists or was changed.',
  },
  internal: {
    sv: 'Något gick fel hos oss. Försök igen; kvarstår felet, kontakta support och ange felkoden.',
    en: 'Something went wrong on our side. Try again; if it persists, contact support with the error code.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageCode = keyof typeof messages;

export function message(code: MessageCode, lang: Lang): string {
  return messages[code][lang];
}

export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'sv';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'sv';
}
