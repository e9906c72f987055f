/**
 * Slack's side of OAuth on the fake Web API's server, for any number of workspaces: the authorize
 * page a browser is sent to (GET /oauth/v2/authorize, an "Allow" link back to the redirect URI
 * with a one-time code and the state), oauth.v2.access (a code → a new workspace's bot token; with
 * rotation, a refresh token and expiry, and grant_type=refresh_token → the next token), auth.test
 * per token, and auth.revoke. Each token belongs to one workspace, so a test sees in
 * `api.calls[].token` which workspace a call was made for.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeSlackApi } from "./web-api.js";

export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  botName: string;
  /** The installing user. */
  userId: string;
}

export interface FakeOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** With rotation, tokens expire this many seconds after they are issued and come with a refresh token. */
  rotation?: { expiresInSeconds: number };
}

interface Issued {
  workspace: FakeWorkspace;
  scopes: string[];
  refreshToken?: string;
}

export class FakeSlackOAuth {
  /** The authorize page, as SLACK_OAUTH_AUTHORIZE_URL. */
  readonly authorizeUrl: string;
  /** The workspace the next "Allow" installs into (default: a new one each time). */
  next: FakeWorkspace | undefined;
  /** The redirect URLs the app is configured with (the manifest's oauth_config.redirect_urls). */
  redirectUrls: string[] = [];
  readonly workspaces: FakeWorkspace[] = [];
  /** Bot tokens issued, valid until revoked. */
  private readonly tokens = new Map<string, Issued>();
  private readonly codes = new Map<
    string,
    { workspace: FakeWorkspace; scopes: string[]; redirect: string }
  >();
  private readonly refreshTokens = new Map<string, string>();
  private count = 0;
  /** With rotation: how long the next token issued lasts (a test may change it between steps). */
  expiresInSeconds: number | undefined;

  constructor(
    api: FakeSlackApi,
    private readonly options: FakeOAuthOptions,
  ) {
    this.expiresInSeconds = options.rotation?.expiresInSeconds;
    this.authorizeUrl = `${api.url.replace(/api\/$/u, "")}oauth/v2/authorize`;
    api.extend({
      page: (req, res, url) => this.page(req, res, url),
      answer: (method, params, token) => this.answer(method, params, token),
      accepts: (token) => this.tokens.has(token),
    });
  }

  /** A workspace to install into, with ids of its own. */
  workspace(n = ++this.count): FakeWorkspace {
    return {
      teamId: `T0WS${n}`,
      teamName: `Workspace ${n}`,
      botUserId: `U0BOTWS${n}`,
      botId: `B0BOTWS${n}`,
      botName: `article_bot_${n}`,
      userId: `U0INSTALLER${n}`,
    };
  }

  /** The bot tokens issued to a team and still valid. */
  tokensOf(teamId: string): string[] {
    return [...this.tokens].filter(([, i]) => i.workspace.teamId === teamId).map(([t]) => t);
  }

  /** A token the fake stops honouring, as when a workspace revokes it. */
  revoke(token: string): void {
    this.tokens.delete(token);
  }

  /** The URL the "Allow" button leads to, for tests that skip the browser. */
  allowUrl(authorize: string): string {
    const answer = this.authorizePage(new URL(authorize));
    if ("error" in answer) throw new Error(answer.error);
    return answer.allow;
  }

  private page(_req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname !== "/oauth/v2/authorize") return false;
    const answer = this.authorizePage(url);
    res.writeHead("error" in answer ? 400 : 200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      "error" in answer
        ? `<!doctype html><title>Slack</title><h1 id="error">${answer.error}</h1>`
        : `<!doctype html><title>Slack: allow access</title>
<h1>Article Bot is requesting permission to access the ${answer.workspace.teamName} Slack workspace</h1>
<p id="scopes">${answer.scopes.join(", ")}</p>
<a id="allow" href="${answer.allow.replaceAll("&", "&amp;")}">Allow</a>
<a id="cancel" href="${answer.cancel.replaceAll("&", "&amp;")}">Cancel</a>`,
    );
    return true;
  }

  private authorizePage(
    url: URL,
  ): { error: string } | { allow: string; cancel: string; workspace: FakeWorkspace; scopes: string[] } {
    const q = url.searchParams;
    if (q.get("client_id") !== this.options.clientId) return { error: "invalid_client_id" };
    const scopes = (q.get("scope") ?? "").split(",").filter(Boolean);
    if (scopes.length === 0) return { error: "invalid_scope" };
    const redirect = q.get("redirect_uri") ?? this.redirectUrls[0];
    if (!redirect || (this.redirectUrls.length > 0 && !this.redirectUrls.includes(redirect)))
      return { error: "bad_redirect_uri" };
    const workspace = this.next ?? this.workspace();
    this.next = undefined;
    const code = `code-${workspace.teamId}-${this.codes.size + 1}`;
    this.codes.set(code, { workspace, scopes, redirect });
    const state = q.get("state") ?? "";
    const back = (params: Record<string, string>) => `${redirect}?${new URLSearchParams(params)}`;
    return {
      allow: back({ code, state }),
      cancel: back({ error: "access_denied", state }),
      workspace,
      scopes,
    };
  }

  private answer(method: string, params: Record<string, unknown>, token: string | undefined) {
    if (method === "oauth.v2.access") return this.access(params);
    const issued = token === undefined ? undefined : this.tokens.get(token);
    if (!issued || token === undefined) return undefined;
    if (method === "auth.revoke") {
      this.tokens.delete(token);
      return { ok: true, revoked: true };
    }
    if (method !== "auth.test") return undefined;
    const w = issued.workspace;
    return {
      ok: true,
      url: `https://${w.teamId.toLowerCase()}.slack.test/`,
      team: w.teamName,
      user: w.botName,
      team_id: w.teamId,
      user_id: w.botUserId,
      bot_id: w.botId,
    };
  }

  private access(params: Record<string, unknown>): Record<string, unknown> {
    if (params.client_id !== this.options.clientId || params.client_secret !== this.options.clientSecret)
      return { ok: false, error: "invalid_client" };
    if (params.grant_type === "refresh_token") {
      const old = this.refreshTokens.get(String(params.refresh_token ?? ""));
      const issued = old === undefined ? undefined : this.tokens.get(old);
      if (!issued) return { ok: false, error: "invalid_refresh_token" };
      // Slack hands out a new refresh token with each refresh; the old one is spent.
      this.refreshTokens.delete(String(params.refresh_token));
      const next = this.issue(issued.workspace, issued.scopes);
      return { ok: true, token_type: "bot", ...next };
    }
    const code = this.codes.get(String(params.code ?? ""));
    if (!code) return { ok: false, error: "invalid_code" };
    this.codes.delete(String(params.code));
    if (params.redirect_uri !== undefined && params.redirect_uri !== code.redirect)
      return { ok: false, error: "bad_redirect_uri" };
    const w = code.workspace;
    if (!this.workspaces.some((x) => x.teamId === w.teamId)) this.workspaces.push(w);
    return {
      ok: true,
      app_id: "A0FAKE",
      authed_user: { id: w.userId },
      token_type: "bot",
      bot_user_id: w.botUserId,
      team: { id: w.teamId, name: w.teamName },
      enterprise: null,
      is_enterprise_install: false,
      ...this.issue(w, code.scopes),
    };
  }

  private issue(workspace: FakeWorkspace, scopes: string[]) {
    const n = this.tokens.size + this.refreshTokens.size + 1;
    const rotating = this.expiresInSeconds !== undefined;
    const token = `${rotating ? "xoxe.xoxb" : "xoxb"}-${workspace.teamId}-${n}-${Math.random().toString(36).slice(2)}`;
    const refreshToken = rotating ? `xoxe-1-${workspace.teamId}-${n}` : undefined;
    this.tokens.set(token, { workspace, scopes, ...(refreshToken ? { refreshToken } : {}) });
    if (refreshToken) this.refreshTokens.set(refreshToken, token);
    return {
      access_token: token,
      scope: scopes.join(","),
      ...(refreshToken ? { refresh_token: refreshToken, expires_in: this.expiresInSeconds } : {}),
    };
  }
}
