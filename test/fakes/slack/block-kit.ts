/**
 * Slack's documented limits for a message payload (chat.postMessage, chat.postEphemeral, a
 * response_url or an ack), written down here independently of the bot's own constants so the fake
 * catches a renderer that gets them wrong. Returns one line per problem; empty means Slack would
 * accept it.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  blockId: 255,
  messageText: 40_000,
} as const;

type Json = Record<string, unknown>;

export function blockKitProblems(message: Json): string[] {
  const problems: string[] = [];
  const { blocks, text } = message;
  if (typeof text === "string" && text.length > SLACK_LIMITS.messageText)
    problems.push(`text has ${text.length} characters (max ${SLACK_LIMITS.messageText})`);
  if (blocks === undefined) {
    if (typeof text !== "string" || text === "") problems.push("a message needs text or blocks");
    return problems;
  }
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  if (blocks.length > SLACK_LIMITS.blocksPerMessage)
    problems.push(`${blocks.length} blocks (max ${SLACK_LIMITS.blocksPerMessage})`);
  blocks.forEach((block, i) => {
    for (const p of blockProblems(block as Json)) problems.push(`blocks[${i}]: ${p}`);
  });
  return problems;
}

function blockProblems(block: Json): string[] {
  const problems: string[] = [];
  if (typeof block.block_id === "string" && block.block_id.length > SLACK_LIMITS.blockId)
    problems.push(`block_id longer than ${SLACK_LIMITS.blockId}`);
  switch (block.type) {
    case "header": {
      const t = block.text as Json | undefined;
      if (t?.type !== "plain_text") problems.push("header text must be plain_text");
      problems.push(...textProblems(t, SLACK_LIMITS.headerText, "header text"));
      break;
    }
    case "section": {
      if (block.text === undefined && block.fields === undefined)
        problems.push("section needs text or fields");
      if (block.text !== undefined)
        problems.push(...textProblems(block.text as Json, SLACK_LIMITS.sectionText, "section text"));
      const fields = (block.fields ?? []) as Json[];
      if (fields.length > SLACK_LIMITS.sectionFields) problems.push(`${fields.length} fields (max 10)`);
      for (const f of fields) problems.push(...textProblems(f, SLACK_LIMITS.sectionFieldText, "field"));
      break;
    }
    case "context": {
      const elements = (block.elements ?? []) as Json[];
      if (elements.length === 0 || elements.length > SLACK_LIMITS.contextElements)
        problems.push(`context has ${elements.length} elements (1 to ${SLACK_LIMITS.contextElements})`);
      for (const e of elements)
        problems.push(...textProblems(e, SLACK_LIMITS.contextText, "context element"));
      break;
    }
    case "rich_text":
      problems.push(...richTextProblems(block.elements));
      break;
    case "divider":
      break;
    case "actions":
      problems.push(...actionsProblems(block.elements));
      break;
    default:
      problems.push(`block type ${String(block.type)} is not one this fake knows`);
  }
  return problems;
}

function textProblems(text: Json | undefined, max: number, what: string): string[] {
  if (!text || (text.type !== "mrkdwn" && text.type !== "plain_text"))
    return [`${what} must be a mrkdwn or plain_text object`];
  const value = text.text;
  if (typeof value !== "string" || value.length === 0) return [`${what} is empty`];
  return value.length > max ? [`${what} has ${value.length} characters (max ${max})`] : [];
}

/** rich_text: sections, quotes, lists and preformatted runs whose text elements are not empty. */
function richTextProblems(elements: unknown): string[] {
  if (!Array.isArray(elements) || elements.length === 0) return ["rich_text needs elements"];
  const problems: string[] = [];
  for (const element of elements as Json[]) {
    if (
      !["rich_text_section", "rich_text_quote", "rich_text_preformatted", "rich_text_list"].includes(
        String(element.type),
      )
    )
      problems.push(`rich_text element type ${String(element.type)}`);
    const inner = (element.elements ?? []) as Json[];
    if (inner.length === 0) problems.push(`${String(element.type)} is empty`);
    for (const run of inner)
      if (run.type === "text" && (typeof run.text !== "string" || run.text === ""))
        problems.push(`${String(element.type)} has an empty text element`);
  }
  return problems;
}

/** An actions block: 1 to 25 elements; buttons with plain_text up to 75, action_id 255, value 2,000. */
function actionsProblems(elements: unknown): string[] {
  if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25)
    return ["actions needs 1 to 25 elements"];
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of elements as Json[]) {
    if (e.type !== "button")
      problems.push(`actions element type ${String(e.type)} is not one this fake knows`);
    const text = e.text as Json | undefined;
    if (text?.type !== "plain_text") problems.push("button text must be plain_text");
    problems.push(...textProblems(text, 75, "button text"));
    if (typeof e.action_id !== "string" || e.action_id.length > 255) problems.push("button action_id");
    else if (ids.has(e.action_id)) problems.push(`action_id ${e.action_id} twice in one block`);
    else ids.add(e.action_id);
    if (e.value !== undefined && (typeof e.value !== "string" || e.value.length > 2000))
      problems.push("button value");
    if (e.style !== undefined && e.style !== "primary" && e.style !== "danger") problems.push("button style");
  }
  return problems;
}
