import { Route, Routes } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { CaseloadPage } from './CaseloadPage.tsx';
import { EditPage } from './EditPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { PersonPage } from './PersonPage.tsx';
import { RegisterPage } from './RegisterPage.tsx';

/** `/deltagare/*`: caseload, registration, import, the person page and its edit form with its tabs. */
export function ParticipantsPage() {
  return (
    <Routes>
      <Route index element={<CaseloadPage />} />
      <Route
        path="ny"
        element={
          <RequireAuth roles={['handlaggare', 'enhetschef']}>
            <RegisterPage />
          </RequireAuth>
        }
      />
      <Route
        path="import"
        element={
          <RequireAuth roles={['enhetschef']}>
            <ImportPage />
          </RequireAuth>
        }
      />
      <Route path=":id/andra" element={<EditPage />} />
      <Route path="*" element={<PersonPage />} />
    </Routes>
  );
}
