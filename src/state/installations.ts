/**
 * Slack installations, one per workspace or per Enterprise Grid org. Every token is encrypted with
 * AES-256-GCM before it reaches the database and decrypted only on the way out; the raw rows hold
 * ciphertext alone.
 */
import type { Kysely } from "kysely";
import * as z from "zod";
import { ConfigError, missing } from "../runtime/config.js";
import { fromIso, Id, iso } from "./fields.js";
import type { Guard } from "./guard.js";
import type { InstallationRow, Tables } from "./tables.js";
import type { TokenCipher } from "./token-cipher.js";

const Token = z.string().min(1).max(2000);
const Scopes = z.array(z.string().min(1).max(100)).max(300);

export const InstallationSchema = z
  .object({
    enterpriseId: Id.nullable(),
    teamId: Id.nullable(),
    isEnterpriseInstall: z.boolean(),
    botToken: Token,
    botId: Id,
    botUserId: Id,
    botScopes: Scopes,
    botRefreshToken: Token.nullable(),
    botTokenExpiresAt: z.date().nullable(),
    userId: Id,
    userToken: Token.nullable(),
    userScopes: Scopes.nullable(),
    installedAt: z.date(),
  })
  .refine((i) => (i.isEnterpriseInstall ? i.enterpriseId : i.teamId) !== null, {
    message: "an enterprise install needs enterpriseId; any other needs teamId",
  });
export type Installation = z.infer<typeof InstallationSchema>;

/** What Bolt's InstallationStore is asked with. */
export interface InstallationQuery {
  enterpriseId: string | null | undefined;
  teamId: string | null | undefined;
  isEnterpriseInstall: boolean;
}

export interface Installations {
  /** Insert or replace; the first installedAt is kept on a reinstall. */
  save(installation: Installation): Promise<void>;
  find(query: InstallationQuery): Promise<Installation | undefined>;
  /** True when there was one to delete. */
  delete(query: InstallationQuery): Promise<boolean>;
  /**
   * Token rotation: stores a refreshed bot token only if the stored one still expires at
   * `expected` (nobody else refreshed it meanwhile). False when another writer won: read it again.
   */
  replaceBotToken(query: InstallationQuery, expected: Date | null, next: RefreshedToken): Promise<boolean>;
  /**
   * Token rotation across replicas: true for one caller at a time until `until` (a lease in
   * state_meta), so only one replica spends the refresh token; the others wait for its result.
   */
  claimRefresh(query: InstallationQuery, until: Date): Promise<boolean>;
}

export interface RefreshedToken {
  botToken: string;
  botRefreshToken: string;
  botTokenExpiresAt: Date;
}

export function installationId(q: InstallationQuery): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error("An installation query needs a teamId (or an enterpriseId for an org-wide install).");
}

const TOKEN_FIELDS = ["bot_token", "bot_refresh_token", "user_token"] as const;

export function installations(
  db: Kysely<Tables>,
  cipher: TokenCipher | undefined,
  run: Guard,
): Installations {
  const needCipher = (): TokenCipher => {
    if (cipher) return cipher;
    throw new ConfigError([
      missing("TOKEN_ENCRYPTION_KEY", "Slack installations keep their tokens encrypted"),
    ]);
  };
  const seal = (id: string, field: (typeof TOKEN_FIELDS)[number], value: string | null) =>
    value === null ? null : needCipher().encrypt(value, `${id}/${field}`);
  const open = (id: string, field: (typeof TOKEN_FIELDS)[number], value: string | null) => {
    if (value === null) return null;
    try {
      return needCipher().decrypt(value, `${id}/${field}`);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new Error(
        `The stored ${field} of installation ${id} cannot be decrypted with TOKEN_ENCRYPTION_KEY.`,
      );
    }
  };

  return {
    save: (input) =>
      run("save installation", async () => {
        const i = InstallationSchema.parse(input);
        const id = installationId(i);
        const row: InstallationRow = {
          id,
          enterprise_id: i.enterpriseId,
          team_id: i.teamId,
          is_enterprise_install: i.isEnterpriseInstall ? 1 : 0,
          bot_token: seal(id, "bot_token", i.botToken) as string,
          bot_id: i.botId,
          bot_user_id: i.botUserId,
          bot_scopes: JSON.stringify(i.botScopes),
          bot_refresh_token: seal(id, "bot_refresh_token", i.botRefreshToken),
          bot_token_expires_at: i.botTokenExpiresAt ? iso(i.botTokenExpiresAt) : null,
          user_id: i.userId,
          user_token: seal(id, "user_token", i.userToken),
          user_scopes: i.userScopes ? JSON.stringify(i.userScopes) : null,
          installed_at: iso(i.installedAt),
          updated_at: iso(new Date()),
        };
        const { id: _key, installed_at: _first, ...changes } = row;
        await db
          .insertInto("installations")
          .values(row)
          .onConflict((oc) => oc.column("id").doUpdateSet(changes))
          .execute();
      }),

    find: (query) =>
      run("find installation", async () => {
        const id = installationId(query);
        const r = await db.selectFrom("installations").selectAll().where("id", "=", id).executeTakeFirst();
        if (!r) return undefined;
        return {
          enterpriseId: r.enterprise_id,
          teamId: r.team_id,
          isEnterpriseInstall: r.is_enterprise_install === 1,
          botToken: open(id, "bot_token", r.bot_token) as string,
          botId: r.bot_id,
          botUserId: r.bot_user_id,
          botScopes: JSON.parse(r.bot_scopes) as string[],
          botRefreshToken: open(id, "bot_refresh_token", r.bot_refresh_token),
          botTokenExpiresAt: r.bot_token_expires_at ? fromIso(r.bot_token_expires_at) : null,
          userId: r.user_id,
          userToken: open(id, "user_token", r.user_token),
          userScopes: r.user_scopes ? (JSON.parse(r.user_scopes) as string[]) : null,
          installedAt: fromIso(r.installed_at),
        };
      }),

    delete: (query) =>
      run("delete installation", async () => {
        const result = await db
          .deleteFrom("installations")
          .where("id", "=", installationId(query))
          .executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      }),

    replaceBotToken: (query, expected, next) =>
      run("replace bot token", async () => {
        const id = installationId(query);
        const result = await db
          .updateTable("installations")
          .set({
            bot_token: seal(id, "bot_token", Token.parse(next.botToken)) as string,
            bot_refresh_token: seal(id, "bot_refresh_token", Token.parse(next.botRefreshToken)),
            bot_token_expires_at: iso(next.botTokenExpiresAt),
            updated_at: iso(new Date()),
          })
          .where("id", "=", id)
          .where((w) =>
            expected === null
              ? w("bot_token_expires_at", "is", null)
              : w("bot_token_expires_at", "=", iso(expected)),
          )
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      }),

    claimRefresh: (query, until) =>
      run("claim token refresh", async () => {
        const lease = { name: `bot_token_refresh:${installationId(query)}`, value: iso(until) };
        // A new lease, or one whose holder's time is up; a live one is left alone (0 rows).
        const result = await db
          .insertInto("state_meta")
          .values(lease)
          .onConflict((oc) =>
            oc
              .column("name")
              .doUpdateSet({ value: lease.value })
              .where("state_meta.value", "<", iso(new Date())),
          )
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      }),
  };
}

const KEY_CHECK = "token_key_fingerprint";

/**
 * Records the key's fingerprint on first use and refuses a different key later, so a wrong key
 * stops start-up instead of failing at the first token read.
 */
export async function verifyTokenKey(db: Kysely<Tables>, cipher: TokenCipher): Promise<void> {
  const fingerprint = cipher.fingerprint();
  await db
    .insertInto("state_meta")
    .values({ name: KEY_CHECK, value: fingerprint })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const stored = await db
    .selectFrom("state_meta")
    .select("value")
    .where("name", "=", KEY_CHECK)
    .executeTakeFirst();
  if (stored?.value !== fingerprint)
    throw new ConfigError([
      "TOKEN_ENCRYPTION_KEY is not the key the stored Slack tokens were encrypted with. Restore the original key (the tokens cannot be read without it), or start with a fresh database and reinstall the app.",
    ]);
}
