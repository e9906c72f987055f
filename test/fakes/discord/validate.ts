import {
  ApplicationCommandAutocompleteCallbackRequestSchema,
  ApplicationCommandCreateRequestSchema,
  ApplicationCommandPatchRequestPartialSchema,
  ApplicationCommandUpdateRequestSchema,
  CreateMessageInteractionCallbackRequestSchema,
  CreateTextThreadWithoutMessageRequestSchema,
  IncomingWebhookRequestPartialSchema,
  IncomingWebhookUpdateRequestPartialSchema,
  MessageCreateRequestSchema,
  MessageEditRequestPartialSchema,
  UpdateMessageInteractionCallbackRequestSchema,
} from "discord-api-spec/zod";
import { CallbackType, ErrorCode } from "./constants.js";

/**
 * Request bodies checked as Discord checks them: against Discord's published OpenAPI schemas (the
 * discord-api-spec package carries them as zod schemas, so a fresh clone needs nothing else) plus
 * the documented limits the spec does not encode, plus one policy of this project: every message
 * mentions no one.
 */
export interface Problem {
  /** Where in the body, Discord-style: "data.embeds.0.description". */
  path: string;
  code: string;
  message: string;
}

export interface Policy {
  /** Every message body must carry allowed_mentions that mention no one (this bot's promise). */
  noMentions: boolean;
}

export type Validator = (body: unknown, policy: Policy) => Problem[];

type SpecSchema = typeof MessageCreateRequestSchema;

const spec =
  (schema: SpecSchema, prefix = ""): Validator =>
  (body) => {
    const result = schema.safeParse(body);
    if (result.success) return [];
    return result.error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
      code: `SPEC_${i.code.toUpperCase()}`,
      message: i.message,
    }));
  };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Discord counts these fields of all embeds in a message against 6,000 characters. */
export function embedText(embeds: unknown): number {
  if (!Array.isArray(embeds)) return 0;
  const len = (v: unknown) => (typeof v === "string" ? v.length : 0);
  return embeds.filter(isObject).reduce((sum, e) => {
    const fields = Array.isArray(e.fields) ? e.fields.filter(isObject) : [];
    const footer = isObject(e.footer) ? e.footer.text : undefined;
    const author = isObject(e.author) ? e.author.name : undefined;
    return (
      sum +
      len(e.title) +
      len(e.description) +
      len(footer) +
      len(author) +
      fields.reduce((n, f) => n + len(f.name) + len(f.value), 0)
    );
  }, 0);
}

/** Limits and policy for a message body; `creates` when the body makes a new message. */
function messageRules(body: unknown, policy: Policy, creates: boolean, prefix = ""): Problem[] {
  if (!isObject(body)) return [];
  const at = (p: string) => [prefix, p].filter(Boolean).join(".");
  const problems: Problem[] = [];
  if (typeof body.content === "string" && body.content.length > 2000)
    problems.push({
      path: at("content"),
      code: "BASE_TYPE_MAX_LENGTH",
      message: "Must be 2000 or fewer in length.",
    });
  if (embedText(body.embeds) > 6000)
    problems.push({
      path: at("embeds"),
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: "Embed size exceeds maximum size of 6000",
    });
  const hasContent = typeof body.content === "string" && body.content.length > 0;
  const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
  if (creates && !hasContent && !hasEmbeds)
    problems.push({ path: at(""), code: "EMPTY_MESSAGE", message: "Cannot send an empty message" });
  if (policy.noMentions && (creates || hasContent || hasEmbeds) && !mentionsNoOne(body.allowed_mentions))
    problems.push({
      path: at("allowed_mentions"),
      code: "POLICY_MENTIONS",
      message: `must be {"parse": []} so that no one is pinged; got ${JSON.stringify(body.allowed_mentions)}`,
    });
  return problems;
}

function mentionsNoOne(allowed: unknown): boolean {
  if (!isObject(allowed)) return false;
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  return (
    Array.isArray(allowed.parse) &&
    allowed.parse.length === 0 &&
    empty(allowed.users) &&
    empty(allowed.roles) &&
    allowed.replied_user !== true
  );
}

const all =
  (...validators: Validator[]): Validator =>
  (body, policy) =>
    validators.flatMap((v) => v(body, policy));

const message =
  (creates: boolean, prefix = ""): Validator =>
  (body, policy) =>
    messageRules(body, policy, creates, prefix);

function callback(body: unknown, policy: Policy): Problem[] {
  const type = isObject(body) ? body.type : undefined;
  const data = isObject(body) ? body.data : undefined;
  switch (type) {
    case CallbackType.CHANNEL_MESSAGE_WITH_SOURCE:
      return [
        ...spec(CreateMessageInteractionCallbackRequestSchema)(body, policy),
        ...messageRules(data, policy, true, "data"),
      ];
    case CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
      return [
        ...spec(CreateMessageInteractionCallbackRequestSchema)(body, policy),
        ...messageRules(data, policy, false, "data"),
      ];
    case CallbackType.DEFERRED_UPDATE_MESSAGE:
    case CallbackType.UPDATE_MESSAGE:
      return [
        ...spec(UpdateMessageInteractionCallbackRequestSchema)(body, policy),
        ...messageRules(data, policy, false, "data"),
      ];
    case CallbackType.AUTOCOMPLETE_RESULT:
      return [
        ...spec(ApplicationCommandAutocompleteCallbackRequestSchema)(body, policy),
        ...choiceRules(data),
      ];
    default:
      return [
        {
          path: "type",
          code: "UNSUPPORTED_CALLBACK",
          message: `callback type ${String(type)} is not one the fake supports`,
        },
      ];
  }
}

/** Autocomplete choices: string values are limited to 100 characters like their names. */
function choiceRules(data: unknown): Problem[] {
  const choices = isObject(data) && Array.isArray(data.choices) ? data.choices : [];
  return choices.flatMap((c, i) =>
    isObject(c) && typeof c.value === "string" && c.value.length > 100
      ? [
          {
            path: `data.choices.${i}.value`,
            code: "BASE_TYPE_MAX_LENGTH",
            message: "Must be 100 or fewer in length.",
          },
        ]
      : [],
  );
}

// Discord documents default_member_permissions as a string (discord.js sends one); the OpenAPI
// spec says integer. Discord accepts both, so a digit string is read as its number first.
function permissionsAsNumber(command: unknown): unknown {
  if (!isObject(command) || typeof command.default_member_permissions !== "string") return command;
  if (!/^\d+$/u.test(command.default_member_permissions)) return command;
  return { ...command, default_member_permissions: Number(command.default_member_permissions) };
}

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Rules for command payloads the spec leaves to prose: lowercase names, required options first. */
function commandRules(command: unknown, prefix = ""): Problem[] {
  if (!isObject(command)) return [];
  const problems: Problem[] = [];
  const at = (p: string) => [prefix, p].filter((s) => s !== "").join(".");
  if (typeof command.name === "string" && !NAME.test(command.name))
    problems.push({
      path: at("name"),
      code: "APPLICATION_COMMAND_INVALID_NAME",
      message: "Command name is invalid",
    });
  const options = Array.isArray(command.options) ? command.options.filter(isObject) : [];
  let optionalSeen = false;
  options.forEach((o, i) => {
    problems.push(...commandRules(o, at(`options.${i}`)));
    if (o.type === 1 || o.type === 2) return;
    if (o.required === true && optionalSeen)
      problems.push({
        path: at(`options.${i}.required`),
        code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        message: "Required options must be placed before non-required options",
      });
    if (o.required !== true) optionalSeen = true;
  });
  return problems;
}

const commandCreate: Validator = (body, policy) => [
  ...spec(ApplicationCommandCreateRequestSchema)(permissionsAsNumber(body), policy),
  ...commandRules(body),
];

const commandPatch: Validator = (body, policy) => [
  ...spec(ApplicationCommandPatchRequestPartialSchema)(permissionsAsNumber(body), policy),
  ...commandRules(body),
];

const commandBulk: Validator = (body, policy) => {
  if (!Array.isArray(body)) return [{ path: "", code: "ARRAY_TYPE_CONVERT", message: "Must be an array." }];
  return body.flatMap((c, i) => [
    ...spec(ApplicationCommandUpdateRequestSchema, String(i))(permissionsAsNumber(c), policy),
    ...commandRules(c, String(i)),
  ]);
};

/** The validator for each route the fake serves that takes a body, by route template. */
export const VALIDATORS: Record<string, Validator> = {
  "POST /interactions/:interaction/:token/callback": callback,
  "POST /webhooks/:application/:token": all(spec(IncomingWebhookRequestPartialSchema), message(true)),
  "PATCH /webhooks/:application/:token/messages/:message": all(
    spec(IncomingWebhookUpdateRequestPartialSchema),
    message(false),
  ),
  "POST /channels/:channel/messages": all(spec(MessageCreateRequestSchema), message(true)),
  "PATCH /channels/:channel/messages/:message": all(spec(MessageEditRequestPartialSchema), message(false)),
  "POST /channels/:channel/threads": spec(CreateTextThreadWithoutMessageRequestSchema),
  "POST /applications/:application/commands": commandCreate,
  "POST /applications/:application/guilds/:guild/commands": commandCreate,
  "PATCH /applications/:application/commands/:command": commandPatch,
  "PATCH /applications/:application/guilds/:guild/commands/:command": commandPatch,
  "PUT /applications/:application/commands": commandBulk,
  "PUT /applications/:application/guilds/:guild/commands": commandBulk,
};

/** Discord's 400 body: code 50035 with errors nested by path, or 50006 for an empty message. */
export function invalidBody(problems: readonly Problem[]): {
  code: number;
  message: string;
  errors?: unknown;
} {
  if (problems.some((p) => p.code === "EMPTY_MESSAGE"))
    return { code: ErrorCode.CANNOT_SEND_EMPTY_MESSAGE, message: "Cannot send an empty message" };
  const errors: Record<string, unknown> = {};
  for (const p of problems) {
    let node = errors;
    for (const key of p.path.split(".").filter(Boolean)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node._errors = [...((node._errors as unknown[] | undefined) ?? []), { code: p.code, message: p.message }];
  }
  return { code: ErrorCode.INVALID_FORM_BODY, message: "Invalid Form Body", errors };
}
