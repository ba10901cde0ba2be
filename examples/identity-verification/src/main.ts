import { startVendorServer } from "./vendor-server.ts";

// RELAYDESK_IDENTITY_SECRET is what `relaydesk apps secret --app <appId>` printed.
const secret = process.env.RELAYDESK_IDENTITY_SECRET;
if (!secret) {
  console.error("Set RELAYDESK_IDENTITY_SECRET to the secret printed by: relaydesk apps secret --app demo");
  process.exit(2);
}
const vendor = await startVendorServer({
  relayUrl: process.env.RELAYDESK_URL ?? "http://localhost:8787",
  appId: process.env.RELAYDESK_APP_ID ?? "demo",
  secret,
  port: Number(process.env.PORT ?? 8080),
});
console.log(
  `vendor page on ${vendor.url}/ (signed in as user-42); claim JSON at ${vendor.url}/relaydesk-identity`,
);
