// A provider that honours prompt=login, max_age, auth_time and acr_values, for the step-up and
// assurance-level tests: npm `oidc-provider` (panva, pinned in package.json) with its development
// log-in pages, where any login name is the subject. Started by tests/oidc_provider.py:
//   PORT=9401 CLIENTS='[{"client_id": ..., "redirect_uris": [...]}]' node tests/oidc_panva.mjs
//
// The log-in is answered here rather than by the development pages, so that the ID token carries
// an `acr`: the level the client asked for in `acr_values` (the first value), as a broker does
// after a MitID log-in at that level. Typing "low" as the password stands for a person who only
// reached NSIS Low (e.g. a broker that fell back), so the portal's refusal can be tested too.
import Provider from "oidc-provider";

const NSIS = "https://data.gov.dk/concept/core/nsis/loa/";
const LEVELS = ["Low", "Substantial", "High"].map((level) => NSIS + level);

const port = Number(process.env.PORT);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: JSON.parse(process.env.CLIENTS),
  acrValues: LEVELS,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
});

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

provider.use(async (ctx, next) => {
  if (ctx.method !== "POST" || !/^\/interaction\/[^/]+$/.test(ctx.path)) {
    return next();
  }
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.prompt.name !== "login") {
    return next();
  }
  const form = await readForm(ctx.req);
  const asked = String(details.params.acr_values || "").split(" ").filter(Boolean)[0];
  const acr = form.password === "low" ? LEVELS[0] : asked;
  ctx.respond = false;
  await provider.interactionFinished(
    ctx.req,
    ctx.res,
    { login: { accountId: form.login, ...(acr ? { acr } : {}) } },
    { mergeWithLastSubmission: false },
  );
});

provider.listen(port, "127.0.0.1", () => console.log(`ready on ${port}`));
