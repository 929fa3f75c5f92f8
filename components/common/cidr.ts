/** IPv4 address ranges, for checking an address plan before Azure does. */
export interface Cidr {
    /** First address, as an unsigned 32-bit number. */
    start: number;
    /** Prefix length. */
    bits: number;
}

/** Parses `a.b.c.d`; undefined when it is not an IPv4 address. */
export function parseIp(text: string): number | undefined {
    const parts = text.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
        return undefined;
    }
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Parses `a.b.c.d/n` with the address on the prefix boundary; undefined otherwise. */
export function parseCidr(text: string): Cidr | undefined {
    const [ip, bitsText, ...rest] = text.split("/");
    const start = parseIp(ip ?? "");
    const bits = Number(bitsText);
    if (rest.length || start === undefined || !/^\d{1,2}$/.test(bitsText ?? "") || bits > 32) {
        return undefined;
    }
    return start % size({ start, bits }) === 0 ? { start, bits } : undefined;
}

function size(c: Cidr): number {
    return 2 ** (32 - c.bits);
}

/** True when `inner` lies within `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
    return inner.start >= outer.start && inner.start + size(inner) <= outer.start + size(outer);
}

/** True when the address lies within the range. */
export function cidrContainsIp(range: Cidr, ip: number): boolean {
    return ip >= range.start && ip < range.start + size(range);
}

/** True when the ranges share an address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
    return a.start < b.start + size(b) && b.start < a.start + size(a);
}
