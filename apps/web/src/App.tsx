import { Admin, CustomRoutes, reactRouterProvider, Resource } from 'react-admin';
import { CHANGE_PASSWORD_PATH, ChangePasswordPage } from './account';
import { Dashboard } from './dashboard';
import { AppLayout } from './layout';
import { LoginPage } from './login';
import { createAuthProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { NotFoundPage } from './layout/NotFoundPage';
import { RESOURCE_ACCESS, RESOURCES } from './resources';
import { theme } from './theme';

const authProvider = createAuthProvider(RESOURCE_ACCESS);

/**
 * The router's own Route (react-router, through react-admin's default router
 * provider), which is what <CustomRoutes> children must be.
 */
const { Route } = reactRouterProvider;

export const App = () => (
  <Admin
    title="Safe Reporting Audit"
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    catchAll={NotFoundPage}
    authProvider={authProvider}
    loginPage={LoginPage}
    dashboard={Dashboard}
    layout={AppLayout}
    theme={theme}
    darkTheme={null}
    requireAuth
    disableTelemetry
  >
    {RESOURCES.map(({ name, label, list, show, create, edit, icon, recordRepresentation }) => (
      <Resource
        key={name}
        name={name}
        options={{ label }}
        list={list}
        show={show}
        create={create}
        edit={edit}
        icon={icon}
        recordRepresentation={recordRepresentation}
      />
    ))}
    <CustomRoutes>
      {/* Any signed-in person, whatever the role (requireAuth covers it). */}
      <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
    </CustomRoutes>
  </Admin>
);
