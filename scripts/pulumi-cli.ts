// The Pulumi CLI for `npm run up:local` and `npm run render` on a machine without one: the `pulumi`
// on PATH when there is one, else the pinned CLI installed into the project (.pulumi-cli/, ignored
// by git) with the Automation API. The pin is the SDK's own version (package.json), so CLI and SDK
// stay on the same line: PulumiCommand.install's default version is the SDK's. Prints the directory
// holding `pulumi` on stdout, progress on stderr.
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "..");

/** The CLI version: the one of the @pulumi/pulumi SDK the project pins. */
export function pinnedVersion(): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    return pkg.dependencies["@pulumi/pulumi"];
}

export interface EnsureOptions {
    /** Where the CLI goes (its `bin/pulumi`). */
    cliRoot: string;
    /** The version being installed (the SDK's), for messages. */
    version: string;
    /** How long the download may take before giving up. */
    timeoutSeconds: number;
    /** The installer (Automation API's by default; tests pass their own). */
    install?: (opts: { root: string }) => Promise<unknown>;
    /** Where progress goes. */
    log?: (line: string) => void;
}

/** Makes sure `<cliRoot>/bin/pulumi` exists, installing it when it does not; returns its directory. */
export async function ensurePulumiCli(opts: EnsureOptions): Promise<string> {
    const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const bin = path.join(opts.cliRoot, "bin");
    if (fs.existsSync(path.join(bin, "pulumi"))) {
        log(`Using the Pulumi CLI in ${bin}.`);
        return bin;
    }
    log(`No pulumi on PATH: installing the Pulumi CLI v${opts.version} (the SDK's version) into ${opts.cliRoot} ...`);
    // Loaded only when needed: the Automation API takes a while to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const install = opts.install ?? ((o) => (require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation")).PulumiCommand.install(o));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${opts.timeoutSeconds} s`)), opts.timeoutSeconds * 1000);
    });
    try {
        await Promise.race([install({ root: opts.cliRoot }), timeout]);
    } catch (e) {
        throw new Error(
            `Could not install the Pulumi CLI v${opts.version} into ${opts.cliRoot}: ${(e as Error).message}.\n` +
                "The download (https://get.pulumi.com) needs internet access. Install the CLI yourself " +
                "(https://www.pulumi.com/docs/iac/download-install/) and put it on PATH, then run the command again.",
        );
    } finally {
        clearTimeout(timer);
    }
    if (!fs.existsSync(path.join(bin, "pulumi"))) {
        throw new Error(`The Pulumi CLI installer finished but left no ${path.join(bin, "pulumi")}.`);
    }
    log(`Installed the Pulumi CLI v${opts.version} in ${bin}.`);
    return bin;
}

if (require.main === module) {
    ensurePulumiCli({
        cliRoot: process.env.PULUMI_CLI_ROOT ?? path.join(root, ".pulumi-cli"),
        version: pinnedVersion(),
        timeoutSeconds: Number(process.env.PULUMI_CLI_INSTALL_TIMEOUT_SECONDS ?? 300),
    }).then(
        (bin) => {
            process.stdout.write(`${bin}\n`);
            // The installer's download may still hold the event loop after a timeout.
            process.exit(0);
        },
        (e: Error) => {
            process.stderr.write(`${e.message}\n`);
            process.exit(1);
        },
    );
}
