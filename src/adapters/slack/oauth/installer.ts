/**
 * Bolt's built-in OAuth, configured for this bot: the HTTPReceiver options that make it serve
 * GET /slack/install and GET /slack/oauth_redirect (exchanging the code with oauth.v2.access at
 * SLACK_API_URL, sending installers to SLACK_OAUTH_AUTHORIZE_URL), with the installation store over
 * the database and this adapter's pages. Bolt's authorize then asks the store on every request.
 */
import { webApi } from "@slack/bolt";
import type { Logger } from "../../../runtime/log.js";
import type { Installations } from "../../../state/index.js";
import type { AdapterHost } from "../../contract.js";
import type { ClientOptions, OAuthReceiverOptions } from "../client.js";
import type { SlackOAuthSettings } from "../settings.js";
import { installationStore } from "./installation-store.js";
import { callbackPages, installPage } from "./pages.js";
import { tokenRefresher } from "./rotation.js";

export interface OAuthDeps {
  state: AdapterHost["state"];
  /** The bot scopes the manifest asks for (register.ts). */
  scopes: string[];
  clientOptions: ClientOptions;
  log: Logger;
  /** Tests: refresh tokens expiring within this many ms. */
  refreshMarginMs?: number;
}

export function oauthReceiver(
  oauth: SlackOAuthSettings,
  deps: OAuthDeps,
): { options: OAuthReceiverOptions; installations: () => Promise<Installations> } {
  const installations = async () => (await deps.state()).installations;
  const refresher = tokenRefresher({
    installations,
    client: new webApi.WebClient(undefined, { ...deps.clientOptions }),
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    log: deps.log,
    ...(deps.refreshMarginMs !== undefined ? { marginMs: deps.refreshMarginMs } : {}),
  });
  return {
    installations,
    options: {
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      stateSecret: oauth.stateSecret,
      scopes: deps.scopes,
      installationStore: installationStore({ installations, refresher, log: deps.log }),
      installerOptions: {
        authorizationUrl: oauth.authorizeUrl,
        // oauth.v2.access and its auth.test go to SLACK_API_URL, like every other call.
        clientOptions: { ...deps.clientOptions },
        directInstall: false,
        renderHtmlForInstallPath: installPage,
        callbackOptions: callbackPages(deps.log),
      },
    },
  };
}
