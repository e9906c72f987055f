// discord-api-spec ships its zod schemas as plain JavaScript; these are the ones the fake uses.
declare module "discord-api-spec/zod" {
  interface SpecIssue {
    code: string;
    path: PropertyKey[];
    message: string;
  }
  interface SpecSchema {
    safeParse(
      value: unknown,
    ): { success: true; data: unknown } | { success: false; error: { issues: SpecIssue[] } };
  }
  export const ApplicationCommandAutocompleteCallbackRequestSchema: SpecSchema;
  export const ApplicationCommandCreateRequestSchema: SpecSchema;
  export const ApplicationCommandPatchRequestPartialSchema: SpecSchema;
  export const ApplicationCommandUpdateRequestSchema: SpecSchema;
  export const CreateMessageInteractionCallbackRequestSchema: SpecSchema;
  export const CreateTextThreadWithoutMessageRequestSchema: SpecSchema;
  export const IncomingWebhookRequestPartialSchema: SpecSchema;
  export const IncomingWebhookUpdateRequestPartialSchema: SpecSchema;
  export const MessageCreateRequestSchema: SpecSchema;
  export const MessageEditRequestPartialSchema: SpecSchema;
  export const UpdateMessageInteractionCallbackRequestSchema: SpecSchema;
}
