// The shape of one config key's declaration.

/** Types Pulumi's project config schema knows. */
export type ConfigType = "string" | "boolean" | "integer" | "array";

/** Declaration of one config key. */
export interface ConfigKey {
    /** Pulumi schema type; `object` keys (a list of models) are validated here only, see `inSchema`. */
    readonly type: ConfigType;
    /** Item type of arrays. */
    readonly items?: "string" | "object";
    /** What the key does. */
    readonly description: string;
    /**
     * Value used when the stack does not set the key. Every key has one: the Pulumi CLI treats a
     * declared key without a default as required. `""` means unset.
     */
    readonly default: string | number | boolean | readonly string[];
    /** Allowed values of string keys. */
    readonly allowed?: readonly string[];
    /**
     * Set it with `pulumi config set --secret`. Not declared `secret` in Pulumi.yaml: the CLI would
     * then require it of every stack (a secret key can have no plain default), ARO's or not.
     */
    readonly sensitive?: boolean;
    /** Whether Pulumi.yaml can declare it: Pulumi's schema has no object type, so lists of objects cannot. */
    readonly inSchema?: false;
}
