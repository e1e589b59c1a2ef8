import type { ReactNode } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { LoadState } from './useLoad.ts';

/** Spinner, error with "try again", or the content. */
export function LoadView<T>({
  state,
  reload,
  children,
}: {
  state: LoadState<T>;
  reload: () => void;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return (
      <Alert variant="error" title={state.message}>
        <Button variant="secondary" onClick={reload}>
          {t('error.retry')}
        </Button>
      </Alert>
    );
  return <>{children(state.data)}</>;
}
