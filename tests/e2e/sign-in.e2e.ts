import { e2eAdminPassword, e2eUrl, seriousViolations, signIn, submitSignIn, useChromium } from '../support/e2e';

const url = e2eUrl;
const adminPassword = e2eAdminPassword;

const { newPage } = useChromium();

describe('signing in', () => {
  it('shows the sign-in page to a visitor, and it passes accessibility checks', async () => {
    const page = await newPage();
    await page.goto(url());
    await page.getByLabel('Email').waitFor();
    expect(await page.title()).toMatch(/Safe Reporting Audit/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('says so when the password is wrong, and stays on the sign-in page', async () => {
    const page = await newPage();
    await submitSignIn(page, 'admin@localhost', 'definitely-wrong-password');
    await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/Wrong email or password/);
    await expect(page.getByTestId('signed-in-email').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('signs in through the real page and shows the dashboard with live data from the API', async () => {
    const page = await newPage();
    await submitSignIn(page, 'admin@localhost', adminPassword());
    await page.getByTestId('signed-in-email').waitFor();
    expect(await page.getByTestId('signed-in-email').textContent()).toBe('admin@localhost');
    expect(await page.getByTestId('signed-in-role').textContent()).toBe('admin');
    await page.getByTestId('health-status').waitFor();
    expect(await page.getByTestId('health-status').textContent()).toBe('ok');
    expect(await page.getByTestId('database-status').textContent()).toBe('up');
    expect(await seriousViolations(page)).toEqual([]);

    // the session survives a reload (it is a cookie, not page state)
    await page.reload();
    await page.getByTestId('signed-in-email').waitFor();
    await page.context().close();
  });

  it('lets an admin add a user who can then sign in, with the role-limited menu', async () => {
    const admin = await newPage();
    await submitSignIn(admin, 'admin@localhost', adminPassword());
    await admin.getByTestId('signed-in-email').waitFor();
    expect(await admin.getByRole('menuitem', { name: 'Users' }).count()).toBe(1);
    await admin.goto(`${url()}/#/users/create`);
    await admin.locator('input[name="email"]').fill('viewer.e2e@example.org');
    await admin.locator('input[name="password"]').fill('viewer-password-123');
    await admin.getByRole('combobox', { name: /Role/ }).click();
    await admin.getByRole('option', { name: 'Viewer', exact: true }).click();
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('viewer.e2e@example.org').first().waitFor();
    // The "created" notification fades in and out; mid-fade its colours are blended, which axe reads as low contrast.
    await admin.locator('.MuiSnackbar-root').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.context().close();

    const viewer = await newPage();
    await submitSignIn(viewer, 'viewer.e2e@example.org', 'viewer-password-123');
    await viewer.getByTestId('signed-in-role').waitFor();
    expect(await viewer.getByTestId('signed-in-role').textContent()).toBe('viewer');
    expect(await viewer.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
    await viewer.context().close();
  });

  it('shows on an account’s page whether its sign-in is locked, and lets an admin end the lock', async () => {
    // A real lock needs failures from many addresses (tests/integration/sign-in-limits.test.ts); here, the page.
    const admin = await newPage();
    await signIn(admin, 'admin@localhost', adminPassword());
    await admin.goto(`${url()}/#/users`);
    await admin.getByRole('link', { name: 'admin@localhost' }).click();
    await admin.getByText('Not locked').waitFor();
    await admin.getByRole('button', { name: 'End sign-in lock' }).click();
    await admin.getByText('Sign-in lock ended: admin@localhost can sign in now.').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.context().close();
  });

  it('lets a user change their own password from the user menu', async () => {
    const admin = await newPage();
    await submitSignIn(admin, 'admin@localhost', adminPassword());
    await admin.getByTestId('signed-in-email').waitFor();
    const created = await admin.request.post(`${url()}/api/users`, { data: { email: 'changer.e2e@example.org', role: 'reviewer', password: 'first-password-123' } });
    expect(created.status()).toBe(201);
    await admin.context().close();

    const page = await newPage();
    await submitSignIn(page, 'changer.e2e@example.org', 'first-password-123');
    await page.getByTestId('signed-in-email').waitFor();
    await page.getByRole('button', { name: /account|profile|user menu/i }).first().click();
    await page.getByTestId('user-menu-change-password').click();
    await page.getByTestId('password-current').fill('first-password-123');
    await page.getByTestId('password-new').fill('second-password-456');
    await page.getByTestId('password-repeat').fill('second-password-456');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-result').waitFor();
    expect(await page.getByTestId('password-result').textContent()).toMatch(/Your password is changed/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();

    const again = await newPage();
    await submitSignIn(again, 'changer.e2e@example.org', 'second-password-456');
    await again.getByTestId('signed-in-email').waitFor();
    await again.context().close();
  });

  it('lets an admin demote an account from its page: the person is signed out at once and returns with the new role', async () => {
    const admin = await newPage();
    await submitSignIn(admin, 'admin@localhost', adminPassword());
    await admin.getByTestId('signed-in-email').waitFor();
    const created = await admin.request.post(`${url()}/api/users`, { data: { email: 'demoted.e2e@example.org', role: 'analyst', password: 'analyst-password-123' } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const analyst = await newPage();
    await submitSignIn(analyst, 'demoted.e2e@example.org', 'analyst-password-123');
    await analyst.getByTestId('signed-in-role').waitFor();
    expect(await analyst.getByTestId('signed-in-role').textContent()).toBe('analyst');

    await admin.goto(`${url()}/#/users/${id}/show`);
    await admin.getByRole('link', { name: 'Change role or access' }).click();
    await admin.getByRole('combobox', { name: /Role/ }).click();
    await admin.getByRole('option', { name: 'Viewer', exact: true }).click();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText(/demoted\.e2e@example\.org is signed out everywhere/).waitFor();
    await admin.locator('.MuiSnackbar-root').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await seriousViolations(admin)).toEqual([]);
    // Their own account's page says another admin has to change it.
    const me = (await (await admin.request.get(`${url()}/api/auth/me`)).json()) as { id: string };
    await admin.goto(`${url()}/#/users/${me.id}`);
    await admin.getByText('This is your own account').waitFor();
    await admin.context().close();

    // The analyst's open page loses its session: the next navigation lands on the sign-in page.
    expect((await analyst.request.get(`${url()}/api/auth/me`)).status()).toBe(401);
    await analyst.goto(`${url()}/#/incidents`);
    await analyst.getByLabel('Email').waitFor();
    await analyst.context().close();

    const again = await newPage();
    await submitSignIn(again, 'demoted.e2e@example.org', 'analyst-password-123');
    await again.getByTestId('signed-in-role').waitFor();
    expect(await again.getByTestId('signed-in-role').textContent()).toBe('viewer');
    expect(await again.getByRole('menuitem', { name: 'Incidents' }).count()).toBe(0);
    await again.context().close();
  });

  it('signs out, after which the API refuses the old session', async () => {
    const page = await newPage();
    await submitSignIn(page, 'admin@localhost', adminPassword());
    await page.getByTestId('signed-in-email').waitFor();
    await page.getByRole('button', { name: /account|profile|user menu/i }).first().click();
    await page.getByRole('menuitem', { name: /log ?out|sign ?out/i }).click();
    await page.getByLabel('Email').waitFor();
    const me = await page.request.get(`${url()}/api/auth/me`);
    expect(me.status()).toBe(401);
    await page.context().close();
  });
});
