import { Link } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { startPageAreas } from '../../navigation.ts';
import { useSession } from '../../session.tsx';

export function StartPage() {
  const { t, roleLabel } = useI18n();
  const { user } = useSession();
  usePageTitle(t('start.title'));
  if (!user) return null;

  const areas = startPageAreas(user);

  return (
    <>
      <h1>{t('start.greeting', { name: user.displayName })}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('start.organisation')}</dt>
          <dd>{user.organisation.name}</dd>
        </div>
      </dl>

      <section className="section" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('start.rolesHeading')}</h2>
        {user.roles.length > 0 ? (
          <>
            <p>{t('start.rolesIntro')}</p>
            <ul className="role-list">
              {user.roles.map((assignment) => (
                <li key={`${assignment.role}:${assignment.unitId}`} className="role-list__item">
                  <span className="role-list__role">{roleLabel(assignment.role)}</span>
                  <span className="role-list__unit">{assignment.unitName}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('start.noRoles')}</p>
        )}
      </section>

      <section className="section" aria-labelledby="areas-heading">
        <h2 id="areas-heading">{t('start.areasHeading')}</h2>
        {areas.length > 0 ? (
          <ul className="card-grid">
            {areas.map((area) => (
              <li key={area.path} className="card">
                <h3 className="card__title">
                  <Link to={area.path} className="card__link">
                    {t(area.labelKey)}
                  </Link>
                </h3>
                {area.descriptionKey ? <p className="card__text">{t(area.descriptionKey)}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('start.noAreas')}</p>
        )}
      </section>
    </>
  );
}
