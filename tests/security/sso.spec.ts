// Single sign-on in a real browser, on a server whose operator closed sign-up
// and turned guests off: the only ways in are an existing account and the
// company's OpenID Connect provider (oidc-provider, started here).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { expect, test, unique } from "../../e2e/support/app";
import { baseEnv, freshTestDatabase, startInstance, type Instance, type TestDatabase } from "../../e2e/support/instance";

const PORT = 3241;
const APP = `http://127.0.0.1:${PORT}`;
let provider: Server;
let app: Instance;
let db: TestDatabase;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  provider = createServer();
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  const oidc = new Provider(issuer, {
    clients: [{ client_id: "parley", client_secret: "e2e client secret", redirect_uris: [`${APP}/api/auth/callback/sso`], grant_types: ["authorization_code"], response_types: ["code"] }],
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => ({ sub, preferred_username: sub, email: `${sub}@example.com` }) };
    },
    claims: { openid: ["sub"], profile: ["preferred_username"], email: ["email"] },
    cookies: { keys: ["e2e cookie key"] },
  });
  provider.on("request", oidc.callback());
  db = await freshTestDatabase(true);
  app = await startInstance(
    PORT,
    baseEnv({
      ...db.env,
      PARLEY_PUBLIC_URL: APP,
      PARLEY_OIDC_ISSUER: issuer,
      PARLEY_OIDC_CLIENT_ID: "parley",
      PARLEY_OIDC_CLIENT_SECRET: "e2e client secret",
      PARLEY_OIDC_NAME: "Acme SSO",
      PARLEY_SIGNUP: "closed",
      PARLEY_GUESTS: "off",
    }),
  );
});

test.afterAll(async () => {
  await app?.stop();
  await db?.drop();
  await new Promise((resolve) => provider?.close(resolve));
});

// The provider's development pages load a web font (no internet here) and have no icon.
test.use({ allowConsoleErrors: [/fonts\.googleapis\.com|127\.0\.0\.1:(?!3241)\d+\/favicon\.ico/] });

test("with guests off and sign-up closed, a person signs in through the company's provider", async ({ page }, testInfo) => {
  await page.goto(APP);
  await expect(page).toHaveURL(`${APP}/login`);
  // Closed sign-up: no Register tab; the provider's button first.
  await expect(page.getByRole("tab", { name: "Register" })).toHaveCount(0);
  const signOn = page.getByRole("link", { name: "Sign in with Acme SSO" });
  await expect(signOn).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("login-sso.png") });

  await signOn.click();
  // The provider's own (development) login and consent pages.
  const login = unique("grace");
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();

  await expect(page).toHaveURL(`${APP}/`);
  await expect(page.getByTestId("user-name")).toHaveText(login);
  await page.screenshot({ path: testInfo.outputPath("signed-in.png") });
  // The session is real: the API knows the person.
  const me = await page.request.get(`${APP}/api/auth/me`);
  expect((await me.json()).user).toMatchObject({ name: login, guest: false });
});
