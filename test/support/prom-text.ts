/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4), for the /metrics tests:
 * every line must be a HELP, a TYPE, or a sample of a family declared above it, with well-formed
 * labels and a number; anything else throws, naming the line.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Family name → its TYPE (counter, gauge, histogram, summary, untyped). */
  types: Map<string, string>;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/u;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/u;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(?:,|$)/u;
const SUFFIXES: Record<string, readonly string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

export function parseExposition(text: string): Exposition {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [i, line] of text.slice(0, -1).split("\n").entries()) {
    const where = `line ${i + 1}: ${JSON.stringify(line.slice(0, 120))}`;
    if (line === "") continue;
    if (line.startsWith("#")) {
      const [, keyword, name, rest] = /^# (HELP|TYPE) (\S+) ?(.*)$/u.exec(line) ?? [];
      if (!keyword || !name || !NAME.test(name)) throw new Error(`malformed comment at ${where}`);
      if (keyword === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(rest ?? ""))
          throw new Error(`unknown type at ${where}`);
        if (types.has(name)) throw new Error(`second TYPE for ${name} at ${where}`);
        types.set(name, rest ?? "");
      }
      continue;
    }
    const [, name = "", labelText, number = ""] = SAMPLE.exec(line) ?? [];
    if (!name) throw new Error(`not a sample at ${where}`);
    if (!familyOf(name, types)) throw new Error(`sample of an undeclared family at ${where}`);
    // Prometheus reads values as Go's ParseFloat does: NaN and Inf in any case (prom-client writes "Nan").
    const special: Record<string, number> = {
      nan: Number.NaN,
      "+inf": Infinity,
      inf: Infinity,
      "-inf": -Infinity,
    };
    const value = special[number.toLowerCase()] ?? Number(number);
    if ((Number.isNaN(value) && number.toLowerCase() !== "nan") || number === "")
      throw new Error(`not a number at ${where}`);
    samples.push({ name, labels: parseLabels(labelText ?? "", where), value });
  }
  return { types, samples };
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name) && !SUFFIXES[types.get(name) ?? ""]?.length) return name;
  for (const [family, type] of types)
    for (const suffix of SUFFIXES[type] ?? [""]) if (name === family + suffix) return family;
  return undefined;
}

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest !== "") {
    const match = LABEL.exec(rest);
    if (!match) throw new Error(`malformed labels at ${where}`);
    const [whole, key = "", raw = ""] = match;
    if (key in labels) throw new Error(`label ${key} twice at ${where}`);
    labels[key] = raw.replace(/\\(.)/gu, (_, c: string) => (c === "n" ? "\n" : c));
    rest = rest.slice(whole.length);
  }
  return labels;
}

/** The value of the one sample named `name` whose labels include `labels` (0 when there is none). */
export function sampleValue(
  exposition: Exposition,
  name: string,
  labels: Record<string, string> = {},
): number {
  const found = exposition.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}
