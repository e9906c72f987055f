/**
 * Bolt's InstallationStore over the durable store (host.state() → installations, tokens encrypted
 * at rest). Bolt's authorize asks fetchInstallation on every request; a bot token near its expiry
 * is refreshed here, once (rotation.ts), and the installation goes back to Bolt without its refresh
 * token so that Bolt's own rotation, which refreshes on every concurrent request, never runs.
 */
import type { Installation as BoltInstallation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Logger } from "../../../runtime/log.js";
import type { Installation, Installations } from "../../../state/index.js";
import type { TokenRefresher } from "./rotation.js";

/** Thrown by fetchInstallation for a workspace (or org) where the app is not installed. */
class NotInstalled extends Error {
  constructor(readonly where: { team?: string; enterprise?: string }) {
    super(`the app is not installed in ${where.team ?? where.enterprise ?? "this workspace"}`);
    this.name = "NotInstalled";
  }
}

export interface StoreDeps {
  installations: () => Promise<Installations>;
  refresher: TokenRefresher;
  log: Logger;
  now?: () => Date;
}

export function installationStore(deps: StoreDeps): InstallationStore {
  const { log } = deps;
  return {
    async storeInstallation(installation) {
      const saved = fromBolt(installation, deps.now?.() ?? new Date());
      await (await deps.installations()).save(saved);
      log.info(
        { team: saved.teamId, enterprise: saved.enterpriseId, scopes: saved.botScopes.join(",") },
        "Slack app installed",
      );
    },
    async fetchInstallation(query) {
      const found = await (await deps.installations()).find(toQuery(query));
      if (!found) throw new NotInstalled(where(query));
      return toBolt(await deps.refresher.fresh(found));
    },
    async deleteInstallation(query) {
      await (await deps.installations()).delete(toQuery(query));
    },
  };
}

const where = (q: InstallationQuery<boolean>) => ({
  ...(q.teamId ? { team: q.teamId } : {}),
  ...(q.enterpriseId ? { enterprise: q.enterpriseId } : {}),
});

const toQuery = (q: InstallationQuery<boolean>) => ({
  teamId: q.teamId ?? null,
  enterpriseId: q.enterpriseId ?? null,
  isEnterpriseInstall: q.isEnterpriseInstall,
});

/** What oauth.v2.access gave Bolt, as the state layer keeps it; an install without a bot is refused. */
function fromBolt(i: BoltInstallation, now: Date): Installation {
  if (!i.bot) throw new Error("the installation has no bot token: the app must ask for bot scopes");
  return {
    enterpriseId: i.enterprise?.id ?? null,
    teamId: i.team?.id ?? null,
    isEnterpriseInstall: i.isEnterpriseInstall === true,
    botToken: i.bot.token,
    botId: i.bot.id,
    botUserId: i.bot.userId,
    botScopes: i.bot.scopes,
    botRefreshToken: i.bot.refreshToken ?? null,
    botTokenExpiresAt: i.bot.expiresAt ? new Date(i.bot.expiresAt * 1000) : null,
    userId: i.user.id,
    userToken: i.user.token ?? null,
    userScopes: i.user.scopes ?? null,
    installedAt: now,
  };
}

/** Without refresh tokens or expiry: Bolt must not refresh anything itself. */
function toBolt(i: Installation): BoltInstallation {
  return {
    team: i.teamId ? { id: i.teamId } : undefined,
    enterprise: i.enterpriseId ? { id: i.enterpriseId } : undefined,
    isEnterpriseInstall: i.isEnterpriseInstall,
    authVersion: "v2",
    tokenType: "bot",
    bot: { token: i.botToken, id: i.botId, userId: i.botUserId, scopes: i.botScopes },
    user: {
      id: i.userId,
      token: i.userToken ?? undefined,
      scopes: i.userScopes ?? undefined,
    },
  } as BoltInstallation;
}

/** The NotInstalled inside Bolt's AuthorizationError (which wraps the installer's, which wraps ours). */
export function notInstalledIn(error: unknown): NotInstalled | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e; depth++) {
    if (e instanceof NotInstalled) return e;
    const wrapped = e as { original?: unknown; cause?: unknown };
    e = wrapped.original ?? wrapped.cause;
  }
  return undefined;
}
