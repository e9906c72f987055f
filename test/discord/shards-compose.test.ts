/**
 * compose.shards.yaml without a Docker engine (there is none on this machine: the file has never
 * been run, only read): valid against the Compose Specification's own JSON schema, every service
 * extending its namesake (or the bot) in compose.yaml, one process per shard slice, slices under
 * one total that cover every shard exactly once as the bot itself reads them, a start that waits
 * for healthy engines, and no secret written in the file.
 */
import { describe, expect, it } from "vitest";
import { shardSettings } from "../../src/adapters/discord/shards/settings.js";
import { stateSettings } from "../../src/state/settings.js";
import {
  type ComposeFile,
  type ComposeService,
  composeWith,
  ENGINE_PASSWORDS,
  rawCompose,
  SHARDS_COMPOSE_PATH,
  schemaProblems,
  strings,
} from "../ops/compose-file.js";

const raw = () => rawCompose(SHARDS_COMPOSE_PATH) as ComposeFile;
const sharded = composeWith(ENGINE_PASSWORDS, SHARDS_COMPOSE_PATH);
const base = composeWith(ENGINE_PASSWORDS);
const SHARD_SERVICES = ["shards-a", "shards-b"];

/** A service as Compose resolves `extends`: the base service, the local settings over it. */
function resolved(name: string): ComposeService {
  const local = sharded.services[name] ?? {};
  const from = base.services[local.extends?.service ?? ""] ?? {};
  return {
    ...from,
    ...local,
    environment: { ...from.environment, ...local.environment },
    deploy: { ...from.deploy, ...local.deploy },
  };
}

describe("compose.shards.yaml", () => {
  it("is a valid Compose file, and the schema check would catch one that is not", () => {
    expect(schemaProblems(raw())).toEqual([]);
    const broken = raw();
    const first = broken.services["shards-a"];
    if (first) first.depends_on = { postgres: { condition: "service_ready" } };
    expect(schemaProblems(broken)).toContainEqual(expect.objectContaining({ keyword: "enum" }));
  });

  it("extends compose.yaml: its engines by name, and the bot for each shard slice", () => {
    expect(Object.keys(sharded.services).sort()).toEqual(["postgres", "redis", ...SHARD_SERVICES]);
    for (const [name, service] of Object.entries(sharded.services)) {
      const from = SHARD_SERVICES.includes(name) ? "bot" : name;
      expect(service.extends, name).toEqual({ file: "compose.yaml", service: from });
      expect(base.services[from], name).toBeDefined();
    }
    // Top-level volumes do not come with `extends`: the engines' one is declared here too.
    expect(Object.keys(sharded.volumes ?? {})).toEqual(Object.keys(base.volumes ?? {}));
  });

  it("runs one process per slice; the slices share one total and cover every shard once", () => {
    const slices = SHARD_SERVICES.map((name) => {
      const service = resolved(name);
      expect(service.deploy?.replicas, name).toBe(1);
      expect(service.depends_on, name).toEqual({
        postgres: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
      });
      // The engines of compose.yaml, which this file extends.
      expect(stateSettings(service.environment ?? {})).toMatchObject({ engine: "postgres" });
      return shardSettings(service.environment ?? {});
    });
    const counts = new Set(slices.map((s) => s?.count));
    expect(counts.size).toBe(1);
    const [count] = [...counts];
    expect(typeof count).toBe("number");
    const ids = slices.flatMap((s) => s?.ids ?? []).sort((a, b) => a - b);
    expect(ids).toEqual([...Array(Number(count)).keys()]);
  });

  it("writes no secret: there is nothing under a secret's name in it", () => {
    const secret = [...strings(raw())].filter(([path]) =>
      /PASSWORD|SECRET|TOKEN|KEY|AUTH/u.test(path.at(-1) ?? ""),
    );
    expect(secret).toEqual([]);
  });
});
