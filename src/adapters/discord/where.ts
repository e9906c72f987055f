/** Where an interaction happened, as the core's records and article choices know it. */
import type { Interaction } from "discord.js";
import type { Where } from "../../core/records.js";

/** The server and channel; undefined in a direct message, which belongs to no server. */
export const whereOf = (interaction: Pick<Interaction, "guildId" | "channelId">): Where | undefined =>
  interaction.guildId && interaction.channelId
    ? { workspace: interaction.guildId, channel: interaction.channelId }
    : undefined;
