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
  summer_window_closed: {
    sv: 'Ansökningstiden har gått ut. Ansökan kan inte längre skickas in eller ändras.',
    en: 'The application period has ended. The application can no longer be sent or changed.',
  },
  summer_window_not_open: {
    sv: 'Ansökningstiden har inte börjat ännu.',
    en: 'The application period has not started yet.',
  },
  summer_duplicate_application: {
    sv: 'Det finns redan en ansökan med det här personnumret för säsongen. Använd länken i e-posten för att ändra den.',
    en: 'There is already an application with this personal identity number for the season. Use the link in the e-mail to change it.',
  },
  summer_birth_year: {
    sv: 'Du kan inte söka feriearbete den här säsongen: födelseåret ligger utanför de årskullar som får söka.',
    en: 'You cannot apply for a summer job this season: the birth year is outside the eligible cohorts.',
  },
  summer_residence: {
    sv: 'Du behöver vara folkbokförd i kommunen för att söka feriearbete.',
    en: 'You need to be registered as living in the municipality to apply.',
  },
  summer_choice_outside_season: {
    sv: 'Ett av valen finns inte bland säsongens platser och perioder.',
    en: "One of the choices is not among the season's places and periods.",
  },
  summer_choice_unavailable: {
    sv: 'Ett av valen gäller en period som du har angett att du inte kan arbeta.',
    en: 'One of the choices is in a period you said you cannot work.',
  },
  summer_too_many_choices: {
    sv: 'Du har angett fler val än säsongen tillåter.',
    en: 'You gave more choices than the season allows.',
  },
  summer_duplicate_choice: {
    sv: 'Samma plats får bara väljas en gång.',
    en: 'The same place can be chosen only once.',
  },
  summer_guardian_required: {
    sv: 'Du är under 18 år: ange vårdnadshavarens namn och e-post och att vårdnadshavaren samtycker.',
    en: "You are under 18: give your guardian's name and e-mail and their consent.",
  },
  summer_link_invalid: {
    sv: 'Länken gäller inte längre. Begär en ny länk eller kontakta ferieverksamheten.',
    en: 'The link is no longer valid. Request a new link or contact the summer jobs office.',
  },
  summer_public_rate_limited: {
    sv: 'För många försök. Vänta en stund och försök igen.',
    en: 'Too many attempts. Wait a while and try again.',
  },
  summer_season_published: {
    sv: 'Säsongens fördelning är redan publicerad och kan inte köras om.',
    en: "The season's allocation is already published and cannot be re-run.",
  },
  summer_offer_closed: {
    sv: 'Erbjudandet kan inte längre besvaras.',
    en: 'The offer can no longer be answered.',
  },
  summer_not_own_workplace: {
    sv: 'Du är inte handledare för den här arbetsplatsen.',
    en: 'You are not a supervisor for this workplace.',
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
