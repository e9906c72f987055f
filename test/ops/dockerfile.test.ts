/**
 * The Dockerfile without a Docker engine: no problem dockerfile-utils' validator finds; a build
 * stage that compiles what `npm run build` compiles, a deps stage with production dependencies
 * only, and a run stage that runs the built bot as a non-root user under tini with a HEALTHCHECK
 * on /healthz; and a .dockerignore that keeps secrets, state and build output out of the context
 * but lets in everything the Dockerfile copies.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import dockerignore from "@balena/dockerignore";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { DOCKERFILE_TEXT, runStage, type Stage, stages } from "./dockerfile.js";

const ROOT = new URL("../../", import.meta.url);
const all = stages();
const byName = (name: string): Stage => all.find((s) => s.name === name) ?? never(name);
const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);
const copies = (stage: Stage) => stage.instructions.filter((i) => i.keyword === "COPY");
const run = runStage();

// The package is CommonJS (`module.exports = ignore`) with a `export default` declaration: from ESM
// the default import is that function itself.
const ignore = dockerignore as unknown as typeof dockerignore.default;

function never(name: string): never {
  throw new Error(`the Dockerfile has no stage named ${name}`);
}

describe("the Dockerfile", () => {
  it("has no problem Docker's syntax checker in dockerfile-utils finds, which does catch one", () => {
    expect(validate(DOCKERFILE_TEXT)).toEqual([]);
    expect(validate(DOCKERFILE_TEXT.replace("--start-period=", "--start-perod="))).not.toEqual([]);
  });

  it("builds on node:20-bookworm-slim in three stages: build, deps and run", () => {
    expect(all.map((s) => [s.name, s.image])).toEqual([
      ["build", "node:20-bookworm-slim"],
      ["deps", "node:20-bookworm-slim"],
      ["run", "node:20-bookworm-slim"],
    ]);
  });

  it("compiles in the build stage exactly what `npm run build` compiles", () => {
    const pkg = JSON.parse(readFileSync(new URL("package.json", ROOT), "utf8")) as {
      scripts: { build: string };
    };
    // `npm run build` runs scripts/build.mjs: tsc on the tsconfig it names, then esbuild on src/main.ts.
    const script = /^node (\S+\.mjs)$/u.exec(pkg.scripts.build)?.[1] ?? "";
    const tsconfig =
      /"(tsconfig[\w.-]*\.json)"/u.exec(readFileSync(new URL(script, ROOT), "utf8"))?.[1] ?? "";
    const { include } = JSON.parse(readFileSync(new URL(tsconfig, ROOT), "utf8")) as { include: string[] };
    const build = byName("build");
    const copied = copies(build).flatMap((c) => c.args.split(/\s+/u).slice(0, -1));
    // data/ too: the build derives the shipped article's snapshot from it.
    for (const needed of ["package.json", "package-lock.json", "tsconfig.json", tsconfig, "data", ...include])
      expect(copied, needed).toContain(needed);
    expect(runs(build)).toEqual(["npm ci --ignore-scripts", "npm run build"]);
  });

  it("installs production dependencies only, compiling native addons there, not in the run stage", () => {
    const deps = runs(byName("deps"));
    expect(deps.some((r) => /\bnpm ci --omit=dev\b/u.test(r))).toBe(true);
    expect(deps.some((r) => /apt-get install .*\bg\+\+/u.test(r))).toBe(true);
    expect(runs(run.stage).join("\n")).not.toMatch(/g\+\+|make|python3|npm (ci|install)/u);
  });

  it("runs what `npm run build` produces, with package.json (the root marker), node_modules, dist and data", () => {
    expect(run.cmd).toEqual(["node", "dist/src/main.js"]);
    // The global setup ran the same build: the file CMD names is there, and it is src/main.ts's output.
    expect(existsSync(new URL(run.cmd[1] ?? "", ROOT))).toBe(true);
    expect(relative("dist", run.cmd[1] ?? "")).toBe(join("src", "main.js"));
    expect(copies(run.stage).map((c) => [c.flags.from, c.args])).toEqual([
      [undefined, "package.json ./"],
      ["deps", "/app/node_modules ./node_modules"],
      ["build", "/app/dist ./dist"],
      [undefined, "data ./data"],
    ]);
  });

  it("runs as the non-root node user under tini, installed in the run stage", () => {
    expect(run.user).toBe("node");
    expect(run.stage.instructions.at(-1)?.keyword).toBe("CMD");
    expect(run.entrypoint).toEqual(["/usr/bin/tini", "--"]);
    expect(runs(run.stage).some((r) => /apt-get install .*\btini\b/u.test(r))).toBe(true);
  });

  it("checks GET /healthz on PORT with node, and exposes PORT", () => {
    expect(run.healthcheck.slice(0, 2)).toEqual(["node", "-e"]);
    expect(run.healthcheck[2]).toMatch(
      /fetch\(`http:\/\/127\.0\.0\.1:\$\{.*process\.env\.PORT.*\}\/healthz`/u,
    );
    expect(Object.keys(run.healthcheckFlags).sort()).toEqual([
      "interval",
      "retries",
      "start-period",
      "timeout",
    ]);
    const exposed = run.stage.instructions.filter((i) => i.keyword === "EXPOSE").map((i) => i.args);
    expect(exposed).toEqual([run.env.PORT]);
  });

  it("keeps STATE_DIR on a volume owned by node, made before USER switches away from root", () => {
    const dir = run.env.STATE_DIR ?? "";
    expect(dir).toBe("/app/state");
    const at = (keyword: string) => run.stage.instructions.findIndex((i) => i.keyword === keyword);
    const chown = run.stage.instructions.findIndex(
      (i) => i.keyword === "RUN" && i.args.includes(`chown node:node ${dir}`),
    );
    expect(chown).toBeGreaterThan(-1);
    expect(chown).toBeLessThan(at("VOLUME"));
    expect(at("VOLUME")).toBeLessThan(at("USER"));
    expect(run.stage.instructions[at("VOLUME")]?.args).toBe(JSON.stringify([dir]));
  });
});

describe(".dockerignore", () => {
  const rules = ignore().add(readFileSync(new URL(".dockerignore", ROOT), "utf8").split("\n"));

  it("keeps secrets, local state, git, installed and built output and test artefacts out", () => {
    const kept = [
      ".env",
      ".env.production",
      "state/bot.sqlite",
      "node_modules/zod/package.json",
      "dist/src/main.js",
    ];
    const more = [
      ".git/HEAD",
      ".bench-tmp/x",
      "coverage/index.html",
      "test/ops/compose.test.ts",
      "x.cpuprofile",
    ];
    for (const path of [...kept, ...more]) expect(rules.ignores(path), path).toBe(true);
  });

  it("lets in every file the Dockerfile copies from the context", () => {
    const sources = all
      .flatMap((s) => copies(s).filter((c) => !c.flags.from))
      .flatMap((c) => c.args.split(/\s+/u).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    const samples: Record<string, string> = {
      src: "src/main.ts",
      commands: "commands/index.ts",
      scripts: "scripts/register.ts",
      data: "data/article.txt",
    };
    for (const source of sources) {
      const path = samples[source] ?? source;
      expect(existsSync(new URL(path, ROOT)), path).toBe(true);
      expect(rules.ignores(path), path).toBe(false);
    }
    expect(rules.ignores(".env.example")).toBe(false);
  });
});
