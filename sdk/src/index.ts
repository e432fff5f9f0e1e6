// @xinren/sdk: filled in by issue 19 (client, helpers, webhook verification).
export {};
