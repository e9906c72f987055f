/**
 * The Dockerfile as the ops tests read it: parsed with dockerfile-ast (the parser behind VS Code's
 * Dockerfile language server) into stages, and the run stage's ENTRYPOINT, CMD and HEALTHCHECK
 * command as argument lists. Exec forms are read as JSON, as Docker reads them: one that is not
 * valid JSON (which Docker would silently run as a shell string) fails here.
 */
import { readFileSync } from "node:fs";
import { DockerfileParser, type Instruction } from "dockerfile-ast";

export const DOCKERFILE_TEXT = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8");

export interface Stage {
  /** `FROM <image> AS <name>`. */
  image: string;
  name: string | undefined;
  instructions: { keyword: string; flags: Record<string, string>; args: string }[];
}

export function stages(text = DOCKERFILE_TEXT): Stage[] {
  const out: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    const flags = flagsOf(instruction);
    const args = argumentsOf(instruction, Object.keys(flags).length);
    if (keyword === "FROM") {
      const [image = "", as, name] = args.split(/\s+/u);
      out.push({ image, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    } else out.at(-1)?.instructions.push({ keyword, flags, args });
  }
  return out;
}

/** The arguments after the instruction's own `flags` flags, as one string (continuations joined). */
function argumentsOf(instruction: Instruction, flags: number): string {
  const args = instruction.getArguments().map((a) => a.getValue());
  let skip = 0;
  while (skip < flags && args[skip]?.startsWith("--")) skip++;
  return args.slice(skip).join(" ");
}

function flagsOf(instruction: Instruction): Record<string, string> {
  const flags: Record<string, string> = {};
  const withFlags = instruction as Instruction & {
    getFlags?: () => { getName(): string; getValue(): string | null }[];
  };
  for (const flag of withFlags.getFlags?.() ?? []) flags[flag.getName()] = flag.getValue() ?? "";
  return flags;
}

/** An exec form (`["a", "b"]`) as Docker reads it. */
export function execForm(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === "string"))
    throw new Error(`not an exec form: ${text}`);
  return parsed;
}

export interface RunStage {
  stage: Stage;
  entrypoint: string[];
  cmd: string[];
  /** The HEALTHCHECK's command (after CMD), and its flags (--interval …). */
  healthcheck: string[];
  healthcheckFlags: Record<string, string>;
  /** The last USER, as written. */
  user: string | undefined;
  env: Record<string, string>;
}

const last = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).at(-1);

export function runStage(text = DOCKERFILE_TEXT): RunStage {
  const all = stages(text);
  const stage = all.at(-1);
  if (!stage) throw new Error("the Dockerfile has no FROM");
  const raw = (keyword: string) => rawArguments(text, all.length - 1, keyword);
  const health = raw("HEALTHCHECK") ?? "";
  const env: Record<string, string> = {};
  for (const i of stage.instructions.filter((i) => i.keyword === "ENV"))
    for (const [, name = "", value = ""] of i.args.matchAll(/(\w+)=(\S+)/gu)) env[name] = value;
  return {
    stage,
    entrypoint: execForm(raw("ENTRYPOINT") ?? "[]"),
    cmd: execForm(raw("CMD") ?? "[]"),
    healthcheck: execForm(/^(?:--\S+\s+)*CMD\s+(.*)$/su.exec(health)?.[1] ?? "[]"),
    healthcheckFlags: last(stage, "HEALTHCHECK")?.flags ?? {},
    user: last(stage, "USER")?.args,
    env,
  };
}

/** The arguments of a stage's last `keyword` exactly as written (continuations joined), for JSON. */
function rawArguments(text: string, stageIndex: number, keyword: string): string | undefined {
  let stage = -1;
  let found: string | undefined;
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword() === "FROM") stage++;
    else if (stage === stageIndex && instruction.getKeyword() === keyword)
      found = instruction.getRawArgumentsContent() ?? undefined;
  }
  return found?.replace(/\\\r?\n\s*/gu, "");
}
