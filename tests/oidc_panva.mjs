// A provider that honours prompt=login, max_age and auth_time, for the step-up tests: npm
// `oidc-provider` (panva, pinned in package.json) with its development log-in pages, where any
// login name is the subject and any password is accepted. Started by tests/oidc_provider.py:
//   PORT=9401 CLIENTS='[{"client_id": ..., "redirect_uris": [...]}]' node tests/oidc_panva.mjs
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: JSON.parse(process.env.CLIENTS),
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
});
provider.listen(port, "127.0.0.1", () => console.log(`ready on ${port}`));
