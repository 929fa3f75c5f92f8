// The token issuer of the kind stack (Pulumi.kind.yaml), for the e2e job: a fresh RSA key, its public
// half as a JWKS for the in-cluster keys server, and an RS256 token with the stack's issuer and first
// audience, valid for an hour. The private key never leaves this process.
//   node scripts/e2e-jwt.mjs <dir>     writes <dir>/jwks.json and <dir>/token
import { generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const dir = process.argv[2];
if (!dir) {
    console.error("usage: node scripts/e2e-jwt.mjs <output directory>");
    process.exit(2);
}
const config = yaml.load(readFileSync(new URL("../Pulumi.kind.yaml", import.meta.url), "utf8")).config;
const issuer = config["kserve-platform:modelAuthIssuer"];
const audience = config["kserve-platform:modelAuthAudiences"][0];

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const kid = randomUUID();
// RFC 7517 JWK of the public key, as Istio reads it from jwksUri.
const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = Math.floor(Date.now() / 1000);
const unsigned = `${b64({ alg: "RS256", typ: "JWT", kid })}.${b64({ iss: issuer, sub: "e2e-caller", aud: audience, iat: now, exp: now + 3600 })}`;
const token = `${unsigned}.${sign("sha256", Buffer.from(unsigned), privateKey).toString("base64url")}`;

mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "jwks.json"), `${JSON.stringify({ keys: [jwk] })}\n`);
writeFileSync(join(dir, "token"), token);
console.log(`wrote ${join(dir, "jwks.json")} and ${join(dir, "token")} (iss ${issuer}, aud ${audience})`);
