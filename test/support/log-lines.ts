/**
 * A pino logger for in-process tests whose JSON lines are kept, parsed, in `logs`, so a test reads
 * what an operator would see after a fault.
 */
import { Writable } from "node:stream";
import pino from "pino";

export function keptLog<L extends Record<string, unknown> = Record<string, unknown>>(level = "debug") {
  const logs: L[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) logs.push(JSON.parse(line) as L);
      done();
    },
  });
  return { logs, log: pino({ level }, sink) };
}
