// What both lint configs share.
export const ignores = ["node_modules/**", "dist/**", "**/*.js", "**/*.mjs"];

export const styleRules = {
  "@typescript-eslint/no-explicit-any": "error",
  curly: "error",
  eqeqeq: ["error", "smart"],
  "prefer-const": "error",
  "no-var": "error",
};

// Tests poke at recorded mock inputs, which are untyped by nature.
export const untypedTestFiles = {
  files: ["tests/**/*.ts", "conformance/**/*.ts", "scripts/**/*.ts"],
  rules: {
    "@typescript-eslint/no-unsafe-member-access": "off",
    "@typescript-eslint/no-unsafe-assignment": "off",
    "@typescript-eslint/no-unsafe-argument": "off",
    "@typescript-eslint/no-unsafe-call": "off",
    "@typescript-eslint/no-unsafe-return": "off",
    "@typescript-eslint/no-unused-expressions": "off",
    "@typescript-eslint/no-explicit-any": "off",
    "@typescript-eslint/no-non-null-assertion": "off",
  },
};
