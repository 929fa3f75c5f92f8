/** Stack config of LLM serving (`llmServing`). */
import type { Reader } from "./reader";

/**
 * `llmServing`: LLM serving on even when no LLM is declared (a platform stack that others deploy
 * LLMs onto). The platform ORs it with "an LLM is declared".
 */
export function readLlmServing(r: Reader): boolean {
    return r.boolean("llmServing");
}
