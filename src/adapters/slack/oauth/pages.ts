/**
 * The pages a person installing the app sees: GET /slack/install ("Add to Slack", which leads to
 * Slack's authorize page), and after Slack sends them back to /slack/oauth_redirect, a page saying
 * it worked (and where to try a command) or a page saying plainly what failed and how to start over.
 * Everything shown that came from outside is HTML-escaped.
 */
import type { ServerResponse } from "node:http";
import type { HTTPReceiverOptions } from "@slack/bolt";
import type { Logger } from "../../../runtime/log.js";

type CallbackOptions = NonNullable<NonNullable<HTTPReceiverOptions["installerOptions"]>["callbackOptions"]>;

const html = (text: string): string =>
  text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`).replace(/\p{Cc}/gu, "");

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}
a.button{display:inline-block;padding:.6rem 1.2rem;border-radius:.4rem;background:#4a154b;color:#fff;text-decoration:none;font-weight:600}</style>
</head><body>
<h1>${html(title)}</h1>
${body}
</body></html>`;
}

/** GET /slack/install: one link to Slack's authorize page (its state is in the link and a cookie). */
export function installPage(authorizeUrl: string): string {
  return page(
    "Add Article Bot to Slack",
    `<p>Summaries, exact quotes and the announced penalties from one news article, in your Slack workspace.</p>
<p><a class="button" id="add-to-slack" href="${html(authorizeUrl)}">Add to Slack</a></p>`,
  );
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

/** What /slack/oauth_redirect answers, and its one log line when it fails. */
export function callbackPages(log: Logger): Pick<CallbackOptions, "success" | "failure"> {
  return {
    success(installation, _options, _req, res) {
      const team = installation.team?.name;
      send(
        res,
        200,
        page(
          "Article Bot is installed",
          `<p id="installed">Article Bot is installed${team ? ` in <strong>${html(team)}</strong>` : ""}.</p>
<p>In any channel, type <code>/summary</code> to try it, or <code>/help</code> for every command. To post the article as a thread, invite the bot first: <code>/invite @Article Bot</code>.</p>`,
        ),
      );
    },
    failure(error, _options, _req, res) {
      log.warn(
        { code: error.code, cause: error.message.slice(0, 300) },
        "a Slack installation did not finish",
      );
      send(
        res,
        400,
        page(
          "The installation did not finish",
          `<p id="failed">Slack did not complete the installation (${html(error.code ?? "unknown error")}: ${html(error.message.slice(0, 300))}).</p>
<p>Nothing was installed. <a href="/slack/install">Start again</a>; if it fails again, ask whoever runs the bot to check its log.</p>`,
        ),
      );
    },
  };
}
