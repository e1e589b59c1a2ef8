import { Link } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';

export function ForbiddenPage() {
  const { t } = useI18n();
  usePageTitle(t('forbidden.title'));
  return (
    <div className="narrow">
      <h1>{t('forbidden.title')}</h1>
      <p className="lead">{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
