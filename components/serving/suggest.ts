// Did-you-mean for field names, and the common folder of paths, for validation messages. Split from validate.ts.

/** The longest common folder of absolute paths. */
export function commonParent(paths: string[]): string {
    const split = paths.map((p) => p.split("/").filter(Boolean));
    const common: string[] = [];
    for (let i = 0; split.every((s) => i < s.length && s[i] === split[0][i]); i++) {
        common.push(split[0][i]);
    }
    return `/${common.join("/")}`;
}

/** The known name closest to `key` (same letters ignoring case, or at most two edits away). */
export function suggest(key: string, known: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = 3;
    for (const candidate of known) {
        const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}
