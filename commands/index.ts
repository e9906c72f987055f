/** Every command, in the order /help lists them. Adding a command means adding a file and a line here. */
import type { Command } from "../src/core/command.js";
import articleAdd from "./article-add.js";
import articleHistory from "./article-history.js";
import articleList from "./article-list.js";
import articlePost from "./article-post.js";
import articleUse from "./article-use.js";
import help from "./help.js";
import penalties from "./penalties.js";
import quote from "./quote.js";
import summary from "./summary.js";

export const commands: readonly Command[] = [
  summary,
  quote,
  penalties,
  articlePost,
  articleList,
  articleUse,
  articleAdd,
  articleHistory,
  help,
];
