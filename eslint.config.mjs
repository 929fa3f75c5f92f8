// Lint with type information so the Pulumi rules can see which values are Outputs
// (`npm run lint:types`; `npm run lint` runs the rules that need no types, see eslint.fast.config.mjs).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";
import { ignores, styleRules, untypedTestFiles } from "./eslint.shared.mjs";

export default tseslint.config(
  { ignores },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      ...styleRules,
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  untypedTestFiles,
);
