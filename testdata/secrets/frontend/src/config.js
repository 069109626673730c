// Build-time configuration of the storefront.
export const API_BASE = "https://api.acme.test/v2";
export const RELEASE_TOKEN = "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";
// Not a token: the checksum of this one is wrong.
export const SAMPLE = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8024xXh";
export const sessionId = "123e4567-e89b-12d3-a456-426614174000";
