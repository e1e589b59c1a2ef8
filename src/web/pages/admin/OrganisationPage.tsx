import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText, isAbortError } from '../../errorMessages.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { OrganisationResponse, OrgUnit } from '../../types.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: OrganisationResponse };

/** Units in tree order (parents before children) with their depth, for indentation. */
function unitTree(units: readonly OrgUnit[]): { unit: OrgUnit; depth: number }[] {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const result: { unit: OrgUnit; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    for (const unit of list) {
      if (seen.has(unit.id)) continue;
      seen.add(unit.id);
      result.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  // Anything left (cycles in bad data) is still shown.
  for (const unit of units) if (!seen.has(unit.id)) result.push({ unit, depth: 0 });
  return result;
}

export function OrganisationPage() {
  const { t, roleLabel, labelFor } = useI18n();
  usePageTitle(t('org.title'));
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on "Försök igen".
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    api
      .get<OrganisationResponse>('/api/admin/organisation', { signal: controller.signal })
      .then((data) => setState({ status: 'ready', data }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) {
          setState({ status: 'error', message: errorText(error, t) });
        }
      });
    return () => controller.abort();
  }, [attempt]);

  const data = state.status === 'ready' ? state.data : null;
  const units = useMemo(() => (data ? unitTree(data.units) : []), [data]);
  const unitNames = useMemo(() => new Map(data?.units.map((unit) => [unit.id, unit.name]) ?? []), [data]);
  const users = useMemo(
    () => (data ? [...data.users].sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv')) : []),
    [data],
  );

  return (
    <>
      <h1>{t('org.title')}</h1>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('error.retry')}
          </Button>
        </Alert>
      ) : null}
      {data ? (
        <>
          <p className="lead">{data.organisation.name}</p>
          <section className="section" aria-labelledby="units-heading">
            <h2 id="units-heading">{t('org.unitsHeading')}</h2>
            <ScrollableTable labelledBy="units-caption">
              <table className="table">
                <caption id="units-caption">
                  {t('org.unitsCaption', { organisation: data.organisation.name })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('org.col.name')}</th>
                    <th scope="col">{t('org.col.kind')}</th>
                    <th scope="col">{t('org.col.parent')}</th>
                  </tr>
                </thead>
                <tbody>
                  {units.map(({ unit, depth }) => (
                    <tr key={unit.id}>
                      <th scope="row" className={`indent-${Math.min(depth, 4)}`}>
                        {unit.name}
                      </th>
                      <td>{labelFor('org.kind.', unit.kind)}</td>
                      <td>{(unit.parentId && unitNames.get(unit.parentId)) ?? t('org.noParent')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </section>

          <section className="section" aria-labelledby="users-heading">
            <h2 id="users-heading">{t('org.usersHeading')}</h2>
            <ScrollableTable labelledBy="users-caption">
              <table className="table">
                <caption id="users-caption">{t('org.usersCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('org.col.displayName')}</th>
                    <th scope="col">{t('org.col.username')}</th>
                    <th scope="col">{t('org.col.status')}</th>
                    <th scope="col">{t('org.col.roles')}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => (
                    <tr key={user.id}>
                      <th scope="row">{user.displayName}</th>
                      <td>
                        <code className="code">{user.username}</code>
                      </td>
                      <td>
                        <span className={`status status--${user.active ? 'active' : 'inactive'}`}>
                          {user.active ? t('org.active') : t('org.inactive')}
                        </span>
                      </td>
                      <td>
                        {user.roles.length > 0 ? (
                          <ul className="plain-list">
                            {user.roles.map((assignment) => (
                              <li key={`${assignment.role}:${assignment.unitId}`}>
                                {roleLabel(assignment.role)}
                                <span className="muted"> – {assignment.unitName}</span>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="muted">{t('org.noRoles')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </section>
        </>
      ) : null}
    </>
  );
}
