// Better Auth: sessions stored in PostgreSQL (logging out really ends them),
// guests as its anonymous users, sign-in by name and password, single sign-on
// through OpenID Connect. Parley's own routes (app/api/auth/*) call it
// server-side; its HTTP handler answers only the sign-on callback.
import { betterAuth } from "better-auth";
import { anonymous, genericOAuth, username } from "better-auth/plugins";
import { createHash } from "node:crypto";
import { getConfig } from "../config";
import { log } from "../log";
import { adoptGuest, authDatabase } from "../db/auth-store";
import { isAdminName, nameKey } from "./names";
import { hashPassword, verifyPassword } from "./passwords";
import { MAX_PASSWORD_LENGTH } from "./password-policy";
import { authSecret } from "./secret";

/** The header through which routes hand Better Auth the client address (lib/http/client-address.ts). */
export const CLIENT_ADDRESS_HEADER = "x-parley-client-address";

const DAY_S = 24 * 3600;

/** The session cookie's name over HTTP, and over HTTPS (__Host-: Secure, whole site, no Domain; no subdomain can set it). */
export const SESSION_COOKIE = "parley.session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** The provider id of single sign-on: its callback is /api/auth/callback/sso. */
export const SSO_PROVIDER = "sso";

/** Single sign-on through the operator's OpenID Connect provider (PARLEY_OIDC_*), if configured. */
function singleSignOn() {
  const { sso } = getConfig();
  if (!sso) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: SSO_PROVIDER,
          name: sso.label,
          discoveryUrl: `${sso.issuer}/.well-known/openid-configuration`,
          clientId: sso.clientId,
          clientSecret: sso.clientSecret,
          scopes: ["openid", "profile", "email"],
          pkce: true,
          // Parley signs in by name: the provider's email is not an account key (a placeholder
          // per subject is), so nobody's account is taken over by a matching address.
          mapProfileToUser: (profile) => ({
            email: `sso-${createHash("sha256").update(String(profile.sub ?? profile.id)).digest("hex").slice(0, 32)}@sso.parley.invalid`,
            emailVerified: false,
            displayUsername: String(profile.preferred_username ?? profile.name ?? profile.email ?? profile.sub),
          }),
        },
      ],
    }),
  ];
}

// Better Auth's messages go to our log. Quiet: its warning on every start that redirects
// need a public URL (only single sign-on uses them, and that requires PARLEY_PUBLIC_URL),
// and its warnings about each wrong password or unknown name (routine, and counted by us).
const ROUTINE = /Base URL is not set|^(Invalid password|User not found|Username or password not found|Password not found)$/;
const logger = {
  log(level: "debug" | "info" | "success" | "warn" | "error", message: string, ...args: unknown[]) {
    const quiet = level === "warn" && ROUTINE.test(message);
    log[quiet || level === "success" ? "debug" : level](`[Better Auth] ${message}`, args.length ? args : undefined);
  },
};

function build(secure: boolean, database: ReturnType<typeof authDatabase>["adapter"]) {
  const { publicUrl } = getConfig();
  return betterAuth({
    appName: "Parley",
    secret: authSecret(),
    baseURL: publicUrl,
    database,
    logger,
    telemetry: { enabled: false },
    // Requests reach Better Auth only through our routes, which check origins and
    // count attempts by the real client address themselves.
    rateLimit: { enabled: false },
    user: { fields: { name: "displayName" } },
    session: {
      modelName: "authSession",
      // Browsers keep cookies at most 400 days; an active session is extended once a day.
      expiresIn: 400 * DAY_S,
      updateAge: DAY_S,
    },
    emailAndPassword: {
      enabled: true,
      // Rules for new passwords are checked by our routes (lib/auth/password-policy.ts);
      // here only what any sign-in accepts, so existing passwords keep working.
      minPasswordLength: 1,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      // The scrypt hashes Parley has always stored.
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(password, hash) },
    },
    advanced: {
      // joins: a session and its user in one query (every cookie request pays it).
      database: { generateId: "uuid", joins: true },
      useSecureCookies: false,
      cookiePrefix: "parley",
      defaultCookieAttributes: { secure },
      cookies: {
        session_token: { name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, attributes: { secure } },
      },
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    plugins: [
      username({
        // Names are validated by our routes; the key makes look-alike names one account.
        usernameNormalization: nameKey,
        usernameValidator: () => true,
        minUsernameLength: 1,
        maxUsernameLength: 200,
        schema: { user: { fields: { username: "nameKey", displayUsername: "name" } } },
      }),
      anonymous({
        emailDomainName: "guests.parley.invalid",
        // A guest who registers or logs in keeps what they did; the guest is then deleted.
        onLinkAccount: ({ anonymousUser, newUser }) => adoptGuest(anonymousUser.user.id, newUser.user.id),
      }),
      ...singleSignOn(),
    ],
  });
}

export type Auth = ReturnType<typeof build>;

type Built = { client: unknown; config: unknown; plain: Auth; secure: Auth };
// Rebuilt when the database client or the configuration is (tests), kept across `next dev` reloads.
const holder = globalThis as typeof globalThis & { __parleyAuth?: Built };

/** Better Auth for a request: its cookie is __Host- and Secure when the request came over HTTPS. */
export function auth(secure: boolean): Auth {
  const database = authDatabase();
  let built = holder.__parleyAuth;
  const config = getConfig();
  if (!built || built.client !== database.client || built.config !== config) {
    built = { client: database.client, config, plain: build(false, database.adapter), secure: build(true, database.adapter) };
    holder.__parleyAuth = built;
  }
  return secure ? built.secure : built.plain;
}

/** Whether sign-up is open to this name (PARLEY_SIGNUP, PARLEY_ADMINS). */
export function signupAllowed(name: string): boolean {
  const { access } = getConfig();
  return access.signup === "open" || isAdminName(name, access.admins);
}
