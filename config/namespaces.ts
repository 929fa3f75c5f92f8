/**
 * `modelNamespace` follows the rules of a model's namespace (components/serving/checks.ts): the
 * stack creates, labels and fences model namespaces, so it may not be one it does not own.
 */
import { dns1123Label, maxLabelLength } from "../components/common";
import { namespaceRefusal } from "../components/serving";

/** What is wrong with `modelNamespace`, or undefined. */
export function modelNamespaceProblem(namespace: string): string | undefined {
    if (!dns1123Label.test(namespace) || namespace.length > maxLabelLength) {
        return `got "${namespace}"; must be a DNS-1123 label of at most ${maxLabelLength} characters`;
    }
    return namespaceRefusal(namespace);
}
