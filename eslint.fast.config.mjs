// The lint `npm test` runs: every rule that needs no type information, in seconds. The
// type-aware rules (Outputs in template literals, floating promises, unsafe any) run in
// `npm run lint:types` (eslint.config.mjs), which .ci/run and CI run too.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { ignores, styleRules, untypedTestFiles } from "./eslint.shared.mjs";

export default tseslint.config({ ignores }, js.configs.recommended, ...tseslint.configs.recommended, { rules: styleRules }, untypedTestFiles);
