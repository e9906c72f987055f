import { type APIApplicationCommand, type REST, Routes } from "discord.js";
import type { CommandPayload } from "./registration.js";

export interface SyncTarget {
  applicationId: string;
  /** Guild commands (instant, one server) when set; global commands otherwise. */
  guildId?: string | undefined;
}

export interface SyncResult {
  created: string[];
  /** Each changed command with the fields that differ. */
  changed: { name: string; fields: string[] }[];
  removed: string[];
  unchanged: string[];
}

/**
 * Makes Discord's commands match `wanted`: reads what is registered, compares, and only when
 * something differs overwrites the set in one request (Discord keeps the ids of commands whose
 * names stay). When everything matches, nothing is written.
 */
export async function syncCommands(
  rest: REST,
  target: SyncTarget,
  wanted: readonly CommandPayload[],
): Promise<SyncResult> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const existing = (await rest.get(route)) as APIApplicationCommand[];
  const result = diff(existing, wanted);
  if (result.created.length + result.changed.length + result.removed.length > 0)
    await rest.put(route, { body: wanted });
  return result;
}

export function diff(
  existing: readonly APIApplicationCommand[],
  wanted: readonly CommandPayload[],
): SyncResult {
  const result: SyncResult = { created: [], changed: [], removed: [], unchanged: [] };
  for (const w of wanted) {
    const e = existing.find((c) => c.name === w.name);
    if (!e) {
      result.created.push(w.name);
      continue;
    }
    const have = normalize(e);
    const want = normalize(w);
    const fields = Object.keys(want).filter((k) => JSON.stringify(have[k]) !== JSON.stringify(want[k]));
    if (fields.length > 0) result.changed.push({ name: w.name, fields });
    else result.unchanged.push(w.name);
  }
  result.removed = existing.filter((e) => !wanted.some((w) => w.name === e.name)).map((e) => e.name);
  return result;
}

type Loose = Record<string, unknown>;

/**
 * The fields we set, with Discord's defaults filled in, so a command that Discord echoes back with
 * `required: false` omitted (or a permission as a string) compares equal to what we send.
 */
function normalize(command: object): Loose {
  const c = command as Loose;
  return {
    type: c.type ?? 1,
    description: c.description ?? "",
    options: normalizeOptions(c.options),
    default_member_permissions:
      c.default_member_permissions == null ? null : String(c.default_member_permissions),
    contexts: sorted(c.contexts),
    integration_types: sorted(c.integration_types),
    nsfw: c.nsfw ?? false,
  };
}

function normalizeOptions(options: unknown): Loose[] {
  if (!Array.isArray(options)) return [];
  return options.map((option: Loose) => ({
    type: option.type,
    name: option.name,
    description: option.description,
    required: option.required ?? false,
    autocomplete: option.autocomplete ?? false,
    max_length: option.max_length ?? null,
    min_length: option.min_length ?? null,
    choices: Array.isArray(option.choices)
      ? option.choices.map((ch: Loose) => ({ name: ch.name, value: ch.value }))
      : [],
    channel_types: sorted(option.channel_types),
    options: normalizeOptions(option.options),
  }));
}

const sorted = (list: unknown): unknown[] | null =>
  Array.isArray(list) ? [...list].sort((a, b) => Number(a) - Number(b)) : null;
