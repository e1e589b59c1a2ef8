import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Button } from '../../components/Button.tsx';
import { errorText } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import { AccessListSection } from './AccessListSection.tsx';
import type { CodeRef, ContactDetails } from './api.ts';
import { participantsApi } from './api.ts';
import { HouseholdSection } from './HouseholdSection.tsx';
import { ProtectionDialog } from './ProtectionDialog.tsx';
import { PurposeDialog } from './PurposeDialog.tsx';
import type { PersonTabProps } from './personTabs.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CodeName({ code }: { code: CodeRef }) {
  return (
    <>
      {code.code}
      {code.name ? (
        <>
          {' '}
          <span lang={code.nameLang ?? undefined}>{code.name}</span>
        </>
      ) : null}
    </>
  );
}

function Contact({ contact, t }: { contact: ContactDetails; t: ReturnType<typeof useI18n>['t'] }) {
  const a = contact.address;
  return (
    <dl className="summary-list">
      <Row label={t('participants.field.email')}>{contact.email ?? '–'}</Row>
      <Row label={t('participants.field.phone')}>{contact.phone ?? '–'}</Row>
      <Row label={t('participants.field.address')}>
        {a ? [a.street, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : '–'}
      </Row>
    </dl>
  );
}

/** Översikt: the registry data the user's role may see, contact details (masked when protected), household, protection. */
export function OverviewTab({ person, purpose, reload }: PersonTabProps) {
  const { t, labelFor, formatDateTime } = useI18n();
  const announce = useAnnounce();
  const [revealOpen, setRevealOpen] = useState(false);
  const [revealed, setRevealed] = useState<ContactDetails | null>(null);
  const [revealError, setRevealError] = useState<string | null>(null);
  const [protectionOpen, setProtectionOpen] = useState(false);
  const isProtected = person.protection.level !== 'none';

  const reveal = async (p: string) => {
    setRevealOpen(false);
    try {
      setRevealed(await participantsApi.revealContact(person.id, p));
      setRevealError(null);
      announce(t('participants.contact.revealed'));
    } catch (error) {
      setRevealError(errorText(error, t));
    }
  };

  return (
    <>
      {isProtected ? (
        <Alert
          variant="warning"
          live={false}
          title={labelFor('participants.protection.', person.protection.level)}
        >
          <p>{t('participants.protection.notice')}</p>
        </Alert>
      ) : null}

      {person.viewer.canWrite ? (
        <p>
          <Link
            to={`/deltagare/${person.id}/andra`}
            state={purpose ? { purpose } : undefined}
            className="button button--secondary"
          >
            {t('participants.edit.link')}
          </Link>
        </p>
      ) : null}

      <section className="section" aria-labelledby="overview-person">
        <h2 id="overview-person">{t('participants.register.identity')}</h2>
        <dl className="summary-list">
          <Row label={t('participants.field.personnummer')}>
            {person.personnummerDisplay}
            {person.identityKind !== 'personnummer'
              ? ` (${labelFor('participants.identityKind.', person.identityKind)})`
              : ''}
          </Row>
          <Row label={t('participants.field.birthDate')}>{person.birthDate}</Row>
          <Row label={t('participants.field.sex')}>{labelFor('participants.sex.', person.sex)}</Row>
          <Row label={t('participants.col.status')}>{labelFor('participants.status.', person.status)}</Row>
          <Row label={t('participants.field.unit')}>{person.unit.name}</Row>
          <Row label={t('participants.field.caseWorker')}>
            {person.caseWorker?.name ?? t('participants.noCaseWorker')}
          </Row>
          {person.team ? <Row label={t('participants.field.team')}>{person.team.name}</Row> : null}
          <Row label={t('participants.col.lastContact')}>
            {person.lastContactAt ? formatDateTime(person.lastContactAt) : t('participants.noContact')}
          </Row>
        </dl>
      </section>

      {person.contact ? (
        <section className="section" aria-labelledby="overview-contact">
          <h2 id="overview-contact">{t('participants.register.contact')}</h2>
          {!person.contact.masked ? <Contact contact={person.contact} t={t} /> : null}
          {person.contact.masked && !revealed ? (
            <>
              <p>{t('participants.contact.masked')}</p>
              <Button variant="secondary" onClick={() => setRevealOpen(true)}>
                {t('participants.contact.reveal')}
              </Button>
            </>
          ) : null}
          {revealed ? <Contact contact={revealed} t={t} /> : null}
          {revealError ? <Alert variant="error" title={revealError} /> : null}
        </section>
      ) : null}

      <section className="section" aria-labelledby="overview-skills">
        <h2 id="overview-skills">{t('participants.register.skills')}</h2>
        <dl className="summary-list">
          <Row label={t('participants.field.languages')}>
            {person.languages.length === 0
              ? '–'
              : person.languages
                  .map(
                    (l) =>
                      `${l.name ?? l.code}${l.needsInterpreter ? ` (${t('participants.languages.interpreter')})` : ''}`,
                  )
                  .join(', ')}
          </Row>
          {person.educationLevel !== undefined ? (
            <Row label={t('participants.field.educationLevel')}>
              {person.educationLevel ? <CodeName code={person.educationLevel} /> : '–'}
            </Row>
          ) : null}
          {person.occupations ? (
            <>
              <Row label={t('participants.field.interest')}>
                {person.occupations.interest.length === 0 ? (
                  '–'
                ) : (
                  <ul className="plain-list">
                    {person.occupations.interest.map((o) => (
                      <li key={o.code}>
                        <CodeName code={o} />
                      </li>
                    ))}
                  </ul>
                )}
              </Row>
              <Row label={t('participants.field.experience')}>
                {person.occupations.experience.length === 0 ? (
                  '–'
                ) : (
                  <ul className="plain-list">
                    {person.occupations.experience.map((o) => (
                      <li key={o.code}>
                        <CodeName code={o} />
                      </li>
                    ))}
                  </ul>
                )}
              </Row>
            </>
          ) : null}
          {person.drivingLicences ? (
            <Row label={t('participants.field.drivingLicences')}>
              {person.drivingLicences.length > 0 ? person.drivingLicences.join(', ') : '–'}
            </Row>
          ) : null}
        </dl>
      </section>

      {person.incomeSource !== undefined ||
      person.akassa !== undefined ||
      person.adjustmentNeeds !== undefined ? (
        <section className="section" aria-labelledby="overview-economy">
          <h2 id="overview-economy">{t('participants.register.economy')}</h2>
          <dl className="summary-list">
            {person.incomeSource !== undefined ? (
              <Row label={t('participants.field.incomeSource')}>
                {person.incomeSource ? labelFor('participants.income.', person.incomeSource) : '–'}
              </Row>
            ) : null}
            {person.assistanceMonths !== undefined ? (
              <Row label={t('participants.field.assistanceMonths')}>
                {person.assistanceMonths !== null
                  ? t('participants.assistanceMonths.value', { months: person.assistanceMonths })
                  : '–'}
              </Row>
            ) : null}
            {person.akassa !== undefined ? (
              <Row label={t('participants.field.akassa')}>
                {person.akassa
                  ? `${person.akassa.name ?? person.akassa.code}${
                      person.akassa.memberSince
                        ? `, ${t('participants.akassa.since', { date: person.akassa.memberSince })}`
                        : ''
                    }`
                  : '–'}
              </Row>
            ) : null}
            {person.adjustmentNeeds !== undefined ? (
              <Row label={t('participants.field.adjustmentNeeds')}>{person.adjustmentNeeds ?? '–'}</Row>
            ) : null}
          </dl>
        </section>
      ) : null}

      {person.household !== undefined ? (
        <HouseholdSection person={person} purpose={purpose} reload={reload} />
      ) : null}

      <section className="section" aria-labelledby="overview-protection">
        <h2 id="overview-protection">{t('participants.protection.title')}</h2>
        <p>
          {labelFor('participants.protection.', person.protection.level)}
          {person.protection.source
            ? ` (${labelFor('participants.protection.source.', person.protection.source)})`
            : ''}
        </p>
        {person.viewer.canManageProtection ? (
          <Button variant="secondary" onClick={() => setProtectionOpen(true)}>
            {t('participants.protection.change')}
          </Button>
        ) : null}
      </section>

      {person.viewer.canManageProtection && person.protection.level === 'skyddad_folkbokforing' ? (
        <AccessListSection person={person} purpose={purpose} />
      ) : null}

      {person.identityHistory && person.identityHistory.length > 0 ? (
        <section className="section" aria-labelledby="overview-history">
          <h2 id="overview-history">{t('participants.history.title')}</h2>
          <ul className="plain-list">
            {person.identityHistory.map((h) => (
              <li key={h.personnummer}>
                {h.personnummer} ({labelFor('participants.identityKind.', h.identityKind)}),{' '}
                {t('participants.history.validTo', { date: formatDateTime(h.validTo) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p>
        <Link to="/deltagare">{t('participants.backToList')}</Link>
      </p>

      <PurposeDialog
        open={revealOpen}
        title={t('participants.contact.reveal')}
        intro={t('participants.contact.revealIntro')}
        submitLabel={t('participants.contact.revealSubmit')}
        onCancel={() => setRevealOpen(false)}
        onSubmit={(p) => void reveal(p)}
      />
      <ProtectionDialog
        open={protectionOpen}
        personId={person.id}
        current={person.protection.level}
        onClose={() => setProtectionOpen(false)}
        onChanged={() => {
          setProtectionOpen(false);
          announce(t('participants.protection.changed'));
          reload();
        }}
      />
    </>
  );
}
