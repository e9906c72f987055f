/** Discord's embeds for a cached answer, made once for every member who asks it (src/render/once.ts). */
import { renderedOnce } from "../../../render/once.js";
import { renderReply } from "./reply.js";

export const renderOnce = renderedOnce(renderReply);
