import { Route, Routes } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth.tsx';
import { CaseloadPage } from './CaseloadPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { PersonPage } from './PersonPage.tsx';
import { RegisterPage } from './RegisterPage.tsx';

/** `/deltagare/*`: caseload, registration, import and the person page with its tabs. */
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
      <Route path="*" element={<PersonPage />} />
    </Routes>
  );
}
