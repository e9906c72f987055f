import { type FakeSocketMode, startFakeSocketMode } from "./socket-mode.js";
import { type FakeSlackApi, type FakeSlackApiOptions, startFakeSlackApi } from "./web-api.js";

export * from "./actions.js";
export * from "./block-kit.js";
export * from "./slash-command.js";
export * from "./socket-mode.js";
export * from "./visible.js";
export * from "./web-api.js";

export interface FakeSlack {
  api: FakeSlackApi;
  /** Present when started with `socketMode: true`; apps.connections.open points at it. */
  socket: FakeSocketMode | undefined;
  close(): Promise<void>;
}

/** The fake Web API, and with `socketMode` a fake Socket Mode server wired to it; both on port 0. */
export async function startFakeSlack(
  options: FakeSlackApiOptions & { socketMode?: boolean } = {},
): Promise<FakeSlack> {
  const socket = options.socketMode ? await startFakeSocketMode() : undefined;
  const api = await startFakeSlackApi({ ...options, ...(socket ? { socketModeUrl: () => socket.url } : {}) });
  return {
    api,
    socket,
    async close() {
      await Promise.all([api.close(), socket?.close()]);
    },
  };
}
