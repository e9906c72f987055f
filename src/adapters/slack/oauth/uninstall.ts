/**
 * When a workspace removes the app (app_uninstalled) or revokes its tokens (tokens_revoked), the
 * installation goes: a revoked bot token deletes the whole installation (nothing can be done
 * without it), revoked user tokens only clear the installer's token. The two events come in
 * either order; the second finds nothing left to delete and says so at debug level. Bolt answers
 * them without authorize (the token is already gone), so they reach these listeners.
 */
import type { App } from "@slack/bolt";
import type { Logger } from "../../../runtime/log.js";
import type { Installations } from "../../../state/index.js";
import type { Workspaces } from "../workspaces.js";

interface EnvelopeFields {
  team_id?: string;
  enterprise_id?: string;
  authorizations?: { is_enterprise_install?: boolean }[];
}

export interface UninstallDeps {
  installations: () => Promise<Installations>;
  workspaces: Workspaces;
  log: Logger;
}

export function forgetRemovedInstallations(app: App, deps: UninstallDeps): void {
  const remove = async (body: EnvelopeFields, why: string) => {
    const query = queryOf(body);
    const installations = await deps.installations();
    const found = await installations.find(query);
    if (found) deps.workspaces.forget(found.botToken);
    const deleted = await installations.delete(query);
    const where = { team: body.team_id, enterprise: body.enterprise_id, event: why };
    if (deleted) deps.log.info(where, "Slack installation removed");
    else deps.log.debug(where, "no Slack installation left to remove");
  };

  app.event("app_uninstalled", async ({ body }) => remove(body, "app_uninstalled"));

  app.event("tokens_revoked", async ({ body, event }) => {
    const { bot = [], oauth = [] } = event.tokens;
    if (bot.length > 0) return remove(body, "tokens_revoked");
    if (oauth.length === 0) return;
    const installations = await deps.installations();
    const found = await installations.find(queryOf(body));
    if (found?.userToken && oauth.includes(found.userId)) {
      await installations.save({ ...found, userToken: null, userScopes: null });
      deps.log.info({ team: body.team_id, enterprise: body.enterprise_id }, "Slack user token revoked");
    }
  });
}

function queryOf(body: EnvelopeFields) {
  return {
    teamId: body.team_id ?? null,
    enterpriseId: body.enterprise_id ?? null,
    isEnterpriseInstall: body.authorizations?.[0]?.is_enterprise_install === true,
  };
}
