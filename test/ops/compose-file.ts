/**
 * compose.yaml (and compose.shards.yaml, given its path) as the tests read it: parsed with the `yaml` package, and interpolated the way
 * Compose does (`${VAR}`, `${VAR:-default}`, `${VAR:?error}`, `$$` for a literal `$`) with the
 * variables an operator's .env would hold.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse } from "yaml";

export const COMPOSE_PATH = new URL("../../compose.yaml", import.meta.url);
export const SHARDS_COMPOSE_PATH = new URL("../../compose.shards.yaml", import.meta.url);

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: ({ path: string; required?: boolean } | string)[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
  ports?: string[];
  configs?: { source: string; target: string }[];
  extends?: { file: string; service: string };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  configs?: Record<string, { content?: string }>;
  volumes?: Record<string, unknown>;
}

/** github.com/compose-spec/compose-spec schema/compose-spec.json (Apache-2.0; LICENSE and NOTICE beside it). */
const SCHEMA = new URL("../specs/compose/compose-spec.json", import.meta.url);
const schema = JSON.parse(readFileSync(SCHEMA, "utf8")) as Record<string, unknown>;
// The schema names draft-07 without the trailing "#" Ajv registers it under; the keywords are draft-07's.
delete schema.$schema;
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
/** What the Compose Specification's own JSON schema finds wrong with a parsed file (none: []). */
export const schemaProblems = (file: unknown) => (validate(file) ? [] : validate.errors);

export const composeText = (path = COMPOSE_PATH): string => readFileSync(path, "utf8");
export const rawCompose = (path = COMPOSE_PATH): unknown => parse(composeText(path));

/** Compose's interpolation of one string; a `${VAR:?message}` with VAR unset throws the message. */
export function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/gu,
    (whole, name?: string, op?: string, arg?: string) => {
      if (whole === "$$") return "$";
      const value = vars[name ?? ""];
      const unset = op?.startsWith(":") ? !value : value === undefined;
      if (!unset || op === undefined) return value ?? "";
      if (op.endsWith("?")) throw new Error(`${name}: ${arg || "required variable is missing"}`);
      return arg ?? "";
    },
  );
}

/** The whole file with every string interpolated, as `docker compose config` would see it. */
export function composeWith(vars: Record<string, string>, path = COMPOSE_PATH): ComposeFile {
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return interpolate(node, vars);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object")
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(rawCompose(path)) as ComposeFile;
}

/** What an operator's .env holds for the engines (hex, as docs/deploy.md generates them). */
export const ENGINE_PASSWORDS = {
  POSTGRES_PASSWORD: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
  REDIS_PASSWORD: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
};

/** Every string in the file with where it is, for checks over all of it. */
export function* strings(node: unknown, path: string[] = []): Generator<[string[], string]> {
  if (typeof node === "string") yield [path, node];
  else if (Array.isArray(node)) for (const [i, v] of node.entries()) yield* strings(v, [...path, String(i)]);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) yield* strings(v, [...path, k]);
}
