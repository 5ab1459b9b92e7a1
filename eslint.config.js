import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: ["build/**", "app/db/generated/**", ".cache/**", ".tmp/**", ".demo/**", "node_modules/**", "coverage/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "no-eval": "error",
      "no-implied-eval": "error",
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
      // Untrusted text must render as text.
      "react/no-danger": "error",
    },
  },
  {
    // Test helpers named use* (useFakeShopify) set up vitest hooks, not React hooks.
    files: ["**/*.test.tsx"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Plain browser scripts (no build step): ES5-style code for the widest reach.
    files: ["extensions/**/*.js", "demo/public/**/*.js"],
    languageOptions: { globals: { ...globals.browser }, sourceType: "script" },
    rules: {
      "@typescript-eslint/no-this-alias": "off",
      "@typescript-eslint/no-unused-expressions": ["error", { allowTernary: true, allowShortCircuit: true }],
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Build DOM with createElement/textContent." },
        { property: "outerHTML", message: "Build DOM with createElement/textContent." },
      ],
    },
  },
);
