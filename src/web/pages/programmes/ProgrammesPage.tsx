import { Link, Route, Routes } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ScrollableTable } from '../../components/ScrollableTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { useLoad } from '../workplaces/ui.tsx';
import { programmesApi } from './api.ts';
import { IntakeBoardPage } from './IntakeBoardPage.tsx';
import { ProgrammeOverview } from './ProgrammeOverview.tsx';
import { ProgrammeSetup } from './ProgrammeSetup.tsx';
import { pgLabel } from './texts.ts';
import { capacityText, MANAGE_ROLES, useHasRole, usePg } from './ui.tsx';

/**
 * `/program`: the catalogue; `/program/nytt` (setup, also from a file); `/program/:id` (overview with
 * intakes); `/program/:id/intag/:intakeId` (intake board with enrolment and waiting list).
 */
export function ProgrammesPage() {
  return (
    <Routes>
      <Route index element={<ProgrammeCatalogue />} />
      <Route path="nytt" element={<ProgrammeSetup />} />
      <Route path=":id" element={<ProgrammeOverview />} />
      <Route path=":id/intag/:intakeId" element={<IntakeBoardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ProgrammeCatalogue() {
  const p = usePg();
  usePageTitle(p('list.title'));
  const canManage = useHasRole(MANAGE_ROLES);
  const { state, reload } = useLoad((signal) => programmesApi.catalogue(signal), []);

  return (
    <>
      <h1>{p('list.title')}</h1>
      <p className="lead">{p('list.intro')}</p>
      {canManage ? (
        <p>
          <Link className="button button--primary" to="/program/nytt">
            {p('list.create')}
          </Link>
        </p>
      ) : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <Alert variant="error" title={state.message}>
          <Button variant="secondary" onClick={reload}>
            {p('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {state.status === 'ready' && state.data.programmes.length === 0 ? <p>{p('list.empty')}</p> : null}
      {state.status === 'ready' && state.data.programmes.length > 0 ? (
        <ScrollableTable labelledBy="pg-list-caption">
          <table className="table table--compact">
            <caption id="pg-list-caption">
              {p('list.caption')}
              <span className="table__caption-meta">
                {p('list.count', { count: state.data.programmes.length })}
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{p('col.code')}</th>
                <th scope="col">{p('col.name')}</th>
                <th scope="col">{p('col.kind')}</th>
                <th scope="col">{p('col.capacity')}</th>
                <th scope="col">{p('col.usedThisYear', { year: state.data.year })}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.programmes.map((row) => (
                <tr key={row.id}>
                  <td>{row.code}</td>
                  <th scope="row">
                    <Link to={`/program/${row.id}`}>{row.name}</Link>
                    {row.active ? null : <span className="cell-secondary">{p('col.inactive')}</span>}
                  </th>
                  <td>{pgLabel(p, 'kind.', row.kind)}</td>
                  <td>{capacityText(p, row.capacityMode, row.capacityToday)}</td>
                  <td>{row.placesUsedThisYear}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      ) : null}
    </>
  );
}
