/**
 * Token rotation, done here rather than by Bolt: Bolt's InstallProvider refreshes an expiring token
 * inside every authorize call that sees it, so several commands arriving together each spend the
 * same refresh token (the SDK bug the issue names). Here a token within `marginMs` of its expiry is
 * refreshed once per installation in this process (one promise that every caller awaits), and the
 * refresh is claimed across replicas through the database first (installations.claimRefresh, a
 * short lease), so one replica spends the refresh token and the others wait for its result; the
 * result is stored with a conditional write (installations.replaceBotToken), so even a refresh
 * made after a lease ran out cannot overwrite a newer token.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../../runtime/log.js";
import type { Installation, Installations } from "../../../state/index.js";
import { installationId } from "../../../state/installations.js";
import { errorReason, platformErrorCode } from "../errors.js";

export interface TokenRefresher {
  /** The installation with a bot token good for at least the margin (refreshed if need be). */
  fresh(installation: Installation): Promise<Installation>;
}

export interface RefresherDeps {
  installations: () => Promise<Installations>;
  /** A client without a token, pointed at SLACK_API_URL (oauth.v2.access). */
  client: webApi.WebClient;
  clientId: string;
  clientSecret: string;
  log: Logger;
  /** Refresh a token expiring within this many ms (default 10 minutes; Slack's last 12 hours). */
  marginMs?: number;
  now?: () => number;
}

const MARGIN_MS = 10 * 60_000;

export function tokenRefresher(deps: RefresherDeps): TokenRefresher {
  const inFlight = new Map<string, Promise<Installation>>();
  const margin = deps.marginMs ?? MARGIN_MS;
  const now = deps.now ?? Date.now;
  const due = (i: Installation) => dueAt(i, now(), margin);

  return {
    async fresh(installation) {
      if (!due(installation)) return installation;
      const id = installationId(installation);
      let refreshing = inFlight.get(id);
      if (!refreshing) {
        refreshing = refresh(deps, installation, now).finally(() => inFlight.delete(id));
        inFlight.set(id, refreshing);
      }
      return refreshing;
    },
  };
}

async function refresh(deps: RefresherDeps, seen: Installation, now: () => number): Promise<Installation> {
  const installations = await deps.installations();
  // Read again: `seen` may predate a refresh that finished a moment ago (here or in another replica).
  const old = await installations.find(seen);
  if (!old) throw new Error("the installation was removed while its token was being refreshed");
  if (!dueAt(old, now(), deps.marginMs ?? MARGIN_MS)) return old;
  const where = { team: old.teamId, enterprise: old.enterpriseId };
  // One replica refreshes; the others wait for its token (or, if it never comes, keep the current
  // one while it is still valid).
  if (!(await installations.claimRefresh(old, new Date(now() + LEASE_MS)))) {
    const theirs = await refreshedBy(installations, old);
    if (theirs) return theirs;
    if ((old.botTokenExpiresAt?.getTime() ?? 0) > now()) return old;
    throw new Error("another replica is refreshing the bot token and has not finished");
  }
  let answer: webApi.OauthV2AccessResponse;
  try {
    answer = await deps.client.oauth.v2.access({
      client_id: deps.clientId,
      client_secret: deps.clientSecret,
      grant_type: "refresh_token",
      refresh_token: old.botRefreshToken ?? "",
    });
  } catch (error) {
    // Another replica may have spent the refresh token a moment before: its token is stored, or
    // about to be (it got Slack's answer first), so look for it a few times before giving up.
    const stored =
      platformErrorCode(error) === "invalid_refresh_token"
        ? await refreshedBy(installations, old)
        : undefined;
    if (stored) return stored;
    deps.log.error({ ...where, cause: errorReason(error) }, "could not refresh the Slack bot token");
    throw error;
  }
  if (!answer.access_token || !answer.refresh_token || !answer.expires_in)
    throw new Error("oauth.v2.access answered a refresh without access_token, refresh_token or expires_in");
  const next = {
    botToken: answer.access_token,
    botRefreshToken: answer.refresh_token,
    botTokenExpiresAt: new Date(now() + answer.expires_in * 1000),
  };
  if (await installations.replaceBotToken(old, old.botTokenExpiresAt, next)) {
    deps.log.info(
      { ...where, expiresAt: next.botTokenExpiresAt.toISOString() },
      "refreshed the Slack bot token",
    );
    return { ...old, ...next };
  }
  // Another replica stored its refresh first: its token is the one to use.
  const stored = await installations.find(old);
  if (!stored) throw new Error("the installation was removed while its token was being refreshed");
  deps.log.info(where, "another replica refreshed the Slack bot token first; using its token");
  return stored;
}

/** How long a replica may take to refresh before another may try; and how long others wait for it. */
const LEASE_MS = 5_000;
const LOOKS = 40;
const LOOK_MS = 50;

async function refreshedBy(
  installations: Installations,
  old: Installation,
): Promise<Installation | undefined> {
  for (let look = 0; look < LOOKS; look++) {
    const stored = await installations.find(old);
    if (stored && stored.botTokenExpiresAt?.getTime() !== old.botTokenExpiresAt?.getTime()) return stored;
    await sleep(LOOK_MS);
  }
  return undefined;
}

const dueAt = (i: Installation, now: number, margin: number) =>
  i.botRefreshToken !== null && i.botTokenExpiresAt !== null && i.botTokenExpiresAt.getTime() - now < margin;
