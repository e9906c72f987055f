/** One figure of the benchmark table, beside the baseline measured in the same run. */
export interface Row {
  suite: string;
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline, or the figure the target is about. */
  ratio?: number;
  target?: string;
  met?: boolean;
}

const fmt = (n: number) =>
  Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);

export function printTable(rows: readonly Row[]): string {
  const lines = [
    "| suite | figure | value | baseline | ratio | target | met |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    const base = r.baseline ? `${fmt(r.baseline.value)} ${r.unit} (${r.baseline.name})` : "";
    const ratio = r.ratio === undefined ? "" : `${fmt(r.ratio)}×`;
    const met = r.met === undefined ? "" : r.met ? "yes" : "**no**";
    lines.push(
      `| ${r.suite} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${base} | ${ratio} | ${r.target ?? ""} | ${met} |`,
    );
  }
  return lines.join("\n");
}
